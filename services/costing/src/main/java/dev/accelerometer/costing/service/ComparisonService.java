package dev.accelerometer.costing.service;

import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.auth.Owners;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.costing.api.ComparisonResult;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.costing.store.ComparisonRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One workload on many accelerators, ranked, and the saved comparisons. */
@ApplicationScoped
public class ComparisonService {
    private static final String PLACEHOLDER = "compared-accelerator";
    /**
     * Most accelerators one comparison costs: the whole catalog today (72) with room to grow; a filter matching more is refused
     * rather than cut at a page boundary.
     */
    static final int MAX_ACCELERATORS = 200;

    @Inject
    CostService costs;
    @Inject
    CatalogCache catalog;
    @Inject
    Validator validator;
    @Inject
    SavedResults saved;
    @Inject
    Owners owners;

    @Transactional
    public ComparisonResult create(Requests.Comparison request) {
        Instant now = Instant.now();
        Retention retention = saved.retention(ComparisonRow.class, owners.optional(), now, "comparison");
        List<String> ids = acceleratorIds(request);
        Requests.Workload w = request.workload();
        int given = (w.matmul() != null ? 1 : 0) + (w.attention() != null ? 1 : 0) + (w.model() != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalidField("workload", "give exactly one of matmul, attention or model");
        }
        validateWorkload(w);
        List<ComparisonResult.Entry> entries = new ArrayList<>();
        List<ComparisonResult.Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            try {
                Responses.Estimate e = run(w, id);
                CatalogAccelerator a = InstancePrice.priced(catalog.accelerator(id, "acceleratorIds"), catalog.instancePrices());
                String broken = request.budget() == null ? null : request.budget().broken(a.cloudPriceUsdPerHour(), a.listPriceUsd(),
                        e.runCostUsd() != null ? e.runCostUsd() : e.costUsd(), e.runTimeSeconds() != null ? e.runTimeSeconds() : e.timeSeconds());
                if (broken != null) {
                    skipped.add(new ComparisonResult.Skipped(id, "over budget: " + broken));
                    continue;
                }
                entries.add(ComparisonResult.entry(e, a.listPriceUsd(), a.cloudPriceUsdPerHour()));
            } catch (ApiException e) {
                if (e.status == 503) {
                    throw e;
                }
                skipped.add(new ComparisonResult.Skipped(id, e.getMessage()));
            }
        }
        ComparisonResult result = ComparisonResult.rank(UUID.randomUUID(), now, entries, skipped, retention);
        ComparisonRow row = new ComparisonRow();
        row.workload = entries.isEmpty() ? describe(w) : entries.get(0).estimate().workload();
        row.fastestAccelerator = result.byTime().isEmpty() ? null : result.byTime().get(0);
        row.accelerators = ids.size();
        saved.save(row, result.id(), result.createdAt(), retention, request, result);
        return result;
    }

    public ComparisonResult get(String id) {
        return saved.result(saved.live(ComparisonRow.class, id, "comparison"), ComparisonResult.class);
    }

    public PageOf<ComparisonResult.Summary> list(int page, int pageSize) {
        return saved.list(ComparisonRow.class, owners.required("Listing saved comparisons"), null, Map.of(), page, pageSize,
                r -> new ComparisonResult.Summary(r.id, r.createdAt, r.workload, r.accelerators, r.fastestAccelerator));
    }

    @Transactional
    public void delete(String id) {
        saved.delete(ComparisonRow.class, id, "comparison", owners.required("Deleting a saved comparison"));
    }

    private List<String> acceleratorIds(Requests.Comparison request) {
        boolean hasIds = request.acceleratorIds() != null && !request.acceleratorIds().isEmpty();
        // Generated SDKs send an empty map for a filter the caller never set: with ids, an empty filter is no filter;
        // alone, it is the whole catalog.
        boolean bothOrNeither = hasIds ? request.filter() != null && !request.filter().isEmpty() : request.filter() == null;
        if (bothOrNeither) {
            throw ApiException.invalidField("acceleratorIds", "give either acceleratorIds (1 to " + MAX_ACCELERATORS + ") or a catalog filter, not both or neither");
        }
        if (hasIds) {
            if (request.acceleratorIds().size() > MAX_ACCELERATORS) {
                throw ApiException.invalidField("acceleratorIds", "compare at most " + MAX_ACCELERATORS + " accelerators at once");
            }
            return request.acceleratorIds().stream().distinct().toList();
        }
        Map<String, String> filter = new HashMap<>(request.filter());
        filter.put("pageSize", Integer.toString(MAX_ACCELERATORS + 1));
        List<String> ids = catalog.accelerators(filter, "filter").stream().map(CatalogAccelerator::id).toList();
        if (ids.isEmpty()) {
            throw ApiException.invalidField("filter", "matches no accelerator in the catalog");
        }
        if (ids.size() > MAX_ACCELERATORS) {
            throw ApiException.invalidField("filter", "matches more than " + MAX_ACCELERATORS + " accelerators; narrow it (kind, vendor, format, "
                    + "minMemoryBytes, ...) or name the devices in acceleratorIds");
        }
        return ids;
    }

    /**
     * The workload's constraints, checked as the single-device request it becomes; its violations are named where the client
     * wrote them ({@code workload.matmul.m}, not {@code m}).
     */
    private void validateWorkload(Requests.Workload w) {
        String kind = w.matmul() != null ? "matmul" : w.attention() != null ? "attention" : "model";
        Object body = w.matmul() != null ? w.matmul().on(PLACEHOLDER) : w.attention() != null ? w.attention().on(PLACEHOLDER) : w.model().on(PLACEHOLDER);
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<dev.accelerometer.common.problem.FieldError> errors = violations.stream()
                    .map(v -> {
                        String path = dev.accelerometer.common.problem.FieldPaths.of(v.getPropertyPath());
                        return new dev.accelerometer.common.problem.FieldError("workload." + kind + ("body".equals(path) ? "" : "." + path),
                                v.getMessage());
                    })
                    .sorted(java.util.Comparator.comparing(dev.accelerometer.common.problem.FieldError::field))
                    .toList();
            throw ApiException.invalid(errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                    : errors.size() + " fields of the workload are invalid; see violations", errors);
        }
    }

    private Responses.Estimate run(Requests.Workload w, String id) {
        if (w.matmul() != null) {
            return costs.matmul(w.matmul().on(id));
        }
        if (w.attention() != null) {
            return costs.attention(w.attention().on(id));
        }
        return costs.model(w.model().on(id));
    }

    private static String describe(Requests.Workload w) {
        return w.matmul() != null ? "matmul" : w.attention() != null ? "attention" : "model " + w.model().mode();
    }
}
