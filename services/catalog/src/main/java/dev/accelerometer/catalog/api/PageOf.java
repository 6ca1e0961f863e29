package dev.accelerometer.catalog.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, with what a client needs to fetch the others. */
public record PageOf<T>(
        List<T> items,
        @Schema(description = "1-based page number.", example = "1") int page,
        @Schema(example = "50") int pageSize,
        @Schema(description = "Items matching the filters, over all pages.") long totalItems,
        long totalPages) {
}
