package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.api.Validation;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.quantization.Method;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each ledger measurement maps onto the model: which catalog accelerator, shape and software choices the
 * publication describes. Measurements the model cannot express (multi-node parallelism, hardware missing from the
 * catalog, quantized kernels) are listed with the reason.
 */
public final class ValidationCases {
    private ValidationCases() {
    }

    record Spec(String category, String acceleratorId, boolean calibration, String assumption, Predictor predictor) {
    }

    interface Predictor {
        double predict(Device device, Calibration cal, CatalogCache catalog);
    }

    /**
     * OPT-66B shape: Zhang et al. 2022, Table 1 (64 layers, d_model 9216, 72 heads, FFN 4·d); vocab 50272, 2048 + 2 learned
     * positions, biases, pre-LayerNorm, tied head (transformers modeling_opt.py).
     */
    static final Transformer OPT_66B = new Transformer("opt-66b", Transformer.Kind.DECODER, 64, 9216, 72, 72, 128, 36864,
            Transformer.FfnKind.RELU, 50272, 2048, Transformer.Layout.gpt(2050), 66_000_000_000L);
    /**
     * MPT-7B: MosaicML model card (d_model 4096, 32 heads, 32 layers, expansion ratio 4, vocab 50432, ALiBi, no biases,
     * tied embedding), 6.66B parameters (ledger train-17).
     */
    public static final Transformer MPT_7B = new Transformer("mpt-7b", Transformer.Kind.DECODER, 32, 4096, 32, 32, 128, 16384,
            Transformer.FfnKind.GELU, 50432, 2048, new Transformer.Layout(Transformer.Norm.LAYERNORM, Transformer.NormPlacement.PRE, false,
            0, 0, false, false, true), 6_660_000_000L);

    /**
     * MPT-1B and MPT-3B as llm-foundry configures them (its README's benchmark table: 24 × 2048 with 16 heads and 32 × 2560
     * with 20 heads, expansion ratio 4, vocab 50368, no biases, tied embedding, ALiBi), the layout of {@link #MPT_7B}.
     */
    public static final Transformer MPT_1B = new Transformer("mpt-1b", Transformer.Kind.DECODER, 24, 2048, 16, 16, 128, 8192,
            Transformer.FfnKind.GELU, 50368, 8192, MPT_7B.layout(), null);
    public static final Transformer MPT_3B = new Transformer("mpt-3b", Transformer.Kind.DECODER, 32, 2560, 20, 20, 128, 10240,
            Transformer.FfnKind.GELU, 50368, 32768, MPT_7B.layout(), null);

    /** dec-02's kernel, counted from its source (see {@link Method#decodeKernel()}). */
    static final Dequantization GPTQ_3BIT_KERNEL = Method.GPTQ_3BIT.decodeKernel().orElseThrow();

    static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    /** Second values a ledger entry states in its notes, validated as cases of their own: id suffix, value, spec. */
    record NoteCase(String suffix, double measured, Spec spec) {
    }

    static final Map<String, List<NoteCase>> NOTE_CASES = new LinkedHashMap<>();

