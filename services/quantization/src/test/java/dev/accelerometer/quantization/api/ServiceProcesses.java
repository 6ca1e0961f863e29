package dev.accelerometer.quantization.api;

import dev.accelerometer.testing.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real catalog and costing services so quantization is tested across real REST boundaries. */
public class ServiceProcesses implements QuarkusTestResourceLifecycleManager {
    private final List<ServiceJar> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        ServiceJar catalog = ServiceJar.start("catalog", "CATALOG_PORT", Map.of("CATALOG_API_KEYS", "quantization-tests:unused"));
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
