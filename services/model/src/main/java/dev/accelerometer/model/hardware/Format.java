package dev.accelerometer.model.hardware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Number formats a device quotes a peak for, with operand and output element sizes.
 *
 * <p>FP4 is the block-scaled 4-bit float both of whose GEMM operands Blackwell's tensor cores take (NVFP4: E2M1 elements with an
 * E4M3 scale per 16; MXFP4: an E8M0 scale per 32), writing bf16. Its operand bytes are NVFP4's, scale included (0.5 + 1/16); MXFP4's
 * are 0.53125, 6 % fewer.
 */
public enum Format {
    FP64(8, 8), FP32(4, 4), TF32(4, 4), FP16(2, 2), BF16(2, 2), FP8(1, 2), FP4(0.5625, 2), INT8(1, 4), INT4(0.5, 4);

    /** Bytes per input element in memory (tf32 operands are fp32 in memory; fp4 with its block scales). */
    public final double inputBytes;
    /** Bytes per output element: fp8 GEMMs write bf16, integer GEMMs accumulate to int32 (cuBLASLt conventions). */
    public final double outputBytes;

    Format(double inputBytes, double outputBytes) {
        this.inputBytes = inputBytes;
        this.outputBytes = outputBytes;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Formats executed on tensor/matrix units (tile shapes of the tensor-core path apply). */
    public boolean onMatrixUnits() {
        return this != FP32 && this != FP64;
    }

    /**
     * Whether the format is one only GEMMs run in (fp8 per Transformer Engine and NVIDIA's FP8 checkpoints, fp4 per NVFP4/MXFP4
     * checkpoints): attention, norms and activations stay in bf16.
     */
    public boolean gemmOnly() {
        return this == FP8 || this == FP4;
    }

    /**
     * The format of what a GEMM in this format reads and writes besides its operands — the residual stream, norms, attention over the
     * cache, the output head, which FP4 checkpoints keep out of FP4: fp8 for fp4 (NVIDIA's FP4 checkpoints cache K and V in fp8);
     * itself otherwise.
     */
    public Format activations() {
        return this == FP4 ? FP8 : this;
    }

    public static Optional<Format> fromSlug(String slug) {
        return Arrays.stream(values()).filter(f -> f.slug().equals(slug)).findFirst();
    }
}
