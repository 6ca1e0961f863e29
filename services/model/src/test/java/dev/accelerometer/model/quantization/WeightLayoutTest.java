package dev.accelerometer.model.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.memory.FineTuning;
import dev.accelerometer.model.memory.Optimizer;
import org.junit.jupiter.api.Test;

/** Weight memory to the byte under each method's stated layout, and the published figures it must reproduce. */
class WeightLayoutTest {
    static final Transformer LLAMA_2_7B = Fixtures.LLAMA_2_7B;
    static final Transformer LLAMA_3_8B = Fixtures.LLAMA_3_8B;
    static final Transformer OPT_175B = Fixtures.OPT_175B;
    static final Transformer LLAMA_65B = Fixtures.LLAMA_65B;

    @Test
    void sixteenBitWeightsAreTwoBytesPerParameter() {
        // Hugging Face's count for meta-llama/Llama-2-7b-hf: 6,738,415,616 parameters (no biases).
        assertEquals(2 * 6_738_415_616L, WeightLayout.of(LLAMA_2_7B, Method.FP16, Options.defaults(Method.FP16)).bytes());
    }

    @Test
    void microscalingFormatsStoreOneScaleByteForEachBlockAlongTheInput() {
        // OCP MX v1.0: k = 32 with an E8M0 byte — MXFP4 4 + 8/32 = 4.25 bits (gpt-oss's card: "4.25 bits per parameter"), MXFP8 8.25;
        // NVFP4: an E4M3 byte per 16 and two fp32 scalars per matrix (vLLM's ModelOpt layer: weight_scale_2, input_scale).
        assertEquals(4.25, WeightLayout.bitsPerParameter(Method.MXFP4, Options.defaults(Method.MXFP4), 8192, 8192), 1e-12);
        assertEquals(8.25, WeightLayout.bitsPerParameter(Method.MXFP8, Options.defaults(Method.MXFP8), 8192, 8192), 1e-12);
        assertEquals(4.5 + 64.0 / (8192 * 8192), WeightLayout.bitsPerParameter(Method.NVFP4, Options.defaults(Method.NVFP4), 8192, 8192), 1e-12);
        // Blocks run along the input: a 4096 × 11008 down projection (in = 11008 = 344 blocks of 32) has 4096 × 344 scales.
        long in = 11008, out = 4096;
        assertEquals(in * out / 2 + out * 344, WeightLayout.matrix(new Transformer.Matrix("down", in, out, 1), Method.MXFP4,
                Options.defaults(Method.MXFP4)).bytes());
        // Only the blocks' linear layers: Llama 2 7B's embeddings, head and norms stay 16-bit.
        WeightLayout.Result nv = WeightLayout.of(LLAMA_2_7B, Method.NVFP4, Options.defaults(Method.NVFP4));
        assertEquals(LLAMA_2_7B.highPrecisionParameters() * 2, nv.parts().get(nv.parts().size() - 1).bytes());
        assertEquals(nv.bitsPerLinearParameter(), nv.split().bitsPerOtherLinearParameter(), 1e-12, "no experts: one rate");
    }

    @Test
    void gptOssShipsItsExpertsInMxfp4AndTheRestIn16Bit() {
        // gpt-oss-120b as released: MXFP4 experts (90+ % of the parameters), bf16 attention, embeddings and head. vLLM's GPT-OSS recipe
        // post: "using MXFP4 for MoE weights alone reduces the model sizes to 63 GB (120B)"; the card: it fits on a single 80 GB GPU.
        Transformer m = Fixtures.GPT_OSS_120B;
        Options expertsOnly = new Options(32, false, false, Options.DEFAULT_OUTLIER_THRESHOLD, true);
        WeightLayout.Result released = WeightLayout.of(m, Method.MXFP4, expertsOnly);
        assertEquals(63e9, released.bytes(), 0.05 * 63e9);
        assertTrue(released.bytes() < 80e9);
        assertEquals(4.25, released.split().bitsPerExpertParameter(), 0.01);
        assertEquals(16, released.split().bitsPerOtherLinearParameter(), 1e-9);
        // Quantizing attention too saves little memory (attention is under 1 % of the parameters) but a batch-1 decode step reads it all.
        WeightLayout.Result all = WeightLayout.of(m, Method.MXFP4, Options.defaults(Method.MXFP4));
        assertTrue(released.bytes() - all.bytes() < 0.03 * released.bytes());
        assertEquals(4.25, all.split().bitsPerOtherLinearParameter(), 0.01);
    }

    @Test
    void nf4WithDoubleQuantizationIsExactToTheByte() {
        long expected = 0;
        for (Transformer.Matrix m : LLAMA_2_7B.linearLayers()) {
            long n = m.in() * m.out();
            long blocks = (n + 63) / 64;
            long perMatrix = n / 2 + blocks + ((blocks + 255) / 256) * 4;
            expected += perMatrix * m.count();
        }
        expected += LLAMA_2_7B.highPrecisionParameters() * 2;
        assertEquals(expected, WeightLayout.of(LLAMA_2_7B, Method.NF4, Options.defaults(Method.NF4)).bytes());
    }

    @Test
    void gptqThreeBitIsExactToTheByte() {
        // AutoGPTQ: qweight in·3/32 int32 words per output column, qzeros and fp16 scales per group of 128, int32 g_idx.
        long expected = 0;
        for (Transformer.Matrix m : OPT_175B.linearLayers()) {
            long groups = m.in() / 128;
            long perMatrix = m.in() * 3 / 32 * m.out() * 4 + groups * (m.out() * 3 / 32) * 4 + groups * m.out() * 2 + m.in() * 4;
            expected += perMatrix * m.count();
        }
        expected += OPT_175B.highPrecisionParameters() * 2;
        WeightLayout.Result result = WeightLayout.of(OPT_175B, Method.GPTQ_3BIT, Options.defaults(Method.GPTQ_3BIT));
        assertEquals(expected, result.bytes());
        assertEquals(3 + 19.0 / 128, result.bitsPerLinearParameter(), 0.01);
    }

