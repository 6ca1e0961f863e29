package dev.accelerometer.common.api;

import dev.accelerometer.common.openapi.Descriptions;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, with what a client needs to fetch the others. */
public record PageOf<T>(
        List<T> items,
        @Schema(description = Descriptions.PAGE, example = "1") int page,
        @Schema(description = Descriptions.PAGE_SIZE, example = "50") int pageSize,
        @Schema(description = Descriptions.TOTAL_ITEMS) long totalItems,
        @Schema(description = "Number of pages.") long totalPages) {
}
