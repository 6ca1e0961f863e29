package dev.accelerometer.model.quantization;

import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Dequantization;
import java.util.Arrays;
import java.util.Optional;

/**
 * The weight formats, each with the storage layout its reference implementation uses, so weight memory is exact to
 * the byte for a given shape:
 * <ul>
 * <li>FLOAT: plain fp32/fp16/bf16 tensors.</li>
 * <li>FP8 (e4m3/e5m2): one byte per weight, an fp32 scale per tensor, or per block×block tile when blockSize is given
 * (Micikevicius et al. 2022, "FP8 Formats for Deep Learning"; block scaling as in DeepSeek-V3's 128×128 tiles).</li>
 * <li>INT8: absmax, one byte per weight, fp32 scale per tensor or per output row (vector-wise).</li>
 * <li>LLM_INT8: bitsandbytes Int8Params — int8 weights plus an fp32 scale per output row (SCB); outlier feature
 * dimensions (|x| ≥ threshold, default 6) are multiplied in fp16 from the activations side (Dettmers et al. 2022).</li>
 * <li>BLOCKWISE4 (int4, fp4, nf4): bitsandbytes 4-bit — two weights per byte, an fp32 absmax per block (default 64);
 * with double quantization the absmaxes are 8-bit with an fp32 constant per 256 of them (Dettmers et al. 2023, QLoRA §3:
 * 32/64 = 0.5 → 8/64 + 32/(64·256) = 0.127 bits per parameter).</li>
 * <li>GPTQ (2/3/4 bit): AutoGPTQ layout — qweight int32[in·bits/32][out], qzeros int32[in/g][out·bits/32], fp16
 * scales[in/g][out], g_idx int32[in] (Frantar et al. 2023).</li>
 * <li>AWQ (4 bit): AutoAWQ GEMM layout — qweight int32[in][out/8], qzeros int32[in/g][out/8], fp16 scales[in/g][out]
 * (Lin et al. 2024).</li>
 * <li>GGUF (llama.cpp file types q4_0 … q6_k, q4_k_m, q5_k_m …): ggml's block formats, a type chosen per tensor by
 * llama.cpp's quantizer, embeddings and output head included ({@link Gguf}).</li>
 * <li>MICROSCALING (mxfp8, mxfp4, nvfp4): each run of k consecutive weights along the input (reduction) dimension shares one
 * 8-bit scale. MXFP8 and MXFP4 (OCP Microscaling Formats (MX) Specification v1.0, 2023): k = 32, an E8M0 power-of-two scale,
 * elements E4M3 or E2M1 — 8.25 and 4.25 bits per weight (4.25 is the figure OpenAI's gpt-oss model card gives for its MXFP4
 * MoE weights). NVFP4 (NVIDIA, "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference", Table 1): E2M1 elements,
 * k = 16, an E4M3 scale per block, plus fp32 scalars per matrix — in vLLM's ModelOpt NVFP4 linear layer, uint8 weight
 * [out][in/2], float8_e4m3fn weight_scale [out][in/16], fp32 weight_scale_2 and input_scale (read 2026-12-03).</li>
 * </ul>
 * Embeddings, the output head and norms stay in 16-bit for every method except the plain floats and GGUF (bitsandbytes,
 * GPTQ and AWQ replace only the transformer blocks' linear layers).
 */
public enum Method {
    FP32("fp32", Layout.FLOAT, 32), FP16("fp16", Layout.FLOAT, 16), BF16("bf16", Layout.FLOAT, 16),
    FP8_E4M3("fp8-e4m3", Layout.FP8, 8), FP8_E5M2("fp8-e5m2", Layout.FP8, 8),
    INT8("int8", Layout.INT8, 8), LLM_INT8("llm.int8", Layout.LLM_INT8, 8),
    INT4("int4", Layout.BLOCKWISE4, 4), FP4("fp4", Layout.BLOCKWISE4, 4), NF4("nf4", Layout.BLOCKWISE4, 4),
    GPTQ_4BIT("gptq-4bit", Layout.GPTQ, 4), GPTQ_3BIT("gptq-3bit", Layout.GPTQ, 3), GPTQ_2BIT("gptq-2bit", Layout.GPTQ, 2),
    AWQ_4BIT("awq-4bit", Layout.AWQ, 4),
    Q4_0("q4_0", Layout.GGUF, 4), Q4_1("q4_1", Layout.GGUF, 4), Q5_0("q5_0", Layout.GGUF, 5), Q5_1("q5_1", Layout.GGUF, 5),
    Q8_0("q8_0", Layout.GGUF, 8), Q4_K_S("q4_k_s", Layout.GGUF, 4), Q4_K_M("q4_k_m", Layout.GGUF, 4), Q5_K_S("q5_k_s", Layout.GGUF, 5),
    Q5_K_M("q5_k_m", Layout.GGUF, 5), Q6_K("q6_k", Layout.GGUF, 6),
    MXFP8("mxfp8", Layout.MICROSCALING, 8), MXFP4("mxfp4", Layout.MICROSCALING, 4), NVFP4("nvfp4", Layout.MICROSCALING, 4);

