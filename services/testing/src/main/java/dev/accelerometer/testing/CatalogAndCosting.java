package dev.accelerometer.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real catalog and costing services for a service that reads both (planner, quantization), wired into its clients. */
public class CatalogAndCosting implements QuarkusTestResourceLifecycleManager {
    private final List<ServiceJar> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        ServiceJar catalog = ServiceJar.start("catalog", "CATALOG_PORT", Map.of("CATALOG_API_KEYS", "tests:unused"));
        services.add(catalog);
        ServiceJar costing = ServiceJar.start("costing", "COSTING_PORT", Map.of("CATALOG_URL", catalog.url()));
        services.add(costing);
        return Map.of("quarkus.rest-client.catalog.url", catalog.url(), "quarkus.rest-client.costing.url", costing.url());
    }

    @Override
    public void stop() {
        services.forEach(ServiceJar::stop);
    }
}
