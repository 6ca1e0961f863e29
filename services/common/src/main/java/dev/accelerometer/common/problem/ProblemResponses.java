package dev.accelerometer.common.problem;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Documents problem+json responses on every operation so generated SDKs get a typed error: 500 everywhere, 400 where
 * there is a body or parameters, and what {@link #statuses} adds per path. Services subclass it and register it as
 * {@code mp.openapi.filter}.
 */
public abstract class ProblemResponses implements OASFilter {
    private static final Map<String, String> DEFAULTS = Map.of(
            "400", "Invalid request: the violations name each field and what to change",
            "401", "Missing or invalid credentials",
            "404", "No such resource",
            "409", "Conflict with the current state",
            "422", "Understood but not possible (e.g. a number format the accelerator lacks)",
            "500", "Internal error",
            "503", "A service this one depends on did not answer; retry after Retry-After seconds");

    /** Extra problem statuses for the operations under {@code path}. */
    protected abstract List<String> statuses(String path);

    /** A service-specific description of a status, or null for the default. */
    protected String description(String status) {
        return null;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            add(operation, "500");
            if (operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
                add(operation, "400");
            }
            statuses(path).forEach(status -> add(operation, status));
        }));
    }

    private void add(Operation operation, String status) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            String description = description(status);
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                    .description(description != null ? description : DEFAULTS.getOrDefault(status, "Error"))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
        }
    }
}
