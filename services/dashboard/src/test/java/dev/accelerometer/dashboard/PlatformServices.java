package dev.accelerometer.dashboard;

import dev.accelerometer.testing.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The four API services from the jars the reactor built, allowing any local origin (the dashboard under test runs on a
 * random port), and the dashboard's public URLs pointed at them.
 */
public class PlatformServices implements QuarkusTestResourceLifecycleManager {
    /** Any http://localhost:port or http://127.0.0.1:port (a Quarkus CORS origin between slashes is a regular expression). */
    static final String LOCAL_ORIGINS = "/http://(localhost|127\\.0\\.0\\.1):[0-9]+/";
    /** The key that owns what the dashboard's tests save in costing, planner and quantization. */
    static final String USER_KEY = "dashboard-user-key";

    private final List<ServiceJar> services = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        ServiceJar catalog = started("catalog", "CATALOG_PORT", Map.of("CATALOG_API_KEYS", "tests:unused"));
        ServiceJar costing = started("costing", "COSTING_PORT", Map.of("CATALOG_URL", catalog.url()));
        Map<String, String> clients = Map.of("CATALOG_URL", catalog.url(), "COSTING_URL", costing.url());
        CompletableFuture<ServiceJar> planner = CompletableFuture.supplyAsync(() -> started("planner", "PLANNER_PORT", clients));
        CompletableFuture<ServiceJar> quantization = CompletableFuture.supplyAsync(() -> started("quantization", "QUANTIZATION_PORT", clients));
        return Map.of(
                "dashboard.apis.catalog", catalog.url(),
                "dashboard.apis.costing", costing.url(),
                "dashboard.apis.planner", planner.join().url(),
                "dashboard.apis.quantization", quantization.join().url());
    }

    private ServiceJar started(String name, String portVariable, Map<String, String> environment) {
        Map<String, String> withOrigins = new java.util.HashMap<>(environment);
        withOrigins.put("DASHBOARD_ORIGINS", LOCAL_ORIGINS);
        withOrigins.put("ACCELEROMETER_API_KEYS", "dashboard:" + USER_KEY);
        ServiceJar service = ServiceJar.start(name, portVariable, withOrigins);
        services.add(service);
        return service;
    }

    @Override
    public void stop() {
        services.forEach(ServiceJar::stop);
    }
}
