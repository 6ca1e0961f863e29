package dev.accelerometer.costing.service;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.architecture.Transformer.FfnKind;
import dev.accelerometer.model.architecture.Transformer.Kind;
import dev.accelerometer.model.architecture.Transformer.Layout;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.List;

/**
 * Published TPU training runs (catalog ledger tpu-01 … tpu-12, read 2026-11-29: MaxText README and config tables at
 * pinned commits, the Cloud TPU recipes' logs) as the costing model sees them: one chip's step on its share of the
 * global batch — FSDP and data parallelism give every chip the same work; their weight gathers and gradient
 * reductions run under the compute (XLA's collective overlap) and are not charged — with the update sharded over the
 * chips, rematerialisation where the run's policy recomputes the blocks' forward pass, and the FLOP count the
 * publication used to state its MFU. Each generation's training-step efficiency is derived from its calibration runs
 * (costing migrations V6 and V8, re-derived by TpuCalibrationTest); the rest are held out.
 */
public final class TpuRuns {
    private TpuRuns() {
    }

    /** How the publication counted the FLOPs its MFU or TFLOP/s figure divides (MaxText's formula changed over time). */
    public enum FlopCount {
        /** 6 · parameters · tokens (MaxText, April 2023). */
        SIX_N,
        /** 6 · N · tokens + 12 · heads · layers · head dim · s² · sequences, non-causal (MaxText, October 2023). */
        SIX_N_FULL_ATTENTION,
        /** The same with the attention term halved for causality (MaxText, December 2023). */
        SIX_N_CAUSAL_ATTENTION,
        /** Matmul by matmul (blocks and the logits), × 3 for forward and backward, plus non-causal attention (MaxText 2025 recipes). */
        MATMULS_FULL_ATTENTION,
        /** The same with causal (halved) attention (MaxText after PR #1988, July 2025). */
        MATMULS_CAUSAL_ATTENTION
    }

    /** What the publication reports. */
    public enum Reported {
        /** Model FLOPs utilisation: counted FLOPs ÷ (step time × bf16 peak). */
        MFU,
        /** Counted FLOPs per chip per second, in TFLOP/s. */
        TFLOPS_PER_CHIP
    }

    /**
     * One run: {@code perChipBatch} sequences of {@code sequence} tokens per chip and step over {@code chips} chips;
     * {@code fullRemat}: the blocks' forward pass runs twice (MaxText remat_policy=full); other policies save the matmul
     * outputs and recompute only elementwise work, not charged.
     */
    public record Run(String id, String acceleratorId, Transformer model, long perChipBatch, long sequence, int chips, boolean fullRemat,
            Attention.Kernel kernel, FlopCount count, Reported reported, boolean calibration, String assumption) {

        /** FLOPs one chip does in a step by the publication's count. */
        public double countedFlops() {
            Transformer m = model;
            double tokens = (double) perChipBatch * sequence;
            double attention = 12.0 * m.heads() * m.layers() * m.headDim() * sequence * (double) sequence * perChipBatch;
            return switch (count) {
                case SIX_N -> 6.0 * m.parameters() * tokens;
                case SIX_N_FULL_ATTENTION -> 6.0 * m.parameters() * tokens + attention;
                case SIX_N_CAUSAL_ATTENTION -> 6.0 * m.parameters() * tokens + attention / 2;
                case MATMULS_FULL_ATTENTION -> matmulFlops(m, tokens) + attention;
                case MATMULS_CAUSAL_ATTENTION -> matmulFlops(m, tokens) + attention / 2;
            };
        }

        /** The step's time on {@code d} with {@code cal}: the chip's kernels with the end-to-end overhead, plus the recomputed forward. */
        public double stepSeconds(Device d, Calibration cal) {
            TrainingStep step = TrainingStep.of(d, cal, model, perChipBatch, sequence, Format.BF16, kernel, Optimizer.ADAMW, chips);
            double recompute = fullRemat ? step.recomputedForwardSeconds() : 0;
            return step.total().timeSeconds() + recompute;
        }

        /** The reported figure as the model predicts it. */
        public double predict(Device d, Calibration cal) {
            double flopsPerSecond = countedFlops() / stepSeconds(d, cal);
            return reported == Reported.MFU ? flopsPerSecond / d.peak(Format.BF16) : flopsPerSecond / 1e12;
        }
    }

