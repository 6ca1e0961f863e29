package dev.accelerometer.catalog.api;

import java.util.Map;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a document's change history. */
@Schema(name = "Revision")
public record RevisionView(
        @Schema(description = "Revision index the document reached with this change.") long version,
        @Schema(description = "create, update, delete, restore or import.", example = "update") String operation,
        @Schema(description = "Name of the API key that made the change.") String actor,
        Instant changedAt,
        @Schema(description = "The document as it was after the change.") Map<String, Object> document) {
}
