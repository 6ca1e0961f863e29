package dev.accelerometer.common.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Makes the served schemas say what the server enforces. Bean Validation's {@code @Pattern(regexp = "a|b|c")} matches
 * the whole value, but the scanner writes it as a JSON Schema {@code pattern}, which matches anywhere in the value
 * ({@code xbf16x} passed the spec): every such alternation of plain words becomes an {@code enum}, which generated SDKs
 * turn into enum types. And the services refuse unknown JSON properties
 * ({@code quarkus.jackson.fail-on-unknown-properties=true}), so every object schema used only in requests says
 * {@code additionalProperties: false}; schemas that responses use as well stay open, so clients tolerate fields added
 * to answers later. A {@code format: uuid} string loses the scanner's {@code pattern}: the format says it, and
 * openapi-generator's Python SDK, given both, validates the pattern by turning the UUID back into a string, which
 * pydantic then warns about on every answer.
 */
public final class SchemaTightening {
    private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9._-]+(\\|[A-Za-z0-9._-]+)+");
    private static final String REF = "#/components/schemas/";

    private SchemaTightening() {
    }

    public static void apply(OpenAPI openAPI) {
        List<Schema> all = new ArrayList<>();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(s -> walk(s, all::add));
        }
        operations(openAPI).forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(p -> walk(p.getSchema(), all::add));
            }
            bodies(operation, true).forEach(s -> walk(s, all::add));
            bodies(operation, false).forEach(s -> walk(s, all::add));
        });
        all.forEach(SchemaTightening::enumFromPattern);
        all.stream().filter(schema -> "uuid".equals(schema.getFormat())).forEach(schema -> schema.setPattern(null));
        closeRequestOnly(openAPI);
    }

    private static void enumFromPattern(Schema schema) {
        String pattern = schema.getPattern();
        if (pattern == null || !WORDS.matcher(pattern).matches()) {
            return;
        }
        if (schema.getEnumeration() == null || schema.getEnumeration().isEmpty()) {
            schema.setEnumeration(new ArrayList<>(Arrays.asList((Object[]) pattern.split("\\|"))));
        }
        schema.setPattern(null);
    }

    private static void closeRequestOnly(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? Map.of()
                : openAPI.getComponents().getSchemas();
        List<Schema> requests = new ArrayList<>();
        List<Schema> responses = new ArrayList<>();
        operations(openAPI).forEach(operation -> {
            requests.addAll(bodies(operation, true));
            responses.addAll(bodies(operation, false));
        });
        Set<String> inRequests = reachable(requests, components);
        Set<String> inResponses = reachable(responses, components);
        for (String name : inRequests) {
            if (!inResponses.contains(name) && components.get(name) != null) {
                walk(components.get(name), SchemaTightening::close);
            }
        }
        // Inline request schemas (not components) are request-only by construction.
        requests.stream().filter(s -> s.getRef() == null).forEach(s -> walk(s, SchemaTightening::close));
    }

    private static void close(Schema schema) {
        boolean object = schema.getProperties() != null && !schema.getProperties().isEmpty();
        if (object && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null && schema.getRef() == null) {
            schema.setAdditionalPropertiesBoolean(false);
        }
    }

    /** Names of the component schemas reachable from {@code roots}. */
    private static Set<String> reachable(Collection<Schema> roots, Map<String, Schema> components) {
        Set<String> seen = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            walk(todo.pop(), s -> {
                if (s.getRef() != null && s.getRef().startsWith(REF)) {
                    String name = s.getRef().substring(REF.length());
                    if (seen.add(name) && components.get(name) != null) {
                        todo.push(components.get(name));
                    }
                }
            });
        }
        return seen;
    }

    /** Visits {@code schema} and every schema nested in it (not following references). */
    private static void walk(Schema schema, Consumer<Schema> visit) {
        if (schema == null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> walk(s, visit));
        }
        walk(schema.getItems(), visit);
        walk(schema.getAdditionalPropertiesSchema(), visit);
        for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf(), schema.getPrefixItems())) {
            if (group != null) {
                group.forEach(s -> walk(s, visit));
            }
        }
    }

    private static List<Operation> operations(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return List.of();
        }
        return openAPI.getPaths().getPathItems().values().stream().flatMap(item -> item.getOperations().values().stream()).toList();
    }

    /** The schemas of the request body ({@code request}) or of every response of {@code operation}. */
    private static List<Schema> bodies(Operation operation, boolean request) {
        List<Content> contents = new ArrayList<>();
        if (request) {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                contents.add(operation.getRequestBody().getContent());
            }
        } else if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().stream().filter(r -> r.getContent() != null).forEach(r -> contents.add(r.getContent()));
        }
        List<Schema> schemas = new ArrayList<>();
        for (Content content : contents) {
            if (content.getMediaTypes() != null) {
                content.getMediaTypes().values().stream().map(MediaType::getSchema).filter(s -> s != null).forEach(schemas::add);
            }
        }
        return schemas;
    }
}
