package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.service.ServingRuns;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.serving.ServingRuntime;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives TensorRT-LLM's serving share (ServingRuntime.Constants.TENSORRT_LLM_SHARE) from the offline runs it is
 * calibrated on (ServingRuns.CALIBRATION: the 1000/1000-token rows of TensorRT-LLM's performance tables, catalog ledger
 * V19 and V17, read 2026-11-29): each run's output throughput under the kernels alone, by the same simulator the
 * validation report and the planner run; the share is the geometric mean of measured ÷ modelled. Every other serving run
 * is held out in GET /v1/validation (categories serving-throughput and serving-latency).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class ServingCalibrationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    /**
     * The share of the kernels' modelled speed a runtime's calibration runs imply: the geometric mean of measured ÷ modelled
     * output throughput with the kernels alone, each run checked to be in the ledger, expressible and under {@code runtime}.
     */
    double derivedShare(java.util.Set<String> ids, ServingRuntime runtime) {
        List<CatalogMeasurement> runs = catalog.measurements().stream().filter(m -> ids.contains(m.id())).toList();
        assertEquals(ids.size(), runs.size(), "every calibration run is in the ledger");
        double[] ratios = runs.stream().mapToDouble(m -> {
            ServingRuns.Run run = ServingRuns.run(m).orElseThrow(() -> new AssertionError(m.id() + " is not expressible"));
            assertEquals(runtime, run.runtime(), m.id() + " is a " + runtime.slug() + " run");
            Device device = catalog.device(run.acceleratorId(), "acceleratorId");
            double kernels = ServingRuns.predict(device, calibrations.table().forArchitecture(device.architecture()), catalog, run,
                    ServingRuntime.KERNELS);
            System.out.printf("%s %s on %s: measured %.0f, kernels alone %.0f (%.3f)%n", m.id(), run.modelId(), run.acceleratorId(), m.value(),
                    kernels, m.value() / kernels);
            return m.value() / kernels;
        }).toArray();
        double derived = Calibrator.geometricMean(java.util.Arrays.stream(ratios));
        System.out.printf("%s share of the kernels' modelled speed: %.4f%n", runtime.slug(), derived);
        return derived;
    }

    @Test
    void theTensorRtLlmShareIsTheGeometricMeanOfItsOfflineRuns() {
        double derived = derivedShare(ServingRuns.SHARE_CALIBRATION, ServingRuntime.TENSORRT_LLM);
        assertTrue(derived < 1, "the runtime is slower than its kernels alone");
        assertEquals(ServingRuntime.Constants.TENSORRT_LLM_SHARE, derived, 0.0015);
    }

    /**
     * vLLM's share is derived the same way from its own decode-dominated offline runs with stated lengths (ServingRuns
     * VLLM_SHARE_CALIBRATION: DeepSeek-R1 1000/2000 on 8 × H200, vLLM 0.8.4; Llama 3.1 70B and 405B 128/2048 on 8 × MI300X,
     * AMD's ROCm vLLM 0.9.1; Llama 3.1 405B 128/128 on 8 × MI300X, Oracle's run). The other vLLM runs are held out.
     */
    @Test
    void theVllmShareIsTheGeometricMeanOfItsOwnOfflineRuns() {
        double derived = derivedShare(ServingRuns.VLLM_SHARE_CALIBRATION, ServingRuntime.VLLM);
        assertTrue(derived < ServingRuntime.Constants.TENSORRT_LLM_SHARE, "vLLM reaches less of its kernels' speed than TensorRT-LLM on these runs");
        assertEquals(ServingRuntime.Constants.VLLM_SHARE, derived, 0.0015);
    }

    /**
     * Intel's Gaudi software share, derived the same way from the Llama 2 7B fp8 cells of Intel's Gaudi 2 inference table (static
     * batches on one card, ledger gdi-01 … gdi-04, catalog V69, read 2026-12-02) with Gaudi 2's own GEMM ceiling (costing V14).
     * Its other cells and Intel's Gaudi 3 table are held out (category gaudi-serving-throughput).
     */
    @Test
    void theIntelGaudiShareIsTheGeometricMeanOfItsGaudi2Cells() {
        double derived = derivedShare(ServingRuns.INTEL_GAUDI_SHARE_CALIBRATION, ServingRuntime.INTEL_GAUDI);
        assertTrue(derived < 1, "the runtime is slower than its kernels alone");
        assertEquals(ServingRuntime.Constants.INTEL_GAUDI_SHARE, derived, 0.0015);
    }

    /**
     * The front end's time per request: at low load a request's TTFT is its prefill iteration plus the time before the engine
     * sees it, and the simulated TTFT grows by exactly that delay (every arrival shifts by it), so each run's measured TTFT
     * minus the simulated one without it is one estimate; the constant is their mean (milliseconds, TensorRT-LLM's online
     * table, v0.14.0 with Triton: srv-32, srv-38, srv-43). The other online runs are held out.
     */
    @Test
    void theFrontEndTimeIsWhatLowLoadOnlineRunsMissOfTheirFirstToken() {
        List<CatalogMeasurement> runs = catalog.measurements().stream().filter(m -> ServingRuns.FRONT_END_CALIBRATION.contains(m.id())).toList();
        assertEquals(ServingRuns.FRONT_END_CALIBRATION.size(), runs.size(), "every calibration run is in the ledger");
        double delayMillis = ServingRuntime.Constants.TENSORRT_LLM_REQUEST_SECONDS * 1e3;
        double mean = runs.stream().mapToDouble(m -> {
            ServingRuns.Run run = ServingRuns.run(m).orElseThrow(() -> new AssertionError(m.id() + " is not expressible"));
            Device device = catalog.device(run.acceleratorId(), "acceleratorId");
            double withDelay = ServingRuns.predict(device, calibrations.table().forArchitecture(device.architecture()), catalog, run,
                    ServingRuntime.TENSORRT_LLM);
            double gap = m.value() - (withDelay - delayMillis);
            System.out.printf("%s %s: measured TTFT %.1f ms, simulated without the front end %.1f ms: %.1f ms missing%n", m.id(), run.modelId(),
                    m.value(), withDelay - delayMillis, gap);
            assertTrue(gap > 0, m.id() + ": the simulated first token is already later than measured");
            return gap;
        }).average().orElseThrow();
        System.out.printf("TensorRT-LLM front end per request: %.2f ms%n", mean);
        assertEquals(delayMillis, mean, 0.15);
    }
}
