package dev.accelerometer.common.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;

/**
 * Attaches request-body examples kept as JSON files beside the service's code, so every {@code application/json} request
 * body of the spec shows a working request (Spectral rule request-body-example in .spectral.yaml). For an operation the
 * file is {@code openapi-examples/<operationId>.json} or, failing that, {@code openapi-examples/<Schema>.json} for a body
 * that refers to the component schema {@code Schema} (so create and replace share one). A file is an OpenAPI examples
 * map: {@code {"name": {"summary": "...", "value": {...}}}}. The spec's oas3-valid-media-example rule checks each value
 * against the schema; the services' tests send them to the API.
 */
public final class RequestExamples {
    public static final String DIRECTORY = "openapi-examples/";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestExamples() {
    }

    /** Adds the examples found on {@code loader} to every JSON request body that has none. */
    public static void attach(OpenAPI openAPI, ClassLoader loader) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            MediaType body = jsonBody(operation);
            if (body == null || body.getExample() != null || body.getExamples() != null && !body.getExamples().isEmpty()) {
                return;
            }
            Map<String, Example> examples = find(operation, body, loader);
            examples.forEach((name, example) -> body.addExample(name,
                    OASFactory.createExample().summary(example.summary()).description(example.description()).value(example.value())));
        }));
    }

    /** The examples of one operation's request body, or none (operationId first, then the body's schema name). */
    public static Map<String, Example> find(Operation operation, MediaType body, ClassLoader loader) {
        Map<String, Example> byOperation = operation.getOperationId() == null ? null : read(operation.getOperationId(), loader);
        if (byOperation != null) {
            return byOperation;
        }
        String ref = body.getSchema() == null ? null : body.getSchema().getRef();
        Map<String, Example> bySchema = ref == null ? null : read(ref.substring(ref.lastIndexOf('/') + 1), loader);
        return bySchema == null ? Map.of() : bySchema;
    }

    /** The examples in {@code openapi-examples/<name>.json}, or null when there is no such file. */
    public static Map<String, Example> read(String name, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(DIRECTORY + name + ".json")) {
            if (in == null) {
                return null;
            }
            return MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Example>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable request example " + DIRECTORY + name + ".json", e);
        }
    }

    private static MediaType jsonBody(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        return operation.getRequestBody().getContent().getMediaType(JSON);
    }

    /** One named example: what it shows and the request body itself. */
    public record Example(String summary, String description, Object value) {
    }
}
