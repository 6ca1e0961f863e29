package dev.accelerometer.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives {@link Runtime}'s constants from published batch-1 decode measurements of Llama 2 7B (catalog ledger
 * dec-24 …, V15): the kernels' time is {@link Decode#step} at 128 tokens of context with the weights at the format's
 * bits per parameter (fp16/bf16 16; llama.cpp Q4_0 and MLC q4f16_1: 4 bits and an fp16 scale per 32 weights = 4.5;
 * GPTQ 4-bit with groups of 128: 4 + 16/128 + 4/128 = 4.156), the KV cache in fp16.
 */
public class DecodeRuntimesTest {
    /** A published decode speed: tokens/s of Llama 2 7B at batch 1 on a device with weights at {@code bits} per parameter. */
    public record Run(String id, Device device, Calibration cal, double bits, Format format, double tokensPerSecond) {
        public double kernelSeconds() {
            return Decode.step(device, cal, Fixtures.LLAMA_2_7B, 1, 128, format, bits / 8, 2, null).total().timeSeconds();
        }
    }

    static final List<Run> HF = List.of(new Run("dec-49", Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 16, Format.BF16, 25.5),
            new Run("dec-56", Fixtures.RTX_A6000, Fixtures.AMPERE, 16, Format.FP16, 24.6));
    static final List<Run> GPT_FAST = List.of(new Run("dec-45", Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 16, Format.BF16, 104.9));
    /** llama.cpp's CUDA scoreboard, 2025 builds (ledger dec-71, dec-68: Llama 2 7B Q4_0, tg128); dec-67 (RTX 5090) is held out. */
    static final List<Run> LLAMA_CPP = List.of(new Run("dec-71", Fixtures.RTX_3090, Fixtures.AMPERE, 4.5, Format.FP16, 158.2),
            new Run("dec-68", Fixtures.RTX_4090, Fixtures.DEFAULT, 4.5, Format.FP16, 189.0));
    /** The April 2024 builds with CUDA graphs (ledger dec-24, dec-26: NVIDIA's PR #6766 branch). */
    static final List<Run> LLAMA_CPP_2024 = List.of(new Run("dec-24", Fixtures.RTX_3090, Fixtures.AMPERE, 4.5, Format.FP16, 128.27),
            new Run("dec-26", Fixtures.RTX_4090, Fixtures.DEFAULT, 4.5, Format.FP16, 146.81));
    /** The same builds without CUDA graphs (ledger dec-23, dec-25: master of 2024-04-19 against the PR #6766 branch, same machines). */
    static final List<Run> LLAMA_CPP_NO_GRAPHS = List.of(new Run("dec-23", Fixtures.RTX_3090, Fixtures.AMPERE, 4.5, Format.FP16, 116.31),
            new Run("dec-25", Fixtures.RTX_4090, Fixtures.DEFAULT, 4.5, Format.FP16, 138.31));
    /** llama.cpp's Metal backend (ledger apl-01: M1 Max 32-core, apl-13: M2 Ultra 76-core; Q4_0, tg128, discussion #4167's table). */
    static final List<Run> LLAMA_CPP_METAL = List.of(new Run("apl-01", Fixtures.APPLE_M1_MAX, Fixtures.DEFAULT, 4.5, Format.FP16, 61.19),
            new Run("apl-13", Fixtures.APPLE_M2_ULTRA, Fixtures.DEFAULT, 4.5, Format.FP16, 94.27));
    /** The same table's Q8_0 rows of the same two chips (ledger apl-02, apl-14; 8 bits and an fp16 scale per 32 weights = 8.5). */
    static final List<Run> LLAMA_CPP_METAL_Q8_0 = List.of(new Run("apl-02", Fixtures.APPLE_M1_MAX, Fixtures.DEFAULT, 8.5, Format.FP16, 40.2),
            new Run("apl-14", Fixtures.APPLE_M2_ULTRA, Fixtures.DEFAULT, 8.5, Format.FP16, 66.64));
    /** And their fp16 rows (ledger apl-03, apl-15). */
    static final List<Run> LLAMA_CPP_METAL_F16 = List.of(new Run("apl-03", Fixtures.APPLE_M1_MAX, Fixtures.DEFAULT, 16, Format.FP16, 23.03),
            new Run("apl-15", Fixtures.APPLE_M2_ULTRA, Fixtures.DEFAULT, 16, Format.FP16, 41.02));
    static final List<Run> EXLLAMAV2 = List.of(new Run("dec-34", Fixtures.RTX_4090, Fixtures.DEFAULT, 4.156, Format.FP16, 177.46));
    static final List<Run> MLC = List.of(new Run("dec-33", Fixtures.RTX_4090, Fixtures.DEFAULT, 4.5, Format.FP16, 204.8));

