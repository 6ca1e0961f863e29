package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.service.OffloadDecodeRuns;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.quantization.Method;
import dev.accelerometer.model.quantization.Options;
import dev.accelerometer.model.quantization.WeightLayout;
import dev.accelerometer.model.workload.HybridDecode;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Re-derives HybridDecode.HOST_DECODE_EFFICIENCY from the catalog's ledger (V38): each calibration run (every block on the
 * CPU: OffloadDecodeRuns.CALIBRATION) read its GGUF file's blocks, KV cache and output head per token at its tokens/s; over
 * the host's peak bandwidth that is the share it reached. The constant is their mean; the partial-offload runs are held out
 * (GET /v1/validation, category offload-decode).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class HybridDecodeDerivationTest {
    @Inject
    CatalogCache catalog;

    @Test
    void theHostsShareOfItsBandwidthIsWhatItsCpuRunsImply() {
        Map<String, CatalogMeasurement> ledger = catalog.measurements().stream().collect(Collectors.toMap(CatalogMeasurement::id, Function.identity()));
        double sum = 0;
        for (String id : OffloadDecodeRuns.CALIBRATION.stream().sorted().toList()) {
            CatalogMeasurement m = ledger.get(id);
            Map<String, Object> in = m.inputs();
            assertEquals(0, ((Number) in.get("gpuLayers")).intValue(), id + " runs every block on the CPU");
            Transformer shape = CatalogMapping.transformer(catalog.model((String) in.get("modelId"), "modelId"), "modelId");
            Method gguf = Method.fromId((String) in.get("weightFormat")).orElseThrow();
            WeightLayout.Result layout = WeightLayout.of(shape, gguf, Options.defaults(gguf));
            double peak = ((Number) in.get("hostPeakBandwidthBytesPerSecond")).doubleValue();
            var split = HybridDecode.of(HybridDecode.place(shape, layout, 0), 0, OffloadDecodeRuns.kvBytesPerBlock(shape, 512, 2), peak);
            double implied = HybridDecode.impliedEfficiency(split.hostBytes(), m.value(), peak);
            System.out.printf("%s %s %s: %.3f GB per token at %.2f tokens/s = %.3f of %.1f GB/s%n", id, in.get("modelId"), gguf.id,
                    split.hostBytes() / 1e9, m.value(), implied, peak / 1e9);
            sum += implied;
        }
        double derived = sum / OffloadDecodeRuns.CALIBRATION.size();
        System.out.printf("host decode efficiency %.4f%n", derived);
        assertEquals(derived, HybridDecode.HOST_DECODE_EFFICIENCY, 1e-4);
    }
}
