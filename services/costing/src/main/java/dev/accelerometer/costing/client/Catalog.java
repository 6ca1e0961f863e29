package dev.accelerometer.costing.client;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCalls;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.costing.model.Device;
import dev.accelerometer.costing.model.Format;
import java.util.EnumMap;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The façade the rest of costing uses for hardware and model facts. Documents are cached; the catalog's change feed
 * (polled every few seconds) drops exactly the entries that changed, so an edit in the catalog reaches the next
 * estimate without a restart. A 404 becomes this service's 404; an unreachable catalog becomes 503 with Retry-After,
 * unless the document is cached, in which case the answer says it came from the cache and when the cache last synced.
 */
@ApplicationScoped
public class Catalog {
    private static final Logger LOG = Logger.getLogger(Catalog.class);

    @Inject
    CatalogCalls calls;

    private final Map<String, CatalogAccelerator> accelerators = new ConcurrentHashMap<>();
    private final Map<String, CatalogModel> models = new ConcurrentHashMap<>();
    /** Cheapest instance price per accelerator, from one list of systems; dropped when any system changes. */
    private volatile Map<String, InstancePrice> instancePrices;
    private volatile long lastSequence = -1;
    private volatile Instant lastSync;
    private volatile boolean reachable = true;

    /** Where the facts of an answer came from. */
    public record Freshness(boolean catalogReachable, Instant cacheSyncedAt) {
    }

    public Device device(String id) {
        return toDevice(pricedAccelerator(id));
    }

    /** The accelerator, with a cloud price from the catalog's instances when it has none of its own. */
    public CatalogAccelerator pricedAccelerator(String id) {
        CatalogAccelerator a = accelerator(id);
        return a.cloudPriceUsdPerHour() != null ? a : instancePrice(id).map(p -> a.withCloudPriceUsdPerHour(p.usdPerDeviceHour())).orElse(a);
    }

    /** The cheapest priced catalog instance holding {@code acceleratorId}, if any (empty when the catalog is unreachable). */
    public java.util.Optional<InstancePrice> instancePrice(String acceleratorId) {
        Map<String, InstancePrice> prices = instancePrices;
        if (prices == null) {
            try {
                prices = calls.instancePrices();
                instancePrices = prices;
            } catch (RuntimeException e) {
                LOG.debugf("no instance prices: %s", e);
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.ofNullable(prices.get(acceleratorId));
    }

    /** The catalog's accelerator as the cost model's device. */
    public static Device toDevice(CatalogAccelerator a) {
        Map<Format, Double> peaks = new EnumMap<>(Format.class);
        put(peaks, Format.FP64, a.peakFp64FlopsPerSecond());
        put(peaks, Format.FP32, a.peakFp32FlopsPerSecond());
        put(peaks, Format.TF32, a.peakTf32FlopsPerSecond());
        put(peaks, Format.FP16, a.peakFp16FlopsPerSecond());
        put(peaks, Format.BF16, a.peakBf16FlopsPerSecond());
        put(peaks, Format.FP8, a.peakFp8FlopsPerSecond());
        put(peaks, Format.INT8, a.peakInt8OpsPerSecond());
        put(peaks, Format.INT4, a.peakInt4OpsPerSecond());
        Device.Kind kind = "tpu".equals(a.kind()) ? Device.Kind.TPU : "gpu".equals(a.kind()) ? Device.Kind.GPU : Device.Kind.OTHER;
        return new Device(a.id(), a.name(), kind, a.architecture(), a.memoryBytes(), a.memoryBandwidthBytesPerSecond(), peaks,
                a.computeUnits(), a.boostClockHertz(), a.l2CacheBytes(), a.systolicArrayRows(), a.systolicArrayColumns(), a.systolicArrayCount(),
                a.tdpWatts(), a.listPriceUsd(), a.cloudPriceUsdPerHour(), a.scaleUpBandwidthPerDirectionBytesPerSecond(),
                a.hostLinkPcieGeneration(), a.hostLinkPcieLanes());
    }

    private static void put(Map<Format, Double> peaks, Format format, Double value) {
        if (value != null) {
            peaks.put(format, value);
        }
    }

    public CatalogAccelerator accelerator(String id) {
        return cached(accelerators, id, "accelerator", calls::accelerator);
    }

    public CatalogModel model(String id) {
        return cached(models, id, "model", calls::model);
    }

    /** Accelerators matching the catalog's list filters (not cached: the filter is evaluated by the catalog). */
    public List<CatalogAccelerator> accelerators(Map<String, String> filters) {
        try {
            var page = calls.accelerators(filters);
            page.items().forEach(a -> accelerators.put(a.id(), a));
            return page.items();
        } catch (CatalogCalls.ClientError e) {
            throw ApiException.invalidField("filter", "the catalog refused the filter (HTTP " + e.status + "); use the parameters of GET /v1/accelerators");
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    public List<CatalogMeasurement> measurements() {
        try {
            return calls.measurements(1, 500).items();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    public Freshness freshness() {
        return new Freshness(reachable, lastSync);
    }

    private <T> T cached(Map<String, T> cache, String id, String what, Function<String, T> fetch) {
        T hit = cache.get(id);
        if (hit != null) {
            return hit;
        }
        try {
            T fresh = CatalogCalls.fetch(() -> fetch.apply(id), what, what + "Id", id);
            cache.put(id, fresh);
            reachable = true;
            return fresh;
        } catch (ApiException e) {
            if (e.status == 503) {
                reachable = false;
                LOG.warnf("catalog unreachable looking up %s %s", what, id);
            }
            throw e;
        }
    }

    private ApiException unavailable(RuntimeException cause) {
        reachable = false;
        LOG.warn("catalog unreachable: " + cause);
        return new ApiException(503, "catalog-unavailable", "Catalog unavailable",
                "The catalog service did not answer; try again shortly (hardware facts are read from it).", List.of());
    }

    /** Drops cached documents the catalog changed since the last poll. */
    @Scheduled(every = "${costing.catalog.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void sync() {
        try {
            if (lastSequence < 0) {
                accelerators.clear();
                models.clear();
                instancePrices = null;
            }
            lastSequence = calls.drainChanges(lastSequence, change -> {
                if ("accelerators".equals(change.collection())) {
                    accelerators.remove(change.id());
                } else if ("systems".equals(change.collection())) {
                    instancePrices = null;
                } else if ("models".equals(change.collection())) {
                    models.remove(change.id());
                }
            });
            lastSync = Instant.now();
            reachable = true;
        } catch (RuntimeException e) {
            reachable = false;
            LOG.debugf("catalog change feed unreachable: %s", e);
        }
    }
}
