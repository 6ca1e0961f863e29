package dev.accelerometer.quantization.model;

import java.util.ArrayList;
import java.util.List;

/** A transformer's tensors: what is quantized (the blocks' linear layers) and what stays 16-bit. */
public record Shape(String name, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn, boolean gatedFfn,
        int vocab, boolean tiedEmbeddings, Integer maxSequenceLength, Long publishedParameters) {

    /** One weight matrix: {@code in} inputs (the reduction dimension), {@code out} outputs; {@code count} identical copies. */
    public record Matrix(String name, long in, long out, long count) {
        public long parameters() {
            return in * out * count;
        }
    }

    /** The linear layers of all blocks (biases are not modelled: the catalog's shapes carry none). */
    public List<Matrix> linearLayers() {
        long attention = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        List<Matrix> list = new ArrayList<>();
        list.add(new Matrix("q_proj", hidden, attention, layers));
        list.add(new Matrix("k_proj", hidden, kv, layers));
        list.add(new Matrix("v_proj", hidden, kv, layers));
        list.add(new Matrix("o_proj", attention, hidden, layers));
        if (gatedFfn) {
            list.add(new Matrix("gate_proj", hidden, ffn, layers));
        }
        list.add(new Matrix("up_proj", hidden, ffn, layers));
        list.add(new Matrix("down_proj", ffn, hidden, layers));
        return list;
    }

    public long linearParameters() {
        return linearLayers().stream().mapToLong(Matrix::parameters).sum();
    }

    /** Token embedding, the output head when untied, and two norms per layer plus the final norm (scale vectors). */
    public long highPrecisionParameters() {
        long embedding = (long) vocab * hidden;
        long head = tiedEmbeddings ? 0 : (long) vocab * hidden;
        long norms = (2L * layers + 1) * hidden;
        return embedding + head + norms;
    }

    public long parameters() {
        return linearParameters() + highPrecisionParameters();
    }
}
