package dev.accelerometer.common.problem;

import dev.accelerometer.common.openapi.RequestExamples;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents problem+json responses on every operation so generated SDKs get a typed error: 500 and 503 (a database
 * outage, with Retry-After) everywhere, 400 where
 * there is a body or parameters, and what {@link #statuses} adds per path. A 4xx/5xx the scanner declared without a
 * problem body (Quarkus' automatic "Bad Request") gets one. Also attaches the request-body examples of
 * {@link RequestExamples}. Services subclass it and register it as {@code mp.openapi.filter}; the result is checked by
 * Spectral (.spectral.yaml).
 */
public abstract class ProblemResponses implements OASFilter {
    private static final Map<String, String> DEFAULTS = Map.of(
            "400", "Invalid request: the violations name each field and what to change",
            "401", "Missing or invalid credentials",
            "404", "No such resource",
            "409", "Conflict with the current state",
            "422", "Understood but not possible (e.g. a number format the accelerator lacks)",
            "500", "Internal error",
            "503", "This service's database or a service it depends on did not answer; retry after Retry-After seconds");

    /** Extra problem statuses for the operations under {@code path}. */
    protected abstract List<String> statuses(String path);

    /** A service-specific description of a status, or null for the default. */
    protected String description(String status) {
        return null;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            problem(operation, "500");
            problem(operation, "503");
            if (operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
                problem(operation, "400");
            }
            statuses(path).forEach(status -> problem(operation, status));
            operation.getResponses().getAPIResponses().keySet().stream()
                    .filter(status -> status.startsWith("4") || status.startsWith("5"))
                    .toList()
                    .forEach(status -> problem(operation, status));
        }));
        RequestExamples.attach(openAPI, getClass().getClassLoader());
    }

    /** Declares {@code status} as a problem document on {@code operation}, unless it already is one. */
    protected void problem(Operation operation, String status) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaType(Problem.MEDIA_TYPE) != null) {
            return;
        }
        String description = description(status);
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description != null ? description : DEFAULTS.getOrDefault(status, "Error"))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
    }
}
