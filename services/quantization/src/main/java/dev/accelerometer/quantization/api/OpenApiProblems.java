package dev.accelerometer.quantization.api;

import dev.accelerometer.common.problem.ProblemResponses;
import java.util.List;

/** Problem responses of the quantization operations. */
public class OpenApiProblems extends ProblemResponses {
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
