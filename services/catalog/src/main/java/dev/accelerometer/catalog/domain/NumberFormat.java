package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Number formats a peak throughput is quoted for, with the element size that sets how many bytes an operand moves. */
public enum NumberFormat {
    FP64(8), FP32(4), TF32(4), FP16(2), BF16(2), FP8(1), FP4(0.5), INT8(1), INT4(0.5);

    /** Bytes per element in memory (tf32 operands are stored as fp32). */
    public final double bytesPerElement;

    NumberFormat(double bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    @JsonValue
    public String slug() {
        return name().toLowerCase();
    }

    public static Optional<NumberFormat> fromSlug(String slug) {
        return Arrays.stream(values()).filter(f -> f.slug().equals(slug)).findFirst();
    }
}
