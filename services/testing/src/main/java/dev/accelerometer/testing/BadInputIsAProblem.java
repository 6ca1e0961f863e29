package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's {@code @QuarkusTest} subclass sends the table of bad input ({@link BadInputFuzz}) to every operation of its
 * served OpenAPI document: no answer may be a 5xx, every error is a problem naming what to change.
 */
public abstract class BadInputIsAProblem {
    /** How requests are sent; a service whose writes need a key adds it. */
    protected RequestSpecification client() {
        return given();
    }

    @Test
    void noBadInputIsAServerError() {
        List<String> failures = BadInputFuzz.run(this::client);
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target", "bad-input-failures.txt"), failures);
        } catch (java.io.IOException e) {
            // the assertion below still reports them
        }
        assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())), failures.size() + " bad inputs failed with -Dbadinput.seed="
                + BadInputFuzz.SEED + " (all in "
                + "target/bad-input-failures.txt)");
    }
}