    /** Blocks' matmuls (QKV, output projection, FFN) and the logits, 2 FLOPs per multiply-add, × 3 for forward and backward. */
    static double matmulFlops(Transformer m, double tokens) {
        long qkv = ((long) m.heads() + 2L * m.kvHeads()) * m.headDim();
        double ffn = (m.gatedFfn() ? 3.0 : 2.0) * m.hidden() * m.ffn();
        double perLayer = 2.0 * tokens * (ffn + (double) m.hidden() * qkv + (double) m.attentionWidth() * m.hidden());
        return 3 * (perLayer * m.layers() + 2.0 * tokens * m.hidden() * m.vocab());
    }

    /** MaxText's synthetic decoders: RMSNorm before each sublayer, no biases, rotary positions, logits through the embedding. */
    static final Layout MAXTEXT = new Layout(Transformer.Norm.RMSNORM, Transformer.NormPlacement.PRE, false, 0, 0, false, false, true);

    static Transformer maxtext(String name, int layers, int hidden, int heads, int ffn, int sequence) {
        return new Transformer(name, Kind.DECODER, layers, hidden, heads, heads, 256, ffn, FfnKind.RELU, 32768, sequence, MAXTEXT, null);
    }

    /** Llama 3.1 70B: 80 layers, d 8192, 64 heads of 128, 8 KV heads, FFN 28672 SwiGLU, vocab 128256 (MaxText configs/models). */
    static final Transformer LLAMA_31_70B = new Transformer("llama-3.1-70b", Kind.DECODER, 80, 8192, 64, 8, 128, 28672, FfnKind.SWIGLU,
            128256, 8192, Layout.LLAMA, null);
    /** Llama 3.1 8B: 32 layers, d 4096, 32 heads of 128, 8 KV heads, FFN 14336, vocab 128256. */
    public static final Transformer LLAMA_31_8B = new Transformer("llama-3.1-8b", Kind.DECODER, 32, 4096, 32, 8, 128, 14336, FfnKind.SWIGLU,
            128256, 8192, Layout.LLAMA, null);
    /** Llama 2 70B: as 3.1 with vocab 32000 (MaxText configs/models/llama2-70b.yml). */
    static final Transformer LLAMA_2_70B = new Transformer("llama-2-70b", Kind.DECODER, 80, 8192, 64, 8, 128, 28672, FfnKind.SWIGLU,
            32000, 4096, Layout.LLAMA, null);
    /** MaxText gpt3-175b.yml: 96 layers, d 12288, 96 heads of 128, FFN 49152 GELU, vocab 50304. */
    static final Transformer GPT3_175B = new Transformer("gpt3-175b", Kind.DECODER, 96, 12288, 96, 96, 128, 49152, FfnKind.GELU, 50304,
            2048, Layout.gpt(2048), null);

    /** Llama 3.1 405B: 126 layers, d 16384, 128 heads of 128, 8 KV heads, FFN 53248 SwiGLU, vocab 128256 (MaxText configs/models). */
    static final Transformer LLAMA_31_405B = new Transformer("llama-3.1-405b", Kind.DECODER, 126, 16384, 128, 8, 128, 53248, FfnKind.SWIGLU,
            128256, 8192, Layout.LLAMA, null);
    /** Mistral 7B: 32 layers, d 4096, 32 heads of 128, 8 KV heads, FFN 14336 SwiGLU, vocab 32000 (MaxText configs/models/mistral-7b.yml). */
    static final Transformer MISTRAL_7B = new Transformer("mistral-7b", Kind.DECODER, 32, 4096, 32, 8, 128, 14336, FfnKind.SWIGLU, 32000,
            8192, Layout.LLAMA, null);

    private static final String OFFLOADED = ", activations offloaded to the host (offload overlapped, not charged)";

    private static final String FSDP = "; FSDP: every chip runs its share of the batch, weight gathers and gradient reductions overlapped "
            + "with compute (not charged); weight update sharded over the chips";

