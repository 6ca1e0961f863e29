package dev.accelerometer.quantization.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.model.quantization.Method;
import dev.accelerometer.model.quantization.Options;
import dev.accelerometer.model.quantization.WeightLayout;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/formats")
@Tag(name = "formats")
@Produces(MediaType.APPLICATION_JSON)
public class FormatResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WeightFormat")
    public record Format(String id, @Schema(description = "Bits per stored value, constants excluded.") int bits, String layout,
            @Schema(description = "Default number of weights sharing one set of quantization constants.") Integer defaultBlockOrGroupSize,
            Boolean defaultDoubleQuantization,
            @Schema(description = "Bits per parameter of an 8192×8192 matrix at the defaults, constants included.") double bitsPerParameter,
            @Schema(description = "bitsPerParameter − bits: bits per parameter spent on constants.") double constantsOverheadBits, String highPrecisionParts,
            @Schema(description = "The catalog peak whose presence means the device computes in this format; absent for weight-only methods.") String nativeWhenCatalogHas,
            String reference) {
    }

    @GET
    @Operation(operationId = "listFormats", summary = "Every supported weight format with bits per weight, constant overhead and native support")
    public List<Format> formats() {
        return Arrays.stream(Method.values()).map(m -> {
            Options o = Options.defaults(m);
            double bits = WeightLayout.bitsPerParameter(m, o, 8192, 8192);
            return new Format(m.id, m.bits, layout(m), o.group() > 0 ? o.group() : null,
                    m.layout == Method.Layout.BLOCKWISE4 ? o.doubleQuantization() : null, bits, bits - m.bits,
                    m.linearLayersOnly() ? "embeddings, output head, norms and biases stay 16-bit" : "none: every tensor in " + m.id,
                    switch (m) {
                        case FP32 -> "peakFp32FlopsPerSecond";
                        case FP16 -> "peakFp16FlopsPerSecond";
                        case BF16 -> "peakBf16FlopsPerSecond";
                        case FP8_E4M3, FP8_E5M2, MXFP8 -> "peakFp8FlopsPerSecond";
                        case INT8, LLM_INT8 -> "peakInt8OpsPerSecond";
                        case INT4 -> "peakInt4OpsPerSecond";
                        case MXFP4, NVFP4 -> "peakFp4FlopsPerSecond";
                        default -> null;
                    }, reference(m));
        }).toList();
    }

    private static String layout(Method m) {
        return switch (m.layout) {
            case FLOAT -> "plain " + m.bits + "-bit floats";
            case FP8 -> "1 byte per weight, fp32 scale per tensor (or per block×block tile with blockSize)";
            case INT8 -> "1 byte per weight, fp32 absmax scale per tensor (or per output row with vectorWise)";
            case LLM_INT8 -> "1 byte per weight, fp32 scale per output row; outlier dimensions computed in fp16";
            case BLOCKWISE4 -> "2 weights per byte, fp32 absmax per block; double quantization: 8-bit absmax + fp32 per 256 blocks";
            case GPTQ -> "AutoGPTQ: packed int32 qweight, per-group fp16 scales and packed zeros, int32 g_idx";
            case AWQ -> "AutoAWQ GEMM: packed int32 qweight, per-group fp16 scales and packed zeros";
            case GGUF -> "ggml blocks of " + dev.accelerometer.model.quantization.Gguf.base(m).elements + " weights with their scales ("
                    + dev.accelerometer.model.quantization.Gguf.base(m).bitsPerWeight() + " bits per weight); llama.cpp chooses a type per tensor";
            case MICROSCALING -> (m.bits == 8 ? "1 byte" : "half a byte") + " per weight (" + (m.bits == 8 ? "E4M3" : "E2M1") + "), one "
                    + (m == Method.NVFP4 ? "E4M3 scale byte per 16 weights along the input, plus fp32 weight and activation scales per matrix"
                    : "E8M0 scale byte per 32 weights along the input");
        };
    }

    private static String reference(Method m) {
        return switch (m.layout) {
            case FLOAT -> "IEEE 754 / bfloat16";
            case FP8 -> "Micikevicius et al. 2022, FP8 Formats for Deep Learning";
            case INT8, LLM_INT8 -> "Dettmers et al. 2022, LLM.int8()";
            case BLOCKWISE4 -> "Dettmers et al. 2023, QLoRA (NF4, double quantization)";
            case GPTQ -> "Frantar et al. 2023, GPTQ";
            case AWQ -> "Lin et al. 2024, AWQ";
            case GGUF -> "ggml-org/llama.cpp: ggml/src/ggml-common.h (block layouts), src/llama-quant.cpp (per-tensor types)";
            case MICROSCALING -> m == Method.NVFP4 ? "NVIDIA 2025, Introducing NVFP4 for Efficient and Accurate Low-Precision Inference (Table 1); "
                    + "vLLM ModelOpt NVFP4 checkpoint layout" : "OCP Microscaling Formats (MX) Specification v1.0 (2023); Rouhani et al. 2023";
        };
    }
}