    public enum Layout { FLOAT, FP8, INT8, LLM_INT8, BLOCKWISE4, GPTQ, AWQ, GGUF, MICROSCALING }

    /** NVFP4's fp32 scalars per matrix: the weights' second-level scale and the activations' (vLLM's ModelOpt NVFP4 layer). */
    static final int NVFP4_TENSOR_SCALE_BYTES = 8;

    public final String id;
    public final Layout layout;
    public final int bits;

    Method(String id, Layout layout, int bits) {
        this.id = id;
        this.layout = layout;
        this.bits = bits;
    }

    public static Optional<Method> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** Whether the method quantizes only the transformer blocks' linear layers (embeddings, head and norms stay 16-bit). */
    public boolean linearLayersOnly() {
        return layout != Layout.FLOAT && layout != Layout.GGUF;
    }

    /**
     * The tensor-core format the method's matmuls run in where the hardware has it (fp8 methods: fp8, LLM.int8(): int8,
     * int4: int4, mxfp8: fp8, mxfp4 and nvfp4: fp4 — Blackwell's tensor cores take both operands block-scaled, see
     * {@link #fp4TensorCoreFormat()}); empty for weight-only methods (bitsandbytes' fp4, nf4, GPTQ, AWQ), whose kernels dequantize to 16-bit.
     */
    public Optional<Format> computeFormat() {
        return Optional.ofNullable(switch (this) {
            case FP32 -> Format.FP32;
            case FP16 -> Format.FP16;
            case BF16 -> Format.BF16;
            case FP8_E4M3, FP8_E5M2, MXFP8 -> Format.FP8;
            case INT8, LLM_INT8 -> Format.INT8;
            case INT4 -> Format.INT4;
            case MXFP4, NVFP4 -> Format.FP4;
            default -> null;
        });
    }

    /**
     * The instruction mix, per weight, of the method's batch-1 decode kernel, where its source has been read; methods
     * without one are timed as bandwidth-bound.
     *
     * <p>GPTQ: the reference CUDA kernels that ship with GPTQ (IST-DASLab/gptq {@code quant_cuda_kernel.cu},
     * {@code VecQuant3MatMulKernel}; the 2- and 4-bit ones of GPTQ-for-LLaMa and AutoGPTQ's "cuda-old" backend share the
     * structure). {@code Quant3Linear.forward} casts the input to fp32 ({@code x.float()}), and each weight then costs
     * {@code res += (scale * scalar_t((w >> s) & mask) - zero) * blockvec[k]}: one integer-to-float conversion, a shift and
     * a mask, one FMA for scale and zero, and — per sequence — one FMA with the input read from shared memory. Integer
     * operations are counted one per C++ operator: 3-bit packs 32 weights in 3 words, two of which straddle words
     * ({@code (t1 >> 30) | ((t2 << 2) & 0x4)} and {@code t2 >>= 1}: 5 operations each), so 67 per 32 weights; 4-bit 15 per
     * 8; 2-bit 31 per 16. This is the kernel the paper's Table 6 latencies were measured with.
     */
    public Optional<Dequantization> decodeKernel() {
        if (layout != Layout.GPTQ) {
            return Optional.empty();
        }
        double integerOps = switch (bits) {
            case 3 -> 67.0 / 32;
            case 4 -> 15.0 / 8;
            default -> 31.0 / 16;
        };
        return Optional.of(new Dequantization("the GPTQ " + bits + "-bit reference CUDA kernel (fp32 matrix-vector)", 1, integerOps, 1, 0,
                true));
    }

    /** Whether the method's elements are FP4 (E2M1) in blocks a Blackwell tensor core scales natively: mxfp4 and nvfp4. */
    public boolean fp4TensorCoreFormat() {
        return this == MXFP4 || this == NVFP4;
    }

    /**
     * Default block size (bitsandbytes 4-bit: 64; the microscaling formats' fixed k: 32, NVFP4 16) or group size (GPTQ/AWQ: 128);
     * 0 where the method has none.
     */
    public int defaultGroup() {
        return switch (layout) {
            case BLOCKWISE4 -> 64;
            case GPTQ, AWQ -> 128;
            case MICROSCALING -> this == NVFP4 ? 16 : 32;
            default -> 0;
        };
    }
}
