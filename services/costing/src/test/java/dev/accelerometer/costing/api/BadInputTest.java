package dev.accelerometer.costing.api;

import dev.accelerometer.testing.BadInputIsAProblem;
import io.quarkus.test.junit.QuarkusTest;

/** Table-driven bad input to every operation with a request example, and to every list query: no 5xx, only problems. */
@QuarkusTest
class BadInputTest extends BadInputIsAProblem {
}