    /** The runs, calibration first. */
    public static final List<Run> RUNS = List.of(
            new Run("tpu-01", "google-tpu-v4", maxtext("maxtext-22b", 48, 6144, 24, 24576, 1024), 16, 1024, 64, true,
                    Attention.Kernel.STANDARD, FlopCount.SIX_N, Reported.MFU, true,
                    "MaxText 22B (48 × 6144, 24 heads of 256, ReLU FFN 24576), 16 × 1024 tokens per chip, remat full" + FSDP),
            new Run("tpu-02", "google-tpu-v4", maxtext("maxtext-52b", 32, 12288, 32, 49152, 1024), 10, 1024, 192, true,
                    Attention.Kernel.STANDARD, FlopCount.SIX_N, Reported.MFU, true,
                    "MaxText 52B (32 × 12288, 32 heads of 256, FFN 49152), 10 × 1024 tokens per chip, remat full" + FSDP),
            new Run("tpu-03", "google-tpu-v5e", maxtext("maxtext-16b", 32, 5120, 32, 32768, 2048), 6, 2048, 256, true,
                    Attention.Kernel.STANDARD, FlopCount.SIX_N_FULL_ATTENTION, Reported.MFU, true,
                    "MaxText 16B (32 × 5120, 32 heads of 256, FFN 32768), 6 × 2048 tokens per chip, remat full" + FSDP),
            new Run("tpu-05", "google-tpu-v5p", maxtext("maxtext-32b", 32, 10240, 32, 32768, 2048), 8, 2048, 64, false,
                    Attention.Kernel.FLASH, FlopCount.SIX_N_CAUSAL_ATTENTION, Reported.MFU, true,
                    "MaxText 32B (32 × 10240, 32 heads of 256, FFN 32768), 8 × 2048 tokens per chip, flash attention, remat minimal; "
                            + "4-way tensor parallelism costed as data parallelism (same FLOPs per chip)" + FSDP),
            new Run("tpu-06", "google-tpu-v5p", maxtext("maxtext-128b", 64, 10240, 64, 65536, 2048), 2, 2048, 128, false,
                    Attention.Kernel.FLASH, FlopCount.SIX_N_CAUSAL_ATTENTION, Reported.MFU, true,
                    "MaxText 128B (64 × 10240, 64 heads of 256, FFN 65536), 2 × 2048 tokens per chip, flash, remat minimal; 8-way tensor "
                            + "parallelism costed as data parallelism" + FSDP),
            new Run("tpu-07", "google-tpu-v5p", maxtext("maxtext-1t", 128, 20480, 128, 131072, 2048), 2, 2048, 2048, true,
                    Attention.Kernel.FLASH, FlopCount.SIX_N_CAUSAL_ATTENTION, Reported.MFU, true,
                    "MaxText 1T (128 × 20480, 128 heads of 256, FFN 131072), 2 × 2048 tokens per chip, flash, remat full; 16-way tensor "
                            + "parallelism costed as data parallelism" + FSDP),
            new Run("tpu-09", "google-tpu-v6e", LLAMA_31_70B, 5, 8192, 256, false, Attention.Kernel.FLASH, FlopCount.MATMULS_FULL_ATTENTION,
                    Reported.MFU, true, "Llama 3.1 70B, 5 × 8192 tokens per chip, splash attention, activations offloaded to the host "
                            + "(offload overlapped, not charged)" + FSDP),
            new Run("tpu-10", "google-tpu-v6e", LLAMA_31_8B, 4, 8192, 256, false, Attention.Kernel.FLASH, FlopCount.MATMULS_FULL_ATTENTION,
                    Reported.MFU, true, "Llama 3.1 8B, 4 × 8192 tokens per chip, splash attention, activations offloaded" + FSDP),
            new Run("tpu-11", "google-tpu-v6e", GPT3_175B, 3, 2048, 256, true, Attention.Kernel.FLASH, FlopCount.MATMULS_FULL_ATTENTION,
                    Reported.TFLOPS_PER_CHIP, true, "GPT-3 175B bf16, 3 × 2048 tokens per chip, flash, remat full" + FSDP),
            new Run("tpu-12", "google-tpu-v7", LLAMA_31_70B, 4, 8192, 64, false, Attention.Kernel.FLASH, FlopCount.MATMULS_CAUSAL_ATTENTION,
                    Reported.TFLOPS_PER_CHIP, true, "Llama 3.1 70B bf16 on TPU7x, 4 × 8192 tokens per chip (2 per TensorCore), splash "
                            + "attention, activations kept" + FSDP),
            new Run("tpu-08", "google-tpu-v5p", LLAMA_2_70B, 4, 4096, 512, false, Attention.Kernel.FLASH, FlopCount.MATMULS_FULL_ATTENTION,
                    Reported.MFU, false, "Llama 2 70B, 4 × 4096 tokens per chip, flash, remat save_dot_except_mlpwi (the recomputed FFN "
                            + "up-projection not charged); the table's chip count (512) and its FLOP count (before PR #1988: non-causal) "
                            + "are uncertain" + FSDP),
            // The Cloud TPU recipes' single-slice runs (catalog V71, read 2026-12-02): held out. v6e rows from tpu-recipes-v0.1.2/0.1.4
            // (MaxText's count then: matmuls plus non-causal attention), v5p and TPU7x rows from later MaxText (causal attention).
            recipe("tpux-01", "google-tpu-v6e", LLAMA_31_8B, 3, 8, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-02", "google-tpu-v6e", LLAMA_31_8B, 3, 16, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-03", "google-tpu-v6e", LLAMA_31_8B, 3, 32, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-04", "google-tpu-v6e", LLAMA_31_8B, 5, 64, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-05", "google-tpu-v6e", LLAMA_31_8B, 4, 128, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-06", "google-tpu-v6e", LLAMA_31_70B, 2, 32, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-07", "google-tpu-v6e", LLAMA_31_70B, 2, 64, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-08", "google-tpu-v6e", LLAMA_31_70B, 4, 128, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-09", "google-tpu-v6e", MISTRAL_7B, 6, 8, FlopCount.MATMULS_FULL_ATTENTION, OFFLOADED),
            recipe("tpux-13", "google-tpu-v5p", LLAMA_31_405B, 2, 512, FlopCount.MATMULS_CAUSAL_ATTENTION, OFFLOADED),
            recipe("tpux-16", "google-tpu-v7", LLAMA_31_70B, 4, 256, FlopCount.MATMULS_CAUSAL_ATTENTION,
                    ", 2 sequences per TensorCore, activations kept in HBM"),
            recipe("tpux-19", "google-tpu-v7", LLAMA_31_405B, 6, 256, FlopCount.MATMULS_CAUSAL_ATTENTION,
                    ", 3 sequences per TensorCore, activations partly offloaded (overlapped, not charged)"));

