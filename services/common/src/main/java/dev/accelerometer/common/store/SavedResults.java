package dev.accelerometer.common.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Create, read, list and delete of saved results, the same in every service: results are stored as the JSON the API
 * answered, read back unchanged, listed newest first in one paging shape ({@link PageOf}), and deleted softly. Callers
 * run inside their own transaction.
 */
@ApplicationScoped
public class SavedResults {
    @Inject
    EntityManager entities;
    @Inject
    ObjectMapper json;

    /** Stores {@code row} (its summary columns set by the caller) with a new id, the request and the result as JSON. */
    public <E extends SavedResult> E save(E row, UUID id, Instant createdAt, Object request, Object result) {
        row.id = id;
        row.createdAt = createdAt;
        row.request = write(request);
        row.result = write(result);
        entities.persist(row);
        return row;
    }

    /** The saved result {@code id} of {@code type}; 400 when the id is not a UUID, 404 when it is absent or deleted. */
    public <E extends SavedResult> E live(Class<E> type, String id, String what) {
        UUID uuid = Ids.uuid(id, "a " + what);
        E row = entities.find(type, uuid);
        if (row == null || row.deletedAt != null) {
            throw ApiException.notFound(what, id);
        }
        return row;
    }

    /** The answer of a saved result, as it was computed. */
    public <T> T result(SavedResult row, Class<T> type) {
        try {
            return json.readValue(row.result, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved result " + row.id + " does not read back as " + type.getSimpleName(), e);
        }
    }

    /**
     * One page of the live results of {@code type}, newest first, matching {@code where} (JPQL over the entity's fields,
     * alias {@code r}, with named {@code parameters}; null for all).
     */
    public <E extends SavedResult, S> PageOf<S> list(Class<E> type, String where, Map<String, Object> parameters, int page, int pageSize,
            Function<E, S> summary) {
        String entity = type.getSimpleName();
        String condition = "r.deletedAt is null" + (where == null ? "" : " and " + where);
        TypedQuery<Long> count = entities.createQuery("select count(r) from " + entity + " r where " + condition, Long.class);
        TypedQuery<E> query = entities.createQuery("select r from " + entity + " r where " + condition + " order by r.createdAt desc", type);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            query.setParameter(name, value);
        });
        long total = count.getSingleResult();
        long first = (long) (page - 1) * pageSize;
        List<S> items = first >= total ? List.of()
                : query.setFirstResult((int) first).setMaxResults(pageSize).getResultList().stream().map(summary).toList();
        return new PageOf<>(items, page, pageSize, total, (total + pageSize - 1) / pageSize);
    }

    /** Marks the saved result deleted (kept in the table, gone from the API). */
    public <E extends SavedResult> void delete(Class<E> type, String id, String what) {
        live(type, id, what).deletedAt = Instant.now();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
