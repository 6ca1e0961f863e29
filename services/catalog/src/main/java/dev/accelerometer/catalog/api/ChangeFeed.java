package dev.accelerometer.catalog.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What changed in the catalog after a sequence number: lets readers (costing's cache) invalidate exactly. */
@Schema(name = "ChangeFeed")
public record ChangeFeed(
        @Schema(description = "Highest sequence index in the catalog; pass it as `after` next time.") long latestSequence,
        @Schema(description = "Changes after the requested sequence, oldest first (at most `limit`).") List<Change> changes,
        @Schema(description = "True when more changes follow; ask again with after = the last sequence returned.") boolean more) {

    @Schema(name = "Change")
    public record Change(
            @Schema(description = "Position of the change in the catalog-wide feed, an increasing index.") long sequence,
            String collection, String id,
            @Schema(description = "Revision index the document reached with this change.") long version,
            @Schema(example = "update") String operation, Instant changedAt) {
    }
}
