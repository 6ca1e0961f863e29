package dev.accelerometer.quantization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.store.Retention;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Estimate", description = "Memory to the byte, fit and speed per accelerator, and quality guidance.")
public record EstimateResult(UUID id, Instant createdAt, ModelInfo model, FormatInfo weightFormat, String kvCacheFormat, String mode,
        @Schema(description = EstimateRequest.BATCH) long batch,
        @Schema(description = "Tokens of context per sequence.") long contextLength, Memory memory, List<Fit> fits,
        @Schema(description = "The accelerator whose devices (as many as hold the model) cost least to buy at list price.") String cheapestByListPrice,
        @Schema(description = "The accelerator that generates tokens most cheaply at on-demand cloud prices: the lowest "
                + "cloudUsdPerMillionTokens where decode is timed; the lowest totalCloudUsdPerHour otherwise.") String cheapestByCloudPrice,
        Quality quality, Quality kvCacheQuality, List<String> assumptions, List<String> warnings,
        @Schema(description = "Who owns the saved estimate and how long it is kept; absent when not saved.") Retention retention) {

    /** The same answer saved under {@code newId} with its retention. */
    public EstimateResult saved(UUID newId, Retention kept) {
        return new EstimateResult(newId, createdAt, model, weightFormat, kvCacheFormat, mode, batch, contextLength, memory, fits,
                cheapestByListPrice, cheapestByCloudPrice, quality, kvCacheQuality, assumptions, warnings, kept);
    }

    @Schema(name = "EstimateSummary", description = "A saved estimate as the list shows it.")
    public record Summary(UUID id, Instant createdAt, String model, String weightFormat) {
    }

    @Schema(name = "EstimateModel")
    public record ModelInfo(String id, String name,
            @Schema(description = "Number of parameters the estimate counts (from the shape).") long parameters,
            @Schema(description = "Published parameter count, where the catalog has one.") Long publishedParameters,
            @Schema(description = "Number of parameters in the quantized linear layers.") long linearParameters,
            @Schema(description = "Number of parameters kept in 16 bits (embeddings, norms and other high-precision parts).") long highPrecisionParameters,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            @Schema(description = "Mixtures of experts: number of parameters one token uses (memory holds them all; compute and, at small "
                    + "batch, weight reads follow the active ones).") Long activeParameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EstimateFormat")
    public record FormatInfo(String id, @Schema(description = "Bits per stored value, constants excluded.") int bits,
            @Schema(description = "Number of weights sharing one set of quantization constants.") Integer blockOrGroupSize,
            Boolean doubleQuantization, Boolean vectorWise,
            @Schema(description = EstimateRequest.OUTLIER_THRESHOLD) Double outlierThreshold,
            @Schema(description = "Bits per parameter over the linear layers, constants included (with quantizedLayers experts, the other "
                    + "linear layers' 16 bits included).") double bitsPerLinearParameter,
            @Schema(description = "Over all parameters, 16-bit parts included.") double bitsPerParameter,
            @Schema(description = "experts when only the routed experts are quantized (the request's quantizedLayers); absent otherwise.",
                    enumeration = {"experts"}) String quantizedLayers,
            @Schema(description = "With quantizedLayers experts: bits per parameter of the routed experts, constants included.")
            Double bitsPerExpertParameter) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MemoryBreakdown", description = "Bytes; totals are for one model replica.")
    public record Memory(@Schema(description = "Weights with their quantization constants, bytes.") long weightBytes,
            List<WeightPart> weightParts,
            @Schema(description = "KV cache of the batch at the full context, bytes.") long kvCacheBytes,
            @Schema(description = "Activations, bytes.") long activationBytes,
            @Schema(description = "Number of trainable parameters (adapters, or all for a full fine-tune).") Long trainableParameters,
            @Schema(description = "Trainable weights, bytes.") Long trainableBytes,
            @Schema(description = "Gradients, bytes.") Long gradientBytes,
            @Schema(description = "Optimizer states, bytes.") Long optimizerBytes, Boolean optimizerPageable,
            @Schema(description = "Runtime overhead per device as requested, bytes.") long runtimeOverheadBytes,
            @Schema(description = "Everything, pageable optimizer states included.") long totalBytes,
            @Schema(description = "What must stay in device memory (pageable optimizer states excluded).") long residentBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Fit", description = "fits: on one device (or on `devices` when the request fixes it); devicesNeeded: the minimum; "
            + "devices, perDeviceBytes and the totals: for the count used.")
    public record Fit(String acceleratorId, String acceleratorName,
            @Schema(description = "Memory of one device, bytes.") long memoryBytes, boolean fits,
            @Schema(description = "Minimum number of devices that hold the model (absent when none can).") Integer devicesNeeded,
            @Schema(description = "Number of devices the per-device figures and totals are for.") int devices,
            @Schema(description = "Memory used on each device, bytes.") long perDeviceBytes, boolean nativeFormat, String computeFormat,
            String executionNote,
            @Schema(description = "Time of one decode step (one token for every sequence of the batch), seconds.") Double decodeSecondsPerToken,
            @Schema(description = "Tokens generated per second over the batch.") Double decodeTokensPerSecond,
            @Schema(description = "Time to prefill the batch's context, seconds.") Double prefillSeconds,
            @Schema(description = "What bounds a decode step: memory (weight and KV-cache reads), compute (matmuls, or a dequantizing "
                    + "kernel's instructions), latency (kernel launch floors) or host-link (weights streamed over PCIe, streamWeights).",
                    enumeration = {"memory", "compute", "latency", "host-link"}) String decodeBound,
            String speedNote,
            @Schema(description = "Number of sequences (batch) from which decode turns compute-bound (roofline: weight and KV bytes ÷ bandwidth = 2·parameters·batch ÷ peak); "
                    + "absent when the KV cache grows faster than the compute, so decode stays memory-bound.") Long computeBoundBatch,
            @Schema(description = "List price of one device, US dollars.") Double listPriceUsd,
            @Schema(description = "On-demand cloud price of one device per hour, US dollars.") Double cloudPriceUsdPerHour,
            @Schema(description = "List price of `devices` devices, US dollars.") Double totalListPriceUsd,
            @Schema(description = "Cloud price of `devices` devices per hour, US dollars.") Double totalCloudUsdPerHour,
            @Schema(description = "What generating one million tokens costs on `devices` devices at the on-demand cloud price and the "
                    + "decode speed above (the batch's tokens per second), US dollars; absent without a price or a decode time.")
            Double cloudUsdPerMillionTokens,
            @Schema(description = "The electricity of generating one million tokens on `devices` devices at TDP (an upper bound) and the "
                    + "decode speed above: kWh drawn from the grid, its cost and emissions under the request's energy terms or its region's; "
                    + "absent without a TDP or a decode time.") dev.accelerometer.common.energy.Energy.Electricity electricityPerMillionTokens,
            @Schema(description = "With gpuLayers: the number of layers (a count) llama.cpp puts on the GPU, as requested: that many blocks, the output head too when it exceeds them.")
            Integer gpuLayers,
            @Schema(description = "With gpuLayers: what stays in host memory — the other blocks' weights and their KV cache, the output head "
                    + "unless offloaded, the token embedding table — bytes. With streamWeights: the streamed weights, bytes.") Long hostBytes) {
    }

    @Schema(name = "QualityGuidance")
    public record Quality(@Schema(enumeration = {"negligible", "low", "moderate", "high", "severe"}) String risk, String summary, List<Evidence> evidence, String highPrecisionParts) {
    }

    @Schema(name = "Evidence", description = "A published finding and where it was published.")
    public record Evidence(String claim, String reference) {
    }

    @Schema(name = "Part", description = "One tensor family's bytes: packed values and the quantization constants (scales, zeros, indices).")
    public record WeightPart(String tensor, @Schema(description = "Number of parameters in this tensor family.") long parameters,
            @Schema(description = "Packed values, bytes.") long valueBytes,
            @Schema(description = "Quantization constants (scales, zeros, indices), bytes.") long constantBytes, String precision) {
    }
}
