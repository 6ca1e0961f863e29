package dev.accelerometer.common.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Ids;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Create, read, list and delete of saved results, the same in every service: results are stored as the JSON the API
 * answered, read back unchanged, listed newest first in one paging shape ({@link PageOf}), and deleted softly. A result
 * saved with an API key belongs to that key's name: only it lists and deletes it, and it counts against the key's
 * quota. One saved without a key is readable by id until it expires, then purged. Callers run inside their own
 * transaction.
 */
@ApplicationScoped
public class SavedResults {
    private static final Logger LOG = Logger.getLogger(SavedResults.class);

    @Inject
    EntityManager entities;
    @Inject
    ObjectMapper json;
    /** How long a result computed without an API key stays readable. */
    @ConfigProperty(name = "accelerometer.saved.unowned-ttl", defaultValue = "PT24H")
    Duration unownedTtl;
    /** Most live results of one kind one API key may keep. */
    @ConfigProperty(name = "accelerometer.saved.quota", defaultValue = "1000")
    volatile int quota;

    /**
     * The retention of a result of {@code type} about to be saved at {@code now}: owned by {@code owner} (403 when the
     * owner's quota of this kind is full), or, without one, expiring after the unowned lifetime. Serialises the owner's
     * saves, so concurrent requests cannot pass the quota together.
     */
    public <E extends SavedResult> Retention retention(Class<E> type, Optional<String> owner, Instant now, String what) {
        if (owner.isEmpty()) {
            return new Retention(null, now.plus(unownedTtl));
        }
        entities.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))").setParameter("key", type.getSimpleName() + " " + owner.get())
                .getSingleResult();
        long kept = entities.createQuery("select count(r) from " + type.getSimpleName() + " r where r.deletedAt is null and r.owner = :owner", Long.class)
                .setParameter("owner", owner.get()).getSingleResult();
        if (kept >= quota) {
            throw ApiException.forbidden("quota-exceeded", "The API key '" + owner.get() + "' keeps " + kept + " saved " + what + "s, its quota; "
                    + "delete some (DELETE with If-Match) before saving more.");
        }
        return new Retention(owner.get(), null);
    }

    /** Stores {@code row} (its summary columns set by the caller) with a new id, its retention, the request and the result as JSON. */
    public <E extends SavedResult> E save(E row, UUID id, Instant createdAt, Retention retention, Object request, Object result) {
        row.id = id;
        row.createdAt = createdAt;
        row.owner = retention.owner();
        row.expiresAt = retention.expiresAt();
        row.request = write(request);
        row.result = write(result);
        entities.persist(row);
        return row;
    }

    /** The saved result {@code id} of {@code type}; 400 when the id is not a UUID, 404 when it is absent, deleted or expired. */
    public <E extends SavedResult> E live(Class<E> type, String id, String what) {
        return live(type, id, what, "id");
    }

    /** As {@link #live(Class, String, String)} for an id that came in the parameter {@code field} (its problems name it). */
    public <E extends SavedResult> E live(Class<E> type, String id, String what, String field) {
        UUID uuid = Ids.uuid(id, "a " + what, field);
        E row = entities.find(type, uuid);
        if (row == null || row.deletedAt != null || row.expiresAt != null && row.expiresAt.isBefore(Instant.now())) {
            throw ApiException.notFound(what, id, field);
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
     * One page of {@code owner}'s live results of {@code type}, newest first, matching {@code where} (JPQL over the
     * entity's fields, alias {@code r}, with named {@code parameters}; null for all).
     */
    public <E extends SavedResult, S> PageOf<S> list(Class<E> type, String owner, String where, Map<String, Object> parameters, int page,
            int pageSize, Function<E, S> summary) {
        String entity = type.getSimpleName();
        String condition = "r.deletedAt is null and r.owner = :owner" + (where == null ? "" : " and " + where);
        TypedQuery<Long> count = entities.createQuery("select count(r) from " + entity + " r where " + condition, Long.class);
        TypedQuery<E> query = entities.createQuery("select r from " + entity + " r where " + condition + " order by r.createdAt desc", type);
        count.setParameter("owner", owner);
        query.setParameter("owner", owner);
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

    /**
     * Marks {@code owner}'s saved result deleted (kept in the table, gone from the API); 403 when it belongs to another
     * key or to none (an anonymous result is not deleted: it expires).
     */
    public <E extends SavedResult> void delete(Class<E> type, String id, String what, String owner) {
        E row = live(type, id, what);
        if (row.owner == null) {
            throw ApiException.forbidden("not-owner", "This " + what + " was saved without an API key, so it has no owner to delete it"
                    + (row.expiresAt == null ? "." : "; it is purged at " + row.expiresAt + "."));
        }
        if (!row.owner.equals(owner)) {
            throw ApiException.forbidden("not-owner", "This " + what + " belongs to another API key; only its owner can delete it.");
        }
        // Conditional, so of concurrent deletes exactly one answers 204 and the others 404 (40 threads once got two or three 204s):
        // PostgreSQL re-checks deletedAt after the winner's row lock is released.
        int deleted = entities.createQuery("update " + type.getName() + " r set r.deletedAt = :now where r.id = :id and r.deletedAt is null")
                .setParameter("now", Instant.now()).setParameter("id", row.id).executeUpdate();
        if (deleted == 0) {
            throw ApiException.notFound(what, id);
        }
    }

    /** Sets the per-key quota (tests lower it to reach the 403 in a few saves, and restore it); returns the previous one. */
    public int setQuota(int perKey) {
        int previous = quota;
        quota = perKey;
        return previous;
    }

    /** Purges the expired results saved without a key, of every saved-result kind this service has. */
    @Scheduled(every = "${accelerometer.saved.purge-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purgeExpired() {
        Instant now = Instant.now();
        for (EntityType<?> type : entities.getMetamodel().getEntities()) {
            if (SavedResult.class.isAssignableFrom(type.getJavaType())) {
                int purged = entities.createQuery("delete from " + type.getName() + " r where r.owner is null and r.expiresAt < :now")
                        .setParameter("now", now).executeUpdate();
                if (purged > 0) {
                    LOG.infof("Purged %d expired %s rows saved without an API key", purged, type.getName());
                }
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
