package dev.accelerometer.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The catalog (and, with the argument {@code costing=true}, costing) as WireMock servers answering what those services
 * really answered in their own test runs earlier in the reactor ({@link StubRecorder}), wired into this service's REST
 * clients. Service tests use these; the real services run together only in the e2e and dashboard modules.
 */
public class NeighbourStubs implements QuarkusTestResourceLifecycleManager {
    private static volatile WireMockServer catalog;
    private final Map<String, WireMockServer> servers = new HashMap<>();
    private boolean withCosting;

    /** The catalog stub of the running test (for tests that change what it answers). */
    public static WireMockServer catalog() {
        return catalog;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        withCosting = Boolean.parseBoolean(initArgs.getOrDefault("costing", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        catalog = started("catalog");
        config.put("quarkus.rest-client.catalog.url", catalog.baseUrl());
        config.put("accelerometer.catalog.poll-interval", "1s");
        if (withCosting) {
            config.put("quarkus.rest-client.costing.url", started("costing").baseUrl());
        }
        return config;
    }

    private WireMockServer started(String service) {
        Path recorded = Path.of("..", service, "target", "stubs").toAbsolutePath().normalize();
        if (!Files.isDirectory(recorded.resolve("mappings"))) {
            throw new IllegalStateException("no recorded answers of " + service + " at " + recorded + ": they are written by " + service
                    + "'s own tests; build the reactor from the root (./mvnw verify)");
        }
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory(recorded.toString()));
        server.start();
        servers.put(service, server);
        return server;
    }

    @Override
    public void stop() {
        servers.values().forEach(WireMockServer::stop);
        catalog = null;
    }
}
