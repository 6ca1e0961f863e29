package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.accelerometer.testing.SpecExamples;
import dev.accelerometer.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request-body examples of the served OpenAPI document are requests the API accepts; a calibration profile is saved
 * under an API key, so its example is sent with one.
 */
@QuarkusTest
class RequestExamplesTest {
    @Test
    void everyRequestExampleIsAccepted() {
        List<SpecExamples.Request> requests = SpecExamples.served();
        assertFalse(requests.isEmpty(), "the served spec has no request-body examples");
        requests.forEach(r -> SpecExamples.send("createCalibrationProfile".equals(r.operationId()) ? TestKeys.alice() : given(), r));
    }
}
