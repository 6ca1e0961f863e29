package dev.accelerometer.quantization.model;

import java.util.Optional;

/**
 * The instruction mix, per weight, of a method's batch-1 decode kernel, where its source has been read; costing turns it
 * into time with the device's per-SM instruction throughputs (request field {@code dequantization}). Methods without one
 * are timed as bandwidth-bound.
 *
 * <p>GPTQ: the reference CUDA kernels that ship with GPTQ (IST-DASLab/gptq {@code quant_cuda_kernel.cu},
 * {@code VecQuant3MatMulKernel}; the 2- and 4-bit ones of GPTQ-for-LLaMa and AutoGPTQ's "cuda-old" backend share the
 * structure). {@code Quant3Linear.forward} casts the input to fp32 ({@code x.float()}), and each weight then costs
 * {@code res += (scale * scalar_t((w >> s) & mask) - zero) * blockvec[k]}: one integer-to-float conversion, a shift and a
 * mask, one FMA for scale and zero, and — per sequence — one FMA with the input read from shared memory. Integer
 * operations are counted one per C++ operator: 3-bit packs 32 weights in 3 words, two of which straddle words
 * ({@code (t1 >> 30) | ((t2 << 2) & 0x4)} and {@code t2 >>= 1}: 5 operations each), so 67 per 32 weights; 4-bit 15 per
 * 8; 2-bit 31 per 16. This is the kernel the paper's Table 6 latencies were measured with.
 */
public record DecodeKernel(String kernel, double conversionsPerWeight, double integerOpsPerWeight, double floatOpsPerWeight,
        double sharedLoadsPerWeight, boolean multipliesOnCudaCores) {

    public static Optional<DecodeKernel> of(Method method) {
        if (method.layout != Method.Layout.GPTQ) {
            return Optional.empty();
        }
        double integerOps = switch (method.bits) {
            case 3 -> 67.0 / 32;
            case 4 -> 15.0 / 8;
            default -> 31.0 / 16;
        };
        return Optional.of(new DecodeKernel("the GPTQ " + method.bits + "-bit reference CUDA kernel (fp32 matrix-vector)", 1, integerOps, 1,
                0, true));
    }
}
