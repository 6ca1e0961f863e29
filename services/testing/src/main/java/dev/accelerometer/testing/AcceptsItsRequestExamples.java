package dev.accelerometer.testing;

import org.junit.jupiter.api.Test;

/**
 * A service's {@code @QuarkusTest} subclass checks that every request-body example of its served OpenAPI document is a
 * request the API accepts (see {@link SpecExamples}).
 */
public abstract class AcceptsItsRequestExamples {
    @Test
    void everyRequestExampleIsAccepted() {
        SpecExamples.assertEveryExampleAccepted();
    }
}
