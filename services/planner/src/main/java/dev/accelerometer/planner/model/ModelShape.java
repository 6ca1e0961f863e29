package dev.accelerometer.planner.model;

/** The transformer being trained: what the memory and communication formulas need. */
public record ModelShape(String name, int layers, int hidden, int heads, int kvHeads, int ffn, boolean gatedFfn, int vocab,
        long parameters) {

    /**
     * Parameters from the shape: per layer the attention projections (Q, O: h·h; K, V: h·h·kv/heads), the FFN
     * (2 or 3 matrices of h·f) and two norms; plus the token embedding (tied to the output layer, as in GPT and Megatron).
     */
    public static long parametersOf(int layers, int hidden, int heads, int kvHeads, int ffn, boolean gated, int vocab) {
        long h = hidden;
        long attention = 2 * h * h + 2 * h * h * kvHeads / heads;
        long mlp = (gated ? 3 : 2) * h * ffn;
        return layers * (attention + mlp + 4 * h) + (long) vocab * h;
    }
}
