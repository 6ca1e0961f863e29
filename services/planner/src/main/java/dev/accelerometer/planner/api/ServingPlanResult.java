package dev.accelerometer.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.energy.Energy;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.serving.ServingPlans;
import dev.accelerometer.model.serving.ServingResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Serving plans as the API answers them. */
public final class ServingPlanResult {
    static final String BANDS = "Expected error of the throughput and latency figures (GET /v1/validation of costing, categories "
            + "serving-throughput and serving-latency; a runtime's own, e.g. vllm-serving-throughput; a mixture of experts' runs', "
            + "moe-…; and, for an expert-parallel deployment (a search's: its cheapest plan's), its expert-parallel runs', moe-ep-…).";

    private ServingPlanResult() {
    }

    @Schema(name = "ServingDeployment")
    public record Deployment(@Schema(description = "Number of tensor-parallel ranks per replica.") int tensorParallel,
            @Schema(description = "Number of pipeline stages per replica.") int pipelineParallel,
            @Schema(description = "Number of replicas.") int replicas,
            @Schema(description = "Number of devices: tensorParallel × pipelineParallel × expertParallel × replicas.") int devices,
            @Schema(description = "Maximum number of sequences per iteration (per rank under expert parallelism).") int maxSequences,
            @Schema(description = "Maximum number of tokens per iteration (per rank under expert parallelism).") int maxBatchedTokens,
            @Schema(description = "Number of expert-parallel ranks per replica: 1, or a group running attention data parallel (each rank "
                    + "its own sequences) with the routed experts split over it.") int expertParallel) {
    }

    @Schema(name = "LatencyPercentiles", description = "Mean and percentiles of one latency, seconds.")
    public record Percentiles(@Schema(description = "Mean, seconds.") double meanSeconds, @Schema(description = "Median, seconds.") double p50Seconds,
            @Schema(description = "90th percentile, seconds.") double p90Seconds, @Schema(description = "99th percentile, seconds.") double p99Seconds,
            @Schema(description = "Largest, seconds.") double maxSeconds) {
        static Percentiles of(ServingResult.Percentiles p) {
            return new Percentiles(p.mean(), p.p50(), p.p90(), p.p99(), p.max());
        }
    }

    @Schema(name = "ServingLatency", description = "Per-request latencies: time to first token, time per output token after the first, "
            + "inter-token gaps, end to end.")
    public record Latency(Percentiles ttft, Percentiles tpot, Percentiles itl, Percentiles e2e) {
    }

    @Schema(name = "ServingMemory", description = "Per device of a replica.")
    public record Memory(@Schema(description = "Weights per device, bytes.") double weightBytesPerDevice,
            @Schema(description = "Activation workspace of the largest iteration and the logits, per device, bytes.") double workspaceBytesPerDevice,
            @Schema(description = "KV-cache budget per device (what the runtime's memory budget leaves), bytes.") double kvCacheBytesPerDevice,
            @Schema(description = "KV cache per token of context per device, bytes.") double kvCacheBytesPerTokenPerDevice,
            @Schema(description = "Number of tokens of context the replica's KV cache holds (one rank's, under expert parallelism).")
            long kvCacheCapacityTokens,
            @Schema(description = "Number of sequences of the workload's mean length (input + output) the cache holds at once.") long kvCacheCapacitySequences,
            @Schema(description = "Largest number of cached tokens the simulation used at once.") long peakKvCacheTokens,
            @Schema(description = "Device memory, bytes.") long deviceMemoryBytes) {
    }

    @Schema(name = "ServingUtilisation")
    public record Utilisation(
            @Schema(description = "Mean number of sequences per iteration (of one rank, under expert parallelism).") double meanBatchSequences,
            @Schema(description = "Mean number of tokens per iteration (of one rank, under expert parallelism).") double meanIterationTokens,
            @Schema(description = "Number of iterations simulated on one replica (one rank, under expert parallelism).") long iterationsSimulated,
            @Schema(description = "Number of sequences preempted (recomputed) for lack of KV cache.") int preemptions,
            @Schema(description = "Whether the queue kept growing: more traffic than the replicas serve.") boolean saturated) {
    }

    @Schema(name = "ServingPrefillPool", description = "Under disaggregated serving, the pool that makes each request's first token.")
    public record PrefillPool(Deployment deployment, Memory memory, Utilisation utilisation) {
    }

