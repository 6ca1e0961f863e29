package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.api.Vocabulary;
import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.costing.ErrorBand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of calibration profiles: a user's own measurements and the constants fitted to them. */
public final class CalibrationProfiles {
    /** Most measurements one profile holds (issue 19). */
    public static final int MAX_MEASUREMENTS = 10_000;
    /** Most whole-model measurements one profile holds: each is a full model estimate per fit evaluation. */
    public static final int MAX_MODEL_MEASUREMENTS = 200;
    public static final String PARAMETERS = "gemmCeiling|attentionCeiling|bandwidthFraction|kernelLatencySeconds|trainingStepEfficiency"
            + "|intraNodeCollectiveScale|interNodeCollectiveScale";
    static final String PARAMETER_MESSAGE = "must be one of gemmCeiling, attentionCeiling, bandwidthFraction, kernelLatencySeconds, "
            + "trainingStepEfficiency, intraNodeCollectiveScale, interNodeCollectiveScale";
    static final String MEASUREMENT_ID = "^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,99}$";

    private CalibrationProfiles() {
    }

    @Schema(name = "CalibrationProfileRequest", description = "Your own measurements on your own machines; the model's constants for the "
            + "regimes they touch are fitted to them.")
    public record Create(
            @Schema(description = "A name for the profile.", example = "our DGX A100 pod, PyTorch 2.4") @NotBlank @Size(max = 200) String name,
            @Schema(description = "The catalog accelerators the profile covers; every measurement is on one of them, and each needs at least one.")
            @NotNull @Size(min = 1, max = 50) List<@NotBlank @Pattern(regexp = Vocabulary.ID, message = Requests.ID_MESSAGE) String> acceleratorIds,
            @Schema(description = "The software stack the measurements ran on (driver, CUDA, framework, runtime), quoted back.",
                    example = "CUDA 12.4, PyTorch 2.4, cuBLAS 12.4") @Size(max = 500) String software,
            @Schema(description = "The parameters to fit; default: every parameter the measurements inform. A parameter named here that no "
                    + "measurement informs is a 422 saying which measurements would.")
            @Size(max = 7) List<@NotBlank @Pattern(regexp = PARAMETERS, message = PARAMETER_MESSAGE) String> parameters,
            @Schema(description = "The measurements, at most 10,000 (at most 200 of them whole-model).") @NotNull @Size(min = 1, max = MAX_MEASUREMENTS)
            @Valid List<@NotNull Measurement> measurements) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileMeasurement", description = "One measurement: the workload exactly as the cost endpoints take it (one of "
            + "matmul, attention, model; its acceleratorId is ignored) or an all-reduce over a cluster, and the time it took, in the sense "
            + "of the answer's timeSeconds — one matmul call, one attention call, one training step or forward pass, one decode step "
            + "(time per output token at batch 1), or one all-reduce (nccl-tests' out-of-place time).")
    public record Measurement(
            @Schema(description = "Your id for it, quoted in the fit; default m1, m2, … by position.", example = "gemm-8192")
            @Pattern(regexp = MEASUREMENT_ID, message = "must be 1 to 100 letters, digits or . _ : / + - starting with a letter or digit") String id,
            @Schema(description = "The accelerator it ran on: one of the profile's acceleratorIds.", example = "nvidia-a100-sxm-80gb")
            @NotBlank @Pattern(regexp = Vocabulary.ID, message = Requests.ID_MESSAGE) String acceleratorId,
            @Schema(description = "A matmul as POST /v1/costs/matmul takes it.") Requests.Matmul matmul,
            @Schema(description = "An attention call as POST /v1/costs/attention takes it.") Requests.Attention attention,
            @Schema(description = "A whole-model step as POST /v1/costs/models takes it.") Requests.ModelCost model,
            @Schema(description = "An all-reduce over a cluster (nccl-tests all_reduce_perf).") @Valid AllReduce allReduce,
            @Schema(description = "Measured time, seconds (the median of repeated runs, warm).", example = "0.00041")
            @NotNull @Positive @DecimalMax("1e7") Double timeSeconds,
            @Schema(description = "Anything worth keeping with it (tool, date, conditions).") @Size(max = 500) String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileAllReduce", description = "One all-reduce of messageBytes over a cluster, as nccl-tests' all_reduce_perf times it.")
    public record AllReduce(
            @Schema(description = "The cluster it ran on: a catalog system with devices, or devices per node and the links; its "
                    + "acceleratorId, when given, must be the measurement's.") @NotNull @Valid dev.accelerometer.common.api.ClusterSpec cluster,
            @Schema(description = "Message size, bytes (nccl-tests' size column).", example = "1073741824")
            @NotNull @Positive @DecimalMax("1e13") Double messageBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CalibrationProfile", description = "The fit: per accelerator, every parameter's default and fitted value with its "
            + "uncertainty and the measurements that moved it, and the error on your measurements before and after (leave one out).")
    public record Profile(UUID id, Instant createdAt,
            @Schema(description = "The API key name that saved it (only it lists and deletes it).") String owner,
            String name, List<String> acceleratorIds, String software,
            @Schema(description = "The parameters asked for; empty: every parameter the measurements inform.") List<String> parametersAsked,
            List<AcceleratorFit> accelerators, List<MeasurementFit> measurements) {

        /** The fit of one accelerator, or null when the profile does not cover it. */
        public AcceleratorFit accelerator(String acceleratorId) {
            return accelerators.stream().filter(a -> a.acceleratorId().equals(acceleratorId)).findFirst().orElse(null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CalibrationProfileAccelerator")
    public record AcceleratorFit(String acceleratorId,
            @Schema(description = "The architecture whose table constants the fit starts from.") String architecture,
            @Schema(description = "Number of measurements on this accelerator.") int measurements,
            List<ParameterFit> parameters,
            @Schema(description = "The constants answers use on this accelerator under the profile (the table's, where not fitted).")
            CalibrationConstants calibration,
            @Schema(description = "Multiplier on the named attention kernels' published ceilings (FlashAttention-2 on Hopper, cuDNN): the "
                    + "fitted attention ceiling ÷ the table's.") double attentionScale,
            @Schema(description = "Multiplier on the bandwidth collectives reach inside a node (1: the published systems' NCCL efficiency).")
            double intraNodeCollectiveScale,
            @Schema(description = "Multiplier on the bandwidth collectives reach between nodes (1: the published systems' NCCL efficiency).")
            double interNodeCollectiveScale,
            @Schema(description = "Median absolute error of the model on these measurements with the table's constants, percent.")
            double medianAbsoluteErrorBeforePercent,
            @Schema(description = "90th-percentile absolute error with the table's constants, percent.") double p90AbsoluteErrorBeforePercent,
            @Schema(description = "Median absolute error under the profile, each measurement predicted by the fit without it (leave one "
                    + "out, linearised at the fit), percent.") double medianAbsoluteErrorLeaveOneOutPercent,
            @Schema(description = "90th-percentile leave-one-out absolute error under the profile, percent.") double p90AbsoluteErrorLeaveOneOutPercent,
            @Schema(description = "The bands answers under this profile quote, per regime with three or more measurements (leave one out).")
            List<ErrorBand> errorBands,
            @Schema(description = "Number of Gauss–Newton iterations the fit took (a count).") int iterations,
            @Schema(description = "False when the fit stopped at its iteration limit before settling.") boolean converged) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CalibrationProfileParameter")
    public record ParameterFit(
            @Schema(enumeration = {"gemmCeiling", "attentionCeiling", "bandwidthFraction", "kernelLatencySeconds", "trainingStepEfficiency",
                    "intraNodeCollectiveScale", "interNodeCollectiveScale"}) String parameter,
            @Schema(description = "The calibration table's value for the architecture, in the parameter's own unit: a fraction of peak (0 to 1), or seconds for kernelLatencySeconds.") double defaultValue,
            @Schema(description = "The fitted value (the default when no measurement informs it), in the parameter's own unit: a fraction of peak (0 to 1), or seconds for kernelLatencySeconds.") double value,
            @Schema(description = "value ÷ defaultValue, a ratio.") double multiplier,
            @Schema(description = "One standard deviation of the fitted value, percent (log-space, Laplace approximation).") double uncertaintyPercent,
            @Schema(description = "True when some measurement informs it and it was fitted.") boolean fitted,
            @Schema(description = "True when the fit stopped at the parameter's physical bound (a fraction of peak at 1).") boolean atBound,
            @Schema(description = "How far the prior lets it move: one standard deviation, percent.") double priorUncertaintyPercent,
            @Schema(description = "Where the prior's width comes from.") String priorSource,
            @Schema(description = "The measurements whose prediction depends on it, most sensitive first.") List<String> movedBy,
            @Schema(description = "Why it was not fitted, and which measurements would inform it.") String notFittedBecause) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CalibrationProfileMeasurement", description = "One measurement against the model before and after the fit.")
    public record MeasurementFit(String id, String acceleratorId,
            @Schema(enumeration = {"matmul", "attention", "model", "allReduce"}) String kind,
            @Schema(description = "The validation regime it belongs to (the band its σ comes from).") String category,
            @Schema(description = "The workload as the cost answers name it.") String workload,
            @Schema(description = "What you measured, seconds.") double measuredTimeSeconds,
            @Schema(description = "The model's time with the table's constants, seconds.") double predictedBeforeSeconds,
            @Schema(description = "The model's time under the profile, seconds.") double predictedSeconds,
            @Schema(description = "The model's time under the profile fitted without this measurement (linearised), seconds.")
            double predictedLeaveOneOutSeconds,
            @Schema(description = "(predictedBefore − measured) ÷ measured, percent.") double errorBeforePercent,
            @Schema(description = "(predicted − measured) ÷ measured, percent.") double errorPercent,
            @Schema(description = "(predictedLeaveOneOut − measured) ÷ measured, percent.") double errorLeaveOneOutPercent,
            @Schema(description = "The noise assumed for it: log-space standard deviation from its regime's held-out median error "
                    + "(GET /v1/validation); dimensionless.") double sigmaLog,
            @Schema(description = "Its robust (Huber) weight in the fit, a fraction (0 to 1): 1 for a measurement the fit agrees with, less for an outlier.") double weight,
            String note) {
    }

    @Schema(name = "CalibrationProfileSummary")
    public record Summary(UUID id, Instant createdAt, String name, List<String> acceleratorIds,
            @Schema(description = "Number of measurements.") int measurements) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AppliedCalibrationProfile", description = "The calibration profile an answer ran under.")
    public record Applied(UUID id, String name,
            @Schema(description = "False when the profile does not cover this accelerator: the table's constants were used.") boolean applied,
            @Schema(description = "The constants it changed from the table's.") List<Change> changed,
            String note) {
    }

    @Schema(name = "CalibrationProfileChange")
    public record Change(@Schema(enumeration = {"gemmCeiling", "attentionCeiling", "bandwidthFraction", "kernelLatencySeconds",
            "trainingStepEfficiency", "intraNodeCollectiveScale", "interNodeCollectiveScale"}) String parameter,
            @Schema(description = "The calibration table's value, in the parameter's own unit: a fraction of peak (0 to 1), or seconds for kernelLatencySeconds.") double defaultValue,
            @Schema(description = "The profile's value, in the parameter's own unit: a fraction of peak (0 to 1), or seconds for kernelLatencySeconds.") double value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasurementImportRequest", description = "The text output of a tool you already run, to turn into profile measurements.")
    public record ImportRequest(
            @Schema(description = "matmul-csv: a header line naming the columns m, n, k, dtype, seconds (and optionally batch), one "
                    + "matmul per line, as a torch.matmul sweep writes it; dtype float16/fp16/half, bfloat16/bf16, float32/fp32, tf32, "
                    + "float8_e4m3fn/fp8, int8; seconds per call. Lines starting with # are comments. nccl-tests: the text "
                    + "all_reduce_perf prints (size, count, type, redop[, root], then the out-of-place time in µs, algbw, busbw …); "
                    + "sizes under 1 MiB are left out (latency-bound: the profile fits collective bandwidth), and `cluster` says what it "
                    + "ran on.", enumeration = {"matmul-csv", "nccl-tests"})
            @NotBlank @Pattern(regexp = "matmul-csv|nccl-tests", message = "must be matmul-csv or nccl-tests") String format,
            @Schema(description = "The accelerator the measurements ran on.", example = "nvidia-a100-sxm-80gb")
            @NotBlank @Pattern(regexp = Vocabulary.ID, message = Requests.ID_MESSAGE) String acceleratorId,
            @Schema(description = "The tool's output, at most 2 MB.") @NotBlank @Size(max = 2_000_000) String text,
            @Schema(description = "nccl-tests only: the cluster the run used (a catalog system with devices, or devices per node and "
                    + "links).") @Valid dev.accelerometer.common.api.ClusterSpec cluster) {
    }

    @Schema(name = "MeasurementImport")
    public record Imported(
            @Schema(description = "The measurements read, ready for a profile's measurements.") List<Measurement> measurements,
            @Schema(description = "Lines that could not be read, with why.") List<RejectedLine> rejectedLines) {
    }

    @Schema(name = "RejectedLine")
    public record RejectedLine(@Schema(description = "The line's 1-based index in the text.") int line, String reason) {
    }
}
