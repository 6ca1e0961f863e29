package dev.accelerometer.quantization.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real catalog and costing services (the jars the reactor built before this module) against the test
 * database, so quantization is tested across real REST boundaries.
 */
public class ServiceProcesses implements QuarkusTestResourceLifecycleManager {
    private final List<Process> processes = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        String database = System.getenv().getOrDefault("PGDATABASE_TEST", "accelerometer_test");
        int catalogPort = freePort();
        String catalog = "http://127.0.0.1:" + catalogPort;
        launch("catalog", Map.of("CATALOG_PORT", Integer.toString(catalogPort), "CATALOG_API_KEYS", "quantization-tests:unused",
                "PGDATABASE", database));
        waitUntilReady(catalog, "catalog");
        int costingPort = freePort();
        String costing = "http://127.0.0.1:" + costingPort;
        launch("costing", Map.of("COSTING_PORT", Integer.toString(costingPort), "CATALOG_URL", catalog, "PGDATABASE", database));
        waitUntilReady(costing, "costing");
        return Map.of("quarkus.rest-client.catalog.url", catalog, "quarkus.rest-client.costing.url", costing);
    }

    @Override
    public void stop() {
        processes.forEach(Process::destroy);
    }

    private void launch(String service, Map<String, String> environment) {
        Path jar = Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(service + " jar missing at " + jar + ": build the reactor from the root (./mvnw verify)");
        }
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx192m", "-jar", jar.toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(new File("target/" + service + "-process.log"));
        try {
            processes.add(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service, e);
        }
    }

    private void waitUntilReady(String base, String service) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(service + " not ready; see target/" + service + "-process.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