    /**
     * llama.cpp's CUDA scoreboard on HBM cards and a Pascal GDDR5 card, 2025 builds (ledger dec-73 A100 80 GB, dec-79 V100, dec-81 P40:
     * Llama 2 7B Q4_0, tg128, no flash attention), where the mat-vec kernels' bytes per SM-clock, not the memory, set the token time.
     */
    static final List<Run> LLAMA_CPP_SM_BOUND = List.of(new Run("dec-73", Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 4.5, Format.FP16, 190.88),
            new Run("dec-79", Fixtures.V100_PCIE_16GB, Fixtures.DEFAULT, 4.5, Format.FP16, 129.08),
            new Run("dec-81", Fixtures.TESLA_P40, Fixtures.DEFAULT, 4.5, Format.FP32, 54.74));

    /** Bytes per SM-clock a run's token moved: the kernels' bytes × tokens/s ÷ (SMs × clock). */
    static double bytesPerSmClock(Run r) {
        double bytes = Decode.step(r.device(), r.cal(), Fixtures.LLAMA_2_7B, 1, 128, r.format(), r.bits() / 8, 2, null).total().bytes();
        return bytes * r.tokensPerSecond() / (r.device().computeUnits() * r.device().boostClockHertz());
    }

    /**
     * The bound is the geometric mean of the three runs' bytes per SM-clock; each is predicted from the other two within 9 %; the
     * GDDR cards of the share's derivation (RTX 3090, 4090) are not held by it, so their share stands.
     */
    @Test
    void llamaCppBytesPerSmClockIsDerivedFromTheSmBoundRuns() {
        double[] implied = LLAMA_CPP_SM_BOUND.stream().mapToDouble(DecodeRuntimesTest::bytesPerSmClock).toArray();
        System.out.printf("llama.cpp bytes per SM-clock: A100 %.3f, V100 %.3f, P40 %.3f%n", implied[0], implied[1], implied[2]);
        assertEquals(Runtime.Constants.LLAMA_CPP_BYTES_PER_SM_CLOCK, Calibrator.geometricMean(java.util.Arrays.stream(implied)), 0.005);
        for (int i = 0; i < implied.length; i++) {
            int held = i;
            double others = Calibrator.geometricMean(java.util.stream.IntStream.range(0, implied.length).filter(j -> j != held).mapToDouble(j -> implied[j]));
            assertEquals(implied[held], others, 0.09 * implied[held], LLAMA_CPP_SM_BOUND.get(held).id() + " from the other two");
        }
        for (Run r : LLAMA_CPP) {
            Breakdown kernels = Decode.step(r.device(), r.cal(), Fixtures.LLAMA_2_7B, 1, 128, r.format(), r.bits() / 8, 2, null);
            assertEquals(Runtime.LLAMA_CPP.apply(kernels, Fixtures.LLAMA_2_7B, r.bits()).total().timeSeconds(),
                    Runtime.LLAMA_CPP.apply(kernels, Fixtures.LLAMA_2_7B, r.device(), r.bits()).total().timeSeconds(), 1e-12, r.id() + " not bound");
        }
        for (Run r : LLAMA_CPP_SM_BOUND) {
            Breakdown kernels = Decode.step(r.device(), r.cal(), Fixtures.LLAMA_2_7B, 1, 128, r.format(), r.bits() / 8, 2, null);
            double predicted = 1 / Runtime.LLAMA_CPP.apply(kernels, Fixtures.LLAMA_2_7B, r.device(), r.bits()).total().timeSeconds();
            assertEquals(r.tokensPerSecond(), predicted, 0.07 * r.tokensPerSecond(), r.id());
        }
    }

