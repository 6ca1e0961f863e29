package dev.accelerometer.model.quantization;

import dev.accelerometer.model.architecture.Transformer;
import java.util.ArrayList;
import java.util.List;

/** Exact weight bytes of a model under a method's storage layout (see {@link Method}). */
public final class WeightLayout {
    private WeightLayout() {
    }

    /** One tensor family's bytes: packed values and the quantization constants (scales, zeros, indices). */
    public record Part(String tensor, long parameters, long valueBytes, long constantBytes, String precision) {
        public long bytes() {
            return valueBytes + constantBytes;
        }
    }

    public record Result(List<Part> parts, long linearParameters, long highPrecisionParameters, long bytes,
            double bitsPerLinearParameter, double bitsPerParameter, Split split) {

        /**
         * A GGUF file's token embedding and output head, bytes: the table a token's lookup reads a row of, and the matrix every
         * decode step reads whole (the same tensor when tied: {@code tied} true). Null for layouts that keep them with the norms.
         */
        public EmbeddingAndHead embeddingAndHead() {
            Long embedding = null;
            Long head = null;
            boolean tied = false;
            for (Part p : parts) {
                if (p.tensor().startsWith(TOKEN_EMBEDDING)) {
                    embedding = p.bytes();
                    tied = p.tensor().endsWith(TIED);
                } else if (p.tensor().equals(OUTPUT_HEAD)) {
                    head = p.bytes();
                }
            }
            return embedding == null ? null : new EmbeddingAndHead(tied ? 0 : embedding, tied ? embedding : head == null ? 0 : head, tied);
        }
    }

    /**
     * Bits per parameter of a mixture of experts' routed experts and of the other linear layers (attention, dense FFNs, shared
     * experts): what a decode step reads per parameter of each, which differ when only the experts are quantized
     * ({@link Options#expertsOnly()}). Both are the linear layers' average in a model without experts.
     */
    public record Split(double bitsPerExpertParameter, double bitsPerOtherLinearParameter) {
        /** The split of {@code linear} parts (matrix-named, as {@link Transformer#linearLayers()} names them). */
        static Split of(List<Part> linear) {
            long expertBytes = 0, expertParameters = 0, otherBytes = 0, otherParameters = 0;
            for (Part p : linear) {
                if (p.tensor().startsWith(EXPERTS)) {
                    expertBytes += p.bytes();
                    expertParameters += p.parameters();
                } else {
                    otherBytes += p.bytes();
                    otherParameters += p.parameters();
                }
            }
            double all = 8.0 * (expertBytes + otherBytes) / (expertParameters + otherParameters);
            return new Split(expertParameters == 0 ? all : 8.0 * expertBytes / expertParameters,
                    otherParameters == 0 ? all : 8.0 * otherBytes / otherParameters);
        }
    }

    /** The prefix {@link Transformer#linearLayers()} gives the routed experts' matrices. */
    static final String EXPERTS = "experts.";

    /** {@link Result#embeddingAndHead()}: an untied embedding's bytes (0 when tied) and the head's. */
    public record EmbeddingAndHead(long embeddingBytes, long headBytes, boolean tied) {
    }

    private static final String TOKEN_EMBEDDING = "token embedding";
    private static final String TIED = " (tied to the output head)";
    private static final String OUTPUT_HEAD = "output head";

    public static Result of(Transformer shape, Method method, Options options) {
        return of(shape, method, options, false);
    }

    /**
     * As {@link #of(Transformer, Method, Options)}, with the linear layers 2:4 sparse when {@code structured24}: half the values
     * kept, plus a 2-bit index per kept value (cuSPARSELt's and CUTLASS's metadata: one bit per element of the dense shape); the
     * method's scales stay those of the dense shape.
     */
    public static Result of(Transformer shape, Method method, Options options, boolean structured24) {
        return of(shape, method, options, structured24 ? (dense, matrix) -> structured24(dense) : null);
    }

    /**
     * As {@link #of(Transformer, Method, Options)}, with the linear layers unstructured-sparse at {@code density} (the fraction
     * kept): the kept values in the method's format, each with a column index (16-bit, as Sputnik's kernels take them, where the
     * input dimension fits; 32-bit otherwise), and per output row its 32-bit offset and order (CSR); the method's scales stay
     * those of the dense shape.
     */
    public static Result unstructured(Transformer shape, Method method, Options options, double density) {
        return of(shape, method, options, (dense, matrix) -> unstructured(dense, matrix, density));
    }

