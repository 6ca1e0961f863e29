package dev.accelerometer.planner.api;

import dev.accelerometer.common.problem.ProblemResponses;
import java.util.List;

/** Problem responses of the planner operations. */
public class OpenApiProblems extends ProblemResponses {
    @Override
    protected List<String> ownedCollections() {
        return List.of("/v1/plans", "/v1/serving-plans");
    }

    @Override
    protected List<String> statuses(String path) {
        return path.startsWith("/v1/plans") || path.startsWith("/v1/serving-plans") || path.startsWith("/v1/collectives") ? List.of("404", "422", "503") : List.of();
    }
}
