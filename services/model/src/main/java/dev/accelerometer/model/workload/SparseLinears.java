package dev.accelerometer.model.workload;

import dev.accelerometer.model.kernel.SparseGemm;

/**
 * Sparse weights on a transformer's linear layers — pruned once for inference (offline, as TensorRT and torch's
 * semi-structured path do), or re-pruned every training step ({@link TrainingStep}): the pattern and kernel, the device's structured-sparsity factor from the catalog, and which
 * layers — the attention projections (QKV or MLA's, output), the FFN (up, down, experts, shared experts). The router, the
 * attention core and the output head stay dense.
 */
public record SparseLinears(SparseGemm.Spec spec, Double structuredSparsityFactor, boolean attention, boolean ffn) {

    /**
     * Sparse training re-prunes every sparse weight from its dense copy each step, and its transpose for the data gradient:
     * the streaming traffic per weight element this costs, as the time of torchao's prune-and-compress kernels expressed at
     * the achievable bandwidth. The geometric mean of the two published A100 timings of one 4,096 × 1,024 fp16 weight
     * (torchao sparsity/training README, ledger sparse-04 and sparse-05 notes: 0.085 ms and 0.301 ms, i.e. 37 and 132
     * bytes per element at 90 % of 2.039 TB/s), read 2026-11-29: the kernels sort each group of four and write two
     * compressed copies with their metadata, far from a plain copy's 2 + 2 × 1.125 bytes.
     */
    public static final double RESPARSIFY_BYTES_PER_ELEMENT = 70.0;

    /**
     * Streaming bytes per sparse weight each training step: 2:4 re-prunes from the dense copy ({@link #RESPARSIFY_BYTES_PER_ELEMENT});
     * unstructured weights kept sparse from scratch rebuild the transposed CSR copy the data gradient reads — the kept values and
     * their indices read and written once.
     */
    public double resparsifyBytesPerElement(dev.accelerometer.model.hardware.Format format) {
        return spec.pattern() == SparseGemm.Pattern.STRUCTURED_2_4 ? RESPARSIFY_BYTES_PER_ELEMENT
                : 2 * spec.density() * SparseGemm.bytesPerKeptValue(format);
    }

    /** Parameters of the sparse layers (dense count: every expert, every block of the groups that have them). */
    public long parameters(dev.accelerometer.model.architecture.Transformer m) {
        long total = 0;
        for (TransformerLayer.Group g : TransformerLayer.groups(m)) {
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, g, 1, false)) {
                if (covers(op)) {
                    total += g.count() * op.n() * op.k() * op.batch();
                }
            }
        }
        return total;
    }

    boolean covers(TransformerLayer.Gemm op) {
        return switch (op.linear()) {
            case ATTENTION -> attention;
            case FFN -> ffn;
            case ROUTER -> false;
        };
    }
}
