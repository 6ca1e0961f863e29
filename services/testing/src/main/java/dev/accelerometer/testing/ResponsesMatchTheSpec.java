package dev.accelerometer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.erosb.jsonsKema.JsonParser;
import com.github.erosb.jsonsKema.Schema;
import com.github.erosb.jsonsKema.SchemaLoader;
import com.github.erosb.jsonsKema.ValidationFailure;
import com.github.erosb.jsonsKema.Validator;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every answer a service test receives through REST Assured against the OpenAPI document the service serves
 * ({@code /q/openapi}, which the spec-drift gate keeps equal to the committed one): the status must be documented for
 * the operation, the media type documented for the status, and a JSON body valid against its schema (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1, with {@code #/components} references). A disagreement fails the test that
 * received it. Installed before each {@code @QuarkusTest} (a Quarkus test callback, registered as a service); answers
 * on paths outside the document ({@code /q/health}) are not checked.
 */
public final class ResponsesMatchTheSpec implements Filter, QuarkusTestBeforeEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Optional<Spec>> SPECS = new ConcurrentHashMap<>();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof ResponsesMatchTheSpec)) {
            RestAssured.filters(new ResponsesMatchTheSpec());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected, FilterContext context) {
        Response response = context.next(request, expected);
        URI uri = URI.create(request.getURI());
        String base = uri.getScheme() + "://" + uri.getAuthority();
        Optional<Spec> spec = SPECS.computeIfAbsent(base, ResponsesMatchTheSpec::served);
        if (spec.isPresent()) {
            String disagreement = spec.get().check(request.getMethod(), uri.getRawPath(), response);
            if (disagreement != null) {
                throw new AssertionError("The answer disagrees with the served OpenAPI document: " + request.getMethod() + " "
                        + uri.getRawPath() + " → " + response.statusCode() + ": " + disagreement);
            }
        }
        return response;
    }

    private static Optional<Spec> served(String base) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(new Spec(JSON.readTree(answer.body()))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** One served document: its operations by path template, and a validator per response schema. */
    static final class Spec {
        private final JsonNode document;
        private final List<Template> templates = new ArrayList<>();
        /** Loaded schemas by operation, status and media type; a validator is made per answer (one is not thread-safe). */
        private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

        Spec(JsonNode document) {
            this.document = document;
            for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext();) {
                String path = paths.next();
                templates.add(new Template(path, Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"))));
            }
            // A literal path (/v1/plans/evaluate) wins over a template that also matches it (/v1/plans/{id}).
            templates.sort(Comparator.comparingLong((Template t) -> t.path.chars().filter(c -> c == '{').count()));
        }

        /** What is wrong with {@code response} to {@code method path}, or null. */
        String check(String method, String path, Response response) {
            JsonNode operation = templates.stream().filter(t -> t.pattern.matcher(path).matches()).findFirst()
                    .map(t -> document.path("paths").path(t.path).path(method.toLowerCase(Locale.ROOT))).orElse(null);
            if (operation == null || operation.isMissingNode()) {
                return null;
            }
            String status = Integer.toString(response.statusCode());
            JsonNode documented = operation.path("responses").has(status) ? operation.path("responses").path(status)
                    : operation.path("responses").path("default");
            if (documented.isMissingNode()) {
                return "status " + status + " is not documented for " + operation.path("operationId").asText();
            }
            String body = response.asString();
            if (body == null || body.isEmpty() || "HEAD".equals(method)) {
                return null;
            }
            String mediaType = response.contentType() == null ? "" : response.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            JsonNode content = documented.path("content").path(mediaType);
            if (content.isMissingNode()) {
                return "media type '" + mediaType + "' is not documented for status " + status + " (documented: "
                        + documented.path("content").properties().stream().map(Map.Entry::getKey).toList() + ")";
            }
            if (!mediaType.endsWith("json") || !content.has("schema")) {
                return null;
            }
            String key = operation.path("operationId").asText() + " " + status + " " + mediaType;
            Schema schema = schemas.computeIfAbsent(key, k -> schema(content.path("schema")));
            ValidationFailure failure = Validator.forSchema(schema).validate(new JsonParser(body).parse());
            if (failure == null) {
                return null;
            }
            List<String> leaves = new ArrayList<>();
            leaves(failure, leaves);
            String text = String.join("; ", leaves);
            return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
        }

        /** The innermost failures, each with where in the answer it is. */
        private static void leaves(ValidationFailure failure, List<String> into) {
            if (failure.getCauses().isEmpty()) {
                into.add(failure.getInstance().getLocation().getPointer() + ": " + failure.getMessage());
            } else {
                failure.getCauses().forEach(cause -> leaves(cause, into));
            }
        }

        private Schema schema(JsonNode schema) {
            ObjectNode root = schema.deepCopy();
            root.set("components", document.path("components"));
            return new SchemaLoader(new JsonParser(root.toString()).parse()).load();
        }
    }

    private record Template(String path, Pattern pattern) {
    }
}
