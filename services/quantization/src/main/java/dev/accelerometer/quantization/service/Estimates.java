package dev.accelerometer.quantization.service;

import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Owners;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.quantization.api.EstimateRequest;
import dev.accelerometer.quantization.api.EstimateResult;
import dev.accelerometer.quantization.store.EstimateRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Estimates saved (owned by the caller's API key, or expiring), read back, listed and deleted (common SavedResults). */
@ApplicationScoped
public class Estimates {
    private static final String WHAT = "estimate";

    @Inject
    EstimateService estimates;
    @Inject
    SavedResults saved;
    @Inject
    Owners owners;

    @Transactional
    public EstimateResult create(EstimateRequest request) {
        Retention retention = saved.retention(EstimateRow.class, owners.optional(), Instant.now(), WHAT);
        EstimateResult result = estimates.estimate(request).saved(UUID.randomUUID(), retention);
        EstimateRow row = new EstimateRow();
        row.model = result.model().name();
        row.weightFormat = result.weightFormat().id();
        saved.save(row, result.id(), result.createdAt(), retention, request, result);
        return result;
    }

    public EstimateResult get(String id) {
        return saved.result(saved.live(EstimateRow.class, id, WHAT), EstimateResult.class);
    }

    public PageOf<EstimateResult.Summary> list(int page, int pageSize) {
        return saved.list(EstimateRow.class, owners.required("Listing saved estimates"), null, Map.of(), page, pageSize,
                r -> new EstimateResult.Summary(r.id, r.createdAt, r.model, r.weightFormat));
    }

    @Transactional
    public void delete(String id) {
        saved.delete(EstimateRow.class, id, WHAT, owners.required("Deleting a saved estimate"));
    }
}
