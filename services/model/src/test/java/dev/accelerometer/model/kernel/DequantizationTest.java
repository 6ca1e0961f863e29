package dev.accelerometer.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.quantization.Method;
import org.junit.jupiter.api.Test;

class DequantizationTest {
    /** GPTQ's 3-bit kernel as counted from IST-DASLab/gptq quant_cuda_kernel.cu (fp32 path; see Method.decodeKernel). */
    static final Dequantization GPTQ_3BIT = Method.GPTQ_3BIT.decodeKernel().orElseThrow();

    @Test
    void gptqKernelIsBoundByIntegerToFloatConversions() {
        // CUDA guide: conversions 16 per SM per clock against 64 integer, 64 FP32 (A100) and 128 issue: 1/16 cycle per weight.
        Dequantization.Pipe limiter = GPTQ_3BIT.limiter(Fixtures.A100_SXM_80GB, 1);
        assertTrue(limiter.name().startsWith("integer-to-float"), limiter.name());
        assertEquals(1.0 / 16, limiter.cyclesPerWeight(), 1e-12);
        // At batch 8 the per-sequence work takes over: 8 shared-memory loads of the input on 32 lanes (1/4 cycle per weight)
        // outweigh 9 FP32 operations on 64 lanes and the one conversion.
        Dequantization.Pipe batched = GPTQ_3BIT.limiter(Fixtures.A100_SXM_80GB, 8);
        assertTrue(batched.name().startsWith("shared-memory"), batched.name());
        assertEquals(8.0 / 32, batched.cyclesPerWeight(), 1e-12);
    }

    @Test
    void devicesWithoutRecordedThroughputsAreNotTimed() {
        assertTrue(Dequantization.unsupported(Fixtures.MI300X).isPresent());
        assertTrue(Dequantization.unsupported(Fixtures.TPU_V4).isPresent());
        assertTrue(Dequantization.unsupported(Fixtures.A100_SXM_80GB).isEmpty());
    }
}
