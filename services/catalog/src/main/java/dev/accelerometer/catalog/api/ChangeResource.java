package dev.accelerometer.catalog.api;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.accelerometer.catalog.store.DocumentStore;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/changes")
@Tag(name = "changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {
    @Inject
    DocumentStore store;

    @GET
    @Operation(operationId = "listChanges", summary = "Changes after a sequence number",
            description = "Every create, update, delete, restore and import, in order. Services that cache catalog documents poll this "
                    + "with the last sequence they saw and drop exactly the entries that changed.")
    public ChangeFeed changes(
            @Parameter(description = "Sequence index to start after: the sequence of the last change you read, or latestSequence when an "
                    + "answer had no changes; 0 for all.")
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @Parameter(description = "Largest number of changes to return.") @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        // latestSequence first, and the page bounded by it: every change numbered up to it has committed (numbers are
        // drawn in commit order), so when the page is empty a follower may move to latestSequence. Read the other way
        // round, a change committing between the two reads was skipped (found by services/catalog/bench/soak.py).
        long latest = store.latestSequence();
        var revisions = store.revisionsAfter(after, latest, limit + 1);
        boolean more = revisions.size() > limit;
        var page = more ? revisions.subList(0, limit) : revisions;
        return new ChangeFeed(latest, page.stream()
                .map(r -> new ChangeFeed.Change(r.feedSequence, r.collection, r.slug, r.version, r.operation, r.changedAt)).toList(), more);
    }
}
