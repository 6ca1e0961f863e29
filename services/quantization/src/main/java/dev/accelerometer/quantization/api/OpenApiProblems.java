package dev.accelerometer.quantization.api;

import dev.accelerometer.common.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/** Documents the problem responses of every quantization operation, so generated SDKs get a typed error. */
public class OpenApiProblems implements OASFilter {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid request: the violations name each field and what to change",
            "404", "No such model, accelerator or estimate",
            "500", "Internal error",
            "503", "The catalog did not answer and the facts are not cached; retry after Retry-After seconds");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            add(operation, "500");
            if (operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
                add(operation, "400");
            }
            if (path.startsWith("/v1/estimates")) {
                add(operation, "404");
                add(operation, "503");
            }
        }));
    }

    private static void add(Operation operation, String status) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(DESCRIPTIONS.get(status))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
        }
    }
}
