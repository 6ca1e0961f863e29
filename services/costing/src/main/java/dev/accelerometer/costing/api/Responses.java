package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.costing.ErrorBand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the cost endpoints. */
public final class Responses {
    private Responses() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CostEstimate", description = "What a workload costs on one accelerator, how it is bound, and how sure the model is.")
    public record Estimate(
            String acceleratorId, String acceleratorName, String format, String workload,
            @Schema(description = "The model a whole-model estimate is about, with its exact parameter count (absent for kernels).")
            ModelParameters model,
            @Schema(description = "Floating-point (or integer) operations.") double flops,
            @Schema(description = "Bytes moved to and from device memory.") double bytes,
            @Schema(description = "flops ÷ bytes.") double arithmeticIntensity,
            @Schema(description = "compute, memory or latency: the part that dominates the time.") String bound,
            @Schema(description = "Estimated time, seconds: the larger of compute and memory time plus the fixed latency, summed over the operations "
                    + "(for a model: one training step or forward pass; the whole run is runTimeSeconds).")
            double timeSeconds,
            @Schema(description = "Time of the arithmetic alone at the achievable peak, seconds.") double computeSeconds,
            @Schema(description = "Time of the device-memory traffic alone at the achievable bandwidth, seconds.") double memorySeconds,
            @Schema(description = "Fixed kernel latency (launch, pipeline fill), seconds.") double fixedSeconds,
            @Schema(description = "flops ÷ timeSeconds, FLOP/s.") double achievedFlopsPerSecond,
            @Schema(description = "Datasheet peak of the format, FLOP/s (operations per second for integer formats).") double peakFlopsPerSecond,
            @Schema(description = "achievedFlopsPerSecond ÷ peakFlopsPerSecond, a fraction of peak (0 to 1).") double utilization,
            @Schema(description = "Upper bound, joules: the devices at their TDP for the whole time (absent without a catalog TDP).") Double energyJoules,
            @Schema(description = "US dollars at the catalog's on-demand cloud price per device-hour (absent without one); for a model, of one "
                    + "step or forward pass (the whole run: runCostUsd).") Double costUsd,
            @Schema(description = "The whole run's time, seconds: every training step, the prefill, or decoding every token (a model request "
                    + "with a run; the same as run.totalTimeSeconds).") Double runTimeSeconds,
            @Schema(description = "The whole run's cost, US dollars (the same as run.costUsd; absent without a cloud price).") Double runCostUsd,
            @Schema(description = "The whole run's energy upper bound, joules (the same as run.energyJoules).") Double runEnergyJoules,
            List<Operation> breakdown,
            Tiling tiling,
            Run run,
            List<String> assumptions,
            ErrorBand expectedError,
            CalibrationConstants calibration,
            CatalogState catalog,
            @Schema(description = "The run's electricity (a model request): the energy upper bound drawn from the grid, its cost and "
                    + "emissions under the request's energy terms or its region's.") dev.accelerometer.common.energy.Energy.Electricity electricity,
            @Schema(description = "The calibration profile the request named: whether it covers this accelerator and which constants it "
                    + "changed; expectedError is then the profile's own leave-one-out band where it has three or more measurements "
                    + "of this regime.") CalibrationProfiles.Applied calibrationProfile,
            @Schema(description = "A sparse request's sparse kernel against the same work dense (the estimate's times are the sparse kernel's).")
            SparsityEstimate sparsity) {

        /** The headline figures only: no breakdown, tiling, assumptions or calibration (for batch callers). */
        public Estimate brief() {
            return with(null, null, null, null, electricity, expectedError, calibrationProfile, sparsity);
        }

        /** The same estimate with its run's electricity. */
        public Estimate withElectricity(dev.accelerometer.common.energy.Energy.Electricity value) {
            return with(breakdown, tiling, assumptions, calibration, value, expectedError, calibrationProfile, sparsity);
        }

        /** The same estimate saying which calibration profile it ran under, with the band that profile sets. */
        public Estimate withCalibrationProfile(CalibrationProfiles.Applied profile, ErrorBand band) {
            return with(breakdown, tiling, assumptions, calibration, electricity, band, profile, sparsity);
        }

        /** The same estimate with its sparse-against-dense comparison and the band of its regime. */
        public Estimate withSparsity(SparsityEstimate value, ErrorBand band) {
            return with(breakdown, tiling, assumptions, calibration, electricity, band, calibrationProfile, value);
        }

        private Estimate with(List<Operation> breakdown, Tiling tiling, List<String> assumptions, CalibrationConstants calibration,
                dev.accelerometer.common.energy.Energy.Electricity electricity, ErrorBand expectedError, CalibrationProfiles.Applied profile,
                SparsityEstimate sparse) {
            return new Estimate(acceleratorId, acceleratorName, format, workload, model, flops, bytes, arithmeticIntensity, bound, timeSeconds,
                    computeSeconds, memorySeconds, fixedSeconds, achievedFlopsPerSecond, peakFlopsPerSecond, utilization, energyJoules,
                    costUsd, runTimeSeconds, runCostUsd, runEnergyJoules, breakdown, tiling, run, assumptions, expectedError, calibration,
                    catalog, electricity, profile, sparse);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SparsityEstimate", description = "The sparse kernel against the same GEMM dense on the same device.")
    public record SparsityEstimate(
            @Schema(enumeration = {"2:4", "block", "unstructured"}) String pattern,
            @Schema(description = "Fraction of B's elements kept (0 to 1).") double density,
            @Schema(description = "The sparse kernel family timed.", enumeration = {"cusparselt", "cutlass", "hipsparselt", "sputnik", "triton-bsr",
                    "cusparse-blocked-ell", "megablocks"}) String kernel,
            @Schema(description = "The same GEMM dense (the calibrated dense model), seconds.") double denseTimeSeconds,
            @Schema(description = "denseTimeSeconds ÷ the sparse time, a ratio; below 1 the sparse kernel is slower.") double speedupOverDense,
            @Schema(description = "Bytes B costs per element of its dense shape, values and index together (dense: the format's size).")
            double weightBytesPerElement,
            @Schema(description = "Index and metadata bytes of B (2:4: a 2-bit index per kept value), bytes.") double indexBytes,
            @Schema(description = "Whether the kernel family has kernel-level measurements on this architecture in the ledger; when false "
                    + "the efficiency is extrapolated and expectedError widened.") boolean calibrated,
            @Schema(description = "Unstructured GEMMs: the density (fraction kept) at which the sparse kernel matches dense at this shape — "
                    + "below it sparse wins; absent when no density does (the kernel's fixed costs exceed the dense time) or for 2:4.")
            Double breakEvenDensity,
            @Schema(description = "What the sparsity does to quality, as published (model-level answers).") Quality quality) {
    }

    @Schema(name = "QualityGuidance", description = "Quality risk as a class plus the published evidence — never an invented accuracy.")
    public record Quality(@Schema(enumeration = {"negligible", "low", "moderate", "high", "severe"}) String risk, String summary,
            List<Evidence> evidence) {

        public static Quality of(dev.accelerometer.model.quantization.Guidance.Result g) {
            return new Quality(g.risk().name().toLowerCase(java.util.Locale.ROOT), g.summary(),
                    g.evidence().stream().map(e -> new Evidence(e.claim(), e.reference())).toList());
        }
    }

    @Schema(name = "Evidence", description = "A published finding and where it was published.")
    public record Evidence(String claim, String reference) {
    }


    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OperationCost", description = "One operation type of the breakdown; times add up to the total.")
    public record Operation(String operation,
            @Schema(description = "Floating-point (or integer) operations of this operation type.") double flops,
            @Schema(description = "Bytes it moves to and from device memory.") double bytes,
            @Schema(description = "Its time, seconds.") double timeSeconds, String bound,
            @Schema(description = "Share of the total time, a fraction (0 to 1).") double share) {
    }

    @Schema(name = "Tiling", description = "How the GEMM was cut: output tiles (GPU) or array folds (TPU), and what quantization cost.")
    public record Tiling(
            @Schema(description = "Tile rows (GPU threadblock) or systolic-array rows (TPU), elements.") int tileM,
            @Schema(description = "Tile columns (GPU threadblock) or systolic-array columns (TPU), elements.") int tileN,
            @Schema(description = "Number of output tiles (GPU) or weight folds (TPU) over the whole batch.") long tiles,
            @Schema(description = "Number of waves: tiles ÷ SMs (or folds ÷ arrays), rounded up.") long waves,
            @Schema(description = "Useful fraction of the padded tiles (tile quantization).") double tileEfficiency,
            @Schema(description = "Busy fraction of the SMs/arrays over all waves (wave quantization).") double waveEfficiency,
            @Schema(description = "Bytes a kernel without cache reuse would load (Dettmers' tile-load count) for this tile.") double tileLoadBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ModelRun", description = "A whole run: steps or tokens on N devices with plain data parallelism.")
    public record Run(
            @Schema(description = "Number of devices the run uses.") int devices,
            @Schema(description = "Number of training steps (training).") Long steps,
            @Schema(description = "Time of one step (training) or forward pass (prefill, decode), seconds; exposed communication included.") Double stepTimeSeconds,
            @Schema(description = "Time of all steps (training), of the prefill, or of decoding `tokens` (decode), seconds.") Double totalTimeSeconds,
            @Schema(description = "Tokens processed (training, prefill) or generated (decode) per second, all devices together.") Double tokensPerSecond,
            @Schema(description = "Sequences (samples for a CNN) per second, all devices together.") Double sequencesPerSecond,
            @Schema(description = "Model FLOPs utilisation: model FLOP/s ÷ peak FLOP/s, a fraction (0 to 1).") Double modelFlopsUtilization,
            @Schema(description = "Communication not hidden behind compute, seconds per step: the gradient all-reduce's exposed part "
                    + "(training) or the tensor-parallel all-reduces (prefill, decode with tensorParallel).") Double communicationSeconds,
            @Schema(description = "KV cache of the whole batch, bytes (prefill, decode).") Double kvCacheBytes,
            @Schema(description = "Model weights, bytes.") Double weightBytes,
            @Schema(description = "Whether weights and KV cache fit in one device's memory (prefill, decode), or with tensorParallel "
                    + "each device's 1/t share of them.") Boolean fitsInMemory,
            @Schema(description = "Upper bound, joules: every device at its TDP for the whole time.") Double energyJoules,
            @Schema(description = "US dollars at the catalog's on-demand cloud price per device-hour.") Double costUsd) {
    }

}
