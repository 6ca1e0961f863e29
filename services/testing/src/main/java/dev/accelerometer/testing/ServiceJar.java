package dev.accelerometer.testing;

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
 * A sibling service started from the jar the reactor built earlier ({@code services/<name>/target/quarkus-app}), on a
 * free port, against the test database; tests talk to it over real HTTP. {@link #stop()} ends the process.
 */
public final class ServiceJar {
    private final String name;
    private final Process process;
    private final String url;

    private ServiceJar(String name, Process process, String url) {
        this.name = name;
        this.process = process;
        this.url = url;
    }

    /** Starts {@code name} with {@code portVariable} set to a free port plus {@code environment}, and waits until it is ready. */
    public static ServiceJar start(String name, String portVariable, Map<String, String> environment) {
        Path jar = Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " jar missing at " + jar + ": build the reactor from the root (./mvnw verify)");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx192m", "-jar", jar.toString());
        builder.environment().putAll(environment);
        builder.environment().put(portVariable, Integer.toString(port));
        builder.environment().put("PGDATABASE", System.getenv().getOrDefault("PGDATABASE_TEST", "accelerometer_test"));
        builder.redirectErrorStream(true).redirectOutput(new File("target/" + name + "-process.log"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        ServiceJar service = new ServiceJar(name, process, "http://127.0.0.1:" + port);
        service.waitUntilReady(Duration.ofSeconds(90));
        return service;
    }

    public String url() {
        return url;
    }

    public void stop() {
        process.destroy();
    }

    private void waitUntilReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited early; see target/" + name + "-process.log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
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
        throw new IllegalStateException(name + " not ready within " + timeout + "; see target/" + name + "-process.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
