package dev.accelerometer.quantization.service;

import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.quantization.api.EstimateRequest;
import dev.accelerometer.quantization.api.EstimateResult;
import dev.accelerometer.quantization.store.EstimateRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/** Estimates saved, read back, listed and deleted (common SavedResults). */
@ApplicationScoped
public class Estimates {
    @Inject
    EstimateService estimates;
    @Inject
    SavedResults saved;

    @Transactional
    public EstimateResult create(EstimateRequest request) {
        EstimateResult result = estimates.estimate(request).withId(UUID.randomUUID());
        EstimateRow row = new EstimateRow();
        row.model = result.model().name();
        row.weightFormat = result.weightFormat().id();
        saved.save(row, result.id(), result.createdAt(), request, result);
        return result;
    }

    public EstimateResult get(String id) {
        return saved.result(saved.live(EstimateRow.class, id, "estimate"), EstimateResult.class);
    }

    public PageOf<EstimateResult.Summary> list(int page, int pageSize) {
        return saved.list(EstimateRow.class, null, Map.of(), page, pageSize,
                r -> new EstimateResult.Summary(r.id, r.createdAt, r.model, r.weightFormat));
    }

    @Transactional
    public void delete(String id) {
        saved.delete(EstimateRow.class, id, "estimate");
    }
}
