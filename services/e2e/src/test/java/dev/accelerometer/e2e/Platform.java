package dev.accelerometer.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four services started together by the no-Docker runner ({@code deploy/local/platform.sh}) from the jars the
 * reactor built, on free ports, against the real PostgreSQL in a database of their own ({@code PGDATABASE_E2E},
 * default {@code accelerometer_e2e}, wiped at the first start). One platform per test JVM; a shutdown hook stops it.
 */
final class Platform {
    static final String API_KEY = "e2e-catalog-key";
    /** The key that owns what the e2e suite saves in costing, planner and quantization. */
    static final String USER_KEY = "e2e-user-key";
    /** The documented staleness bound of catalog facts: costing's and quantization's change-feed poll. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private static Platform instance;

    private final Path repository;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    private Platform(Path repository) {
        this.repository = repository;
        for (String service : List.of("catalog", "costing", "planner", "quantization")) {
            ports.put(service, freePort());
            environment.put(service.toUpperCase() + "_PORT", Integer.toString(ports.get(service)));
        }
        environment.put("ACCELEROMETER_HOME", repository.resolve("services/e2e/target/platform").toString());
        environment.put("PGDATABASE", System.getenv().getOrDefault("PGDATABASE_E2E", "accelerometer_e2e"));
        environment.put("CATALOG_API_KEYS", "e2e:" + API_KEY);
        environment.put("ACCELEROMETER_API_KEYS", "e2e:" + USER_KEY);
        environment.put("CATALOG_POLL_INTERVAL", POLL_INTERVAL.toSeconds() + "s");
        environment.put("CATALOG_URL", url("catalog"));
        environment.put("COSTING_URL", url("costing"));
        // Four services and the test JVM share two cores: C1 alone and the serial collector start them sooner (see the root
        // pom's test.jvm.options); platform.sh's default for people running it stays the full JIT.
        environment.put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    static synchronized Platform get() {
        if (instance == null) {
            String configured = System.getenv("ACCELEROMETER_REPOSITORY");
            Path repository = Path.of(configured != null ? configured : "../..").toAbsolutePath().normalize();
            instance = new Platform(repository);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.runner("stop")));
            // The first start wipes the e2e database's schemas so every run begins from the migrations.
            instance.runner(Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false"),
                    "start", "--no-build", "catalog", "costing", "planner", "quantization");
        }
        return instance;
    }

    /** The repository the platform runs from. */
    Path repositoryPath() {
        return repository;
    }

    /** The committed OpenAPI document of {@code service} (openapi/<service>.json), the SDK's source. */
    Path spec(String service) {
        return repository.resolve("openapi").resolve(service + ".json");
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    void stop(String service) {
        runner("stop", service);
    }

    void start(String service) {
        runner("start", "--no-build", service);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runner(String... arguments) {
        runner(Map.of(), arguments);
    }

    private void runner(Map<String, String> extra, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repository.resolve("deploy/local/platform.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        File log = repository.resolve("services/e2e/target/platform-runner.log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            Files.createDirectories(log.toPath().getParent());
            Process process = builder.start();
            // platform.sh bounds its own waits (a service that stops making progress fails it); this only guards against a hung runner.
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("platform.sh " + String.join(" ", arguments) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run platform.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