    /** Host seconds per layer of an eager runtime: each run's token time over the layers, geometric mean. */
    static double hostPerLayer(List<Run> runs) {
        return Calibrator.geometricMean(runs.stream().mapToDouble(r -> 1 / r.tokensPerSecond() / Fixtures.LLAMA_2_7B.layers()));
    }

    /** The share of the kernels' modelled speed a device-bound runtime reaches: kernel time × measured tokens/s, geometric mean. */
    static double share(List<Run> runs) {
        return Calibrator.geometricMean(runs.stream().mapToDouble(r -> r.kernelSeconds() * r.tokensPerSecond()));
    }

    /**
     * llama.cpp's Metal backend: per weight format a share of the kernels' modelled speed, and one time per layer per token for every
     * format — the command encoding and dispatch around the kernels, which a bigger chip does not shorten. Each format's two runs
     * (M1 Max 32-core at 400 GB/s, M2 Ultra 76-core at 800 GB/s) fix its share and that time exactly: t = kernels / share + layers ×
     * time; the time is the geometric mean of the three formats', and each share the geometric mean of its two runs' with it.
     * Returns {time per layer, Q4_0 share, Q8_0 share, fp16 share}.
     */
    static double[] metalFit() {
        List<List<Run>> formats = List.of(LLAMA_CPP_METAL, LLAMA_CPP_METAL_Q8_0, LLAMA_CPP_METAL_F16);
        int layers = Fixtures.LLAMA_2_7B.layers();
        double perLayer = Calibrator.geometricMean(formats.stream().mapToDouble(runs -> {
            Run a = runs.get(0);
            Run b = runs.get(1);
            double share = (a.kernelSeconds() - b.kernelSeconds()) / (1 / a.tokensPerSecond() - 1 / b.tokensPerSecond());
            return (1 / a.tokensPerSecond() - a.kernelSeconds() / share) / layers;
        }));
        double[] fit = new double[4];
        fit[0] = perLayer;
        for (int i = 0; i < 3; i++) {
            fit[i + 1] = Calibrator.geometricMean(formats.get(i).stream().mapToDouble(r -> r.kernelSeconds() / (1 / r.tokensPerSecond() - perLayer * layers)));
        }
        return fit;
    }

