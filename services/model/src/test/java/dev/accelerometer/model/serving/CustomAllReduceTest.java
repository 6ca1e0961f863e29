package dev.accelerometer.model.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.parallel.Cluster;
import java.util.ArrayList;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The inference runtimes' custom all-reduce against NCCL's ring in the collective model: sgl-project/sglang PR #2904's H100 unit
 * test (read 2026-12-03), the tables ServingRuntime keeps.
 */
class CustomAllReduceTest {
    private static final Link NVSWITCH_3 = new Link("nvswitch-gen3", "NVSwitch gen3", LinkKind.NVSWITCH, 450e9, 3.7e-6, 18);

    @Test
    void reproducesItsTableAndInterpolatesBetweenSizes() {
        DoubleUnaryOperator trt = ServingRuntime.TENSORRT_LLM.customAllReduceSeconds(8, LinkKind.NVSWITCH).orElseThrow();
        DoubleUnaryOperator vllm = ServingRuntime.VLLM.customAllReduceSeconds(4, LinkKind.NVLINK).orElseThrow();
        assertEquals(7.8e-6, trt.applyAsDouble(65536), 1e-12, "TP8, 32,768 bf16 elements");
        assertEquals(20.6e-6, vllm.applyAsDouble(524288), 1e-12, "vLLM TP4, 262,144 elements");
        // One decode token of a 8,192-wide model (16 KiB) at TP8: between the 8 KiB and 64 KiB rows; below the table, its first row.
        assertEquals(5.7e-6 + (16384 - 8192) * (7.8e-6 - 5.7e-6) / (65536 - 8192), trt.applyAsDouble(16384), 1e-12);
        assertEquals(5.9e-6, trt.applyAsDouble(16), 1e-12);
        // SGLang runs TensorRT-LLM's kernels; a group of 6 takes 8's table, 3 takes 4's.
        assertEquals(trt.applyAsDouble(16384), ServingRuntime.SGLANG.customAllReduceSeconds(6, LinkKind.NVSWITCH).orElseThrow()
                .applyAsDouble(16384), 1e-15);
        assertEquals(vllm.applyAsDouble(1e5), ServingRuntime.VLLM.customAllReduceSeconds(3, LinkKind.NVSWITCH).orElseThrow()
                .applyAsDouble(1e5), 1e-15);
    }

    @Test
    void decodeSizedMessagesBeatNcclsRingAndLargeOnesDoNot() {
        // 8 H100s on NVSwitch: NCCL's ring (NVLS) pays 14 step latencies on a 16 KiB message; the custom kernel 6 µs.
        Cluster eight = Cluster.of(Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null, null, null, new ArrayList<>());
        double nccl = CollectiveModel.estimate(eight, Collective.ALL_REDUCE, 16384).seconds();
        double custom = ServingRuntime.TENSORRT_LLM.customAllReduceSeconds(8, eight.intraKind()).orElseThrow().applyAsDouble(16384);
        assertTrue(custom < nccl / 4, custom + " vs " + nccl);
        // 64 MiB (a prefill chunk): NCCL's bandwidth wins, so the serving model's minimum takes it.
        double big = 64.0 * (1 << 20);
        assertTrue(CollectiveModel.estimate(eight, Collective.ALL_REDUCE, big).seconds()
                < ServingRuntime.TENSORRT_LLM.customAllReduceSeconds(8, eight.intraKind()).orElseThrow().applyAsDouble(big));
    }

    @Test
    void noCustomKernelWithoutPeerToPeerLinksOrPastANode() {
        assertTrue(ServingRuntime.TENSORRT_LLM.customAllReduceSeconds(2, LinkKind.PCIE).isEmpty());
        assertTrue(ServingRuntime.TENSORRT_LLM.customAllReduceSeconds(16, LinkKind.NVSWITCH).isEmpty());
        assertTrue(ServingRuntime.INTEL_GAUDI.customAllReduceSeconds(8, LinkKind.ROCE).isEmpty());
        assertTrue(ServingRuntime.SGLANG.customAllReduceSeconds(8, LinkKind.INFINITY_FABRIC).isEmpty());
        assertTrue(ServingRuntime.VLLM.customAllReduceSeconds(8, LinkKind.INFINITY_FABRIC).isPresent());
    }
}
