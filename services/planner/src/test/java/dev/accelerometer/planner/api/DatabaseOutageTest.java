package dev.accelerometer.planner.api;

import dev.accelerometer.testing.DatabaseOutageIsA503;
import dev.accelerometer.testing.DatabaseOutages;
import dev.accelerometer.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Order;

/** The planner's database goes away and comes back (a TCP relay in front of the real PostgreSQL). */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutages.class, restrictToAnnotatedClass = true)
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest extends DatabaseOutageIsA503 {
    @Override
    protected List<String> databasePaths() {
        return List.of("/v1/plans");
    }

    /** Lists and deletes of saved results are per API key. */
    @Override
    protected RequestSpecification client() {
        return TestKeys.alice();
    }
}
