package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import dev.accelerometer.model.memory.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step of a transformer (forward, backward, optimizer) as the operations it runs, each costed by
 * {@link Gemm}, {@link Attention} and {@link Streaming}: per block the {@link TransformerLayer} operations and their
 * backward (data- and weight-gradient GEMMs, 2× the streaming traffic), then the LM/MLM head with its loss, one
 * optimizer step over all parameters, and what an end-to-end step spends around its kernels (the calibrated
 * training-step efficiency). The breakdown adds up to the total; the typed parts let callers (the planner's pipeline
 * schedule) take what they need without reading the breakdown's labels.
 *
 * @param layersForwardSeconds  kernels of the blocks' forward pass, attention included, over all blocks
 * @param layersBackwardSeconds kernels of the blocks' backward pass over all blocks
 * @param attentionForwardSeconds the attention core's forward over all blocks (what selective recomputation repeats)
 * @param attentionBackwardSeconds the attention core's backward over all blocks
 * @param headForwardSeconds    output head forward and the loss
 * @param headBackwardSeconds   output head backward
 * @param optimizerSeconds      the optimizer step
 * @param overheadSeconds       framework and scheduling time around the kernels
 */
public record TrainingStep(Breakdown breakdown, double layersForwardSeconds, double layersBackwardSeconds, double attentionForwardSeconds,
        double attentionBackwardSeconds, double headForwardSeconds, double headBackwardSeconds, double optimizerSeconds, double overheadSeconds) {

    /** BERT's masked-LM head runs on the masked positions only: 15 % of tokens (Devlin et al. 2019, §3.1). */
    public static final double MLM_MASKED_FRACTION = 0.15;

    public OpCost total() {
        return breakdown.total();
    }

    public List<OpCost> operations() {
        return breakdown.operations();
    }

    /** The output head forward and backward and the loss. */
    public double headSeconds() {
        return headForwardSeconds + headBackwardSeconds;
    }

    /** The kernels of the backward pass (blocks and head), what a data-parallel gradient reduction can overlap with. */
    public double backwardSeconds() {
        return layersBackwardSeconds + headBackwardSeconds;
    }

    /** The blocks' forward pass once more, with its share of the end-to-end overhead (full activation recomputation). */
    public double recomputedForwardSeconds() {
        return layersForwardSeconds * overheadFactor();
    }

    /** End-to-end time over kernel time: 1 ÷ the training-step efficiency. */
    public double overheadFactor() {
        double kernels = total().timeSeconds() - overheadSeconds;
        return kernels > 0 ? total().timeSeconds() / kernels : 1;
    }

    /** One step on {@code batch} sequences of {@code sequence} tokens, every replica updating all the weights. */
    public static TrainingStep of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            Optimizer optimizer) {
        return of(d, cal, m, batch, sequence, f, kernel, optimizer, 1);
    }

    /**
     * One step on {@code batch} sequences of {@code sequence} tokens; the optimizer update is split over {@code updateShards}
     * data-parallel replicas, each updating 1/updateShards of the weights (cross-replica weight-update sharding, Xu et al.
     * 2020, arXiv:2004.13336; ZeRO-1): its traffic and arithmetic per device shrink by that factor.
     */
    public static TrainingStep of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            Optimizer optimizer, int updateShards) {
        return of(d, cal, m, batch, sequence, f, kernel, optimizer, updateShards, MOE_HOST_SECONDS_PER_BLOCK);
    }

    /**
     * What Megatron-Core's MoE layer spends per micro-batch, forward and backward together, beyond the kernels costed one by
     * one: a fixed time, not a traffic. Its dropless token dispatcher needs each rank's per-expert token counts on the host
     * (the all-to-all's split sizes and the grouped GEMM's per-expert row counts are host lists), so every MoE layer
     * synchronises the device with the host, the CUDA stream drains, and the launches of the router, permutation, dispatch,
     * grouped-GEMM, combine and un-permutation kernels after it (and their backward) run exposed rather than ahead of the GPU.
     * NVIDIA's MoE report names this host-boundedness as one of MoE training's three walls (arXiv:2603.07685, "small expert
     * GEMMs + host overhead"), and CUDA graphs of the router and its preprocessing the cure, which the newest containers apply.
     * The published Megatron-Core runs leave, after their kernels, collectives and pipeline bubbles, a time per MoE layer per
     * micro-batch that does not follow a traffic (a traffic term would scale with hidden × experts per token and the memory's
     * speed; the residuals of DeepSeek-V3, Qwen3-235B and Qwen3-30B on one system are alike) but does follow the software: it
     * falls from several milliseconds in NeMo 25.09 to under one in 26.08 on GB200 and GB300. It is the median of what closes
     * each gap of the newest NeMo container's row for every system, model and precision in NVIDIA's Megatron-Bridge and NeMo
     * performance summaries (ledger moe-*, read 2026-11-29 and 2026-11-30; 37 runs from −0.1 s, where the all-to-all the model
     * charges is hidden in the run, through 0.35 ms on GB300 in 26.08 to 20 ms for DeepSeek-V3 on 1,024 H100s in 25.09), each run
     * at its framework's step efficiency, so it carries that efficiency's share; costing {@code MoeCalibrationTest} re-derives it
     * and the validation report predicts each of those runs with the median of the others. A third is charged to the forward
     * pass, two thirds to the backward.
     */
    public static final double MOE_HOST_SECONDS_PER_BLOCK = 3.197e-3;

    /**
     * Whether a MoE layer on {@code d} pays {@link #MOE_HOST_SECONDS_PER_BLOCK}: a GPU framework's dropless dispatcher
     * synchronises with the host; XLA on a TPU compiles the step with static expert capacities and does not.
     */
    public static boolean paysMoeHostTime(Device d) {
        return d.kind() == Device.Kind.GPU;
    }

    /** As {@link #of(Device, Calibration, Transformer, long, long, Format, Attention.Kernel, Optimizer, int)} with the MoE layer's host time given. */
    public static TrainingStep of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            Optimizer optimizer, int updateShards, double moeHostSecondsPerBlock) {
        return of(d, cal, m, batch, sequence, f, kernel, optimizer, updateShards, moeHostSecondsPerBlock, null);
    }

    /**
     * As above with 2:4 sparse linear layers trained as torchao's semi-structured sparse training and xFormers' sparse24 do
     * (torchao sparsity/training README, read 2026-11-29): the weights are
     * re-pruned from their dense copy every step, the forward GEMM and the data gradient (the transposed weights, pruned
     * again) run sparse, the weight gradient dense; the re-pruning is {@link SparseLinears#RESPARSIFY_BYTES_PER_ELEMENT}.
     * Unstructured weights are trained sparse from scratch (sparse momentum, RigL): the forward and data-gradient GEMMs through the
     * unstructured kernel, the weight gradient dense (sparse momentum redistributes and regrows weights by the dense gradients'
     * momentum), the transposed CSR copy rebuilt after every update ({@link SparseLinears#resparsifyBytesPerElement}).
     */
    public static TrainingStep of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            Optimizer optimizer, int updateShards, double moeHostSecondsPerBlock, SparseLinears sparse) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        // fp8 training as Transformer Engine runs it: the blocks' GEMMs in fp8, everything else (attention, norms,
        // activations, the output head, the loss) in bf16 — not every operation at the fp8 peak.
        Format g = f;
        Format rest = f.gemmOnly() ? (d.supports(Format.BF16) ? Format.BF16 : Format.FP16) : f;
        double forward = 0;
        double backward = 0;
        double attentionForwardSeconds = 0;
        double attentionBackwardSeconds = 0;
        for (TransformerLayer.Group grp : TransformerLayer.groups(m)) {
            int n = grp.count();
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, grp, tokens, false)) {
                OpCost fwd = TransformerLayer.cost(d, cal, op, g, g.inputBytes, sparse).named(grp.label(op.name() + " forward")).times(n);
                OpCost dgrad = TransformerLayer.cost(d, cal, op.dataGradient(), g, g.inputBytes, sparse);
                OpCost wgrad = TransformerLayer.cost(d, cal, op.weightGradient(), g, g.inputBytes);
                OpCost bwd = OpCost.sequence(grp.label(op.name() + " backward"), List.of(dgrad, wgrad)).times(n);
                ops.add(fwd);
                ops.add(bwd);
                forward += fwd.timeSeconds();
                backward += bwd.timeSeconds();
            }
            Attention.Shape attention = TransformerLayer.attention(m, grp, batch, sequence, sequence);
            OpCost attentionForward = Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, rest)
                    .named(grp.label("attention forward")).times(n);
            OpCost attentionBackward = Attention.estimate(d, cal, attention, kernel, Attention.Pass.BACKWARD, rest)
                    .named(grp.label("attention backward")).times(n);
            OpCost streaming = TransformerLayer.streaming(d, cal, m, grp, tokens, rest);
            OpCost streamingForward = streaming.named(grp.label("norms, activation, residuals forward")).times(n);
            OpCost streamingBackward = streaming.named(grp.label("norms, activation, residuals backward")).times(2.0 * n);
            ops.addAll(List.of(attentionForward, attentionBackward, streamingForward, streamingBackward));
            forward += attentionForward.timeSeconds() + streamingForward.timeSeconds();
            backward += attentionBackward.timeSeconds() + streamingBackward.timeSeconds();
            if (kernel == Attention.Kernel.EAGER) {
                OpCost eagerForward = TransformerLayer.eagerExtras(d, cal, m, grp, tokens, rest, false)
                        .named(grp.label("eager head copies and dropouts forward")).times(n);
                OpCost eagerBackward = TransformerLayer.eagerExtras(d, cal, m, grp, tokens, rest, true)
                        .named(grp.label("eager head copies, dropouts and bias gradients backward")).times(n);
                ops.add(eagerForward);
                ops.add(eagerBackward);
                forward += eagerForward.timeSeconds();
                backward += eagerBackward.timeSeconds();
            }
            if (grp.moe() && moeHostSecondsPerBlock > 0 && paysMoeHostTime(d)) {
                OpCost host = OpCost.of("MoE layer host time", 0, 0, 0, 0, moeHostSecondsPerBlock / 3, List.of("the dropless dispatcher "
                        + "synchronises with the host once per MoE layer; the launches after it run exposed (Megatron-Core)"));
                OpCost hostForward = host.named(grp.label("MoE layer host time forward")).times(n);
                OpCost hostBackward = host.named(grp.label("MoE layer host time backward")).times(2.0 * n);
                ops.add(hostForward);
                ops.add(hostBackward);
                forward += hostForward.timeSeconds();
                backward += hostBackward.timeSeconds();
            }
            attentionForwardSeconds += attentionForward.timeSeconds();
            attentionBackwardSeconds += attentionBackward.timeSeconds();
        }
        if (sparse != null) {
            OpCost prune = Streaming.op(d, cal, sparse.spec().pattern() == dev.accelerometer.model.kernel.SparseGemm.Pattern.STRUCTURED_2_4
                    ? "2:4 re-pruning of the sparse weights and their transposes" : "rebuilding the transposed sparse weights after the update",
                    sparse.parameters(m) * sparse.resparsifyBytesPerElement(g), 0);
            ops.add(prune);
            forward += prune.timeSeconds();
        }
        if (f == Format.FP8) {
            OpCost[] casts = Fp8Casts.of(d, cal, m, tokens);
            ops.add(casts[0]);
            ops.add(casts[1]);
            forward += casts[0].timeSeconds();
            backward += casts[1].timeSeconds();
        }
        long headTokens = m.decoder() ? tokens : (long) Math.ceil(tokens * MLM_MASKED_FRACTION);
        OpCost headForward = Gemm.estimate(d, cal, headTokens, m.vocab(), m.hidden(), 1, rest).cost().named("output head forward");
        OpCost headBackward = OpCost.sequence("output head backward", List.of(
                Gemm.estimate(d, cal, headTokens, m.hidden(), m.vocab(), 1, rest).cost(),
                Gemm.estimate(d, cal, m.hidden(), m.vocab(), headTokens, 1, rest).cost()));
        // Softmax cross-entropy over the logits: read logits, write gradients (fp32 for the loss).
        double logits = (double) headTokens * m.vocab();
        OpCost loss = Streaming.op(d, cal, "loss (softmax cross-entropy)", logits * (rest.inputBytes + 4 + rest.inputBytes), 6 * logits);
        double updated = (double) m.parameters() / Math.max(1, updateShards);
        OpCost update = Streaming.op(d, cal, updateShards > 1 ? "optimizer step (1/" + updateShards + " of the weights per replica)"
                : "optimizer step", updated * optimizer.stepTrafficBytesPerParameter(), 10.0 * updated);
        ops.addAll(List.of(headForward, headBackward, loss, update));
        OpCost overhead = overhead(cal, ops);
        ops.add(overhead);
        return new TrainingStep(Breakdown.of("training step", ops), forward, backward, attentionForwardSeconds, attentionBackwardSeconds,
                headForward.timeSeconds() + loss.timeSeconds(), headBackward.timeSeconds(), update.timeSeconds(), overhead.timeSeconds());
    }

    /**
     * What an end-to-end step spends around its kernels (framework dispatch and synchronisation, allocator, loss scaling,
     * data loading): kernels ÷ efficiency − kernels, with the efficiency calibrated on end-to-end runs.
     */
    static OpCost overhead(Calibration cal, List<OpCost> kernels) {
        double kernelSeconds = OpCost.sequence("kernels", kernels).timeSeconds();
        double overhead = kernelSeconds * (1 / cal.trainingStepEfficiency() - 1);
        return OpCost.of("framework and scheduling overhead", 0, 0, 0, 0, overhead, List.of("end-to-end runs spend "
                + Math.round(cal.trainingStepEfficiency() * 1000) / 10.0 + " % of a step in its kernels (" + cal.trainingStepSource() + ")"));
    }
}
