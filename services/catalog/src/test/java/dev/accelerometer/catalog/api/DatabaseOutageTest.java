package dev.accelerometer.catalog.api;

import static dev.accelerometer.catalog.api.Fixtures.gpu;
import static dev.accelerometer.catalog.api.Fixtures.uniqueId;
import static dev.accelerometer.catalog.api.Fixtures.writer;
import static org.hamcrest.Matchers.equalTo;

import dev.accelerometer.testing.DatabaseOutageIsA503;
import dev.accelerometer.testing.DatabaseOutages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Order;

/** The catalog's database goes away and comes back (a TCP relay in front of the real PostgreSQL). */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutages.class, restrictToAnnotatedClass = true)
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest extends DatabaseOutageIsA503 {
    @Override
    protected List<String> databasePaths() {
        return List.of("/v1/accelerators/nvidia-h100-sxm", "/v1/accelerators?vendor=nvidia", "/v1/changes");
    }

    @Override
    protected void duringTheOutage() {
        writer().body(gpu(uniqueId("outage"))).post("/v1/accelerators")
                .then().statusCode(503).header("Retry-After", equalTo("5")).contentType("application/problem+json");
    }
}
