package dev.accelerometer.model.memory;

import dev.accelerometer.model.architecture.Transformer;

/**
 * Activation memory of transformer training (Korthikanti et al. 2022, "Reducing Activation Recomputation in Large
 * Transformer Models", Table 2), 16-bit activations with dropout masks, per block and micro-batch on one device:
 * s·b·h·(34 + 5·a·s/h) bytes without parallelism; with tensor parallel t: s·b·h·(10 + 24/t + 5·a·s/(h·t)); with
 * sequence parallel: s·b·h/t·(34 + 5·a·s/h). The 5·a·s/h term is the attention scores, softmax output and its dropout
 * mask: selective recomputation drops it, and so does a fused (flash) attention kernel, which never stores them.
 * Full recomputation keeps only each block's input, 2·s·b·h (÷ t with sequence parallelism), and rebuilds one block at
 * a time during the backward pass, which then holds that block's activations as stored without recomputation.
 */
public final class Activations {
    private Activations() {
    }

    public enum Recompute {
        NONE, SELECTIVE, FULL;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Recompute> fromSlug(String slug) {
            return java.util.Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst();
        }
    }

    /**
     * Bytes one block keeps for the backward pass, per micro-batch of {@code microBatch} sequences of {@code sequence}
     * tokens, on one of {@code t} tensor-parallel ranks. {@code scoresStored}: whether the attention kernel materialises
     * the scores (standard and eager kernels do, flash does not).
     */
    public static double perLayer(Transformer m, long sequence, long microBatch, int t, boolean sequenceParallel, Recompute recompute,
            boolean scoresStored) {
        double s = sequence;
        double sbh = s * microBatch * m.hidden();
        if (recompute == Recompute.FULL) {
            return sequenceParallel ? 2 * sbh / t : 2 * sbh;
        }
        double scores = recompute == Recompute.NONE && scoresStored ? 5.0 * m.heads() * s / m.hidden() : 0;
        return sequenceParallel ? sbh / t * (34 + scores) : sbh * (10 + 24.0 / t + scores / t);
    }

    /**
     * What a MoE block keeps over a dense one (the mean over the model's blocks, 1 for a dense model). Of Korthikanti's
     * 34·sbh, 19·sbh is the MLP: its input (2), the 4h-wide GeLU input and second-linear input (8 + 8) and the dropout
     * mask (1). A MoE block keeps the router input and the mask (3), the input dispatched to k experts (2k), and per token
     * the experts' and shared experts' width W: the activation input (2W, 4W when gated) and the down projection's input
     * (2W) — so 15 + 3 + 2k + (4 or 6)·W/h in place of 34.
     */
    public static double moeFactor(Transformer m) {
        if (m.moe() == null || m.moeBlocks() == 0) {
            return 1;
        }
        Transformer.Mixture moe = m.moe();
        double width = moe.expertsPerToken() * (double) moe.expertFfn() + (double) moe.sharedExperts() * moe.sharedExpertFfn();
        double moeBlock = (15 + 3 + 2.0 * moe.expertsPerToken() + (m.gatedFfn() ? 6 : 4) * width / m.hidden()) / 34;
        return (m.denseBlocks() + m.moeBlocks() * moeBlock) / m.blocks();
    }

    /** A whole stack of {@code layers} blocks: what they keep, plus one block rebuilt in full while full recomputation runs. */
    public static double stack(Transformer m, double layers, long sequence, long microBatch, int t, boolean sequenceParallel,
            Recompute recompute, boolean scoresStored) {
        double held = layers * perLayer(m, sequence, microBatch, t, sequenceParallel, recompute, scoresStored)
                * (recompute == Recompute.FULL ? 1 : moeFactor(m));
        if (recompute == Recompute.FULL) {
            held += perLayer(m, sequence, microBatch, t, sequenceParallel, Recompute.NONE, scoresStored) * moeFactor(m);
        }
        return held;
    }
}