    static {
        gemm("gemm-01", "nvidia-a100-sxm-80gb", 6912, 16384, 2048, Format.BF16, true);
        gemm("gemm-02", "nvidia-a100-pcie-80gb", 2304, 5120, 1536, Format.BF16, false);
        gemm("gemm-03", "nvidia-h100-sxm", 6144, 17920, 2816, Format.BF16, true);
        gemm("gemm-05", "amd-mi300x", 4096, 10240, 4864, Format.BF16, true);
        gemm("gemm-09", "nvidia-a100-pcie-80gb", 256, 256, 256, Format.FP32, false);
        gemm("gemm-10", "nvidia-a100-pcie-80gb", 1024, 1024, 1024, Format.FP32, false);
        gemm("gemm-11", "nvidia-a100-pcie-80gb", 2048, 2048, 2048, Format.FP32, false);
        // Blackwell (ledger V31, read 2026-11-30): the MAMF table's B200 and GB200 bf16 rows set the Blackwell ceiling (costing
        // V10); held out: their fp8 rows, the same table's newer H100 and A100 rows, ThunderKittens' 4096³ and tilus' cuBLAS
        // 8192³ fp16 on B200.
        gemm("bwk-01", "nvidia-b200", 1792, 16128, 3072, Format.BF16, true);
        gemm("bwk-03", "nvidia-gb200", 4096, 9728, 2048, Format.BF16, true);
        gemm("bwk-02", "nvidia-b200", 15360, 4096, 3072, Format.FP8, false);
        gemm("bwk-04", "nvidia-gb200", 19456, 5120, 1536, Format.FP8, false);
        gemm("bwk-07", "nvidia-h100-sxm", 2048, 2048, 13312, Format.BF16, false);
        gemm("bwk-08", "nvidia-h100-sxm", 1024, 9216, 14336, Format.FP8, false);
        gemm("bwk-09", "nvidia-a100-sxm-80gb", 1024, 10240, 5120, Format.BF16, false);
        gemm("bwk-10", "nvidia-b200", 4096, 4096, 4096, Format.BF16, false);
        gemm("bwk-11", "nvidia-b200", 8192, 8192, 8192, Format.FP16, false);
        // Blackwell Ultra (catalog V32), held out: the MAMF table's B300 rows.
        gemm("bwk-05", "nvidia-b300", 12288, 18432, 1024, Format.BF16, false);
        gemm("bwk-06", "nvidia-b300", 3072, 6144, 7168, Format.FP8, false);
        // FlashAttention-2 benchmark: 16k tokens per batch, hidden 2048 -> 8 × 2048 tokens, 16 heads of 128 (Dao 2023 §4.1).
        SPECS.put("attn-05", new Spec("attention", "nvidia-a100-sxm-80gb", true,
                "batch 8 × 2048 tokens, 16 heads of 128, non-causal, fwd+bwd, FLOPs counted as 3.5 × forward (paper convention)",
                (d, c, cat) -> attentionThroughput(d, c, new Attention.Shape(8, 2048, 2048, 16, 16, 128, false), Attention.Kernel.FLASH,
                        Attention.Pass.FORWARD_BACKWARD, Format.BF16)));
        // FlashAttention-3 peak: forward fp16, head dim 128, 16k tokens (Shah et al. 2024, Fig. 4).
        SPECS.put("attn-08", new Spec("attention", "nvidia-h100-sxm", true,
                "forward, 1 × 16384 tokens, 16 heads of 128, non-causal",
                (d, c, cat) -> attentionThroughput(d, c, new Attention.Shape(1, 16384, 16384, 16, 16, 128, false), Attention.Kernel.FLASH,
                        Attention.Pass.FORWARD, Format.FP16)));
        // attn-05 notes: "standard PyTorch attention 63" in the same benchmark — a hold-out case for the eager kernel.
        NOTE_CASES.put("attn-05", List.of(new NoteCase("pytorch", 63, new Spec("attention", "nvidia-a100-sxm-80gb", false,
                "the PyTorch baseline of the same benchmark (value from the ledger entry's notes): eager attention",
                (d, c, cat) -> attentionThroughput(d, c, new Attention.Shape(8, 2048, 2048, 16, 16, 128, false), Attention.Kernel.EAGER,
                        Attention.Pass.FORWARD_BACKWARD, Format.BF16)))));
        SPECS.put("attn-01", new Spec("training", "nvidia-a100-sxm-80gb", true,
                "GPT3-2.7B, 1 × 8192-token sequence per GPU, FlashAttention-2, data parallel over 8; FLOPs by the paper's formula",
                (d, c, cat) -> gpt27Throughput(d, c, cat, Attention.Kernel.FLASH)));
        SPECS.put("attn-02", new Spec("training", "nvidia-a100-sxm-80gb", false,
                "as attn-01 with Megatron's standard attention (fused softmax, materialised scores)",
                (d, c, cat) -> gpt27Throughput(d, c, cat, Attention.Kernel.STANDARD)));
        SPECS.put("bert-13", new Spec(BertRuns.ENCODER_TRAINING, "nvidia-a100-sxm-80gb", false,
                "BERT-large, 256 × 128 tokens, fp16, PyTorch eager attention, LAMB (NVIDIA DeepLearningExamples)",
                (d, c, cat) -> bertSequencesPerSecond(d, c, cat, 256, Attention.Kernel.EAGER)));
        SPECS.put("bert-14", new Spec(BertRuns.ENCODER_TRAINING, "nvidia-v100-sxm2-32gb", false,
                "BERT-large, 64 × 128 tokens per step (batch not in the ledger; throughput is flat above ~32), fp16, eager attention, LAMB",
                (d, c, cat) -> bertSequencesPerSecond(d, c, cat, 64, Attention.Kernel.EAGER)));
        // bert-09: DeepLearningExamples' BERT README (2020 version, commit 78ec680, read 2026-12-03 by git show of a fetched mirror),
        // "Pre-training loss results", pytorch:19.07-py3: "| 1 x NVIDIA DGX-1|8|8192 and 4096 |512 and 1024|-|1.36|-|153.16|-" —
        // accumulated batch 8192 and 4096 per GPU over 512 and 1024 steps, so micro-batches of 16 × 128 and 4 × 512; the phases'
        // lengths from the same README's run_pretraining.sh defaults: "Runs for 7038 steps" (phase 1) and "Runs for 1563 steps" (phase 2).
        SPECS.put("bert-09", new Spec(BertRuns.ENCODER_TRAINING, "nvidia-v100-sxm2-16gb", false,
                "BERT-large two-phase pretraining on 8 GPUs of one DGX-1: 7,038 steps of 8 × 512 micro-batches of 16 × 128 tokens, then "
                        + "1,563 steps of 8 × 1,024 micro-batches of 4 × 512, AMP fp16, eager PyTorch attention, gradients all-reduced once per "
                        + "step (not overlapped), LAMB on every replica; checkpoints and evaluation not charged",
                (d, c, cat) -> BertRuns.hoursToTrain(d, c, model(cat, "bert-large"), 8, Format.FP16, new BertRuns.Phase(7038, 16, 512, 128),
                        new BertRuns.Phase(1563, 4, 1024, 512))));
        SPECS.put("dec-01", new Spec("decode", "nvidia-a100-sxm-80gb", false,
                "OPT-175B fp16, batch 1, 5-GPU pipeline: the stages run one after another, so a token costs the whole model on one A100's bandwidth",
                (d, c, cat) -> decodeMilliseconds(d, c, model(cat, "opt-175b"))));
        SPECS.put("dec-02", new Spec("decode", "nvidia-a100-sxm-80gb", false,
                "OPT-175B with 3-bit GPTQ weights (per-row scales: 3/8 byte per weight), batch 1, one A100, GPTQ's own fp32 "
                        + "matrix-vector kernel (one integer-to-float conversion per weight)",
                (d, c, cat) -> Decode.step(d, c, model(cat, "opt-175b"), 1, 128, Format.FP16, 3.0 / 8, 2,
                        GPTQ_3BIT_KERNEL).total().timeSeconds() * 1e3));
        SPECS.put("dec-05", new Spec("decode", "nvidia-a100-sxm-40gb", false,
                "OPT-66B fp16, batch 1, 4-GPU pipeline run stage after stage (shape from Zhang et al. 2022, Table 1)",
                (d, c, cat) -> decodeMilliseconds(d, c, OPT_66B)));
        SPECS.put("train-17", new Spec("training", "nvidia-h100-sxm", true,
                "MPT-7B bf16, micro-batch 6 × 2048, llm-foundry's Triton FlashAttention port, data parallel over 8 (FSDP traffic as a ring "
                        + "all-reduce, overlapped)",
                (d, c, cat) -> mptTokensPerSecond(d, c)));
        SPECS.put("train-18", new Spec("training", "nvidia-a100-sxm-80gb", true,
                "MPT-7B bf16, micro-batch 6 × 2048, llm-foundry's Triton FlashAttention port, data parallel over 8",
                (d, c, cat) -> mptTokensPerSecond(d, c)));
        tpu();
        MemoryRuns.add(SPECS);
        fp8();
    }

    /**
     * fp8 against bf16 with the same configuration on 8 GPUs (catalog V14 fp8-17 … fp8-28): FSDP over the 8 (update sharded,
     * gradient reduction overlapped with the backward), the framework's attention — llm-foundry's Triton FlashAttention port (its
     * benchmark script's default attn_impl, catalog V53), FlashAttention-2 for torchtitan on Hopper (PyTorch SDPA's flash backend),
     * the platform's fused kernel on MI300X — and fp8 as Transformer Engine or
     * torchao run it (block GEMMs in fp8, the rest bf16). GPU training category: the bf16 rows set the Hopper and CDNA 3
     * training-step efficiencies (costing migration V7, TrainingStepEfficiencyTest); the fp8 rows are held out.
     */
    private static void fp8() {
        List<FsdpRun> runs = List.of(
                torchao("fp8-17", "nvidia-h100-sxm", Format.BF16, Attention.Kernel.FLASH_ATTENTION_2, "FlashAttention-2 on Hopper"),
                torchao("fp8-18", "nvidia-h100-sxm", Format.FP8, Attention.Kernel.FLASH_ATTENTION_2, "FlashAttention-2 on Hopper"),
                torchao("fp8-19", "amd-mi300x", Format.BF16, Attention.Kernel.FLASH, "the fused kernel, default ceiling"),
                torchao("fp8-20", "amd-mi300x", Format.FP8, Attention.Kernel.FLASH, "the fused kernel, default ceiling"),
                foundry("fp8-23", MPT_3B, 3, 8192, false, Format.BF16), foundry("fp8-24", MPT_3B, 3, 8192, false, Format.FP8),
                foundry("fp8-25", MPT_3B, 3, 32768, true, Format.BF16), foundry("fp8-26", MPT_3B, 3, 32768, true, Format.FP8),
                foundry("fp8-27", MPT_1B, 56, 512, false, Format.BF16), foundry("fp8-28", MPT_1B, 56, 512, false, Format.FP8));
        for (FsdpRun run : runs) {
            SPECS.put(run.id(), new Spec("training", run.acceleratorId(), run.format() == Format.BF16, run.assumption(),
                    (d, cal, cat) -> fsdpTokensPerSecond(d, cal, run.model(), run.micro(), run.sequence(), run.format(), run.kernel(), run.fullRemat())));
        }
    }

