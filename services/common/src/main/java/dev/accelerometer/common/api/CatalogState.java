package dev.accelerometer.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.catalog.CatalogCache;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether the catalog answered when an answer was computed; if not, its facts came from the cache synced at cacheSyncedAt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CatalogState", description = "Whether the catalog answered; if not, the facts came from the cache synced at cacheSyncedAt.")
public record CatalogState(boolean reachable, Instant cacheSyncedAt) {
    public static CatalogState of(CatalogCache.Freshness freshness) {
        return new CatalogState(freshness.catalogReachable(), freshness.cacheSyncedAt());
    }
}
