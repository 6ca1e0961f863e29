package dev.accelerometer.planner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Owners;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.model.parallel.PlanSearch;
import dev.accelerometer.planner.api.PlanRequest;
import dev.accelerometer.planner.api.PlanResult;
import dev.accelerometer.planner.store.PlanRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Searches and saves: the answer with the facts it was computed from, read back, listed and deleted. */
@ApplicationScoped
public class PlanSearches {
    @Inject
    PlanService plans;
    @Inject
    SavedResults saved;
    @Inject
    ObjectMapper json;
    @Inject
    Owners owners;

    @Transactional
    public PlanResult.Search create(PlanRequest request) {
        Instant now = Instant.now();
        Retention retention = saved.retention(PlanRow.class, owners.optional(), now, "plan");
        PlanService.Context x = plans.context(request);
        PlanSearch.Result found = plans.search(x, request.constraints());
        String binding = null;
        Double shortfall = null;
        if (found.best() == null && found.closest() != null) {
            var closest = found.closest();
            binding = "device memory: the smallest plan needs " + Math.round(closest.memory().totalBytes() / 1e9) + " GB of "
                    + Math.round(closest.usableBytes() / 1e9) + " GB usable";
            shortfall = closest.memory().totalBytes() - closest.usableBytes();
        }
        UUID id = UUID.randomUUID();
        PlanResult.Search result = new PlanResult.Search(id, now, found.best() == null ? null : plans.answer(found.best(), request.energy()),
                found.top().stream().map(e -> plans.answer(e, request.energy())).toList(), found.evaluated(), found.feasible(), found.searchMillis(),
                found.deadlineReached(), binding, shortfall, x.assumptions(), ModelParameters.of(x.job().model()), plans.catalogState(), retention);
        PlanRow row = new PlanRow();
        row.model = x.job().model().name();
        row.accelerator = x.job().cluster().device().id();
        row.devices = x.job().cluster().devices();
        row.facts = facts(x);
        saved.save(row, id, result.createdAt(), retention, request, result);
        return result;
    }

    public PlanResult.Search get(String id) {
        return get(id, "id");
    }

    /** The saved search {@code id}, which came in the parameter {@code field} (its problems name it). */
    public PlanResult.Search get(String id, String field) {
        return saved.result(saved.live(PlanRow.class, id, "plan", field), PlanResult.Search.class);
    }

    public PageOf<PlanResult.Summary> list(String model, String acceleratorId, int page, int pageSize) {
        return list(saved, PlanRow.class, owners.required("Listing saved plans"), model, acceleratorId, page, pageSize,
                r -> new PlanResult.Summary(r.id, r.createdAt, r.model, r.accelerator, r.devices));
    }

    /** A page of {@code owner}'s saved rows of {@code type} (with model and accelerator columns), filtered by either when given. */
    static <E extends dev.accelerometer.common.store.SavedResult, S> PageOf<S> list(SavedResults saved, Class<E> type, String owner, String model,
            String acceleratorId, int page, int pageSize, java.util.function.Function<E, S> summary) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        if (model != null) {
            where.append("r.model = :model");
            parameters.put("model", model);
        }
        if (acceleratorId != null) {
            where.append(where.length() == 0 ? "" : " and ").append("r.accelerator = :accelerator");
            parameters.put("accelerator", acceleratorId);
        }
        return saved.list(type, owner, where.length() == 0 ? null : where.toString(), parameters, page, pageSize, summary);
    }

    @Transactional
    public void delete(String id) {
        saved.delete(PlanRow.class, id, "plan", owners.required("Deleting a saved plan"));
    }

    /** The catalog and calibration facts the search used, so a saved plan can be explained later. */
    private String facts(PlanService.Context x) {
        var job = x.job();
        Map<String, Object> facts = Map.of("model", job.model(), "device", job.cluster().device(), "cluster", Map.of(
                "devices", job.cluster().devices(), "devicesPerNode", job.cluster().devicesPerNode(),
                "intraBandwidthBytesPerSecond", job.cluster().intraBandwidth(), "interBandwidthBytesPerSecond", job.cluster().interBandwidth(),
                "torusAxes", job.cluster().torus() == null ? List.of() : job.cluster().torus().axes()), "calibration", job.calibration());
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan's facts", e);
        }
    }
}
