package dev.accelerometer.model.quantization;

import java.util.List;

/**
 * What 2:4 sparsity does to quality, as published — the claims and where they were made, never an invented accuracy. The
 * evidence is prune-then-retrain: one-shot pruning without retraining, and 2:4 training from scratch, are not what it shows.
 */
public final class SparsityGuidance {
    /** NVIDIA's white paper, whose accuracy table PyTorch's tutorial reproduces (the tutorial's text, read 2026-11-30). */
    static final String NVIDIA = "Mishra et al. 2021, 'Accelerating Sparse Deep Neural Networks' (arXiv:2104.08378), accuracy table as "
            + "reproduced in PyTorch's tutorial 'Accelerating BERT with semi-structured (2:4) sparsity' (pytorch/tutorials "
            + "advanced_source/semi_structured_sparse.py, read 2026-11-30)";
    static final String TUTORIAL = "J. Cai, PyTorch tutorial 'Accelerating BERT with semi-structured (2:4) sparsity' (pytorch/tutorials "
            + "advanced_source/semi_structured_sparse.py, read 2026-11-30)";
    /** The seed post (shared/seeds) and the catalog's ledger entries sparse-22/23. */
    static final String SPARSE_MOMENTUM = "Dettmers & Zettlemoyer 2019, 'Sparse Networks from Scratch: Faster Training without Losing "
            + "Performance' (arXiv:1907.04840), as summarised in Dettmers' post of the same name; ledger sparse-22/23";

    /** RigL's README table (google-research/rigl, ResNet-50 ImageNet, 1× training; ledger uns-22 … -26, read 2026-11-30). */
    static final String RIGL = "Evci et al. 2020, 'Rigging the Lottery: Making All Tickets Winners' (arXiv:1911.11134), google-research/rigl "
            + "README results table; ledger uns-22 … uns-26";
    /** Sputnik's paper (Gale et al. SC'20, arXiv:2006.10901): Fig. 1 and the MobileNetV1 result (ledger uns-30, uns-39). */
    static final String SPUTNIK = "Gale, Zaharia, Young, Elsen 2020, 'Sparse GPU Kernels for Deep Learning' (SC'20, arXiv:2006.10901); "
            + "ledger uns-30, uns-39";

    private SparsityGuidance() {
    }

    /**
     * The quality guidance of unstructured sparse weights at {@code density}; {@code training}: kept sparse from scratch (sparse
     * momentum, RigL) rather than pruned from a trained dense network.
     */
    public static Guidance.Result unstructured(double density, boolean training) {
        List<Guidance.Evidence> evidence = List.of(
                new Guidance.Evidence("ResNet-50 on ImageNet trained sparse from scratch for the standard schedule: RigL (ERK) at 80 % "
                        + "sparsity costs 0.42× the dense training FLOPs and reaches 75.12 % top-1, at 90 % 0.24× and 73.07 % (uniform "
                        + "layer densities: 0.23× and 0.13× the FLOPs)", RIGL),
                new Guidance.Evidence("sparse momentum reaches dense performance from random sparse weights in one run; its 'up to 5.61× "
                        + "faster training' (final abstract; 3.5× VGG to 12× Wide ResNet in the post) assumes optimised sparse convolutions "
                        + "it did not have — estimates, not measurements", SPARSE_MOMENTUM),
                new Guidance.Evidence("on a V100 the Sputnik SpMM beats cuBLAS SGEMM from 71 % sparsity (density 0.29) on an LSTM-sized "
                        + "problem; the vendor's cuSPARSE needs 98 %; a 90 %-sparse MobileNetV1 of width 1.3 reached 72.9 % top-1 at 2,874 "
                        + "frames/s against the dense width-1 model's 72.7 % at 2,518",
                        SPUTNIK));
        String summary = training
                ? String.format(java.util.Locale.ROOT, "unstructured weights at density %.3g kept sparse from scratch: the training FLOPs "
                        + "fall about in proportion, but wall-clock gains need the sparse kernel to beat dense at this density (see "
                        + "speedupOverDense); the accuracy at a density depends on the network and the schedule (RigL's table below) — "
                        + "validate on your task",
                        density)
                : String.format(java.util.Locale.ROOT, "unstructured weights at density %.3g: magnitude pruning with retraining keeps accuracy "
                        + "at moderate sparsity on the evaluated networks; at high sparsity accuracy depends on the network and the schedule — "
                        + "validate on your task", density);
        return new Guidance.Result(density < 0.1 ? Guidance.Risk.MODERATE : Guidance.Risk.LOW, summary, evidence, null);
    }

    /** The quality guidance of 2:4 sparse weights; {@code training}: re-pruned every step of a training run. */
    public static Guidance.Result structured(boolean training) {
        List<Guidance.Evidence> evidence = List.of(
                new Guidance.Evidence("magnitude-pruned once to 2:4 and retrained, networks match their dense fp16 accuracy: ResNet-50 "
                        + "ImageNet top-1 76.1 dense vs 76.2 sparse, ResNeXt-101 32x8d 79.3 vs 79.3, BERT-Large SQuAD v1.1 F1 91.9 vs 91.9, "
                        + "FairSeq Transformer WMT14 EN-DE BLEU 28.2 vs 28.5, MaskRCNN-RN50 COCO bbAP 37.9 vs 37.9", NVIDIA),
                new Guidance.Evidence("BERT-base pruned to 2:4 and fine-tuned on SQuAD recovers nearly all its F1: 86.92 dense vs 86.48 sparse",
                        TUTORIAL),
                new Guidance.Evidence("networks kept sparse throughout training (sparse momentum, from random sparse weights) reach dense "
                        + "performance in a single run; the 3.5× (VGG) to 12× (Wide ResNet) training speed-ups are estimates for optimised "
                        + "sparse convolutions the paper did not have, not measurements", SPARSE_MOMENTUM));
        String summary = training
                ? "2:4 weights re-pruned every step: the published accuracy evidence is prune-then-retrain (parity with dense on the "
                        + "evaluated networks); parity for 2:4 training from scratch is not shown by these sources — validate on your task."
                : "2:4 weights pruned once and retrained (fine-tuned) match dense accuracy on the evaluated networks; pruning without "
                        + "retraining is not what the evidence covers.";
        return new Guidance.Result(Guidance.Risk.LOW, summary, evidence, null);
    }
}
