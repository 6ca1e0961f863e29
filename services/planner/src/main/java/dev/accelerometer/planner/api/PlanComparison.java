package dev.accelerometer.planner.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two saved plans side by side: what differs and which step-time terms explain the gap. */
@Schema(name = "PlanComparison")
public record PlanComparison(UUID planId, UUID otherId,
        @Schema(description = "Dimensions whose values differ: name -> [this, other].") Map<String, List<Object>> differences,
        @Schema(description = "other − this, seconds per step.") double stepTimeDifferenceSeconds,
        @Schema(description = "Step-time terms ordered by how much of the gap they explain (other − this, seconds).") List<Term> terms,
        @Schema(description = "other − this, bytes per device.") double memoryDifferenceBytes) {

    @Schema(name = "PlanTermDifference")
    public record Term(String term, @Schema(description = "This plan's term, seconds per step.") double thisSeconds,
            @Schema(description = "The other plan's term, seconds per step.") double otherSeconds,
            @Schema(description = "other − this, seconds per step.") double differenceSeconds) {
    }

    static PlanComparison of(UUID id, PlanResult.Evaluated a, UUID otherId, PlanResult.Evaluated b) {
        Map<String, List<Object>> differences = new LinkedHashMap<>();
        differ(differences, "dataParallel", a.plan().dataParallel(), b.plan().dataParallel());
        differ(differences, "tensorParallel", a.plan().tensorParallel(), b.plan().tensorParallel());
        differ(differences, "pipelineParallel", a.plan().pipelineParallel(), b.plan().pipelineParallel());
        differ(differences, "virtualStages", a.plan().virtualStages(), b.plan().virtualStages());
        differ(differences, "microBatchSize", a.plan().microBatchSize(), b.plan().microBatchSize());
        differ(differences, "recompute", a.plan().recompute(), b.plan().recompute());
        differ(differences, "sequenceParallel", a.plan().sequenceParallel(), b.plan().sequenceParallel());
        differ(differences, "zeroStage", a.plan().zeroStage(), b.plan().zeroStage());
        differ(differences, "expertParallel", orOne(a.plan().expertParallel()), orOne(b.plan().expertParallel()));
        differ(differences, "contextParallel", orOne(a.plan().contextParallel()), orOne(b.plan().contextParallel()));
        List<Term> terms = new ArrayList<>();
        PlanResult.Step x = a.step();
        PlanResult.Step y = b.step();
        term(terms, "compute", x.computeSeconds(), y.computeSeconds());
        term(terms, "recompute", x.recomputeSeconds(), y.recomputeSeconds());
        term(terms, "tensor-parallel collectives", x.tensorParallelSeconds(), y.tensorParallelSeconds());
        term(terms, "pipeline bubble", x.pipelineBubbleSeconds(), y.pipelineBubbleSeconds());
        term(terms, "pipeline point-to-point", x.pipelineP2pSeconds(), y.pipelineP2pSeconds());
        term(terms, "data-parallel reduction", x.dataParallelSeconds(), y.dataParallelSeconds());
        term(terms, "ZeRO-3 gathers", x.zeroGatherSeconds(), y.zeroGatherSeconds());
        term(terms, "optimizer", x.optimizerSeconds(), y.optimizerSeconds());
        term(terms, "expert all-to-all", orZero(x.expertAllToAllSeconds()), orZero(y.expertAllToAllSeconds()));
        term(terms, "context-parallel exchange", orZero(x.contextParallelSeconds()), orZero(y.contextParallelSeconds()));
        terms.sort(Comparator.comparingDouble((Term t) -> -Math.abs(t.differenceSeconds())));
        return new PlanComparison(id, otherId, differences, y.totalSeconds() - x.totalSeconds(), terms,
                b.memory().totalBytes() - a.memory().totalBytes());
    }

    /** Terms plans saved before them lack took no time. */
    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** Plans saved before expert (or context) parallelism have none: 1. */
    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }

    private static void differ(Map<String, List<Object>> into, String name, Object a, Object b) {
        if (!a.equals(b)) {
            into.put(name, List.of(a, b));
        }
    }

    private static void term(List<Term> into, String name, double a, double b) {
        into.add(new Term(name, a, b, b - a));
    }
}
