package dev.accelerometer.costing.api;

import dev.accelerometer.testing.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the real catalog service so costing is tested across a real REST boundary; exposes its URL and a write key. */
public class CatalogProcess implements QuarkusTestResourceLifecycleManager {
    /** Write key the tests use to change the catalog (passed to the catalog process as CATALOG_API_KEYS). */
    public static final String KEY = "costing-test-key";
    private static volatile String url;
    private ServiceJar catalog;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        catalog = ServiceJar.start("catalog", "CATALOG_PORT", Map.of("CATALOG_API_KEYS", "costing-tests:" + KEY));
        url = catalog.url();
        return Map.of("quarkus.rest-client.catalog.url", url, "costing.catalog.poll-interval", "1s");
    }

    @Override
    public void stop() {
        if (catalog != null) {
            catalog.stop();
        }
    }
}
