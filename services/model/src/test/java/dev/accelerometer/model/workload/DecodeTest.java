package dev.accelerometer.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Bound;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.quantization.Method;
import org.junit.jupiter.api.Test;

/** Decode steps against published per-token latencies (ledger dec-*). */
class DecodeTest {
    static final Dequantization GPTQ_3BIT = Method.GPTQ_3BIT.decodeKernel().orElseThrow();

    @Test
    void decodeReadsEveryWeightOncePerToken() {
        // OPT-175B in fp16 at batch 1: ~350 GB of weights per token at 0.9 × 2.039 TB/s ≈ 190 ms, plus kernel latencies.
        var step = Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.OPT_175B, 1, 128, Format.FP16);
        assertEquals(Bound.MEMORY, step.total().bound());
        double weights = 96 * (4.0 * 12288 * 12288 + 2.0 * 12288 * 49152) * 2 + 12288.0 * 50272 * 2;
        assertTrue(step.total().bytes() > weights && step.total().bytes() < 1.05 * weights);
        // dec-01: 230 ms/token measured with a 5-GPU pipeline (stages run one after another).
        assertEquals(230, step.total().timeSeconds() * 1e3, 0.15 * 230);
    }

    @Test
    void threeBitOpt175bDecodeOnOneA100IsWithin15PercentOfGptqTable6() {
        // Ledger dec-02 (Frantar et al. 2023, Table 6): 71 ms per token, batch 1, one A100 80GB. Bandwidth alone would say
        // ~38 ms (65 GB of 3-bit weights); 174 G layer weights × 1/16 cycle ÷ (108 SMs × 1.41 GHz) = 71.4 ms of conversions.
        var step = Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, GPTQ_3BIT);
        assertEquals(71, step.total().timeSeconds() * 1e3, 0.15 * 71);
        assertEquals(Bound.COMPUTE, step.total().bound());
        var bandwidthOnly = Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, null);
        assertTrue(bandwidthOnly.total().timeSeconds() * 1e3 < 0.65 * 71, "without the kernel's instructions the model is 40 % fast");
    }

    @Test
    void devicesWithoutRecordedThroughputsStayBandwidthBound() {
        var mi300x = Decode.step(Fixtures.MI300X, Fixtures.CDNA3, Fixtures.OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, GPTQ_3BIT);
        var plain = Decode.step(Fixtures.MI300X, Fixtures.CDNA3, Fixtures.OPT_175B, 1, 128, Format.FP16, 3.0 / 8, 2, null);
        assertEquals(plain.total().timeSeconds(), mi300x.total().timeSeconds(), 1e-12);
    }
}
