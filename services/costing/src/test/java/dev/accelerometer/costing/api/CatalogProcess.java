package dev.accelerometer.costing.api;

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
import java.util.Map;

/**
 * Runs the real catalog service (the jar the reactor built before this module) against the test database, so costing
 * is tested across a real REST boundary. Exposes its URL and a write key to the tests.
 */
public class CatalogProcess implements QuarkusTestResourceLifecycleManager {
    /** Write key the tests use to change the catalog (passed to the catalog process as CATALOG_API_KEYS). */
    public static final String KEY = "costing-test-key";
    private static volatile String url;
    private Process process;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("..", "catalog", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("catalog jar missing at " + jar + ": build the reactor from the root (./mvnw verify)");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx192m", "-jar", jar.toString());
        builder.environment().put("CATALOG_PORT", Integer.toString(port));
        builder.environment().put("CATALOG_API_KEYS", "costing-tests:" + KEY);
        builder.environment().put("PGDATABASE", System.getenv().getOrDefault("PGDATABASE_TEST", "accelerometer_test"));
        builder.redirectErrorStream(true).redirectOutput(new File("target/catalog-process.log"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the catalog", e);
        }
        url = "http://127.0.0.1:" + port;
        waitUntilReady(url + "/q/health/ready", Duration.ofSeconds(60));
        return Map.of("quarkus.rest-client.catalog.url", url, "costing.catalog.poll-interval", "1s");
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    private void waitUntilReady(String health, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("catalog exited early; see target/catalog-process.log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(health).toURL().openConnection();
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
        throw new IllegalStateException("catalog not ready within " + timeout + "; see target/catalog-process.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
