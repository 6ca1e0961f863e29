package dev.accelerometer.common.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who owns a saved result and how long it is kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Retention", description = "Who owns a saved result and how long it is kept. Saved with an API key (X-API-Key), it belongs to "
        + "that key, is listed and deleted only with it and is kept until deleted; saved without one, anyone with its id can read it until "
        + "expiresAt, when it is purged.")
public record Retention(
        @Schema(description = "Name of the API key that saved it; absent when saved without a key.", example = "alice") String owner,
        @Schema(description = "When a result saved without a key is purged; absent when it has an owner.") Instant expiresAt) {
}
