package dev.accelerometer.quantization.api;

import dev.accelerometer.common.openapi.Descriptions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EstimatePage")
public record EstimatePage(List<Summary> items, @Schema(description = Descriptions.PAGE) int page,
        @Schema(description = Descriptions.PAGE_SIZE) int pageSize, @Schema(description = Descriptions.TOTAL_ITEMS) long totalItems) {
    @Schema(name = "EstimateSummary")
    public record Summary(UUID id, Instant createdAt, String model, String weightFormat) {
    }
}
