package dev.accelerometer.quantization.client;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCalls;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Hardware and model facts from the catalog, cached for {@code quantization.catalog.cache-ttl} (5 s: a catalog edit
 * reaches estimates within that bound), and decode/prefill times from the costing service. A 404 becomes this
 * service's 404 naming the field; an unreachable dependency becomes 503, unless the facts are cached, in which case
 * the answer is served from the cache and its warnings say so ({@link StaleFacts}).
 */
@ApplicationScoped
public class Facts {
    private static final Logger LOG = Logger.getLogger(Facts.class);

    @ConfigProperty(name = "quantization.catalog.cache-ttl")
    Duration ttl;
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
        if (hit != null && hit.at().plus(ttl).isAfter(Instant.now())) {
            return hit.value();
        }
        try {
            T value = CatalogCalls.fetch(fetch, what, field, key);
            cache.put(key, new Cached<>(value, Instant.now()));
            return value;
        } catch (ApiException e) {
            if (e.status == 503 && hit != null) {
                LOG.warnf("catalog unreachable, serving cached %s %s from %s", what, key, hit.at());
                stale.served(what, key, hit.at());
                return hit.value();
            }
            throw e;
        }
    }
}
