package dev.accelerometer.model.quantization;

import dev.accelerometer.model.architecture.Transformer;

/**
 * llama.cpp's GGUF weight formats, byte for byte. A file type (Q4_K_M …) is not one tensor type: llama.cpp's quantizer
 * chooses a type per tensor from its category and layer, so a Q4_K_M file holds Q4_K, Q6_K and more.
 *
 * <p>Block layouts — elements per block and bytes per block, scales included — as ggml declares and asserts them
 * (ggml/src/ggml-common.h {@code block_q4_0} … {@code block_q6_K}; the static_asserts read 2026-11-30): Q4_0 an fp16 scale
 * and 16 bytes of nibbles per 32 weights (18 B, 4.5 bits per weight); Q4_1 adds an fp16 minimum (20 B, 5.0); Q5_0 an fp16
 * scale, 4 bytes of fifth bits and 16 of nibbles (22 B, 5.5); Q5_1 adds a minimum (24 B, 6.0); Q8_0 an fp16 scale and 32
 * bytes (34 B, 8.5); the 256-weight super-blocks Q4_K (two fp16, 12 bytes of 6-bit sub-block scales and minimums, 128 of
 * nibbles: 144 B, 4.5), Q5_K (adds 32 bytes of fifth bits: 176 B, 5.5) and Q6_K (128 + 64 bytes of low and high bits,
 * 16 int8 sub-block scales, an fp16: 210 B, 6.5625).
 *
 * <p>Which type each tensor gets: llama.cpp src/llama-quant.cpp {@code llama_tensor_get_type_impl} and
 * {@code tensor_type_fallback} (ggml-org/llama.cpp, read 2026-11-30). The output head (and a token embedding tied to it) is
 * Q6_K unless the file is Q8_0 or the hidden size is not a multiple of the block; Q4_K_M and Q5_K_M give the attention V
 * projection (MLA's kv_b too) and the FFN down projection Q6_K in the layers {@code use_more_bits} picks — the first and last
 * eighth and every third layer between, about half; Q4_K_S gives V Q5_K in the first four layers and down Q5_K in the first
 * eighth; a 70B-class model (80 layers with grouped K/V heads) gets V at Q5_K where it would be Q4_K; a model with 8 experts
 * gets K and V at Q8_0 and, under Q4_K_S/M, the attention output at Q5_K. A tensor whose input width is not a multiple of
 * its type's block falls back (Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0, then 16-bit). Norms and biases stay 32-bit.
 */
public final class Gguf {
    private Gguf() {
    }

    /** A ggml tensor type: elements and bytes per block. */
    public enum Type {
        F16(1, 2), Q4_0(32, 18), Q4_1(32, 20), Q5_0(32, 22), Q5_1(32, 24), Q8_0(32, 34), Q4_K(256, 144), Q5_K(256, 176), Q6_K(256, 210);

        public final int elements;
        public final int bytes;

        Type(int elements, int bytes) {
            this.elements = elements;
            this.bytes = bytes;
        }

        public double bitsPerWeight() {
            return 8.0 * bytes / elements;
        }

        /** Bytes of {@code weights} weights in this type (whole blocks: the input width is a multiple of the block). */
        public long bytes(long weights) {
            return weights / elements * bytes;
        }

        /** tensor_type_fallback: the type used when a tensor's input width is not a multiple of this type's block. */
        Type fallback() {
            return switch (this) {
                case Q4_K -> Q5_0;
                case Q5_K -> Q5_1;
                case Q6_K -> Q8_0;
                default -> F16;
            };
        }

        /** This type, or its fallback chain's first that divides {@code columns}. */
        Type fitting(long columns) {
            Type t = this;
            while (columns % t.elements != 0) {
                t = t.fallback();
            }
            return t;
        }
    }

    /** The tensor categories llama.cpp's choice depends on. */
    public enum Category { ATTENTION_V, ATTENTION_K, ATTENTION_OUTPUT, FFN_DOWN, OTHER, OUTPUT, TOKEN_EMBEDDING }

    /** The type a file type starts every quantized tensor at (llama_model_quantize_impl's default_type). */
    public static Type base(Method fileType) {
        return switch (fileType) {
            case Q4_0 -> Type.Q4_0;
            case Q4_1 -> Type.Q4_1;
            case Q5_0 -> Type.Q5_0;
            case Q5_1 -> Type.Q5_1;
            case Q8_0 -> Type.Q8_0;
            case Q4_K_S, Q4_K_M -> Type.Q4_K;
            case Q5_K_S, Q5_K_M -> Type.Q5_K;
            case Q6_K -> Type.Q6_K;
            default -> throw new IllegalArgumentException(fileType.id + " is not a GGUF file type");
        };
    }

    /** The category of one of the model's linear matrices, by its name in {@link Transformer#linearLayers()}. */
    public static Category category(String matrix) {
        String name = matrix.substring(matrix.lastIndexOf('.') + 1);
        return switch (name) {
            case "v_proj", "kv_b_proj" -> Category.ATTENTION_V;
            case "k_proj" -> Category.ATTENTION_K;
            case "o_proj" -> Category.ATTENTION_OUTPUT;
            case "down_proj" -> Category.FFN_DOWN;
            default -> Category.OTHER;
        };
    }

    /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers, and every third layer between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /**
     * The type llama.cpp gives a tensor of {@code category} in {@code layer} of {@code layers} under {@code fileType}, for a
     * tensor {@code columns} wide (its input dimension); {@code model} for the architecture-wide rules (70B-class, 8 experts).
     */
    public static Type typeOf(Method fileType, Category category, int layer, int layers, long columns, Transformer model) {
        Type base = base(fileType);
        Type t = base;
        boolean eightExperts = model.moe() != null && model.moe().experts() == 8;
        boolean seventyB = model.layers() == 80 && model.kvHeads() < model.heads();
        switch (category) {
            case OUTPUT -> t = columns % base.elements != 0 ? Type.Q8_0 : base == Type.Q8_0 ? Type.Q8_0 : Type.Q6_K;
            case ATTENTION_V -> {
                if ((fileType == Method.Q4_K_M || fileType == Method.Q5_K_M) && useMoreBits(layer, layers)) {
                    t = Type.Q6_K;
                } else if (fileType == Method.Q4_K_S && layer < 4) {
                    t = Type.Q5_K;
                }
                if (seventyB && t == Type.Q4_K) {
                    t = Type.Q5_K;
                }
                if (eightExperts) {
                    t = Type.Q8_0;
                }
            }
            case ATTENTION_K -> t = eightExperts ? Type.Q8_0 : base;
            case FFN_DOWN -> {
                if ((fileType == Method.Q4_K_M || fileType == Method.Q5_K_M) && useMoreBits(layer, layers)) {
                    t = Type.Q6_K;
                } else if (fileType == Method.Q4_K_S && layer < layers / 8) {
                    t = Type.Q5_K;
                }
            }
            case ATTENTION_OUTPUT -> t = eightExperts && (fileType == Method.Q4_K_S || fileType == Method.Q4_K_M) ? Type.Q5_K : base;
            default -> t = base;
        }
        return t.fitting(columns);
    }
}
