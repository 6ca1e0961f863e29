package dev.accelerometer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The contract between a typed REST client (a JAX-RS interface with records for its bodies) and the OpenAPI document of
 * the service it calls: every method's path and verb is an operation of the document, every query and path parameter
 * is one of the operation's, every field a response record reads is a property of the response schema with a type
 * that reads into it, and every field a request record sends is one the request schema takes (and every required one is
 * sent). Run by the calling service against the committed document, and by the called service against the document it
 * serves, so a change on either side that breaks the other fails the build of the side that changed.
 */
public final class ClientContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private final JsonNode document;
    private final Map<String, Type> entities = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    private ClientContract(JsonNode document) {
        this.document = document;
    }

    /** The contract against an OpenAPI document in JSON. */
    public static ClientContract against(JsonNode document) {
        return new ClientContract(document);
    }

    /** The contract against a committed document, e.g. {@code ../../openapi/catalog.json} from a module directory. */
    public static ClientContract against(Path document) {
        try {
            return new ClientContract(JSON.readTree(document.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + document.toAbsolutePath(), e);
        }
    }

    /** For a method that returns a raw {@code Response}: the entity type it reads from the 200 answer. */
    public ClientContract entity(String method, Type type) {
        entities.put(method, type);
        return this;
    }

    /** Checks every method of the client interface; returns the violations (empty when the contract holds). */
    public List<String> check(Class<?> client) {
        String base = path(client.getAnnotations());
        for (Method method : client.getDeclaredMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String verb = verb(method);
            if (verb == null) {
                continue;
            }
            String path = join(base, path(method.getAnnotations()));
            String where = client.getSimpleName() + "." + method.getName() + " (" + verb + " " + path + ")";
            JsonNode operation = document.path("paths").path(path).path(verb.toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                violations.add(where + ": no such operation in the document");
                continue;
            }
            checkParameters(where, method, operation, path);
            Type returned = entities.getOrDefault(method.getName(), method.getGenericReturnType());
            if (returned != void.class && !isRawResponse(returned)) {
                JsonNode schema = responseSchema(operation);
                if (schema == null) {
                    violations.add(where + ": the document gives no JSON schema for a 2xx answer");
                } else {
                    readable(where + " answer", schema, returned, new HashSet<>(), Map.of());
                }
            }
            for (int i = 0; i < method.getParameterCount(); i++) {
                if (method.getParameterAnnotations()[i].length == 0) {
                    JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                    if (body.isMissingNode()) {
                        violations.add(where + ": sends a body the operation does not take");
                    } else {
                        sendable(where + " request", resolve(body), method.getGenericParameterTypes()[i]);
                    }
                }
            }
        }
        return List.copyOf(violations);
    }

    private void checkParameters(String where, Method method, JsonNode operation, String path) {
        Set<String> declared = new HashSet<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter);
            declared.add(p.path("in").asText() + ":" + p.path("name").asText());
        }
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                String kind = a.annotationType().getSimpleName();
                String name = value(a);
                String in = switch (kind) {
                    case "QueryParam", "RestQuery" -> "query";
                    case "PathParam", "RestPath" -> "path";
                    case "HeaderParam", "RestHeader" -> "header";
                    default -> null;
                };
                if (in == null || name == null || name.isEmpty()) {
                    continue; // a map of filters (@RestQuery Map) is checked by the server's own allow-list
                }
                if ("header".equals(in) && List.of("if-none-match", "if-match", "accept").contains(name.toLowerCase(Locale.ROOT))
                        && !declared.contains(in + ":" + name)) {
                    continue; // conditional and content-negotiation headers are HTTP's, not the operation's
                }
                if (!declared.contains(in + ":" + name)) {
                    violations.add(where + ": " + in + " parameter '" + name + "' is not one of the operation's " + declared);
                }
            }
        }
    }

    /** Every field of {@code type} the client reads must exist in {@code schema} with a compatible type. */
    private void readable(String where, JsonNode schema, Type declared, Set<Type> seen, Map<TypeVariable<?>, Type> bindings) {
        JsonNode s = resolve(schema);
        Type type = declared instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : declared;
        Class<?> raw = raw(type);
        String jsonType = jsonType(s);
        if (raw == Object.class || raw == JsonNode.class) {
            return;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            expect(where, jsonType, "array");
            readable(where + "[]", s.path("items"), argument(type, 0), seen, bindings);
            return;
        }
        if (Map.class.isAssignableFrom(raw)) {
            expect(where, jsonType, "object");
            return;
        }
        String wanted = scalar(raw);
        if (wanted != null) {
            if ("number".equals(wanted) ? !List.of("number", "integer").contains(jsonType) : !wanted.equals(jsonType)) {
                violations.add(where + ": the client reads " + raw.getSimpleName() + " but the document says " + jsonType);
            }
            return;
        }
        if (raw.isRecord()) {
            expect(where, jsonType, "object");
            if (!seen.add(type)) {
                return;
            }
            Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
            if (type instanceof ParameterizedType p) {
                for (int i = 0; i < raw.getTypeParameters().length; i++) {
                    Type actual = p.getActualTypeArguments()[i];
                    inner.put(raw.getTypeParameters()[i], actual instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : actual);
                }
            }
            JsonNode properties = properties(s);
            for (RecordComponent c : raw.getRecordComponents()) {
                JsonNode property = properties.get(c.getName());
                if (property == null) {
                    violations.add(where + ": the client reads '" + c.getName() + "', which the document's schema does not have");
                } else {
                    readable(where + "." + c.getName(), property, c.getGenericType(), seen, inner);
                }
            }
            seen.remove(type);
        }
    }

    /** Every field the client sends must be a property of the request schema, and every required property must be sent. */
    private void sendable(String where, JsonNode schema, Type type) {
        Class<?> raw = raw(type);
        if (Collection.class.isAssignableFrom(raw)) {
            sendable(where + "[]", resolve(schema.path("items")), argument(type, 0));
            return;
        }
        if (!raw.isRecord()) {
            return;
        }
        JsonNode properties = properties(schema);
        Set<String> sent = new HashSet<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            sent.add(c.getName());
            if (properties.get(c.getName()) == null) {
                violations.add(where + ": the client sends '" + c.getName() + "', which the document's schema does not take");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!sent.contains(required.asText())) {
                violations.add(where + ": the document requires '" + required.asText() + "', which the client never sends");
            }
        }
    }

    private JsonNode responseSchema(JsonNode operation) {
        Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
        while (responses.hasNext()) {
            Map.Entry<String, JsonNode> r = responses.next();
            if (r.getKey().startsWith("2")) {
                JsonNode schema = r.getValue().path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    return schema;
                }
            }
        }
        return null;
    }

    /** A schema with its $ref followed and allOf merged (OpenAPI 3.1 allows siblings beside $ref). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int depth = 0; s.has("$ref") && depth < 20; depth++) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("external reference " + ref);
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            s = target;
        }
        return s;
    }

    private JsonNode properties(JsonNode schema) {
        com.fasterxml.jackson.databind.node.ObjectNode merged = JSON.createObjectNode();
        if (schema.has("properties")) {
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) schema.get("properties"));
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode p = properties(resolve(part));
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) p);
        }
        return merged;
    }

    private static String jsonType(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") || schema.has("allOf") ? "object" : "any";
    }

    private void expect(String where, String actual, String wanted) {
        if (!"any".equals(actual) && !wanted.equals(actual)) {
            violations.add(where + ": the client reads " + wanted + " but the document says " + actual);
        }
    }

    private static String scalar(Class<?> raw) {
        if (raw == String.class || raw == UUID.class || raw == Instant.class || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        return null;
    }

    private static boolean isRawResponse(Type type) {
        return raw(type).getName().equals("jakarta.ws.rs.core.Response");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            String name = a.annotationType().getSimpleName();
            if (VERBS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static String path(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals("Path")) {
                return value(a);
            }
        }
        return "";
    }

    private static String value(Annotation a) {
        try {
            Object v = a.annotationType().getMethod("value").invoke(a);
            return v == null ? null : v.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