    @Test
    void awqFourBitIsExactToTheByte() {
        long expected = 0;
        for (Transformer.Matrix m : LLAMA_3_8B.linearLayers()) {
            long groups = m.in() / 128;
            expected += (m.in() * m.out() / 2 + groups * m.out() / 2 + groups * m.out() * 2) * m.count();
        }
        expected += LLAMA_3_8B.highPrecisionParameters() * 2;
        assertEquals(expected, WeightLayout.of(LLAMA_3_8B, Method.AWQ_4BIT, Options.defaults(Method.AWQ_4BIT)).bytes());
    }

    @Test
    void doubleQuantizationSaves0373BitsPerParameter() {
        // Ledger mem-10 (QLoRA §3): constants 32/64 = 0.5 bit → 8/64 + 32/(64·256) = 0.127 bit: 0.373 saved.
        assertEquals(0.373, WeightLayout.blockwiseBits(64, false) - WeightLayout.blockwiseBits(64, true), 0.0005);
        double measured = WeightLayout.bitsPerParameter(Method.NF4, new Options(64, false, false, 6), 8192, 8192)
                - WeightLayout.bitsPerParameter(Method.NF4, new Options(64, true, false, 6), 8192, 8192);
        assertEquals(0.373, measured, 0.0005);
    }

    @Test
    void llmInt8HalvesSixteenBitMemory() {
        // LLM.int8() halves the memory of the linear layers (Dettmers et al. 2022): 8 bits plus an fp32 scale per row.
        var fp16 = WeightLayout.of(OPT_175B, Method.FP16, Options.defaults(Method.FP16));
        var int8 = WeightLayout.of(OPT_175B, Method.LLM_INT8, Options.defaults(Method.LLM_INT8));
        assertEquals(8.0, int8.bitsPerLinearParameter(), 0.01);
        assertTrue(int8.bytes() < 0.51 * fp16.bytes() && int8.bytes() > 0.49 * fp16.bytes());
    }

    @Test
    void sixteenBitFineTuningOfLlama65BNeedsMoreThan780GB() {
        // Ledger mem-08 (QLoRA abstract): regular 16-bit fine-tuning of LLaMA-65B needs more than 780 GB.
        var t = FineTuning.full(LLAMA_65B, Optimizer.ADAMW, 1, 512, true);
        long total = t.trainableBytes() + t.gradientBytes() + t.optimizerBytes() + t.activationBytes();
        assertTrue(total > 780e9, "total " + total);
    }

    @Test
    void qloraOfLlama65BFitsOne48GBGpu() {
        // Ledger mem-09 (QLoRA): NF4 + double quantization + paged optimizers fine-tune 65B on one 48 GB GPU (RTX A6000,
        // 48 GiB in the catalog). LoRA r = 64 on all linear layers, bf16 adapters, sequence 512, gradient checkpointing.
        long base = WeightLayout.of(LLAMA_65B, Method.NF4, Options.defaults(Method.NF4)).bytes();
        var t = FineTuning.lora(LLAMA_65B, new FineTuning.Adapter(64, FineTuning.ALL_LINEAR, 2), Optimizer.PAGED_ADAMW, 1, 512, true);
        long resident = base + t.trainableBytes() + t.gradientBytes() + t.activationBytes();
        assertTrue(resident < 48L << 30, "resident " + resident);
        assertTrue(resident + t.optimizerBytes() < 48L << 30, "even with the paged optimizer states resident");
    }

    @Test
    void guidanceFollowsTheOutlierThreshold() {
        // Ledger mem-13: systematic outliers emerge at ~6.7B parameters and break naive int8; LLM.int8() holds at 175B.
        assertEquals(Guidance.Risk.LOW, Guidance.of(Method.INT8, Options.defaults(Method.INT8), 1_300_000_000L).risk());
        assertEquals(Guidance.Risk.HIGH, Guidance.of(Method.INT8, Options.defaults(Method.INT8), 6_700_000_000L).risk());
        assertEquals(Guidance.Risk.NEGLIGIBLE, Guidance.of(Method.LLM_INT8, Options.defaults(Method.LLM_INT8), 175_000_000_000L).risk());
        assertEquals(Guidance.Risk.LOW, Guidance.of(Method.NF4, Options.defaults(Method.NF4), 65_000_000_000L).risk());
        assertEquals(Guidance.Risk.MODERATE, Guidance.of(Method.GPTQ_3BIT, Options.defaults(Method.GPTQ_3BIT), 175_000_000_000L).risk());
        assertEquals(Guidance.Risk.SEVERE, Guidance.of(Method.GPTQ_2BIT, Options.defaults(Method.GPTQ_2BIT), 175_000_000_000L).risk());
    }

    @Test
    void kvCacheOfLlama2SevenB() {
        // 2 · 32 layers · 32 KV heads · 128 · 2 bytes = 524,288 bytes per token in fp16; int8 adds fp16 per-token scales.
        assertEquals(524_288, KvFormat.FP16.bytesPerToken(LLAMA_2_7B));
        assertEquals(262_144 + 2 * 32 * 32 * 2, KvFormat.INT8.bytesPerToken(LLAMA_2_7B));
    }
}
