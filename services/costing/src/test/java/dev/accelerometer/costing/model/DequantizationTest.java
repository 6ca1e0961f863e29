package dev.accelerometer.costing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DequantizationTest {
    /** GPTQ's 3-bit kernel as counted from IST-DASLab/gptq quant_cuda_kernel.cu (fp32 path; see ValidationCases). */
    static final Dequantization GPTQ_3BIT = new Dequantization("GPTQ 3-bit", 1, 67.0 / 32, 1, 0, true);
    static final Transformer.Shape OPT_175B = new Transformer.Shape("opt-175b", true, 96, 12288, 96, 96, 128, 49152, false, 50272,
            175_000_000_000L);

    @Test
    void gptqKernelIsBoundByIntegerToFloatConversions() {
        // CUDA guide: conversions 16 per SM per clock against 64 integer, 64 FP32 (A100) and 128 issue: 1/16 cycle per weight.
        Dequantization.Pipe limiter = GPTQ_3BIT.limiter(Devices.A100_SXM_80GB, 1);
        assertTrue(limiter.name().startsWith("integer-to-float"), limiter.name());
        assertEquals(1.0 / 16, limiter.cyclesPerWeight(), 1e-12);
        // At batch 8 the per-sequence work takes over: 8 shared-memory loads of the input on 32 lanes (1/4 cycle per weight)
        // outweigh 9 FP32 operations on 64 lanes and the one conversion.
        Dequantization.Pipe batched = GPTQ_3BIT.limiter(Devices.A100_SXM_80GB, 8);
        assertTrue(batched.name().startsWith("shared-memory"), batched.name());
        assertEquals(8.0 / 32, batched.cyclesPerWeight(), 1e-12);
    }

    @Test
    void threeBitOpt175bDecodeOnOneA100IsWithin15PercentOfGptqTable6() {
        // Ledger dec-02 (Frantar et al. 2023, Table 6): 71 ms per token, batch 1, one A100 80GB. Bandwidth alone would say
        // ~38 ms (65 GB of 3-bit weights); 174 G layer weights × 1/16 cycle ÷ (108 SMs × 1.41 GHz) = 71.4 ms of conversions.
        var step = Transformer.decodeStep(Devices.A100_SXM_80GB, Devices.AMPERE, OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, GPTQ_3BIT);
        assertEquals(71, step.total().timeSeconds() * 1e3, 0.15 * 71);
        assertEquals(Bound.COMPUTE, step.total().bound());
        var bandwidthOnly = Transformer.decodeStep(Devices.A100_SXM_80GB, Devices.AMPERE, OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2);
        assertTrue(bandwidthOnly.total().timeSeconds() * 1e3 < 0.65 * 71, "without the kernel's instructions the model is 40 % fast");
    }

    @Test
    void devicesWithoutRecordedThroughputsStayBandwidthBound() {
        assertTrue(Dequantization.unsupported(Devices.MI300X).isPresent());
        assertTrue(Dequantization.unsupported(Devices.TPU_V4).isPresent());
        assertTrue(Dequantization.unsupported(Devices.A100_SXM_80GB).isEmpty());
        var mi300x = Transformer.decodeStep(Devices.MI300X, Devices.CDNA3, OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, GPTQ_3BIT);
        var plain = Transformer.decodeStep(Devices.MI300X, Devices.CDNA3, OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2);
        assertEquals(plain.total().timeSeconds(), mi300x.total().timeSeconds(), 1e-12);
    }
}