    /** torchao's torchtitan benchmark: Llama 3.1 8B, 1 × 8192 tokens per GPU. */
    private static FsdpRun torchao(String id, String acceleratorId, Format f, Attention.Kernel kernel, String attention) {
        return new FsdpRun(id, acceleratorId, TpuRuns.LLAMA_31_8B, 1, 8192, false, f, kernel, String.format(
                "Llama 3.1 8B, 1 × 8192 tokens per GPU, FSDP over 8, torch.compile, SDPA attention (%s), per-op selective "
                        + "checkpointing (its recomputed elementwise ops not charged), %s", attention, f.slug()));
    }

    /** llm-foundry's H100 benchmark table: an MPT model with its Triton FlashAttention port (catalog V53's provenance). */
    private static FsdpRun foundry(String id, Transformer m, long micro, long sequence, boolean fullRemat, Format f) {
        return new FsdpRun(id, "nvidia-h100-sxm", m, micro, sequence, fullRemat, f, Attention.Kernel.TRITON, String.format(
                java.util.Locale.ROOT, "llm-foundry %s, %d × %d tokens per GPU, FSDP over 8, its Triton FlashAttention port, activation "
                        + "checkpointing %s, %s", m.name(), micro, sequence, fullRemat ? "on (the blocks' forward runs twice)" : "off", f.slug()));
    }

    /** One FSDP training run on 8 GPUs of a node, as the ledger's fp8/bf16 pairs describe it. */
    record FsdpRun(String id, String acceleratorId, Transformer model, long micro, long sequence, boolean fullRemat, Format format,
            Attention.Kernel kernel, String assumption) {
    }

    /** Tokens/s per GPU of FSDP training on 8 GPUs of one node: a GPU's step, its recomputation, the exposed reduction. */
    public static double fsdpTokensPerSecond(Device d, Calibration c, Transformer m, long micro, long sequence, Format f, Attention.Kernel kernel,
            boolean fullRemat) {
        return fsdpTokensPerSecond(d, c, m, micro, sequence, f, kernel, fullRemat, new ModelEstimates.Replicas(8, null, true));
    }

    /**
     * Tokens/s per GPU of FSDP training over {@code replicas} (the update sharded over them): one micro-batch's step on a GPU,
     * its recomputed forward where the blocks are checkpointed, and what the gradient reduction leaves exposed after the backward.
     */
    static double fsdpTokensPerSecond(Device d, Calibration c, Transformer m, long micro, long sequence, Format f, Attention.Kernel kernel,
            boolean fullRemat, ModelEstimates.Replicas replicas) {
        TrainingStep step = TrainingStep.of(d, c, m, micro, sequence, f, kernel, Optimizer.ADAMW, replicas.devices());
        double recompute = fullRemat ? step.recomputedForwardSeconds() : 0;
        double time = step.total().timeSeconds() + recompute + ModelEstimates.exposedAllReduce(d, m.parameters() * 2.0, replicas,
                step.backwardSeconds(), new ArrayList<>());
        return micro * sequence / time;
    }

    /** TPU runs (catalog V13, ledger tpu-*) and the BERT paper's TPU pretraining; category tpu-training, so TPU answers quote their own band. */
    private static void tpu() {
        gemm("tpu-25", "google-tpu-v6e", 8192, 8192, 8192, Format.BF16, true);
        // scaling-book profile on a v2-8: X[32·1024, 8192] · W[8192, 32768], 4-way data × 2-way model parallel over 8 TensorCores, so
        // each core multiplies 8192 × 8192 by 8192 × 16384; a chip's two cores do two of them. The ledger value is per TensorCore.
        SPECS.put("tpu-27", new Spec("gemm", "google-tpu-v2", false, "8192×16384×8192 bf16 per TensorCore (two per chip)", (d, c, cat) -> {
            OpCost cost = Gemm.estimate(d, c, 8192, 16384, 8192, 2, Format.BF16).cost();
            return cost.flops() / cost.timeSeconds() / 2 / 1e12;
        }));
        for (TpuRuns.Run run : TpuRuns.RUNS) {
            SPECS.put(run.id(), new Spec(TPU_TRAINING, run.acceleratorId(), run.calibration(), run.assumption(), (d, c, cat) -> run.predict(d, c)));
        }
        NOTE_CASES.put("tpu-03", List.of(new NoteCase("32b", 0.6686, new Spec(TPU_TRAINING, TpuRuns.V5E_32B.acceleratorId(), false,
                TpuRuns.V5E_32B.assumption() + " (value from the ledger entry's notes: 132 TFLOP/s per chip, 66.86 %)",
                (d, c, cat) -> TpuRuns.V5E_32B.predict(d, c)))));
        SPECS.put("tpu-18", new Spec(TPU_TRAINING, "google-tpu-v3", false, "MLPerf v0.7 BERT-large, 28 × 512 tokens per chip on 16 chips, "
                + "LAMB, update sharded, gradient reduction overlapped (not charged); no per-generation run for v3: cross-generation efficiency",
                (d, c, cat) -> TpuRuns.mlperfBertSequencesPerSecond(d, c, model(cat, "bert-large"), 28, 16)));
        SPECS.put("tpu-19", new Spec(TPU_TRAINING, "google-tpu-v4", false, "MLPerf v0.7 BERT-large, 48 × 512 tokens per chip on 64 chips, "
                + "LAMB, update sharded, gradient reduction overlapped (not charged)",
                (d, c, cat) -> TpuRuns.mlperfBertSequencesPerSecond(d, c, model(cat, "bert-large"), 48, 64)));
        String paper = "1M steps of 256 sequences: 90 %% at 128 tokens, 10 %% at 512; %d sequences per chip; the 2018 TensorFlow stack "
                + "(TPUEstimator) replicated the update on every chip; TPU generation not stated in the paper (v2 assumed); '4 days' is a "
                + "rounded wall-clock figure; gradient all-reduce not charged (no v2 ICI bandwidth in the catalog); cross-generation efficiency";
        SPECS.put("bert-01", new Spec(TPU_TRAINING, "google-tpu-v2", false, "BERT-base on 16 TPU chips (4 Cloud TPUs), " + String.format(paper, 16),
                (d, c, cat) -> TpuRuns.bertPaperDays(d, c, model(cat, "bert-base"), 16)));
        SPECS.put("tpu-23", new Spec(TPU_TRAINING, "google-tpu-v2", false, "BERT-large on 64 TPU chips (16 Cloud TPUs), " + String.format(paper, 4),
                (d, c, cat) -> TpuRuns.bertPaperDays(d, c, model(cat, "bert-large"), 64) * 1440));
    }

