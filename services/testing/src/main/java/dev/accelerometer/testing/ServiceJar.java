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
    /** Longest a starting service may go without writing to its log. */
    static final Duration STALL = Duration.ofSeconds(180);
    /** Longest a start may take in all. */
    static final Duration LIMIT = Duration.ofMinutes(15);

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
        // Siblings answer a test's few requests while the test JVM and the others start on the same two cores: C1 alone and the
        // serial collector (the root pom's test.jvm.options) start them sooner.
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString());
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
        service.waitUntilReady();
        return service;
    }

    public String url() {
        return url;
    }

    public void stop() {
        process.destroy();
    }

    /**
     * Waits for {@code /q/health/ready} as long as the service makes progress — its log grows — since a busy machine can
     * take minutes to start a JVM (a planner once took 122 s on a loaded 2-core machine); gives up when the process exits,
     * writes nothing for {@link #STALL}, or is still not ready after {@link #LIMIT}, saying which and what it waited for.
     */
    private void waitUntilReady() {
        Path log = Path.of("target", name + "-process.log");
        Instant started = Instant.now();
        Instant progress = started;
        long lastSize = -1;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited before " + url + "/q/health/ready answered; see " + log.toAbsolutePath());
            }
            if (ready()) {
                return;
            }
            long size = log.toFile().length();
            Instant now = Instant.now();
            if (size != lastSize) {
                lastSize = size;
                progress = now;
            }
            if (Duration.between(progress, now).compareTo(STALL) > 0) {
                throw new IllegalStateException(name + " wrote nothing to its log for " + STALL.toSeconds() + " s and " + url
                        + "/q/health/ready never answered; see " + log.toAbsolutePath());
            }
            if (Duration.between(started, now).compareTo(LIMIT) > 0) {
                throw new IllegalStateException(name + " not ready at " + url + "/q/health/ready after " + LIMIT.toSeconds() + " s; see "
                        + log.toAbsolutePath());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
    }

    private boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(5000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false; // not up yet
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
