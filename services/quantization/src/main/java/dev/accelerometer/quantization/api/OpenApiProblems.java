package dev.accelerometer.quantization.api;

import dev.accelerometer.common.problem.ProblemResponses;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Problem responses of the quantization operations; and the formats a comparison lists are the same enum as an
 * estimate's {@code weightFormat} (the scanner cannot put an enum on a list's items), so SDKs type both alike.
 */
public class OpenApiProblems extends ProblemResponses {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var schemas = openAPI.getComponents().getSchemas();
        Schema weightFormat = schemas.get("EstimateRequest").getProperties().get("weightFormat");
        Schema items = schemas.get("CompareFormatsRequest").getProperties().get("weightFormats").getItems();
        items.setEnumeration(new ArrayList<>(weightFormat.getEnumeration()));
        items.setDescription("A weight format, as EstimateRequest.weightFormat.");
        super.filterOpenAPI(openAPI);
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("/v1/estimates");
    }

    @Override
    protected List<String> statuses(String path) {
        return path.startsWith("/v1/estimates") ? List.of("404", "503") : List.of();
    }

    @Override
    protected String description(String status) {
        return switch (status) {
            case "404" -> "No such model, accelerator or estimate";
            case "503" -> "The catalog did not answer and the facts are not cached, or this service's database did not answer; "
                    + "retry after Retry-After seconds";
            default -> null;
        };
    }
}