    /** The category of TPU training cases, and of the band TPU training answers quote. */
    public static final String TPU_TRAINING = "tpu-training";

    /** The ledger's kernel names for the kernels the model knows (attn-20 … inputs.kernel). */
    static final Map<String, Attention.Kernel> LEDGER_KERNELS = Map.of("flash-attention-1", Attention.Kernel.FLASH_ATTENTION_1,
            "flash-attention-2", Attention.Kernel.FLASH_ATTENTION_2, "flash-attention-3", Attention.Kernel.FLASH_ATTENTION_3, "cudnn",
            Attention.Kernel.CUDNN, "xformers", Attention.Kernel.XFORMERS, "triton", Attention.Kernel.TRITON, "pytorch-eager", Attention.Kernel.EAGER);
    /** The benchmarks the named kernels' ceilings are derived from (model AttentionKernelsTest); every other one is held out. */
    static final java.util.Set<String> ATTENTION_CALIBRATION = java.util.Set.of("attn-24", "attn-37", "attn-32", "attn-40", "attn-41",
            "attn-42", "attn-49", "attn-50", "attn-25", "attn-23", "attn-78", "bwk-16", "bwk-12", "bwk-13", "bwk-17", "bwk-19", "attn-51", "attn-59",
            "attn-60", "attn-63", "attn-64", "attn-65", "krn-01", "krn-02", "attn-26", "amd-16", "amd-17", "amd-67", "amd-68",
            // The 2k/16k pairs a fused kernel's fixed cost per thread block is derived from (Attention.BLOCK_FIXED_ITERATIONS).
            "attn-53", "attn-54", "attn-55", "attn-56", "krn-14", "krn-15",
            // FlashAttention-3's own fixed cost (AttentionKernels.FLASH_ATTENTION_3_FIXED_ITERATIONS): its 512-token forward points.
            "krn-25", "krn-28", "krn-30",
            // The causal/non-causal pairs the causal extra is derived from (Attention.CAUSAL_EXTRA_ITERATIONS), beyond those above.
            "krn-09", "attn-57", "attn-58", "krn-20", "krn-16", "krn-13", "krn-26");

