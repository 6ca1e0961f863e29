package dev.accelerometer.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.catalog.domain.CatalogDocument;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes catalog documents. Every write is one transaction that also appends a {@link Revision}; updates
 * are conditional on the caller's revision, so a concurrent write is refused (412), never silently overwritten. Write
 * transactions are serialized by one advisory lock taken before they touch anything ({@link #serializeWrites()}), so
 * the change feed numbers revisions in commit order (migration V11).
 */
@ApplicationScoped
public class DocumentStore {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    public record Page(List<CatalogEntry> entries, long totalItems) {
    }

    @Transactional
    public Page list(Collection collection, Map<String, List<String>> parameters, int page, int pageSize) {
        QuerySpec.SqlQuery sql = QuerySpec.of(collection).toSql(parameters);
        Query count = em.createNativeQuery("select count(*) from catalog.entry where " + sql.where());
        Query select = em.createNativeQuery("select * from catalog.entry where " + sql.where() + " order by " + sql.orderBy(), CatalogEntry.class);
        sql.binds().forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        long first = (long) (page - 1) * pageSize;
        if (first >= total) {
            return new Page(List.of(), total); // past the last page (page=2147483647 too): empty, not an overflowed offset
        }
        @SuppressWarnings("unchecked")
        List<CatalogEntry> entries = select.setFirstResult((int) first).setMaxResults(pageSize).getResultList();
        return new Page(entries, total);
    }

    /** All live documents of a collection, for export. */
    @Transactional
    public List<CatalogEntry> all(Collection collection) {
        return CatalogEntry.list("collection = ?1 and deletedAt is null order by slug", collection.path);
    }

    @Transactional
    public Optional<CatalogEntry> find(Collection collection, String slug) {
        return CatalogEntry.find("collection = ?1 and slug = ?2", collection.path, slug).firstResultOptional();
    }

    /** The live entry, or 404 / 410 (deleted, restorable). */
    @Transactional
    public CatalogEntry live(Collection collection, String slug) {
        CatalogEntry entry = find(collection, slug).orElseThrow(() -> ApiException.notFound(collection.singular, slug));
        if (entry.deletedAt != null) {
            throw new ApiException(410, "deleted", "Deleted",
                    "The " + collection.singular + " '" + slug + "' was deleted at " + entry.deletedAt
                            + "; POST /v1/" + collection.path + "/" + slug + "/restore brings it back.",
                    List.of(new Problem.Violation("id", "names a deleted " + collection.singular + "; restore it first")));
        }
        return entry;
    }

    /** Key of the advisory lock every catalog write holds until its transaction ends (any constant; this is "catalog"). */
    static final long WRITE_LOCK = 0x636174616c6f67L;

    /**
     * Waits for the catalog's write lock and holds it until this transaction ends. Writes are rare and short, so one
     * writer at a time costs little, and it is what lets the change feed hand out numbers in commit order: a revision's
     * number is drawn after the lock, so no transaction holding a smaller number can still commit.
     */
    public void serializeWrites() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, WRITE_LOCK).getSingleResult();
    }

    @Transactional
    public CatalogEntry create(Collection collection, CatalogDocument document, String actor) {
        serializeWrites();
        var existing = find(collection, document.id());
        if (existing.isPresent()) {
            String hint = existing.get().deletedAt != null
                    ? " It was deleted; restore it with POST /v1/" + collection.path + "/" + document.id() + "/restore."
                    : " Update it with PUT and If-Match, or choose another id.";
            throw ApiException.conflict("A " + collection.singular + " with id '" + document.id() + "' already exists." + hint, "id");
        }
        CatalogEntry entry = new CatalogEntry();
        entry.collection = collection.path;
        entry.slug = document.id();
        entry.doc = toJson(document);
        entry.createdAt = Instant.now();
        entry.updatedAt = entry.createdAt;
        try {
            entry.persistAndFlush();
        } catch (PersistenceException e) {
            // A concurrent create of the same id won the unique index (collection, slug).
            throw ApiException.conflict("A " + collection.singular + " with id '" + document.id() + "' was created concurrently.", "id");
        }
        record(entry, "create", actor);
        return entry;
    }

    /** Replaces a live document if the caller saw the current revision. */
    @Transactional
    public CatalogEntry replace(Collection collection, String slug, CatalogDocument document, long expectedVersion, String actor) {
        serializeWrites();
        CatalogEntry entry = live(collection, slug);
        requireVersion(entry, expectedVersion);
        String next = toJson(document);
        if (sameDocument(next, entry.doc)) {
            return entry;
        }
        entry.doc = next;
        entry.updatedAt = Instant.now();
        flush(entry);
        record(entry, "update", actor);
        return entry;
    }

    @Transactional
    public CatalogEntry delete(Collection collection, String slug, long expectedVersion, String actor) {
        serializeWrites();
        CatalogEntry entry = live(collection, slug);
        requireVersion(entry, expectedVersion);
        entry.deletedAt = Instant.now();
        entry.updatedAt = entry.deletedAt;
        flush(entry);
        record(entry, "delete", actor);
        return entry;
    }

    @Transactional
    public CatalogEntry restore(Collection collection, String slug, String actor) {
        serializeWrites();
        CatalogEntry entry = find(collection, slug).orElseThrow(() -> ApiException.notFound(collection.singular, slug));
        if (entry.deletedAt == null) {
            throw ApiException.conflict("The " + collection.singular + " '" + slug + "' is not deleted; nothing to restore.", "id");
        }
        entry.deletedAt = null;
        entry.updatedAt = Instant.now();
        flush(entry);
        record(entry, "restore", actor);
        return entry;
    }

    /** Writes a document as part of an import: creates, updates or restores; unchanged documents are left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String upsert(Collection collection, CatalogDocument document, String actor) {
        serializeWrites();
        var existing = find(collection, document.id());
        if (existing.isEmpty()) {
            create(collection, document, actor);
            return "created";
        }
        CatalogEntry entry = existing.get();
        String next = toJson(document);
        if (sameDocument(next, entry.doc) && entry.deletedAt == null) {
            return "unchanged";
        }
        entry.doc = next;
        entry.deletedAt = null;
        entry.updatedAt = Instant.now();
        flush(entry);
        record(entry, "import", actor);
        return "updated";
    }

    @Transactional
    public List<Revision> history(Collection collection, String slug) {
        find(collection, slug).orElseThrow(() -> ApiException.notFound(collection.singular, slug));
        return Revision.list("collection = ?1 and slug = ?2 order by version desc, pk desc", collection.path, slug);
    }

    /** Revisions with a feed number above {@code after}, in commit order. */
    @Transactional
    public List<Revision> revisionsAfter(long after, long upTo, int limit) {
        return Revision.find("feedSequence > ?1 and feedSequence <= ?2 order by feedSequence", after, upTo).page(0, limit).list();
    }

    @Transactional
    public long latestSequence() {
        Object max = em.createQuery("select coalesce(max(r.feedSequence), 0) from Revision r").getSingleResult();
        return ((Number) max).longValue();
    }

    /** Whether a live document exists: used to check references between collections. */
    @Transactional
    public boolean exists(Collection collection, String slug) {
        return CatalogEntry.count("collection = ?1 and slug = ?2 and deletedAt is null", collection.path, slug) > 0;
    }

    /** Live documents of a collection whose JSON field equals a value (e.g. systems using an accelerator). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> referencing(Collection collection, String field, String value) {
        return em.createNativeQuery("select slug from catalog.entry where collection = :c and deleted_at is null and doc->>'" + field + "' = :v order by slug")
                .setParameter("c", collection.path).setParameter("v", value).getResultList();
    }

    public <T extends CatalogDocument> T read(CatalogEntry entry, Class<T> type) {
        try {
            return json.readValue(entry.doc, type);
        } catch (Exception e) {
            throw new IllegalStateException("Stored " + entry.collection + "/" + entry.slug + " does not match its schema", e);
        }
    }

    public Map<String, Object> map(String document) {
        try {
            return json.readValue(document, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode tree(String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(CatalogDocument document) {
        try {
            return json.writeValueAsString(document.stripped());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON equality as a client sees it: same non-null fields and numerically equal numbers. */
    private boolean sameDocument(String a, String b) {
        try {
            return withoutNulls(json.readTree(a)).equals(NUMERIC, withoutNulls(json.readTree(b)));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            object.properties().removeIf(field -> field.getValue().isNull());
            object.forEach(DocumentStore::withoutNulls);
        } else if (node.isArray()) {
            node.forEach(DocumentStore::withoutNulls);
        }
        return node;
    }

    private static final java.util.Comparator<JsonNode> NUMERIC = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    private static void requireVersion(CatalogEntry entry, long expectedVersion) {
        if (entry.version != expectedVersion) {
            throw stale(entry.slug, expectedVersion, entry.version);
        }
    }

    private void flush(CatalogEntry entry) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw stale(entry.slug, entry.version, entry.version + 1);
        }
    }

    private static ApiException stale(String slug, long expected, long current) {
        return new ApiException(412, "stale-revision", "Precondition failed",
                "'" + slug + "' is at revision " + current + ", not " + expected
                        + ": someone changed it since you read it. GET it again, re-apply your change and send If-Match: \"" + current + "\".",
                List.of(new Problem.Violation("If-Match", "names revision " + expected + "; the current revision is " + current)));
    }

    private void record(CatalogEntry entry, String operation, String actor) {
        Revision revision = new Revision();
        revision.collection = entry.collection;
        revision.slug = entry.slug;
        revision.version = entry.version;
        revision.operation = operation;
        revision.doc = entry.doc;
        revision.actor = actor;
        revision.changedAt = entry.updatedAt;
        revision.persist();
    }
}