    /** The layout with each linear matrix's dense part stored as {@code sparse} makes it (null: dense). */
    private static Result of(Transformer shape, Method method, Options options,
            java.util.function.BiFunction<Part, Transformer.Matrix, Part> sparse) {
        if (method.layout == Method.Layout.GGUF && sparse == null) {
            return gguf(shape, method);
        }
        List<Part> parts = new ArrayList<>();
        long linearBytes = 0;
        for (Transformer.Matrix matrix : shape.linearLayers()) {
            Part dense = options.expertsOnly() && !matrix.name().startsWith(EXPERTS)
                    ? matrix(matrix, Method.BF16, Options.defaults(Method.BF16)) : matrix(matrix, method, options);
            Part part = sparse == null ? dense : sparse.apply(dense, matrix);
            parts.add(part);
            linearBytes += part.bytes();
        }
        long highPrecision = shape.highPrecisionParameters();
        int highBits = method.linearLayersOnly() ? 16 : method.bits;
        String highName = method.linearLayersOnly() ? "16-bit" : method.id;
        parts.add(new Part("embeddings, output head, norms and biases", highPrecision, highPrecision * highBits / 8, 0, highName));
        long total = linearBytes + highPrecision * highBits / 8;
        long linear = shape.linearParameters();
        return new Result(parts, linear, highPrecision, total, 8.0 * linearBytes / linear, 8.0 * total / shape.parameters(),
                Split.of(parts.subList(0, parts.size() - 1)));
    }

    static Part matrix(Transformer.Matrix x, Method method, Options o) {
        long in = x.in();
        long out = x.out();
        long n = in * out;
        long values;
        long constants;
        switch (method.layout) {
            case FLOAT -> {
                values = n * method.bits / 8;
                constants = 0;
            }
            case FP8 -> {
                values = n;
                constants = o.group() > 0 ? ceilDiv(in, o.group()) * ceilDiv(out, o.group()) * 4 : 4;
            }
            case INT8 -> {
                values = n;
                constants = o.vectorWise() ? out * 4 : 4;
            }
            case LLM_INT8 -> {
                values = n;
                constants = out * 4;
            }
            case BLOCKWISE4 -> {
                values = ceilDiv(n, 2);
                long blocks = ceilDiv(n, o.group());
                constants = o.doubleQuantization() ? blocks + ceilDiv(blocks, Options.DOUBLE_QUANT_BLOCK) * 4 : blocks * 4;
            }
            case GPTQ -> {
                long groups = ceilDiv(in, o.group());
                values = ceilDiv(in * method.bits, 32) * out * 4;
                constants = groups * ceilDiv(out * method.bits, 32) * 4 + groups * out * 2 + in * 4;
            }
            case AWQ -> {
                long groups = ceilDiv(in, o.group());
                values = in * ceilDiv(out, 8) * 4;
                constants = groups * ceilDiv(out, 8) * 4 + groups * out * 2;
            }
            case MICROSCALING -> {
                values = ceilDiv(n * method.bits, 8);
                constants = out * ceilDiv(in, o.group()) + (method == Method.NVFP4 ? Method.NVFP4_TENSOR_SCALE_BYTES : 0);
            }
            case GGUF -> {
                Gguf.Type t = Gguf.base(method).fitting(in);
                values = t.bytes(n);
                constants = 0;
            }
            default -> throw new IllegalStateException(method.layout.name());
        }
        return new Part(x.name(), n * x.count(), values * x.count(), constants * x.count(), method.id);
    }

