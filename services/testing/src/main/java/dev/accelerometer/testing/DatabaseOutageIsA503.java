package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's subclass (a {@code @QuarkusTest}) names requests that need its database. While the database is away
 * ({@link DatabaseOutages#cut()}) each is a 503 problem with Retry-After, never a 500; once it is back each answers
 * again without a restart. Subclasses carry
 * {@code @QuarkusTestResource(value = DatabaseOutages.class, restrictToAnnotatedClass = true)} and {@code @Order(Integer.MAX_VALUE)}
 * (with the OrderAnnotation class orderer) so the restart the relay needs happens once, after the other tests.
 */
public abstract class DatabaseOutageIsA503 {
    /** Answered from the database: GET paths. */
    protected abstract List<String> databasePaths();

    @Test
    void anOutageIsA503WithRetryAfterAndTheServiceRecoversByItself() throws InterruptedException {
        databasePaths().forEach(path -> client().get(path).then().statusCode(200));
        DatabaseOutages.cut();
        try {
            for (String path : databasePaths()) {
                client().get(path).then()
                        .statusCode(503)
                        .contentType(equalTo("application/problem+json"))
                        .header("Retry-After", equalTo("5"))
                        .body("type", endsWith("/database-unavailable"))
                        .body("status", equalTo(503));
            }
            duringTheOutage();
        } finally {
            DatabaseOutages.restore();
        }
        for (String path : databasePaths()) {
            assertEquals(200, statusWithin(path, 30_000), path + " did not recover within 30 s of the database coming back");
        }
    }

    /** How requests are sent; a service whose lists are per API key adds one. */
    protected RequestSpecification client() {
        return given();
    }

    /** Further checks while the database is away (writes, say). */
    protected void duringTheOutage() {
    }

    private int statusWithin(String path, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        int status;
        while ((status = client().get(path).statusCode()) != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        return status;
    }
}
