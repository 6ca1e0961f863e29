package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.testing.StubRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Records costing's answers that planner and quantization read — the calibration table (with its ETag) and the error
 * bands of the validation ledger — for their tests, which replay them from WireMock (testing's NeighbourStubs).
 */
@QuarkusTest
class StubsRecordingTest {
    @Test
    void recordsWhatTheOtherServicesRead() {
        StubRecorder recorder = new StubRecorder().getAny("/v1/calibrations", "/v1/calibrations").get("/v1/error-bands");
        recorder.write(Path.of("target", "stubs"), "costing");
        assertEquals(2, recorder.size());
    }
}