    @Test
    void constantsAreDerivedFromThePublishedRuns() {
        System.out.printf("host per layer %.6f; shares: gpt-fast %.4f, llama.cpp 2025 %.4f, April 2024 %.4f, ExLlamaV2 %.4f, MLC-LLM %.4f%n",
                hostPerLayer(HF), share(GPT_FAST), share(LLAMA_CPP), share(LLAMA_CPP_2024), share(EXLLAMAV2), share(MLC));
        assertEquals(Runtime.Constants.HF_HOST_SECONDS_PER_LAYER, hostPerLayer(HF), 5e-7);
        assertEquals(Runtime.Constants.GPT_FAST_SHARE, share(GPT_FAST), 0.0005);
        assertEquals(Runtime.Constants.LLAMA_CPP_SHARE, share(LLAMA_CPP), 0.0005);
        assertEquals(Runtime.Constants.LLAMA_CPP_2024_SHARE, share(LLAMA_CPP_2024), 0.0005);
        double[] metal = metalFit();
        System.out.printf("llama.cpp Metal: %.2f us per layer; shares Q4_0 %.4f, Q8_0 %.4f, fp16 %.4f%n", metal[0] * 1e6, metal[1], metal[2], metal[3]);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_SECONDS_PER_LAYER, metal[0], 0.05e-6);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_SHARE, metal[1], 0.0005);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_Q8_0_SHARE, metal[2], 0.0005);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_F16_SHARE, metal[3], 0.0005);
        // With the time per layer, each derivation run is reproduced within a few percent (one time for three formats).
        for (Run r : java.util.stream.Stream.of(LLAMA_CPP_METAL, LLAMA_CPP_METAL_Q8_0, LLAMA_CPP_METAL_F16).flatMap(List::stream).toList()) {
            double predicted = 1 / Runtime.LLAMA_CPP_METAL.apply(Decode.step(r.device(), r.cal(), Fixtures.LLAMA_2_7B, 1, 128, r.format(),
                    r.bits() / 8, 2, null), Fixtures.LLAMA_2_7B, r.device(), r.bits()).total().timeSeconds();
            assertEquals(r.tokensPerSecond(), predicted, 0.04 * r.tokensPerSecond(), r.id());
        }
        assertEquals(Runtime.Constants.EXLLAMAV2_SHARE, share(EXLLAMAV2), 0.0005);
        assertEquals(Runtime.Constants.MLC_LLM_SHARE, share(MLC), 0.0005);
        // Launch time per layer per token: what each pair's token times differ by, over the 32 layers; geometric mean.
        double launch = Calibrator.geometricMean(java.util.stream.IntStream.range(0, 2).mapToDouble(i ->
                (1 / LLAMA_CPP_NO_GRAPHS.get(i).tokensPerSecond() - 1 / LLAMA_CPP_2024.get(i).tokensPerSecond()) / Fixtures.LLAMA_2_7B.layers()));
        assertEquals(Runtime.Constants.LLAMA_CPP_LAUNCH_SECONDS_PER_LAYER, launch, 0.05e-6);
        // With it, the no-graph runs land within a few percent (the share is the graph runs', so not exactly): dec-23 +6.4 %,
        // dec-25 -5.6 % with the batch-1 mat-vecs unpadded (Gemm.skinnyTile).
        for (Run r : LLAMA_CPP_NO_GRAPHS) {
            double predicted = 1 / Runtime.LLAMA_CPP_NO_CUDA_GRAPHS.tokenSeconds(r.kernelSeconds(), Fixtures.LLAMA_2_7B);
            System.out.printf("%s no CUDA graphs: %.2f tokens/s predicted, %.2f measured%n", r.id(), predicted, r.tokensPerSecond());
            assertEquals(r.tokensPerSecond(), predicted, 0.07 * r.tokensPerSecond(), r.id());
        }
    }

    /**
     * Apple silicon's GEMVs run on SIMD lanes, not padded to a 16-row matrix tile: a batch-1 token is bound by the weights it
     * reads, so Q8_0 (8.5 bits) takes about 8.5/4.5 as long as Q4_0 on the same chip (the #4167 table: 61.2 and 40.2 tokens/s on
     * an M1 Max, ledger apl-01/02, a ratio of 1.52).
     */
    @Test
    void appleSiliconDecodeIsBoundByTheWeightsItReads() {
        double q4 = new Run("apl-01", Fixtures.APPLE_M1_MAX, Fixtures.DEFAULT, 4.5, Format.FP16, 61.19).kernelSeconds();
        double q8 = new Run("apl-02", Fixtures.APPLE_M1_MAX, Fixtures.DEFAULT, 8.5, Format.FP16, 40.2).kernelSeconds();
        org.junit.jupiter.api.Assertions.assertTrue(q8 / q4 > 1.5 && q8 / q4 < 1.95, "Q8_0 over Q4_0: " + q8 / q4);
        assertEquals(Runtime.LLAMA_CPP_METAL, Runtime.LLAMA_CPP.on(Fixtures.APPLE_M1_MAX), "llama.cpp on a Mac is its Metal backend");
        assertEquals(Runtime.LLAMA_CPP, Runtime.LLAMA_CPP_METAL.on(Fixtures.RTX_4090));
    }

    @Test
    void eagerRuntimesAreHostBoundOnFastGpus() {
        // The eager runs are host-bound: their kernels alone would run faster than the measured tokens.
        for (Run r : HF) {
            org.junit.jupiter.api.Assertions.assertTrue(r.kernelSeconds() < 1 / r.tokensPerSecond(), r.id());
        }
    }
}
