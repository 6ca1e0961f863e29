package dev.accelerometer.catalog.api;

import dev.accelerometer.testing.BadInputIsAProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Table-driven bad input to every operation with a request example, and to every list query: no 5xx, only problems. */
@QuarkusTest
class BadInputTableTest extends BadInputIsAProblem {
    @Override
    protected RequestSpecification client() {
        return Fixtures.writer();
    }
}
