package dev.accelerometer.planner.api;

import dev.accelerometer.testing.BadInputIsAProblem;
import dev.accelerometer.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Table-driven bad input to every operation with a request example, and to every list query: no 5xx, only problems. */
@QuarkusTest
class BadInputTest extends BadInputIsAProblem {
    /** Lists and deletes of saved results are per API key. */
    @Override
    protected RequestSpecification client() {
        return TestKeys.alice();
    }
}
