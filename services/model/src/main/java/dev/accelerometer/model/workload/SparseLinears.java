package dev.accelerometer.model.workload;

import dev.accelerometer.model.kernel.SparseGemm;

/**
 * Sparse weights on a transformer's linear layers, as pruned once for inference (offline, as TensorRT and torch's
 * semi-structured path do): the pattern and kernel, the device's structured-sparsity factor from the catalog, and which
 * layers — the attention projections (QKV or MLA's, output), the FFN (up, down, experts, shared experts). The router, the
 * attention core and the output head stay dense.
 */
public record SparseLinears(SparseGemm.Spec spec, Double structuredSparsityFactor, boolean attention, boolean ffn) {

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
