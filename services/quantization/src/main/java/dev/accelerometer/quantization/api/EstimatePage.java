package dev.accelerometer.quantization.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EstimatePage")
public record EstimatePage(List<Summary> items, int page, int pageSize, long totalItems) {
    @Schema(name = "EstimateSummary")
    public record Summary(UUID id, Instant createdAt, String model, String weightFormat) {
    }
}