    /**
     * A Cloud TPU recipe run, held out: {@code perChip} sequences of 8192 tokens per chip, splash attention, MFU against the bf16
     * peak, no full rematerialisation (the recipes' custom policies save or offload the matmul outputs).
     */
    static Run recipe(String id, String acceleratorId, Transformer model, int perChip, int chips, FlopCount count, String memory) {
        return new Run(id, acceleratorId, model, perChip, 8192, chips, false, Attention.Kernel.FLASH, count, Reported.MFU, false,
                model.name() + " bf16 on " + chips + " chips, " + perChip + " × 8192 tokens per chip, splash attention" + memory + FSDP);
    }

    /** The calibration run's entry from its notes: the 32B row of the same v5e table (catalog ledger tpu-03 notes). */
    public static final Run V5E_32B = new Run("tpu-03/32b", "google-tpu-v5e", maxtext("maxtext-32b", 32, 10240, 32, 32768, 2048), 4, 2048,
            256, true, Attention.Kernel.STANDARD, FlopCount.SIX_N_FULL_ATTENTION, Reported.MFU, false,
            "MaxText 32B (32 × 10240, 32 heads of 256, FFN 32768), 4 × 2048 tokens per chip, remat full as the 16B run" + FSDP);

    /**
     * MLPerf BERT-large pretraining throughput in sequences per second over all chips: {@code perChip} sequences of 512
     * tokens per chip and step, LAMB, data parallel with the update sharded (ledger tpu-18, tpu-19).
     */
    public static double mlperfBertSequencesPerSecond(Device d, Calibration cal, Transformer bertLarge, long perChip, int chips) {
        TrainingStep step = TrainingStep.of(d, cal, bertLarge, perChip, 512, Format.BF16, Attention.Kernel.STANDARD, Optimizer.LAMB, chips);
        return perChip * chips / step.total().timeSeconds();
    }

    /**
     * The BERT paper's pretraining (Devlin et al. 2019, App. A.2) in days: 1M steps of 256 sequences, 90 % at 128 tokens and
     * 10 % at 512, spread over {@code chips} chips; TPUEstimator in 2018 replicated the update on every replica.
     */
    public static double bertPaperDays(Device d, Calibration cal, Transformer bert, int chips) {
        long perChip = 256 / chips;
        OpCost short128 = TrainingStep.of(d, cal, bert, perChip, 128, Format.BF16, Attention.Kernel.STANDARD, Optimizer.ADAMW).total();
        OpCost long512 = TrainingStep.of(d, cal, bert, perChip, 512, Format.BF16, Attention.Kernel.STANDARD, Optimizer.ADAMW).total();
        return (900_000 * short128.timeSeconds() + 100_000 * long512.timeSeconds()) / 86400;
    }
}
