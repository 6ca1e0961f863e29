package dev.accelerometer.common.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Link;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The catalog facts a service reads, cached until the catalog's change feed says they changed: costing, planner and
 * quantization all read the catalog through this one cache. Every cache is bounded (entries beyond the bound are
 * evicted, least recently used first), so no sequence of requests can grow memory without limit. The feed is polled
 * every {@code accelerometer.catalog.poll-interval} (5 s by default: the staleness bound of an edit); an accelerator edit
 * drops that accelerator and every cached list, a system edit that system and the instance prices, a model or
 * interconnect edit that document, a measurement edit the ledger. A 404 becomes this service's 404 naming the request
 * field; an unreachable catalog a 503, unless the fact is cached: then it is served, and {@link #freshness()} says the
 * catalog was unreachable and when the cache last synced.
 */
@ApplicationScoped
public class CatalogCache {
    private static final Logger LOG = Logger.getLogger(CatalogCache.class);
    /** Bounds: more than the catalog holds of each collection today (44 accelerators, 39 models), far below a heap's worth. */
    static final int DOCUMENTS = 2048;
    static final int LISTS = 64;

    @Inject
    CatalogCalls calls;

    private final Cache<String, CatalogAccelerator> accelerators = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final Cache<String, CatalogModel> models = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final Cache<String, CatalogSystem> systems = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final Cache<String, CatalogInterconnect> interconnects = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final Cache<String, List<CatalogAccelerator>> lists = Caffeine.newBuilder().maximumSize(LISTS).build();
    /** Accelerators already mapped onto the model's devices (with instance prices): dropped with the accelerator or any system. */
    private final Cache<String, Device> devices = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    /** Every priced instance (cheapest first) and the cheapest per accelerator, from one list of systems; dropped when any system changes. */
    private volatile PricedInstances instancePrices;
    private volatile List<CatalogMeasurement> measurements;
    /**
     * Bumped by every invalidation: a fetch that started before a change was drained does not put its (possibly older)
     * document into the cache afterwards.
     */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastSequence = -1;
    private volatile Instant lastSync;
    private volatile boolean reachable = true;

    /**
     * A number that changes whenever a cached document may have: what a result computed from the catalog can be keyed by (the same
     * generation, the same facts).
     */
    public long generation() {
        return generation.get();
    }

    /** Where the facts of an answer came from. */
    public record Freshness(boolean catalogReachable, Instant cacheSyncedAt) {
    }

    public CatalogAccelerator accelerator(String id, String field) {
        return cached(accelerators, id, () -> calls.accelerator(id), "accelerator", field);
    }

    /** The accelerator as the model's device, with a cloud price from the catalog's cheapest instance when it has none of its own. */
    public Device device(String id, String field) {
        Device hit = devices.getIfPresent(id);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        CatalogAccelerator a = accelerator(id, field);
        Device device = CatalogMapping.device(a.cloudPriceUsdPerHour() != null ? a : InstancePrice.priced(a, instancePrices()));
        if (instancePrices != null && generation.get() == before) {
            devices.put(id, device); // priced from a current list (not from an outage's empty one)
        }
        return device;
    }

    public CatalogModel model(String id, String field) {
        return cached(models, id, () -> calls.model(id), "model", field);
    }

    public CatalogSystem system(String id, String field) {
        return cached(systems, id, () -> calls.system(id), "system", field);
    }

    public CatalogInterconnect interconnect(String id, String field) {
        return cached(interconnects, id, () -> calls.interconnect(id), "interconnect", field);
    }

    /** The interconnect as the model's link; a 422 naming {@code field} when the catalog gives it no bandwidth. */
    public Link link(String id, String field) {
        CatalogInterconnect i = interconnect(id, field);
        if (i.bandwidthPerDirectionBytesPerSecond() == null) {
            throw ApiException.missingFact("the catalog has no bandwidthPerDirectionBytesPerSecond for interconnect " + id
                    + "; fill it or name another link.", field, "has no bandwidth in the catalog");
        }
        return CatalogMapping.link(i);
    }

    /** Accelerators matching the catalog's list filters; a filter the catalog refuses is a 400 naming {@code field}. */
    public List<CatalogAccelerator> accelerators(Map<String, String> filter, String field) {
        String key = new TreeMap<>(filter).toString();
        List<CatalogAccelerator> hit = lists.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        try {
            long before = generation.get();
            List<CatalogAccelerator> items = List.copyOf(calls.accelerators(filter).items());
            reachable = true;
            if (generation.get() == before) {
                lists.put(key, items);
                items.forEach(a -> accelerators.put(a.id(), a));
            }
            return items;
        } catch (CatalogCalls.ClientError e) {
            if (!e.violations.isEmpty()) {
                // The catalog named the list parameter at fault: name it inside the request's filter (filter.format), with its reason.
                List<dev.accelerometer.common.problem.FieldError> errors = e.violations.stream()
                        .map(v -> new dev.accelerometer.common.problem.FieldError(field + "." + v.field(), v.message())).toList();
                throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
            }
            throw ApiException.invalidField(field, "is not a filter of GET /v1/accelerators on the catalog; use its parameters (kind, vendor, "
                    + "format, minMemoryBytes, ...)");
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private record PricedInstances(List<InstancePrice> all, Map<String, InstancePrice> cheapest) {
        static final PricedInstances NONE = new PricedInstances(List.of(), Map.of());
    }

    private PricedInstances pricedInstances() {
        PricedInstances prices = instancePrices;
        if (prices == null) {
            try {
                long before = generation.get();
                List<InstancePrice> all = calls.instancePrices();
                prices = new PricedInstances(all, InstancePrice.cheapestByAccelerator(all));
                if (generation.get() == before) {
                    instancePrices = prices;
                }
            } catch (RuntimeException e) {
                LOG.debugf("no instance prices: %s", e);
                return PricedInstances.NONE; // no price is an answer without dollars, not a failed estimate
            }
        }
        return prices;
    }

    /** Cloud prices per device-hour from the catalog's cheapest priced instances, by accelerator id (empty if unreachable). */
    public Map<String, InstancePrice> instancePrices() {
        return pricedInstances().cheapest();
    }

    /** Every priced instance holding the accelerator, cheapest per device-hour first (empty if none or unreachable). */
    public List<InstancePrice> instancePrices(String acceleratorId) {
        return pricedInstances().all().stream().filter(p -> p.acceleratorId().equals(acceleratorId)).toList();
    }

    public Optional<InstancePrice> instancePrice(String acceleratorId) {
        return Optional.ofNullable(instancePrices().get(acceleratorId));
    }

    /** The published-measurement ledger (cached until a measurement changes). */
    public List<CatalogMeasurement> measurements() {
        List<CatalogMeasurement> ledger = measurements;
        if (ledger == null) {
            try {
                long before = generation.get();
                // Every page: the ledger outgrew one page of 500 (issue 20's sparse kernels took it to about 450 entries).
                List<CatalogMeasurement> all = new java.util.ArrayList<>();
                CatalogApi.Page<CatalogMeasurement> page = calls.measurements(1, 500);
                all.addAll(page.items());
                for (int p = 2; p <= page.totalPages(); p++) {
                    all.addAll(calls.measurements(p, 500).items());
                }
                ledger = List.copyOf(all);
                if (generation.get() == before) {
                    measurements = ledger;
                }
            } catch (RuntimeException e) {
                throw unavailable(e);
            }
        }
        return ledger;
    }

    public Freshness freshness() {
        return new Freshness(reachable, lastSync);
    }

    private <T> T cached(Cache<String, T> cache, String id, Supplier<T> fetch, String what, String field) {
        T hit = cache.getIfPresent(id);
        if (hit != null) {
            return hit;
        }
        try {
            long before = generation.get();
            T fresh = CatalogCalls.fetch(fetch, what, field, id);
            if (generation.get() == before) {
                cache.put(id, fresh);
            }
            reachable = true;
            return fresh;
        } catch (ApiException e) {
            if (e.status == 503) {
                reachable = false;
                LOG.debugf("catalog unreachable looking up %s %s", what, id);
            }
            throw e;
        }
    }

    private ApiException unavailable(RuntimeException cause) {
        reachable = false;
        LOG.debugf("catalog unreachable: %s", cause);
        return new ApiException(503, "catalog-unavailable", "Catalog unavailable",
                "The catalog service did not answer; try again shortly (hardware and model facts are read from it).", List.of());
    }

    /** Drops cached documents the catalog changed since the last poll; marks the cache stale while the feed is unreachable. */
    @Scheduled(every = "${accelerometer.catalog.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void sync() {
        try {
            if (lastSequence < 0) {
                generation.incrementAndGet();
                accelerators.invalidateAll();
                devices.invalidateAll();
                models.invalidateAll();
                systems.invalidateAll();
                interconnects.invalidateAll();
                lists.invalidateAll();
                instancePrices = null;
                measurements = null;
            }
            lastSequence = calls.drainChanges(lastSequence, change -> {
                generation.incrementAndGet();
                switch (change.collection()) {
                    case "accelerators" -> {
                        accelerators.invalidate(change.id());
                        devices.invalidate(change.id());
                        lists.invalidateAll();
                    }
                    case "systems" -> {
                        systems.invalidate(change.id());
                        instancePrices = null;
                        devices.invalidateAll();
                    }
                    case "models" -> models.invalidate(change.id());
                    case "interconnects" -> interconnects.invalidate(change.id());
                    case "measurements" -> measurements = null;
                    default -> { }
                }
            });
            lastSync = Instant.now();
            if (!reachable) {
                LOG.info("catalog change feed answers again; cached facts are current");
            }
            reachable = true;
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warnf("catalog change feed unreachable; cached facts are served marked stale: %s", e.toString());
            }
            reachable = false;
        }
    }
}
