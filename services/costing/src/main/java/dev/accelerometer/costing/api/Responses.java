package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the cost endpoints. */
public final class Responses {
    private Responses() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CostEstimate", description = "What a workload costs on one accelerator, how it is bound, and how sure the model is.")
    public record Estimate(
            String acceleratorId, String acceleratorName, String format, String workload,
            @Schema(description = "Floating-point (or integer) operations.") double flops,
            @Schema(description = "Bytes moved to and from device memory.") double bytes,
            @Schema(description = "flops ÷ bytes.") double arithmeticIntensity,
            @Schema(description = "compute, memory or latency: the part that dominates the time.") String bound,
            double timeSeconds, double computeSeconds, double memorySeconds, double fixedSeconds,
            double achievedFlopsPerSecond, double peakFlopsPerSecond,
            @Schema(description = "achievedFlopsPerSecond ÷ peakFlopsPerSecond.") double utilization,
            @Schema(description = "Upper bound: the device at its TDP for the whole time (absent without a catalog TDP).") Double energyJoules,
            @Schema(description = "At the catalog's on-demand cloud price per device-hour (absent without one).") Double costUsd,
            List<Operation> breakdown,
            Tiling tiling,
            Run run,
            List<String> assumptions,
            ErrorBand expectedError,
            CalibrationUsed calibration,
            CatalogState catalog) {

        /** The headline figures only: no breakdown, tiling, assumptions or calibration (for batch callers). */
        public Estimate brief() {
            return new Estimate(acceleratorId, acceleratorName, format, workload, flops, bytes, arithmeticIntensity, bound, timeSeconds,
                    computeSeconds, memorySeconds, fixedSeconds, achievedFlopsPerSecond, peakFlopsPerSecond, utilization, energyJoules,
                    costUsd, null, null, run, null, expectedError, null, catalog);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OperationCost", description = "One operation type of the breakdown; times add up to the total.")
    public record Operation(String operation, double flops, double bytes, double timeSeconds, String bound,
            @Schema(description = "Share of the total time.") double share) {
    }

    @Schema(name = "Tiling", description = "How the GEMM was cut: output tiles (GPU) or array folds (TPU), and what quantization cost.")
    public record Tiling(int tileM, int tileN, long tiles, long waves,
            @Schema(description = "Useful fraction of the padded tiles (tile quantization).") double tileEfficiency,
            @Schema(description = "Busy fraction of the SMs/arrays over all waves (wave quantization).") double waveEfficiency,
            @Schema(description = "Bytes a kernel without cache reuse would load (Dettmers' tile-load count) for this tile.") double tileLoadBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ModelRun", description = "A whole run: steps or tokens on N devices with plain data parallelism.")
    public record Run(int devices, Long steps, Double stepTimeSeconds, Double totalTimeSeconds, Double tokensPerSecond,
            Double sequencesPerSecond, Double modelFlopsUtilization, Double communicationSeconds, Double kvCacheBytes,
            Double weightBytes, Boolean fitsInMemory, Double energyJoules, Double costUsd) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ErrorBand", description = "How far off the model has been in this regime, from GET /v1/validation.")
    public record ErrorBand(String category, int cases, Double medianAbsoluteErrorPercent, Double p90AbsoluteErrorPercent,
            Double worstAbsoluteErrorPercent, String note) {
    }

    @Schema(name = "CalibrationUsed")
    public record CalibrationUsed(String architecture, boolean calibrated, double gemmCeiling, String gemmSource,
            double fusedAttentionCeiling, String fusedAttentionSource, double bandwidthFraction, String bandwidthSource,
            double kernelLatencySeconds, String latencySource) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CatalogState", description = "Whether the catalog answered; if not, the facts came from the cache synced at cacheSyncedAt.")
    public record CatalogState(boolean reachable, Instant cacheSyncedAt) {
    }
}
