package dev.accelerometer.planner.api;

import dev.accelerometer.testing.AcceptsItsRequestExamples;
import io.quarkus.test.junit.QuarkusTest;

/** The request-body examples of the served OpenAPI document are requests the API accepts. */
@QuarkusTest
class RequestExamplesTest extends AcceptsItsRequestExamples {
}
