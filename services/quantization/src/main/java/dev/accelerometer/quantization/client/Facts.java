package dev.accelerometer.quantization.client;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCalls;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.problem.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Hardware and model facts from the catalog, cached until the catalog's change feed (polled every
 * {@code quantization.catalog.poll-interval}, 5 s by default: the staleness bound of an edit) says they changed: an
 * accelerator edit drops that accelerator and every cached list, a system edit the instance prices, a model edit that
 * model. Decode/prefill times come from the costing service. A 404 becomes this service's 404 naming the field; an
 * unreachable dependency becomes 503, unless the facts are cached, in which case the answer is served from the cache
 * and its warnings say so ({@link StaleFacts}).
 */
@ApplicationScoped
public class Facts {
    private static final Logger LOG = Logger.getLogger(Facts.class);

    @Inject
    StaleFacts stale;

    @Inject
    CatalogCalls catalog;
    @Inject
    @RestClient
    CostingApi costing;

    private record Cached<T>(T value, Instant at) {
    }

    private final Map<String, Cached<CatalogModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Cached<List<CatalogAccelerator>>> lists = new ConcurrentHashMap<>();
    private final Map<String, Cached<CatalogAccelerator>> accelerators = new ConcurrentHashMap<>();
    private final Map<String, Cached<Map<String, InstancePrice>>> prices = new ConcurrentHashMap<>();
    private volatile long lastSequence = -1;
    private volatile Instant lastSync;
    /** False once the change feed stopped answering: cached facts may then be stale, and answers say so. */
    private volatile boolean reachable = true;

    public CatalogModel model(String id) {
        return cached(models, id, () -> catalog.model(id), "model", "modelId");
    }

    public CatalogAccelerator accelerator(String id) {
        return cached(accelerators, id, () -> catalog.accelerator(id), "accelerator", "acceleratorIds");
    }

    public List<CatalogAccelerator> accelerators(Map<String, String> filter) {
        String key = new java.util.TreeMap<>(filter).toString();
        return cached(lists, key, () -> catalog.accelerators(filter).items(), "accelerator filter", "filter");
    }

    /** Cloud prices per device-hour from the catalog's cheapest priced instances, by accelerator id (empty if unreachable). */
    public Map<String, InstancePrice> instancePrices() {
        try {
            return cached(prices, "instance-prices", catalog::instancePrices, "system list", "acceleratorIds");
        } catch (ApiException e) {
            return Map.of(); // no price is an answer without dollars, not a failed estimate
        }
    }

    /** Decode and prefill times from costing, all accelerators in one call; each item is an estimate or a problem. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<CostingApi.BatchItem> cost(List<CostingApi.ModelCost> requests) {
        return costing.models(requests, true);
    }

    private <T> T cached(Map<String, Cached<T>> cache, String key, java.util.function.Supplier<T> fetch, String what, String field) {
        Cached<T> hit = cache.get(key);
        if (hit != null) {
            if (!reachable) {
                stale.served(what, key, lastSync == null ? hit.at() : lastSync);
            }
            return hit.value();
        }
        T value = CatalogCalls.fetch(fetch, what, field, key);
        cache.put(key, new Cached<>(value, Instant.now()));
        return value;
    }

    /** Drops cached facts the catalog changed since the last poll; marks the cache stale while the feed is unreachable. */
    @Scheduled(every = "${quantization.catalog.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void sync() {
        try {
            if (lastSequence < 0) {
                models.clear();
                lists.clear();
                accelerators.clear();
                prices.clear();
            }
            lastSequence = catalog.drainChanges(lastSequence, change -> {
                switch (change.collection()) {
                    case "accelerators" -> {
                        accelerators.remove(change.id());
                        lists.clear();
                    }
                    case "systems" -> prices.clear();
                    case "models" -> models.remove(change.id());
                    default -> { }
                }
            });
            lastSync = Instant.now();
            reachable = true;
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warnf("catalog change feed unreachable; cached facts are served marked stale: %s", e);
            }
            reachable = false;
        }
    }
}
