package dev.accelerometer.quantization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.quantization.model.Guidance;
import dev.accelerometer.quantization.model.WeightMemory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Estimate", description = "Memory to the byte, fit and speed per accelerator, and quality guidance.")
public record EstimateResult(UUID id, Instant createdAt, ModelInfo model, FormatInfo weightFormat, String kvCacheFormat, String mode,
        long batch, long contextLength, Memory memory, List<Fit> fits, String cheapestByListPrice, String cheapestByCloudPrice,
        Quality quality, Quality kvCacheQuality, List<String> assumptions, List<String> warnings) {

    @Schema(name = "EstimateModel")
    public record ModelInfo(String id, String name, long parameters, Long publishedParameters, long linearParameters,
            long highPrecisionParameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EstimateFormat")
    public record FormatInfo(String id, int bits, Integer blockOrGroupSize, Boolean doubleQuantization, Boolean vectorWise,
            Double outlierThreshold, @Schema(description = "Over the quantized linear layers, constants included.") double bitsPerLinearParameter,
            @Schema(description = "Over all parameters, 16-bit parts included.") double bitsPerParameter) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MemoryBreakdown", description = "Bytes; totals are for one model replica.")
    public record Memory(long weightBytes, List<WeightMemory.Part> weightParts, long kvCacheBytes, long activationBytes,
            Long trainableParameters, Long trainableBytes, Long gradientBytes, Long optimizerBytes, Boolean optimizerPageable,
            long runtimeOverheadBytes,
            @Schema(description = "Everything, pageable optimizer states included.") long totalBytes,
            @Schema(description = "What must stay in device memory (pageable optimizer states excluded).") long residentBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Fit", description = "fits: on one device (or on `devices` when the request fixes it); devicesNeeded: the minimum; "
            + "devices, perDeviceBytes and the totals: for the count used.")
    public record Fit(String acceleratorId, String acceleratorName, long memoryBytes, boolean fits, Integer devicesNeeded, int devices,
            long perDeviceBytes, boolean nativeFormat, String computeFormat, String executionNote, Double decodeSecondsPerToken,
            Double decodeTokensPerSecond, Double prefillSeconds, String speedNote,
            @Schema(description = "Batch from which decode turns compute-bound (roofline: weight and KV bytes ÷ bandwidth = 2·parameters·batch ÷ peak); "
                    + "absent when the KV cache grows faster than the compute, so decode stays memory-bound.") Long computeBoundBatch,
            Double listPriceUsd, Double cloudPriceUsdPerHour,
            Double totalListPriceUsd, Double totalCloudUsdPerHour) {
    }

    @Schema(name = "QualityGuidance")
    public record Quality(@Schema(enumeration = {"negligible", "low", "moderate", "high", "severe"}) String risk, String summary, List<Guidance.Evidence> evidence, String highPrecisionParts) {
    }
}
