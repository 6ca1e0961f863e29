package dev.accelerometer.model.hardware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Number formats a device quotes a peak for, with operand and output element sizes. */
public enum Format {
    FP64(8, 8), FP32(4, 4), TF32(4, 4), FP16(2, 2), BF16(2, 2), FP8(1, 2), INT8(1, 4), INT4(0.5, 4);

    /** Bytes per input element in memory (tf32 operands are fp32 in memory). */
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

    public static Optional<Format> fromSlug(String slug) {
        return Arrays.stream(values()).filter(f -> f.slug().equals(slug)).findFirst();
    }
}
