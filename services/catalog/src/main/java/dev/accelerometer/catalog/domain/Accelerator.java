package dev.accelerometer.catalog.domain;

import dev.accelerometer.common.problem.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One accelerator as a roofline plus the facts that bend it. Peaks are dense (no sparsity); a format the device has
 * no mode for is absent, never zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Accelerator", description = "An accelerator (GPU, TPU or other) with sourced datasheet facts and derived figures.")
/*
 * Numeric bounds: about a thousand times beyond today's extremes either way (the seed spans 34 GB/s to 8 TB/s, 0.5 TFLOP/s to
 * 5 PFLOP/s, 8 GiB to 512 GiB), so a catalog value can never make a cost model divide by ~0 or overflow (a fuzzing pass saved a
 * peak of 1e-300 FLOP/s and every cost on the device was Infinity).
 */
public record Accelerator(
        @Schema(example = "nvidia-h100-sxm") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = Slug.MAX_LENGTH) String id,
        @Schema(example = "NVIDIA") @NotBlank @Size(max = 80) String vendor,
        @Schema(example = "H100 SXM5 80GB") @NotBlank @Size(max = 120) String name,
        @NotNull AcceleratorKind kind,
        @Schema(description = "Architecture or generation.", example = "Hopper") @Size(max = 80) String architecture,
        @Schema(example = "sxm") @Size(max = 40) String formFactor,
        @Schema(description = "Year of release.", example = "2022") @Min(1990) @Max(2100) Integer releaseYear,

        @Schema(description = "Device memory capacity in bytes.", example = "85899345920") @NotNull @Min(value = 1L << 20, message = "must be at least 1 MiB (1048576 bytes)") @Max(value = 1L << 50, message = "must be at most 1 PiB (2^50 bytes)") Long memoryBytes,
        @Schema(example = "HBM3") @Size(max = 40) String memoryType,
        @Schema(description = "Datasheet memory bandwidth, bytes per second.", example = "3.35e12") @NotNull @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 bytes/s") @jakarta.validation.constraints.DecimalMax(value = "1e16", message = "must be at most 1e16 bytes/s") Double memoryBandwidthBytesPerSecond,

        @Schema(description = "Peak dense FP64 (including FP64 tensor/matrix cores), FLOP/s.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakFp64FlopsPerSecond,
        @Schema(description = "Peak dense FP32 on vector/CUDA cores, FLOP/s.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakFp32FlopsPerSecond,
        @Schema(description = "Peak dense TF32 tensor throughput, FLOP/s.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakTf32FlopsPerSecond,
        @Schema(description = "Peak dense FP16 tensor throughput with FP32 accumulation, FLOP/s.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakFp16FlopsPerSecond,
        @Schema(description = "Peak dense BF16 tensor throughput with FP32 accumulation, FLOP/s.", example = "9.89e14") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakBf16FlopsPerSecond,
        @Schema(description = "Peak dense FP8 tensor throughput, FLOP/s.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakFp8FlopsPerSecond,
        @Schema(description = "Peak dense FP4 tensor throughput (both operands block-scaled 4-bit floats: NVFP4, MXFP4), FLOP/s; "
                + "absent where the device has no FP4 tensor-core mode.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakFp4FlopsPerSecond,
        @Schema(description = "Peak dense INT8 tensor throughput, operations per second.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakInt8OpsPerSecond,
        @Schema(description = "Peak dense INT4 tensor throughput, operations per second.") @jakarta.validation.constraints.DecimalMin(value = "1e8", message = "must be at least 1e8 per second") @jakarta.validation.constraints.DecimalMax(value = "1e19", message = "must be at most 1e19 per second") Double peakInt4OpsPerSecond,
        @Schema(description = "Speed-up factor of structured (2:4) sparsity over dense, e.g. 2.0; absent when unsupported.") @Min(1) @Max(16) Double structuredSparsityFactor,

        @Schema(description = "Number of SMs (NVIDIA), CUs (AMD), TensorCores (TPU) or TPCs (Gaudi).", example = "132") @Positive @Max(1_000_000) Integer computeUnits,
        @Schema(description = "Boost clock, hertz.", example = "1.98e9") @jakarta.validation.constraints.DecimalMin(value = "1e7", message = "must be at least 1e7 Hz") @jakarta.validation.constraints.DecimalMax(value = "1e11", message = "must be at most 1e11 Hz") Double boostClockHertz,
        @Schema(description = "Clock the board holds under sustained full load, hertz, where published measurements show it well below "
                + "the boost clock (a power-capped board); the cost models scale its compute peaks by this over boostClockHertz. Absent: "
                + "the boost clock.", example = "1.215e9") @jakarta.validation.constraints.DecimalMin(value = "1e7", message = "must be at least 1e7 Hz") @jakarta.validation.constraints.DecimalMax(value = "1e11", message = "must be at most 1e11 Hz") Double sustainedClockHertz,
        @Schema(description = "Combined L1/shared memory per SM or CU, bytes (GPUs).") @Positive @Max(1L << 40) Long l1SharedMemoryBytesPerComputeUnit,
        @Schema(description = "Last-level (L2) cache, bytes.") @Positive @Max(1L << 40) Long l2CacheBytes,
        @Schema(description = "Rows of one systolic array (TPU MXU), processing elements.", example = "128") @Positive @Max(65536) Integer systolicArrayRows,
        @Schema(description = "Columns of one systolic array (TPU MXU), processing elements.", example = "128") @Positive @Max(65536) Integer systolicArrayColumns,
        @Schema(description = "Systolic arrays per chip.", example = "8") @Positive @Max(65536) Integer systolicArrayCount,

        @Schema(description = "Thermal design power, watts.", example = "700") @jakarta.validation.constraints.DecimalMin(value = "1", message = "must be at least 1 W") @jakarta.validation.constraints.DecimalMax(value = "1e5", message = "must be at most 1e5 W") Double tdpWatts,
        @Schema(description = "PCIe generation of the host link, an index (4 = PCIe 4.0).", example = "5") @Min(1) @Max(7) Integer hostLinkPcieGeneration,
        @Schema(description = "Number of PCIe lanes of the host link.", example = "16") @Min(1) @Max(32) Integer hostLinkPcieLanes,
        @Schema(description = "Scale-up link, e.g. nvlink-4, ici, infinity-fabric.", example = "nvlink-4") @Size(max = 40) String scaleUpLinkKind,
        @Schema(description = "Aggregate scale-up bandwidth of one device, per direction, bytes per second.", example = "4.5e11") @jakarta.validation.constraints.DecimalMin(value = "1e6", message = "must be at least 1e6 bytes/s") @jakarta.validation.constraints.DecimalMax(value = "1e16", message = "must be at most 1e16 bytes/s") Double scaleUpBandwidthPerDirectionBytesPerSecond,

        @Schema(description = "List price in US dollars.") @jakarta.validation.constraints.DecimalMin(value = "0.01", message = "must be at least 0.01 USD") @jakarta.validation.constraints.DecimalMax(value = "1e9", message = "must be at most 1e9 USD") Double listPriceUsd,
        @Schema(description = "When the list price was quoted (YYYY-MM or YYYY-MM-DD).", example = "2023-03") @Size(max = 10) @Pattern(regexp = "^\\d{4}-\\d{2}(-\\d{2})?$", message = "must be YYYY-MM or YYYY-MM-DD") String listPriceDate,
        @Schema(description = "On-demand cloud price per device-hour, US dollars.") @jakarta.validation.constraints.DecimalMin(value = "0.0001", message = "must be at least 0.0001 USD/h") @jakarta.validation.constraints.DecimalMax(value = "1e6", message = "must be at most 1e6 USD/h") Double cloudPriceUsdPerHour,
        @Schema(example = "Google Cloud") @Size(max = 80) String cloudPriceProvider,
        @Schema(example = "2026-11-21") @Size(max = 10) @Pattern(regexp = "^\\d{4}-\\d{2}(-\\d{2})?$", message = "must be YYYY-MM or YYYY-MM-DD") String cloudPriceDate,

        @NotEmpty @Valid List<@NotNull @Valid Source> sources,
        @Schema(description = "Field name -> id of the source it was taken from.") @NotNull Map<@NotBlank String, @NotBlank String> fieldSources,
        @Size(max = 4000) String notes,
        @Schema(readOnly = true, description = "Revision index: 0 for the seed, one more per change; also sent as the ETag.") Long version,
        @Schema(readOnly = true) AcceleratorFigures derived,
        @Schema(readOnly = true, description = "Field name -> how its value was obtained (datasheet, measured, derived, estimated): "
                + "the confidence of the source fieldSources names for it.")
        Map<String, ValueConfidence> fieldConfidence) implements CatalogDocument {

    /** The peak for a format, or null where the device has no such mode. */
    public Double peak(NumberFormat format) {
        return switch (format) {
            case FP64 -> peakFp64FlopsPerSecond;
            case FP32 -> peakFp32FlopsPerSecond;
            case TF32 -> peakTf32FlopsPerSecond;
            case FP16 -> peakFp16FlopsPerSecond;
            case BF16 -> peakBf16FlopsPerSecond;
            case FP8 -> peakFp8FlopsPerSecond;
            case FP4 -> peakFp4FlopsPerSecond;
            case INT8 -> peakInt8OpsPerSecond;
            case INT4 -> peakInt4OpsPerSecond;
        };
    }

    /** The JSON field holding a format's peak. */
    public static String peakField(NumberFormat format) {
        String unit = format == NumberFormat.INT8 || format == NumberFormat.INT4 ? "OpsPerSecond" : "FlopsPerSecond";
        String slug = format.slug();
        return "peak" + Character.toUpperCase(slug.charAt(0)) + slug.substring(1) + unit;
    }

    /**
     * Fields a kind of device cannot have. TPUs have no FP64 units and no TF32 mode (Google Cloud TPU system
     * architecture pages list bf16/int8 MXUs only); tensor-core GPUs are not described as systolic arrays.
     */
    public List<FieldError> kindErrors() {
        List<FieldError> errors = new ArrayList<>();
        if (kind == AcceleratorKind.TPU) {
            if (peakFp64FlopsPerSecond != null) {
                errors.add(new FieldError("peakFp64FlopsPerSecond", "a TPU has no FP64 mode; remove the value or set kind to 'gpu'/'other'"));
            }
            if (peakTf32FlopsPerSecond != null) {
                errors.add(new FieldError("peakTf32FlopsPerSecond", "TF32 is a GPU tensor-core mode a TPU does not have; remove the value"));
            }
            if (l1SharedMemoryBytesPerComputeUnit != null) {
                errors.add(new FieldError("l1SharedMemoryBytesPerComputeUnit", "a TPU has no per-SM L1/shared memory; remove the value"));
            }
        }
        if (kind == AcceleratorKind.GPU && (systolicArrayRows != null || systolicArrayColumns != null || systolicArrayCount != null)) {
            errors.add(new FieldError("systolicArrayRows", "systolic-array shape applies to kind 'tpu' or 'other', not 'gpu'; remove systolicArray* values"));
        }
        boolean anyPeak = false;
        for (NumberFormat f : NumberFormat.values()) {
            anyPeak |= peak(f) != null;
        }
        if (!anyPeak) {
            errors.add(new FieldError("peakBf16FlopsPerSecond", "an accelerator needs a peak for at least one number format"));
        }
        if ((systolicArrayRows == null) != (systolicArrayColumns == null)) {
            errors.add(new FieldError("systolicArrayColumns", "give both systolicArrayRows and systolicArrayColumns, or neither"));
        }
        return errors;
    }

    @Override
    public Accelerator stripped() {
        return withServerFields(null, null);
    }

    @Override
    public Accelerator presented(long revision) {
        return withServerFields(revision, AcceleratorFigures.of(this));
    }

    private Accelerator withServerFields(Long revision, AcceleratorFigures figures) {
        return new Accelerator(id, vendor, name, kind, architecture, formFactor, releaseYear, memoryBytes, memoryType,
                memoryBandwidthBytesPerSecond, peakFp64FlopsPerSecond, peakFp32FlopsPerSecond, peakTf32FlopsPerSecond,
                peakFp16FlopsPerSecond, peakBf16FlopsPerSecond, peakFp8FlopsPerSecond, peakFp4FlopsPerSecond, peakInt8OpsPerSecond,
                peakInt4OpsPerSecond, structuredSparsityFactor, computeUnits, boostClockHertz, sustainedClockHertz,
                l1SharedMemoryBytesPerComputeUnit, l2CacheBytes, systolicArrayRows, systolicArrayColumns,
                systolicArrayCount, tdpWatts, hostLinkPcieGeneration, hostLinkPcieLanes, scaleUpLinkKind,
                scaleUpBandwidthPerDirectionBytesPerSecond, listPriceUsd, listPriceDate, cloudPriceUsdPerHour,
                cloudPriceProvider, cloudPriceDate, sources, fieldSources, notes, revision, figures,
                revision == null ? null : Provenance.fieldConfidence(this));
    }
}
