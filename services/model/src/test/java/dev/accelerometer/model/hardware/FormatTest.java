package dev.accelerometer.model.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.serving.ServingRuntime;
import dev.accelerometer.model.workload.Breakdown;
import dev.accelerometer.model.workload.Prefill;
import org.junit.jupiter.api.Test;

/** FP4: a format of GEMM operands, with what runs beside its GEMMs in wider formats. */
class FormatTest {

    @Test
    void fp4IsNvfp4sOperandWithItsScales() {
        // NVFP4: E2M1 elements (4 bits) and an E4M3 scale per 16 (NVIDIA, "Introducing NVFP4", Table 1): 4.5 bits.
        assertEquals(4.5 / 8, Format.FP4.inputBytes, 1e-12);
        assertTrue(Format.FP4.onMatrixUnits());
        assertTrue(Format.FP4.gemmOnly());
        assertTrue(Format.FP8.gemmOnly());
        assertFalse(Format.BF16.gemmOnly());
        assertEquals(Format.FP8, Format.FP4.activations());
        assertEquals(Format.BF16, Format.BF16.activations());
        assertEquals(Format.FP8, Format.FP8.activations());
    }

    @Test
    void tensorRtLlmCachesFp4CheckpointsInFp8AndVllmInTheModelsDtype() {
        assertEquals(Format.FP8, ServingRuntime.TENSORRT_LLM.defaultKvCache(Format.FP4));
        assertEquals(Format.BF16, ServingRuntime.VLLM.defaultKvCache(Format.FP4));
        assertEquals(Format.BF16, ServingRuntime.TENSORRT_LLM.defaultKvCache(Format.BF16));
    }

    @Test
    void anFp4PrefillRunsItsAttentionInFp8NotAtTheFp4Peak() {
        // Only the linear layers take the FP4 rate: a long prompt's attention costs what it costs in fp8.
        Breakdown fp4 = Prefill.of(Fixtures.B200, Fixtures.BLACKWELL, Fixtures.LLAMA_3_8B, 1, 8192, Format.FP4,
                dev.accelerometer.model.kernel.Attention.Kernel.FLASH);
        Breakdown fp8 = Prefill.of(Fixtures.B200, Fixtures.BLACKWELL, Fixtures.LLAMA_3_8B, 1, 8192, Format.FP8,
                dev.accelerometer.model.kernel.Attention.Kernel.FLASH);
        assertEquals(seconds(fp8, "attention"), seconds(fp4, "attention"), 1e-12);
        assertTrue(seconds(fp4, "attention") > 0);
        assertTrue(seconds(fp4, "QKV projection") < 0.7 * seconds(fp8, "QKV projection"), "fp4 linear layers are faster than fp8's");
    }

    private static double seconds(Breakdown b, String name) {
        return b.operations().stream().filter(o -> o.name().equals(name)).mapToDouble(o -> o.timeSeconds()).sum();
    }
}