    /**
     * An attention-kernel benchmark (attn-20 …) as a case built from its own inputs — catalog accelerator, kernel, pass, mask,
     * batch × sequence, heads of a head dimension, fp16/bf16 — in TFLOP/s by the FlashAttention papers' count; empty when the
     * model cannot express it (a kernel it does not know, fp8 attention, a shape not stated).
     */
    static java.util.Optional<Spec> attentionFromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"attention".equals(m.category()) || !"TFLOP/s".equals(m.unit()) || in == null) {
            return java.util.Optional.empty();
        }
        Attention.Kernel kernel = LEDGER_KERNELS.get(String.valueOf(in.get("kernel")));
        Attention.Pass pass = Attention.Pass.fromSlug(String.valueOf(in.get("pass")).replace("forward+backward", "forward-backward")).orElse(null);
        String precision = String.valueOf(in.get("precision"));
        if (kernel == null || pass == null || !(in.get("batch") instanceof Number batch) || !(in.get("sequenceLength") instanceof Number sequence)
                || !(in.get("heads") instanceof Number heads) || !(in.get("headDim") instanceof Number headDim)
                || !(precision.contains("fp16") || precision.contains("bf16"))) {
            return java.util.Optional.empty();
        }
        boolean causal = Boolean.TRUE.equals(in.get("causal"));
        Format format = precision.startsWith("bf16") ? Format.BF16 : Format.FP16;
        Attention.Shape shape = new Attention.Shape(batch.longValue(), sequence.longValue(), sequence.longValue(), heads.intValue(),
                heads.intValue(), headDim.intValue(), causal);
        return java.util.Optional.of(new Spec("attention", String.valueOf(in.get("hardware")), ATTENTION_CALIBRATION.contains(m.id()),
                String.format(java.util.Locale.ROOT, "%s %s, %d × %d tokens, %d heads of %d, %s, %s; FLOPs 4·B·H·S²·d (halved causal), "
                        + "backward 2.5× forward", kernel.slug(), pass.slug(), batch.longValue(), sequence.longValue(), heads.intValue(),
                        headDim.intValue(), causal ? "causal" : "non-causal", format.slug()),
                (d, c, cat) -> attentionThroughput(d, c, shape, kernel, pass, format)));
    }

    /** The ledger's runtime names for the runtimes the model knows (dec-20 … inputs.runtime). */
    static final Map<String, Runtime> LEDGER_RUNTIMES = Map.of("llama.cpp", Runtime.LLAMA_CPP, "pytorch-gpt-fast (torch.compile)", Runtime.GPT_FAST,
            "hf-transformers", Runtime.HF_TRANSFORMERS, "pytorch-eager", Runtime.HF_TRANSFORMERS, "exllamav2", Runtime.EXLLAMAV2, "mlc-llm",
            Runtime.MLC_LLM);
    /**
     * Bits per weight of the ledger's weight formats, constants included: llama.cpp Q4_0 and Q8_0 (blocks of 32 with an fp16
     * scale: 4.5 and 8.5, ggml-quants block_q4_0/block_q8_0), MLC q4f16_1 (the same 4-bit blocks: 4.5), GPTQ 4-bit with groups
     * of 128 (fp16 scale and 4-bit zero: 4.156), EXL2 at its stated 4.0 bits per weight, gpt-fast int8 (per-channel scales,
     * about 8) and int4 with groups of 32 (bf16 scale and zero: 5.0).
     */
    static final Map<String, Double> LEDGER_WEIGHT_BITS = Map.ofEntries(Map.entry("fp16", 16.0), Map.entry("bf16", 16.0),
            Map.entry("fp16 (assumed)", 16.0), Map.entry("bf16 (assumed; blog does not restate dtype for the baseline)", 16.0),
            Map.entry("Q4_0", 4.5), Map.entry("Q8_0", 8.5), Map.entry("mlc-q4f16_1 (4-bit)", 4.5), Map.entry("gptq-int4", 4.156),
            Map.entry("exl2-4.0bpw", 4.0), Map.entry("int8 weight-only", 8.0), Map.entry("int4 g32 weight-only", 5.0));
    /** The runs the runtimes' constants are derived from (model DecodeRuntimesTest). */
    static final java.util.Set<String> DECODE_CALIBRATION = java.util.Set.of("dec-49", "dec-56", "dec-45", "dec-24", "dec-26", "dec-34", "dec-33",
            "dec-23", "dec-25", "dec-68", "dec-71", "apl-01", "apl-13", "apl-02", "apl-14", "apl-03", "apl-15", "dec-73", "dec-79", "dec-81");

    /**
     * A batch-1 decode measurement (dec-20 …) as a case built from its inputs: catalog accelerator, runtime, weight format, the
     * model (Llama 2 7B, or a catalog model named by inputs.modelId), the tokens of context (inputs.contextTokens, else 128: a
     * tg128 run's); tokens/s or ms/token as the source states. Empty when the model cannot express it.
     */
    static java.util.Optional<Spec> decodeFromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        String modelId = in == null ? null : "Llama 2 7B".equals(in.get("model")) ? "llama-2-7b"
                : in.get("modelId") instanceof String id ? id : null;
        if (!"llm_inference_decode".equals(m.category()) || modelId == null
                || !(Integer.valueOf(1).equals(in.get("batch")) || in.get("batch") == null)) {
            return java.util.Optional.empty();
        }
        int context = in.get("contextTokens") instanceof Number n ? n.intValue() : 128;
        Runtime named = LEDGER_RUNTIMES.get(String.valueOf(in.get("runtime")));
        // llama.cpp builds before CUDA graphs (or with them off) launch every kernel from the host: inputs.cudaGraphs "no …"; the
        // 2025 builds (the scoreboard's) are llama-cpp; the earlier ones with graphs, llama-cpp-2024.
        Runtime runtime = named != Runtime.LLAMA_CPP ? named
                : "Metal".equals(in.get("backend")) || String.valueOf(in.get("cudaGraphs")).contains("Metal") ? Runtime.LLAMA_CPP_METAL
                : String.valueOf(in.get("cudaGraphs")).startsWith("no") ? Runtime.LLAMA_CPP_NO_CUDA_GRAPHS
                : String.valueOf(in.get("runtimeVersion")).contains("2025") ? Runtime.LLAMA_CPP : Runtime.LLAMA_CPP_2024;
        Double bits = LEDGER_WEIGHT_BITS.get(String.valueOf(in.get("weightFormat")));
        // A llama.cpp mixed file type (Q4_K_M …): the linear layers' bits per weight from the types llama.cpp gives each tensor.
        dev.accelerometer.model.quantization.Method gguf = bits != null ? null
                : dev.accelerometer.model.quantization.Method.fromId(String.valueOf(in.get("weightFormat")).toLowerCase(java.util.Locale.ROOT))
                        .filter(x -> x.layout == dev.accelerometer.model.quantization.Method.Layout.GGUF).orElse(null);
        boolean perSecond = "tokens/s".equals(m.unit());
        if (runtime == null || (bits == null && gguf == null) || !(perSecond || "ms/token".equals(m.unit()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Spec("decode", String.valueOf(in.get("hardware")), DECODE_CALIBRATION.contains(m.id()),
                String.format(java.util.Locale.ROOT, "%s, batch 1, %s weights (%s bits per weight), %d tokens of context, runtime %s",
                        "llama-2-7b".equals(modelId) ? "Llama 2 7B" : modelId, in.get("weightFormat"), bits != null
                                ? String.format(java.util.Locale.ROOT, "%.3g", bits) : "per tensor as llama.cpp's quantizer chooses them",
                        context, runtime.slug()),
                (d, c, cat) -> {
                    Format f = activationFormat(d);
                    Transformer llama = model(cat, modelId);
                    double weightBits = bits != null ? bits : dev.accelerometer.model.quantization.WeightLayout.of(llama, gguf,
                            dev.accelerometer.model.quantization.Options.defaults(gguf)).bitsPerLinearParameter();
                    double seconds = runtime.apply(Decode.step(d, c, llama, 1, context, f, weightBits / 8, 2, null), llama, d, weightBits).total()
                            .timeSeconds();
                    return perSecond ? 1 / seconds : seconds * 1e3;
                }));
    }

    /** Why a ledger entry has no case; {@code supersededMoe}: {@link MoeRuns#superseded} of the ledger. */
    static String notExpressible(CatalogMeasurement m, Map<String, String> supersededMoe) {
        if (SparseRuns.superseded(m).isPresent()) {
            return SparseRuns.superseded(m).get();
        }
        if (supersededMoe.containsKey(m.id())) {
            return supersededMoe.get(m.id());
        }
        return switch (m.category()) {
            case "llm_training_throughput", "llm_training_iteration_time" -> "not a run this validation expresses: an FSDP run on "
                    + "power-capped GPUs (torchtitan on Grand Teton H100s at 500 W, power-limited B200s) or across nodes, an accelerator the "
                    + "catalog lacks, or a layout the source does not state (NeMo recipe rows on DGX H100 and GB200 NVL72 and Megatron-LM's Selene runs are "
                    + "cases, by the planner's step model)";
            case "memory_footprint" -> "not a footprint this validation computes (category training-memory takes the ZeRO paper's and "
                    + "Korthikanti et al.'s): DeepSpeed's own estimator, a fine-tuning bound the quantization service's tests check, bits per "
                    + "parameter, or a scale threshold";
            case "communication_scaling" -> "a collective bandwidth measurement: the planner's collective model (POST /v1/collectives), "
                    + "validated against these entries in the model library (CollectiveValidationTest)";
            case "hardware_spec" -> "a datasheet value, stored in the catalog itself";
            case "attention" -> "a kernel the model does not name (FlashAttention-4; SDPA backends named by their PyTorch names), fp8 "
                    + "attention, a shape the source does not state, or hardware outside the catalog";
            case "bert_training" -> "not a single-node pretraining run at its stated length: a binned phase 2 (LDDL's variable-length "
                    + "batches), a multi-node or time-to-train row, or SQuAD fine-tuning";
            case "tpu_training" -> "needs what this costing model does not express: data parallelism across slices over the data-centre "
                    + "network, tensor/pipeline model parallelism beyond per-chip FSDP work, int8 (AQT) or fp8 (qwix) training, context "
                    + "parallelism at long sequences, a sliding-window model, or a time to train to a quality target (steps to convergence)";
            case "llm_inference_decode" -> "a runtime, weight format, model or batch the costing model does not express (modelled: llama.cpp on "
                    + "CUDA and Metal, gpt-fast, hf-transformers, exllamav2, mlc-llm on Llama 2 7B at batch 1), or hardware outside the catalog "
                    + "(an Apple chip whose GPU-core count the source does not give)";
            case "moe_training" -> "a TPU slice (no all-to-all model on a torus), a total in GPU-hours restated as tokens/s/GPU "
                    + "elsewhere in the ledger, or a layout or global batch the source does not state";
            case "moe_inference_throughput", "moe_inference_decode", "serving_throughput", "serving_latency" -> "not a TensorRT-LLM, "
                    + "vLLM or SGLang continuous-batching run with stated prompt and output lengths (the serving simulator's regime): "
                    + "a dataset whose lengths the ledger does not give (ShareGPT, MLPerf), static batching, an expert-parallel layout other than "
                    + "one group of data-parallel attention ranks over all the run's devices, a format the model does not name (MXFP4 experts), "
                    + "a production or simulated deployment, another runtime, or a tokens/s whose page does not say whether prompt tokens are "
                    + "counted where that changes the value by more than 1/16 (AMD's vLLM table at 500/2000 and 2048/2048)";
            case "sparse_gemm" -> "not a 2:4 GEMM (cusparselt, cutlass, hipsparselt), an unstructured Sputnik SpMM or a block-sparse GEMM "
                    + "(triton-bsr, cusparse-blocked-ell, megablocks, fp16/bf16 at a measured block size) of stated shape: a kernel the model "
                    + "does not name (Flash-LLM, SparTA, cuSPARSE CSR, vectorSparse, pytorch_block_sparse, hand-written Triton), fp32 block "
                    + "kernels, an average over shapes, a shape the source does not state, or a card the catalog lacks";
            case "sparse_model" -> "a whole network with block-sparse or unstructured layers (ViT with torchao BSR, MobileNetV1 with Sputnik "
                    + "1×1 convolutions): the catalog has no ViT, and the CNN path times 2:4 and unstructured filters only";
            case "sparse_training" -> "a training-FLOP count or a claimed speed-up without a device or kernel (RigL, sparse momentum): "
                    + "quality guidance, quoted in unstructured answers, not a time to predict";
            case "offload_training" -> "not a step time whose setup the ledger states in full (device, model, batch, sequence, ZeRO stage, "
                    + "what is offloaded): a headline figure (largest model, TFLOPS without the batch), a CPU-Adam timer or copy bandwidth the "
                    + "offload constants are derived from (model HostOffload, Host), NVMe offload, or a variant the model does not express "
                    + "(ZenFlow, Twin-Flow partial offload, torchao's offload optimizer)";
            case "offload_inference" -> "not a llama.cpp partial-offload decode whose model, GGUF type, GPU layers and host bandwidth the "
                    + "ledger states (modelled: OffloadDecodeRuns); a CPU-only run (the host's decode share is derived from those: costing "
                    + "HybridDecodeDerivationTest); a weight-streaming run the model does not express (modelled: DeepSpeed ZeRO-Inference "
                    + "with fp16 weights where the source says whether prefill is counted, WeightStreamingRuns; not: Hugging Face "
                    + "Accelerate's pageable copies, FlexGen's own schedule, 4-bit weights, KV cache or weights on the host's CPU or disk); "
                    + "or a GPU the catalog lacks";
            case "gemv" -> "a weight-only quantized or integer kernel, or a measurement without its shape: the gemv cases time one "
                    + "dense fp16/bf16/fp32 GEMM";
            case "memory_bandwidth_effective" -> "not a streaming kernel the model names (BabelStream's copy, mul, add, triad or dot, gpu-stream's "
                    + "four-array triad) on a catalog device: a profiler's expected value, a decode's implied bandwidth, or a card the catalog lacks";
            default -> "no mapping from this measurement's inputs to a model request yet";
        };
    }

    private static void gemm(String id, String accelerator, long m, long n, long k, Format format, boolean calibration) {
        SPECS.put(id, new Spec("gemm", accelerator, calibration, m + "×" + n + "×" + k + " " + format.slug(),
                (d, c, cat) -> gemmTflops(d, c, m, n, k, format)));
    }

    /** One GEMM's modelled throughput in TFLOP/s. */
    private static double gemmTflops(Device d, Calibration c, long m, long n, long k, Format format) {
        OpCost cost = Gemm.estimate(d, c, m, n, k, 1, format).cost();
        return cost.flops() / cost.timeSeconds() / 1e12;
    }

    /**
     * The Tesla T4's half-precision DeepBench GEMMs (ledger dbg-20 … dbg-26: cuBLAS, 400 iterations each): the catalog's T4
     * sustainedClockHertz (V68) is the geometric mean of the clocks at which the GEMM model reproduces each ({@link #impliedGemmClock};
     * costing's SustainedClockDerivationTest). The T4's other rows (its fp32 GEMMs, ResNet-50 inference, llama.cpp, GEMVs) are held out.
     */
    public static final java.util.Set<String> T4_CLOCK_CALIBRATION = java.util.Set.of("dbg-20", "dbg-21", "dbg-22", "dbg-23", "dbg-24", "dbg-25",
            "dbg-26");

    /**
     * The clock at which the GEMM model on {@code rated} (datasheet peaks at the boost clock) reproduces a GEMM row's measured TFLOP/s:
     * bisection, the modelled throughput rising with the clock; empty for a row that is not a GEMM of stated shape.
     */
    public static java.util.OptionalDouble impliedGemmClock(CatalogMeasurement m, Device rated, Calibration c) {
        Optional<Spec> spec = gemmFromInputs(m);
        if (spec.isEmpty() || rated.boostClockHertz() == null || m.value() == null) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(dev.accelerometer.model.calibration.Bisection.geometric(rated.boostClockHertz() * 0.1,
                rated.boostClockHertz() * 2, 60, clock -> spec.get().predictor().predict(rated.atClock(clock), c, null) > m.value()));
    }

    /**
     * The matmuls costing V14 and V18 derive Gaudi 2's and Gaudi 3's GEMM ceilings from (model GemmTest re-derives them): Gaudi 2's
     * bf16 rows at four shapes, Gaudi 3's best bf16 and fp8 shapes. Their other rows, and all their serving rows, are held out.
     */
    static final java.util.Set<String> GAUDI_GEMM_CALIBRATION = java.util.Set.of("gdi-55", "gdi-57", "gdi-59", "gdi-61", "gdi-90", "gdi-91");
    /** The hipBLASLt fp8 GEMMs model GemmTest derives Gemm.CDNA3_FP8_SHARE from; the sweep's other shapes are held out. */
    static final java.util.Set<String> CDNA3_FP8_CALIBRATION = java.util.Set.of("amd-22", "amd-24", "amd-26");
    /**
     * FP4 GEMMs' category (more than {@link Gemm#SKINNY_MAX_M} rows): a band of their own, so the kernels' spread (FlashInfer's cuDNN,
     * CUTLASS and TensorRT-LLM backends) widens an fp4 matmul's band, not every bf16 and fp8 GEMM's on the same architecture.
     */
    public static final String FP4_GEMM = "fp4-gemm";
    /**
     * FP4 GEMMs of at most {@link Gemm#SKINNY_MAX_M} rows (decode's GEMVs): their own band, since FlashInfer's releases differ several-fold
     * there (a GB200's M = 1 kernels at 4–14 output tiles take 7–9 µs where the model gives 4–6) while the compute-bound shapes are
     * within tens of percent; a large fp4 matmul's answer should not quote the GEMVs' spread, nor a GEMV's the large shapes' precision.
     */
    public static final String FP4_GEMV = "fp4-gemv";

    /**
     * The category of a GEMM of {@code m} rows in {@code format}, for its validation case and for a matmul answer's band: the GEMV
     * categories for skinny shapes (M ≤ 32: the ledger's own GEMV table, gemv-*, and the gemm rows of that shape), else the GEMMs'.
     */
    public static String matmulCategory(Format format, long m) {
        boolean skinny = m <= Gemm.SKINNY_MAX_M;
        return format == Format.FP4 ? skinny ? FP4_GEMV : FP4_GEMM : skinny ? GemvRuns.CATEGORY : "gemm";
    }

    /**
     * The cuBLASLt NVFP4 GEMMs on a B200 model GemmTest derives Gemm.BLACKWELL_FP4_SHARE from, and the memory-bound FP4 GEMMs on a B200
     * it derives Gemm.BLACKWELL_FP4_STREAM_SHARE from (fp4s-88 and -89 in TB/s, as 32 groups: {@link #gemmFromInputs} runs them so).
     */
    static final java.util.Set<String> BLACKWELL_FP4_CALIBRATION = java.util.Set.of("fp4-06", "fp4-07", "fp4-08", "fp4-34", "fp4s-88", "fp4s-89");
    /** The maximum-achievable matmuls costing V17 sets CDNA 4's and CDNA 2's GEMM ceilings from (model GemmTest). */
    static final java.util.Set<String> AMD_MAMF_CALIBRATION = java.util.Set.of("amd-46", "amd-48");

    /** The torch.mm runs model GemmTest derives Gemm.VOLTA_FP32_ACCUMULATE_SHARE from. */
    static final java.util.Set<String> VOLTA_ACCUMULATE_CALIBRATION = java.util.Set.of("ptg-01", "ptg-02", "ptg-03", "ptg-04");

    /** Every GEMM row a constant is derived from (the sets above); the rest are held out. */
    static final java.util.Set<String> GEMM_CALIBRATION = java.util.stream.Stream.of(VOLTA_ACCUMULATE_CALIBRATION, T4_CLOCK_CALIBRATION,
            GAUDI_GEMM_CALIBRATION, CDNA3_FP8_CALIBRATION, BLACKWELL_FP4_CALIBRATION, AMD_MAMF_CALIBRATION).flatMap(java.util.Set::stream)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * A GEMM ledger row that names its catalog device, shape and precision in its inputs (ledger dbg-*, ptg-*): Gemm.estimate at that
     * shape — of {@code groups} equal GEMMs when the row is a grouped (mixture-of-experts) kernel — in the row's unit: TFLOP/s, its
     * time in µs, or TB/s (the bytes the model counts: both operands with their block scales and the output, over the time; a source
     * counting fewer bytes reads lower). Held out except {@link #GEMM_CALIBRATION}; rows named in {@link #SPECS} are not read here.
     */
    static java.util.Optional<Spec> gemmFromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"gemm".equals(m.category()) || in == null || !GEMM_UNITS.contains(m.unit())) {
            return java.util.Optional.empty();
        }
        long groups = MoeRuns.integer(in, "groups", 1);
        long rows = MoeRuns.integer(in, "M", 0);
        long columns = MoeRuns.integer(in, "N", 0);
        long depth = MoeRuns.integer(in, "K", 0);
        String precision = String.valueOf(in.get("precision"));
        // NVFP4 and MXFP4 GEMMs are the tensor cores' fp4 mode (their block scales differ by 1/32 of a byte per element).
        Format format = "nvfp4".equals(precision) || "mxfp4".equals(precision) ? Format.FP4 : Format.fromSlug(precision).orElse(null);
        Object hardware = in.get("hardware");
        if (groups <= 0 || rows <= 0 || columns <= 0 || depth <= 0 || format == null || !(hardware instanceof String id)
                || !id.matches("[a-z0-9-]+")) {
            return java.util.Optional.empty();
        }
        // cuBLAS accumulating fp16 in fp16 (DeepBench's compute type CUDA_R_16F) does not pay Volta's fp32-accumulate share.
        boolean fp16Accumulate = format == Format.FP16 && String.valueOf(in.get("accumulate")).startsWith("fp16");
        return java.util.Optional.of(new Spec(matmulCategory(format, rows), id, GEMM_CALIBRATION.contains(m.id()),
                (groups > 1 ? groups + " groups of " : "") + rows + "×" + columns + "×" + depth + " " + format.slug()
                + (fp16Accumulate ? ", accumulating in fp16" : ""),
                (d, c, cat) -> {
                    Gemm.Result r = Gemm.estimate(d, fp16Accumulate ? Gemm.fp16Accumulating(d, c) : c, rows, columns, depth, groups, format);
                    double seconds = r.cost().timeSeconds();
                    return switch (m.unit()) {
                        case "us" -> seconds * 1e6;
                        case "TB/s" -> r.minimumBytes() / seconds / 1e12;
                        default -> r.cost().flops() / seconds / 1e12;
                    };
                }));
    }

    /** The units a GEMM row may state: achieved TFLOP/s, its time in µs, or the bandwidth it achieved in TB/s. */
    static final java.util.Set<String> GEMM_UNITS = java.util.Set.of("TFLOP/s", "us", "TB/s");

    static double attentionThroughput(Device d, Calibration c, Attention.Shape s, Attention.Kernel kernel, Attention.Pass pass, Format f) {
        OpCost cost = Attention.estimate(d, c, s, kernel, pass, f);
        // The FlashAttention papers' count: backward 2.5× the forward FLOPs, forward and backward 3.5×.
        double counted = s.forwardFlops() * (pass == Attention.Pass.FORWARD_BACKWARD ? 3.5 : pass == Attention.Pass.BACKWARD ? 2.5 : 1.0);
        return counted / cost.timeSeconds() / 1e12;
    }

    /** A derivation run's device, or empty for a card the catalog lacks (its case reports that too). */
    static Optional<Device> catalogDevice(CatalogCache catalog, String acceleratorId) {
        try {
            return Optional.of(catalog.device(acceleratorId, "acceleratorId"));
        } catch (dev.accelerometer.common.problem.ApiException e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code devices} devices in nodes of the catalog system {@code systemId}, with its links inside and between nodes. */
    static dev.accelerometer.model.parallel.Cluster systemCluster(CatalogCache catalog, Device device, String systemId, int devices) {
        dev.accelerometer.common.catalog.CatalogSystem system = catalog.system(systemId, "inputs.hardware");
        return dev.accelerometer.model.parallel.Cluster.of(device, devices, system.acceleratorsPerNode(),
                catalog.link(system.intraNodeLinkId(), "intraNodeLinkId"), catalog.link(system.interNodeLinkId(), "interNodeLinkId"),
                system.interNodeLinksPerNode(), null, system.id(), new ArrayList<>());
    }

    static Transformer model(CatalogCache catalog, String id) {
        return model(catalog, id, "modelId");
    }

    /** The activations' format of the ledger's inference runs: fp16, or fp32 on a device with no fp16 peak in the catalog (Pascal's P40). */
    static Format activationFormat(Device d) {
        return d.supports(Format.FP16) ? Format.FP16 : Format.FP32;
    }

    /** The catalog model {@code id} as the step models take it; a refusal names {@code field}, the ledger input it came from. */
    static Transformer model(CatalogCache catalog, String id, String field) {
        return CatalogMapping.transformer(catalog.model(id, field), field);
    }

    static double gpt27Throughput(Device d, Calibration c, CatalogCache catalog, Attention.Kernel kernel) {
        return gpt27Throughput(d, c, model(catalog, "gpt-3-2.7b"), kernel);
    }

    /** attn-01/02: TFLOP/s per GPU of GPT3-2.7B training at 8k context on 8 data-parallel GPUs, by the paper's FLOP count. */
    public static double gpt27Throughput(Device d, Calibration c, Transformer m, Attention.Kernel kernel) {
        long s = 8192;
        TrainingStep step = TrainingStep.of(d, c, m, 1, s, Format.BF16, kernel, Optimizer.ADAMW);
        double time = step.total().timeSeconds() + ModelEstimates.exposedAllReduce(d, m.parameters() * 2.0, new ModelEstimates.Replicas(8, null, false), step.backwardSeconds(),
                new ArrayList<>());
        // The paper's FLOP count per sequence: 6·seqlen·params + 12·layers·hidden·seqlen².
        double flops = 6.0 * s * m.parameters() + 12.0 * m.layers() * m.hidden() * s * s;
        return flops / time / 1e12;
    }

    static double bertSequencesPerSecond(Device d, Calibration c, CatalogCache catalog, long batch, Attention.Kernel kernel) {
        Transformer m = model(catalog, "bert-large");
        return batch / TrainingStep.of(d, c, m, batch, 128, Format.FP16, kernel, Optimizer.LAMB).total().timeSeconds();
    }

    static double decodeMilliseconds(Device d, Calibration c, Transformer m) {
        return Decode.step(d, c, m, 1, 128, Format.FP16).total().timeSeconds() * 1e3;
    }

    /** train-17/18: tokens/s per GPU of MPT-7B, micro-batch 6 × 2048, 8 data-parallel GPUs. */
    public static double mptTokensPerSecond(Device d, Calibration c) {
        // llm-foundry's benchmark ran its Triton FlashAttention port (submit_benchmarks.py: --attn_impl default 'triton'; ledger V53).
        TrainingStep step = TrainingStep.of(d, c, MPT_7B, 6, 2048, Format.BF16, Attention.Kernel.TRITON, Optimizer.ADAMW);
        double time = step.total().timeSeconds() + ModelEstimates.exposedAllReduce(d, MPT_7B.parameters() * 2.0, new ModelEstimates.Replicas(8, null, false), step.backwardSeconds(),
                new ArrayList<>());
        return 6 * 2048 / time;
    }

    /**
     * Every ledger entry's case (or why it has none), in ledger order; the entries run in parallel (the serving cases
     * simulate thousands of requests each), each into its own lists.
     */
    static List<Validation.Case> run(CatalogCache catalog, Calibrating calibrations, List<CatalogMeasurement> ledger, List<Validation.Skipped> skipped) {
        record Outcome(List<Validation.Case> cases, List<Validation.Skipped> skipped) {
        }
        Map<String, Double> structuredRatios = SparseRuns.impliedRatios(catalog, calibrations, ledger);
        Map<String, String> supersededMoe = MoeRuns.superseded(ledger);
        Map<String, Double> moeHostSeconds = MoeRuns.impliedHostSeconds(catalog, calibrations, ledger, supersededMoe);
        Map<String, double[]> unstructuredPoints = UnstructuredRuns.derivationPoints(catalog, calibrations, ledger);
        List<Outcome> outcomes = ledger.parallelStream().map(m -> {
            Outcome out = new Outcome(new ArrayList<>(), new ArrayList<>());
            Spec spec = SPECS.containsKey(m.id()) ? SPECS.get(m.id())
                    : attentionFromInputs(m).or(() -> decodeFromInputs(m)).or(() -> LlamaCppPrefillRuns.fromInputs(m)).or(() -> MoeRuns.fromInputs(m, moeHostSeconds, supersededMoe)).or(() -> MegatronRuns.fromInputs(m))
                    .or(() -> ServingRuns.fromInputs(m)).or(() -> SparseRuns.fromInputs(m, structuredRatios)).or(() -> UnstructuredRuns.fromInputs(m, unstructuredPoints))
                    .or(() -> GemvRuns.fromInputs(m)).or(() -> OffloadRuns.fromInputs(m))
                    .or(() -> OffloadDecodeRuns.fromInputs(m)).or(() -> WeightStreamingRuns.fromInputs(m)).or(() -> CnnRuns.fromInputs(m)).or(() -> FoundryRuns.fromInputs(m)).or(() -> BertRuns.fromInputs(m))
                    .or(() -> gemmFromInputs(m)).or(() -> StreamRuns.fromInputs(m)).or(() -> MegatronLmRuns.fromInputs(m))
                    .or(() -> MemoryRuns.fromInputs(m)).orElse(null);
            if (spec == null) {
                out.skipped().add(new Validation.Skipped(m.id(), m.category(), notExpressible(m, supersededMoe)));
                return out;
            }
            runCase(catalog, calibrations, m.id(), m.description(), m.value(), m.unit(), spec, out.cases(), out.skipped());
            for (NoteCase note : NOTE_CASES.getOrDefault(m.id(), List.of())) {
                runCase(catalog, calibrations, m.id() + "/" + note.suffix(), m.description() + " — from its notes", note.measured(),
                        m.unit(), note.spec(), out.cases(), out.skipped());
            }
            return out;
        }).toList();
        List<Validation.Case> cases = new ArrayList<>();
        for (Outcome o : outcomes) {
            cases.addAll(o.cases());
            skipped.addAll(o.skipped());
        }
        return cases;
    }

    private static void runCase(CatalogCache catalog, Calibrating calibrations, String id, String description, double measured, String unit,
            Spec spec, List<Validation.Case> cases, List<Validation.Skipped> skipped) {
        try {
            Device device = catalog.device(spec.acceleratorId(), "acceleratorId");
            Calibration cal = calibrations.of(device);
            double predicted = spec.predictor().predict(device, cal, catalog);
            cases.add(new Validation.Case(id, spec.category(), description, spec.acceleratorId(), measured, predicted, unit,
                    100 * (predicted - measured) / measured, spec.calibration(), spec.assumption()));
        } catch (RuntimeException e) {
            skipped.add(new Validation.Skipped(id, spec.category(), "could not be run: " + e.getMessage()));
        }
    }
}