    /**
     * A GGUF file's tensors ({@link Gguf}): each linear matrix at the type llama.cpp's quantizer gives it in each layer, the
     * token embedding at the file's base type (the output head's when tied), the head at its own, norms and biases 32-bit, the
     * rest (positions, routers, pooler) 16-bit as converted.
     */
    static Result gguf(Transformer shape, Method method) {
        List<Part> parts = new ArrayList<>();
        long linearBytes = 0;
        for (Transformer.Matrix matrix : shape.linearLayers()) {
            long perBlock = matrix.name().startsWith(EXPERTS) && shape.moe() != null ? shape.moe().experts() : 1;
            int layers = (int) Math.max(1, matrix.count() / perBlock);
            java.util.Map<Gguf.Type, Long> layersByType = new java.util.EnumMap<>(Gguf.Type.class);
            for (int layer = 0; layer < layers; layer++) {
                layersByType.merge(Gguf.typeOf(method, Gguf.category(matrix.name()), layer, layers, matrix.in(), shape), 1L, Long::sum);
            }
            long perLayer = matrix.in() * matrix.out() * perBlock;
            long bytes = 0;
            StringBuilder types = new StringBuilder();
            for (var e : layersByType.entrySet()) {
                bytes += e.getValue() * e.getKey().bytes(perLayer);
                types.append(types.length() == 0 ? "" : ", ").append(e.getKey().name()).append(layersByType.size() > 1 ? " ×" + e.getValue() : "");
            }
            parts.add(new Part(matrix.name(), matrix.parameters(), bytes, 0, method.id + " (" + types + ")"));
            linearBytes += bytes;
        }
        Split split = Split.of(parts);
        Transformer.ParameterCount count = shape.parameterCount();
        boolean tied = count.outputHead() == 0;
        Gguf.Type embeddingType = Gguf.typeOf(method, tied ? Gguf.Category.OUTPUT : Gguf.Category.TOKEN_EMBEDDING, 0, 1, shape.hidden(), shape);
        long other = 0;
        parts.add(new Part(TOKEN_EMBEDDING + (tied ? TIED : ""), count.tokenEmbedding(),
                embeddingType.bytes(count.tokenEmbedding()), 0, method.id + " (" + embeddingType.name() + ")"));
        other += embeddingType.bytes(count.tokenEmbedding());
        if (!tied) {
            Gguf.Type head = Gguf.typeOf(method, Gguf.Category.OUTPUT, 0, 1, shape.hidden(), shape);
            parts.add(new Part(OUTPUT_HEAD, count.outputHead(), head.bytes(count.outputHead()), 0, method.id + " (" + head.name() + ")"));
            other += head.bytes(count.outputHead());
        }
        long small = count.norms() + count.biases();
        long rest = count.positions() + count.tokenTypes() + count.pooler() + count.routers();
        parts.add(new Part("norms and biases", small, small * 4, 0, "f32"));
        other += small * 4;
        if (rest > 0) {
            parts.add(new Part("positions, routers and pooler", rest, rest * 2, 0, "16-bit"));
            other += rest * 2;
        }
        long linear = shape.linearParameters();
        long total = linearBytes + other;
        return new Result(parts, linear, shape.highPrecisionParameters(), total, 8.0 * linearBytes / linear, 8.0 * total / shape.parameters(),
                split);
    }

    /** A dense part stored 2:4 sparse: half its values, its constants plus one bit of index per element of the dense shape. */
    static Part structured24(Part dense) {
        return new Part(dense.tensor(), dense.parameters(), ceilDiv(dense.valueBytes(), 2), dense.constantBytes() + ceilDiv(dense.parameters(), 8),
                dense.precision() + " 2:4");
    }

    /** A dense part stored unstructured-sparse (CSR): the kept share of its values, an index per kept value, two words per row. */
    static Part unstructured(Part dense, Transformer.Matrix x, double density) {
        long kept = (long) Math.ceil(dense.parameters() * density);
        int indexBytes = x.in() <= 65_536 ? 2 : 4;
        long index = kept * indexBytes + (long) dev.accelerometer.model.kernel.SparseGemm.SPUTNIK_ROW_BYTES * x.out() * x.count();
        return new Part(dense.tensor(), dense.parameters(), (long) Math.ceil(dense.valueBytes() * density), dense.constantBytes() + index,
                dense.precision() + String.format(java.util.Locale.ROOT, " unstructured %.3g", density));
    }

    /** Bits per parameter of one in×out matrix under a method and options, constants included. */
    public static double bitsPerParameter(Method method, Options options, long in, long out) {
        return 8.0 * matrix(new Transformer.Matrix("matrix", in, out, 1), method, options).bytes() / ((double) in * out);
    }

    /** Bits per parameter of the blockwise 4-bit layout on a large tensor: 4 + 32/b, or 4 + 8/b + 32/(256·b) with double quantization. */
    public static double blockwiseBits(int block, boolean doubleQuantization) {
        return doubleQuantization ? 4 + 8.0 / block + 32.0 / (Options.DOUBLE_QUANT_BLOCK * block) : 4 + 32.0 / block;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