    @Schema(name = "ServingEvaluation", description = "One deployment at the workload: throughput, latency, memory, cost.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluated(
            @Schema(description = "colocated: every replica runs both phases; disaggregated: a prefill pool and a decode pool.",
                    enumeration = {"colocated", "disaggregated"}) String mode,
            @Schema(description = "Number of devices in all (both pools under disaggregation).") int totalDevices,
            @Schema(description = "The replicas (co-located) or the decode pool (disaggregated).") Deployment deployment,
            @Schema(description = "Whether every objective is met and the queue is stable.") boolean meetsObjectives,
            @Schema(description = "The objectives missed, each naming its field.") List<String> violations,
            @Schema(description = "Number of requests completed per second, all replicas.") double requestsPerSecond,
            @Schema(description = "Number of requests per second completed within their own TTFT and TPOT objectives.") double goodputRequestsPerSecond,
            @Schema(description = "Prompt tokens per second, all replicas.") double inputTokensPerSecond,
            @Schema(description = "Output tokens per second, all replicas.") double outputTokensPerSecond,
            @Schema(description = "Output tokens per second per device.") double outputTokensPerSecondPerDevice,
            Latency latency, Memory memory, Utilisation utilisation,
            @Schema(description = "Cloud price of the devices, US dollars per hour (absent without a price).") Double costUsdPerHour,
            @Schema(description = "US dollars per million output tokens at the simulated throughput.") Double costUsdPerMillionOutputTokens,
            @Schema(description = "US dollars per million tokens, prompt and output together.") Double costUsdPerMillionTokens,
            @Schema(description = "Energy per output token with every device at its TDP (an upper bound), joules.") Double energyJoulesPerOutputToken,
            PrefillPool prefillPool,
            @Schema(description = "Under disaggregation, seconds to move the mean prompt's KV cache from a prefill to a decode replica.")
            Double kvTransferSeconds,
            @Schema(description = "The electricity of a million output tokens at the energy upper bound: kWh drawn from the grid, its cost "
                    + "and emissions under the request's energy terms or its region's.") Energy.Electricity electricityPerMillionOutputTokens) {

        /** The evaluation; {@code electricity} turns an energy in joules into electricity under the request's terms. */
        public static Evaluated of(ServingPlans.Evaluation e, Device device, double meanRequestTokens,
                java.util.function.Function<Double, Energy.Electricity> electricity) {
            ServingPlans.Configuration c = e.configuration();
            ServingResult r = e.replica();
            int devices = e.devices();
            Double perHour = device.cloudPriceUsdPerHour() == null ? null : device.cloudPriceUsdPerHour() * devices;
            double tokens = e.inputTokensPerSecond() + e.outputTokensPerSecond();
            Double joulesPerToken = device.tdpWatts() == null ? null : device.tdpWatts() * devices / e.outputTokensPerSecond();
            ServingPlans.Evaluation p = e.prefillPool();
            PrefillPool prefill = p == null ? null : new PrefillPool(deployment(p.configuration()), memory(p, device, meanRequestTokens),
                    utilisation(p.replica()));
            return new Evaluated(p == null ? "colocated" : "disaggregated", devices, deployment(c),
                    e.meetsObjectives(), e.violations(), e.requestsPerSecond(), e.goodputRequestsPerSecond(), e.inputTokensPerSecond(),
                    e.outputTokensPerSecond(), e.outputTokensPerSecondPerDevice(),
                    new Latency(Percentiles.of(r.ttftSeconds()), Percentiles.of(r.tpotSeconds()), Percentiles.of(r.itlSeconds()),
                            Percentiles.of(r.e2eSeconds())),
                    memory(e, device, meanRequestTokens), utilisation(r),
                    perHour, perHour == null ? null : perHour / 3600 / e.outputTokensPerSecond() * 1e6,
                    perHour == null ? null : perHour / 3600 / tokens * 1e6,
                    joulesPerToken, prefill, p == null ? null : e.kvTransferSeconds(),
                    joulesPerToken == null ? null : electricity.apply(joulesPerToken * 1e6));
        }

        private static Deployment deployment(ServingPlans.Configuration c) {
            return new Deployment(c.tensorParallel(), c.pipelineParallel(), c.replicas(), c.devices(), c.maxSequences(), c.maxBatchedTokens(),
                    c.expertParallel());
        }

        private static Memory memory(ServingPlans.Evaluation e, Device device, double meanRequestTokens) {
            var m = e.memory();
            return new Memory(m.weightBytesPerDevice(), m.workspaceBytesPerDevice(), m.kvBudgetBytesPerDevice(), m.kvBytesPerTokenPerDevice(),
                    m.kvCapacityTokens(), (long) Math.floor(m.kvCapacityTokens() / Math.max(1, meanRequestTokens)), e.replica().peakKvTokens(),
                    device.memoryBytes());
        }

        private static Utilisation utilisation(ServingResult r) {
            return new Utilisation(r.meanBatchSequences(), r.meanIterationTokens(), r.iterations(), r.preemptions(), r.saturated());
        }
    }

    @Schema(name = "ServingSearch", description = "A saved serving search: the plans that meet the objectives, cheapest first; the "
            + "throughput-per-device against median TPOT frontier; when none meets them, the closest and why.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Search(UUID id, Instant createdAt,
            @Schema(description = "Plans meeting the objectives, fewest devices (cheapest) first.") List<Evaluated> plans,
            @Schema(description = "Configurations no other beats on both output tokens per second per device and median TPOT, lowest TPOT first.")
            List<Evaluated> paretoFrontier,
            @Schema(description = "When no plan meets the objectives: the nearest misses, with what each misses.") List<Evaluated> closest,
            @Schema(description = "Why no plan meets the objectives (absent when one does).") String whyNone,
            @Schema(description = "Tensor-parallel sizes that cannot hold the model and the longest request, with why.") List<String> notFitting,
            @Schema(description = "Number of configurations simulated.") int evaluatedConfigurations,
            @Schema(description = "Number of requests simulated per configuration.") int simulatedRequests,
            @Schema(description = "Search time, milliseconds.") long searchMillis,
            @Schema(description = "Whether the deadline stopped the search before it had simulated every configuration.") boolean deadlineReached,
            List<String> assumptions,
            @Schema(description = BANDS, type = SchemaType.ARRAY, implementation = ErrorBand.class) List<ErrorBand> errorBands,
            ModelParameters model, CatalogState catalog, Retention retention) {
    }

    @Schema(name = "ServingEvaluated", description = "One deployment evaluated (not saved).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluation(Evaluated evaluation, List<String> assumptions,
            @Schema(description = BANDS, type = SchemaType.ARRAY, implementation = ErrorBand.class) List<ErrorBand> errorBands, ModelParameters model,
            CatalogState catalog) {
    }

    @Schema(name = "ServingSearchSummary")
    public record Summary(UUID id, Instant createdAt, String model, String acceleratorId,
            @Schema(description = "Number of devices of the cheapest plan (absent when none meets the objectives).") Integer devices) {
    }
}
