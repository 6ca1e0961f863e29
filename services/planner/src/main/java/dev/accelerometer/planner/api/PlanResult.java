package dev.accelerometer.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.energy.Energy;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.StepTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One evaluated plan, or a search's answer with the best plan and ranked candidates. */
public final class PlanResult {
    private PlanResult() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EvaluatedPlan")
    public record Evaluated(Plan plan, Memory memory, Step step,
            @Schema(description = "Training throughput of the whole cluster, tokens per second.") double tokensPerSecond,
            @Schema(description = "Model FLOPs (no recomputation) per device per second.") double modelFlopsPerSecondPerDevice,
            @Schema(description = "Model FLOPs utilisation: model FLOP/s ÷ peak.") double modelFlopsUtilization,
            @Schema(description = "Hardware FLOPs utilisation: counts recomputed FLOPs too.") double hardwareFlopsUtilization,
            @Schema(description = "Time to train on training.tokens, seconds (absent without tokens).") Double timeToTrainSeconds,
            @Schema(description = "Cost to train at the cloud price per device-hour, US dollars.") Double costUsd,
            @Schema(description = "Energy to train with every device at its TDP, joules.") Double energyJoules,
            @Schema(description = "The model and its exact parameter count (on an evaluation; a search gives it once).") ModelParameters model,
            @Schema(description = "Whether the catalog answered (on an evaluation; a search gives it once).") CatalogState catalog,
            @Schema(description = "The training run's energy as electricity (with training.tokens): kWh drawn from the grid, its cost and "
                    + "emissions under the request's energy terms or its region's.") Energy.Electricity electricity,
            @Schema(description = "What the evaluation assumed — the framework and its training-step efficiency, the calibration, the "
                    + "attention kernel, what is not overlapped (on an evaluation; a search gives them once).") List<String> assumptions) {

        /** This evaluation with the model, catalog state and assumptions an evaluate answer carries. */
        public Evaluated with(ModelParameters model, CatalogState catalog, List<String> assumptions) {
            return copy(model, catalog, electricity, assumptions);
        }

        /** This evaluation with its run's electricity. */
        public Evaluated with(Energy.Electricity value) {
            return copy(model, catalog, value, assumptions);
        }

        private Evaluated copy(ModelParameters model, CatalogState catalog, Energy.Electricity electricity, List<String> assumptions) {
            return new Evaluated(plan, memory, step, tokensPerSecond, modelFlopsPerSecondPerDevice, modelFlopsUtilization,
                    hardwareFlopsUtilization, timeToTrainSeconds, costUsd, energyJoules, model, catalog, electricity, assumptions);
        }

        /** The model's evaluation as the API answers it. */
        public static Evaluated of(PlanEvaluation e) {
            var p = e.plan();
            var m = e.memory();
            StepTime.Breakdown s = e.step();
            return new Evaluated(
                    new Plan(p.dataParallel(), p.tensorParallel(), p.pipelineParallel(), p.virtualStages(), p.microBatchSize(),
                            p.recompute().slug(), p.sequenceParallel(), p.zeroStage(), s.microBatches(), p.expertParallel(),
                            p.expertParallel() > 1 ? p.expertTensorParallel() : null, p.contextParallel(), p.offload().slug),
                    new Memory(m.weightBytes(), m.gradientBytes(), m.optimizerBytes(), m.activationBytes(), m.totalBytes(), e.capacityBytes(),
                            e.usableBytes(), e.fits(), p.offload().optimizerOnHost() ? m.hostBytes() : null),
                    new Step(s.computeSeconds(), s.recomputeSeconds(), s.tensorParallelSeconds(), s.pipelineBubbleSeconds(),
                            s.pipelineP2pSeconds(), s.dataParallelSeconds(), s.zeroGatherSeconds(), s.optimizerSeconds(), s.totalSeconds(),
                            s.expertAllToAllSeconds(), s.contextParallelSeconds(), p.offload().optimizerOnHost() ? s.hostOptimizerSeconds() : null,
                            p.offload().optimizerOnHost() ? s.hostTransferSeconds() : null),
                    e.tokensPerSecond(), e.modelFlopsPerSecondPerDevice(), e.modelFlopsUtilization(), e.hardwareFlopsUtilization(),
                    e.timeToTrainSeconds(), e.costUsd(), e.energyJoules(), null, null, null, null);
        }
    }

