package dev.accelerometer.costing.api;

import dev.accelerometer.common.problem.ProblemResponses;
import java.util.List;

/** Problem responses of the costing operations. */
public class OpenApiProblems extends ProblemResponses {
    /**
     * A profile's parameters are the enum of CalibrationProfileParameter.parameter, a sparsity's layers attention or ffn (the
     * scanner cannot put an enum on a list's items).
     */
    @Override
    public void filterOpenAPI(org.eclipse.microprofile.openapi.models.OpenAPI openAPI) {
        var schemas = openAPI.getComponents().getSchemas();
        var parameters = schemas.get("CalibrationProfileRequest").getProperties().get("parameters");
        parameters.setEnumeration(null);
        parameters.getItems().setEnumeration(new java.util.ArrayList<>(schemas.get("CalibrationProfileParameter").getProperties()
                .get("parameter").getEnumeration()));
        parameters.getItems().setDescription("A calibration parameter, as CalibrationProfileParameter.parameter.");
        // Sparsity.layers: which linear layers of a model are sparse.
        var layers = schemas.get("Sparsity").getProperties().get("layers");
        layers.getItems().setEnumeration(new java.util.ArrayList<>(List.of("attention", "ffn")));
        layers.getItems().setDescription("A kind of linear layer: attention (QKV and output projections) or ffn (up, down, experts).");
        super.filterOpenAPI(openAPI);
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("/v1/comparisons");
    }

    @Override
    protected List<String> keyedCollections() {
        return List.of("/v1/calibration-profiles");
    }

    @Override
    protected List<String> statuses(String path) {
        if (path.equals("/v1/calibration-profiles")) {
            return List.of("404", "422");
        }
        if (path.startsWith("/v1/calibration-profiles/{id}")) {
            return List.of("404");
        }
        if (path.startsWith("/v1/costs") || path.startsWith("/v1/rooflines") || path.equals("/v1/ownership")) {
            return List.of("404", "422", "503");
        }
        if (path.startsWith("/v1/comparisons")) {
            return List.of("404", "503");
        }
        if (path.equals("/v1/error-bands")) {
            return List.of("404", "503"); // acceleratorId: an accelerator the catalog lacks, or the catalog unreachable
        }
        return path.equals("/v1/validation") ? List.of("503") : List.of();
    }

    @Override
    protected String description(String status) {
        return switch (status) {
            case "404" -> "No such accelerator, model, comparison or calibration profile";
            case "422" -> "A fact the answer needs is missing (a number format the accelerator lacks, a list price, a TDP, a region's "
                    + "electricity price; for a calibration profile, a parameter no measurement informs): the violation names the "
                    + "catalog or request field to fill";
            case "503" -> "The catalog did not answer and the facts are not cached, or this service's database did not answer; "
                    + "retry after Retry-After seconds";
            default -> null;
        };
    }
}
