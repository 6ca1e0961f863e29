package dev.accelerometer.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One evaluated plan, or a search's answer with the best plan and ranked candidates. */
public final class PlanResult {
    private PlanResult() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EvaluatedPlan")
    public record Evaluated(Plan plan, Memory memory, Step step, double tokensPerSecond,
            @Schema(description = "Model FLOPs (no recomputation) per device per second.") double modelFlopsPerSecondPerDevice,
            @Schema(description = "Model FLOPs utilisation: model FLOP/s ÷ peak.") double modelFlopsUtilization,
            @Schema(description = "Hardware FLOPs utilisation: counts recomputed FLOPs too.") double hardwareFlopsUtilization,
            Double timeToTrainSeconds, Double costUsd, Double energyJoules) {
    }

    @Schema(name = "PlanDimensions")
    public record Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize, String recompute,
            boolean sequenceParallel, int zeroStage, long microBatches) {
    }

    @Schema(name = "PlanMemory", description = "Bytes per device (the first pipeline stage, which holds the most activations).")
    public record Memory(double weightBytes, double gradientBytes, double optimizerBytes, double activationBytes, double totalBytes,
            double capacityBytes, double usableBytes, boolean fits) {
    }

    @Schema(name = "PlanStep", description = "Seconds per training step.")
    public record Step(double computeSeconds, double recomputeSeconds, double tensorParallelSeconds, double pipelineBubbleSeconds,
            double pipelineP2pSeconds, double dataParallelSeconds, double zeroGatherSeconds, double optimizerSeconds, double totalSeconds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PlanSearch")
    public record Search(UUID id, Instant createdAt, Evaluated best, List<Evaluated> candidates, long evaluated, long feasible,
            double searchMillis, boolean deadlineReached, String bindingConstraint, Double shortfallBytes, List<String> assumptions) {
    }
}
