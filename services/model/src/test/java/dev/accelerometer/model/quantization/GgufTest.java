package dev.accelerometer.model.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import org.junit.jupiter.api.Test;

class GgufTest {
    static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * llama-bench prints each GGUF file's size; for LLaMA/Llama 2 7B (6.74 B parameters): "LLaMA 7B mostly Q4_0 | 3.56 GiB" and
     * "LLaMA 7B mostly Q8_0 | 6.67 GiB" (ledger dec-29/dec-30, read 2026-11-29) and "llama 7B Q4_K - Medium | 3.80 GiB"
     * (llama-bench tables in llama.cpp issues, read 2026-11-30). The layouts reproduce all three to the printed 0.01 GiB.
     */
    @Test
    void llamaTwoSevenBFilesComeOutAtTheSizesLlamaBenchPrints() {
        assertEquals(3.56, WeightLayout.of(Fixtures.LLAMA_2_7B, Method.Q4_0, Options.defaults(Method.Q4_0)).bytes() / GIB, 0.005);
        assertEquals(6.67, WeightLayout.of(Fixtures.LLAMA_2_7B, Method.Q8_0, Options.defaults(Method.Q8_0)).bytes() / GIB, 0.005);
        assertEquals(3.80, WeightLayout.of(Fixtures.LLAMA_2_7B, Method.Q4_K_M, Options.defaults(Method.Q4_K_M)).bytes() / GIB, 0.005);
    }

    @Test
    void qFourKMediumGivesHalfTheLayersVAndDownAtSixBitsAndTheHeadQSixK() {
        // use_more_bits over 32 layers: 0–3, 28–31 and every third of 4–27 (6, 9, … 27): 16 of 32.
        int more = 0;
        for (int i = 0; i < 32; i++) {
            more += Gguf.useMoreBits(i, 32) ? 1 : 0;
        }
        assertEquals(16, more);
        assertEquals(Gguf.Type.Q6_K, Gguf.typeOf(Method.Q4_K_M, Gguf.Category.FFN_DOWN, 0, 32, 11008, Fixtures.LLAMA_2_7B));
        assertEquals(Gguf.Type.Q4_K, Gguf.typeOf(Method.Q4_K_M, Gguf.Category.FFN_DOWN, 4, 32, 11008, Fixtures.LLAMA_2_7B));
        assertEquals(Gguf.Type.Q6_K, Gguf.typeOf(Method.Q4_K_M, Gguf.Category.OUTPUT, 0, 1, 4096, Fixtures.LLAMA_2_7B));
        assertEquals(Gguf.Type.Q8_0, Gguf.typeOf(Method.Q8_0, Gguf.Category.OUTPUT, 0, 1, 4096, Fixtures.LLAMA_2_7B));
        // A width that is not a multiple of 256 falls back: Q4_K → Q5_0 (tensor_type_fallback).
        assertEquals(Gguf.Type.Q5_0, Gguf.typeOf(Method.Q4_K_M, Gguf.Category.OTHER, 0, 32, 4000, Fixtures.LLAMA_2_7B));
        assertEquals(4.5, Gguf.Type.Q4_K.bitsPerWeight(), 1e-12);
        assertEquals(6.5625, Gguf.Type.Q6_K.bitsPerWeight(), 1e-12);
        WeightLayout.Result mix = WeightLayout.of(Fixtures.LLAMA_2_7B, Method.Q4_K_M, Options.defaults(Method.Q4_K_M));
        assertTrue(mix.parts().stream().anyMatch(p -> p.tensor().equals("down_proj") && p.precision().contains("Q6_K ×16")), mix.parts().toString());
    }
}