    @Schema(name = "PlanDimensions")
    public record Plan(@Schema(description = PlanRequest.DATA_PARALLEL) int dataParallel,
            @Schema(description = PlanRequest.TENSOR_PARALLEL) int tensorParallel,
            @Schema(description = PlanRequest.PIPELINE_PARALLEL) int pipelineParallel,
            @Schema(description = PlanRequest.VIRTUAL_STAGES) int virtualStages,
            @Schema(description = PlanRequest.MICRO_BATCH_SIZE) int microBatchSize, String recompute,
            boolean sequenceParallel, @Schema(description = PlanRequest.ZERO_STAGE) int zeroStage,
            @Schema(description = "Number of micro-batches per step in each data-parallel replica.") long microBatches,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = PlanRequest.EXPERT_PARALLEL + " Absent in plans saved before expert parallelism: 1.") Integer expertParallel,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = PlanRequest.EXPERT_TENSOR_PARALLEL + " The value the plan ran with; present for expert-parallel plans.")
            Integer expertTensorParallel,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = PlanRequest.CONTEXT_PARALLEL + " Absent in plans saved before context parallelism: 1.") Integer contextParallel,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = PlanRequest.OFFLOAD + " Absent in plans saved before CPU offload: none.",
                    enumeration = {"none", "optimizer", "optimizer-and-parameters"}) String offload) {
    }

    @Schema(name = "PlanMemory", description = "Bytes per device (the first pipeline stage, which holds the most activations).")
    public record Memory(@Schema(description = "Weights, bytes per device.") double weightBytes,
            @Schema(description = "Gradients, bytes per device.") double gradientBytes,
            @Schema(description = "Optimizer states, bytes per device.") double optimizerBytes,
            @Schema(description = "Activations kept for the backward pass, bytes per device.") double activationBytes,
            @Schema(description = "Everything above, bytes per device.") double totalBytes,
            @Schema(description = "Device memory, bytes.") double capacityBytes,
            @Schema(description = "Device memory less the headroom fraction, bytes.") double usableBytes,
            @Schema(description = "Whether the plan fits: in device memory, and under CPU offload with host.memoryBytes given, the node's "
                    + "offloaded states in host memory.") boolean fits,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Under CPU offload: what one device's rank keeps in host memory (its partition's fp32 master weights, "
                    + "moments and gradients, and offloaded 16-bit weights), bytes per device; its node's ranks need that × the devices "
                    + "per node.") Double hostBytes) {
    }

    @Schema(name = "PlanStep", description = "Seconds per training step.")
    public record Step(@Schema(description = "Forward and backward compute, seconds.") double computeSeconds,
            @Schema(description = "Recomputed forward passes, seconds.") double recomputeSeconds,
            @Schema(description = "Tensor-parallel collectives, seconds.") double tensorParallelSeconds,
            @Schema(description = "Pipeline fill and drain (bubble), seconds.") double pipelineBubbleSeconds,
            @Schema(description = "Pipeline point-to-point activation transfers, seconds.") double pipelineP2pSeconds,
            @Schema(description = "Exposed data-parallel gradient reduction, seconds.") double dataParallelSeconds,
            @Schema(description = "ZeRO-3 parameter gathers, seconds.") double zeroGatherSeconds,
            @Schema(description = "Optimizer step, seconds.") double optimizerSeconds,
            @Schema(description = "The whole step, seconds.") double totalSeconds,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Expert-parallel all-to-all dispatch and combine of the MoE blocks beyond what hides under compute, seconds (absent in plans "
                    + "saved before expert parallelism).") Double expertAllToAllSeconds,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Context-parallel exchange of keys and values beyond what hides under the attention, seconds (absent in plans "
                    + "saved before context parallelism).") Double contextParallelSeconds,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Under CPU offload: the host's optimizer update of the rank's partition (sharing the node's CPUs), "
                    + "seconds; optimizerSeconds is then 0.") Double hostOptimizerSeconds,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Under CPU offload: PCIe copies between host and device beyond what hides under the passes (gradients "
                    + "out, updated or fetched weights in), seconds.") Double hostTransferSeconds) {
    }

    @Schema(name = "PlanSummary", description = "A saved search as the list shows it.")
    public record Summary(UUID id, Instant createdAt, String model, String acceleratorId,
            @Schema(description = "Number of accelerators in the cluster.") int devices) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PlanSearch")
    public record Search(UUID id, Instant createdAt, Evaluated best, List<Evaluated> candidates,
            @Schema(description = "Number of plans evaluated.") long evaluated,
            @Schema(description = "Number of evaluated plans that fit in memory.") long feasible,
            @Schema(description = "Time the search took, milliseconds.") double searchMillis, boolean deadlineReached, String bindingConstraint,
            @Schema(description = "When no plan fits: bytes per device the closest candidate lacks.") Double shortfallBytes,
            List<String> assumptions, ModelParameters model, CatalogState catalog,
            @Schema(description = "Who owns the saved search and how long it is kept.") Retention retention) {
    }
}
