package dev.accelerometer.model.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer.FfnKind;
import dev.accelerometer.model.architecture.Transformer.Kind;
import dev.accelerometer.model.architecture.Transformer.Layout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one parameter count against the counts the released checkpoints have (read 2026-11-29): Hugging Face model
 * parameters of BertModel (google-research/bert configs, transformers modeling_bert.py), GPT2Model (openai/gpt-2
 * hparams), LlamaForCausalLM (meta-llama configs and safetensors index totals) and the bigscience/bloom model card
 * ("Add exact param counts", 176,247,271,424). Buffers that the hub's file totals include are not parameters (GPT-2's
 * causal mask, Llama-2's rotary inv_freq).
 */
class ParameterCountTest {
    private static Transformer llama(int layers, int hidden, int heads, int kv, int ffn, int vocab) {
        return new Transformer("llama", Kind.DECODER, layers, hidden, heads, kv, hidden / heads, ffn, FfnKind.SWIGLU, vocab, null,
                Layout.LLAMA, null);
    }

    private static Transformer gpt2(int layers, int hidden, int heads) {
        return new Transformer("gpt-2", Kind.DECODER, layers, hidden, heads, heads, hidden / heads, 4 * hidden, FfnKind.GELU, 50257, 1024,
                Layout.gpt(1024), null);
    }

    @Test
    void bertModelWithItsPooler() {
        assertEquals(109_482_240L, Fixtures.BERT_BASE.parameters());
        assertEquals(335_141_888L, Fixtures.BERT_LARGE.parameters());
    }

    @Test
    void gpt2WithItsTiedHead() {
        assertEquals(124_439_808L, gpt2(12, 768, 12).parameters());
        assertEquals(354_823_168L, gpt2(24, 1024, 16).parameters());
        assertEquals(774_030_080L, gpt2(36, 1280, 20).parameters());
        assertEquals(1_557_611_200L, gpt2(48, 1600, 25).parameters());
    }

    @Test
    void llamaWithItsUntiedHead() {
        assertEquals(6_738_415_616L, Fixtures.LLAMA_2_7B.parameters());
        assertEquals(68_976_648_192L, llama(80, 8192, 64, 8, 28672, 32000).parameters());
        assertEquals(8_030_261_248L, Fixtures.LLAMA_3_8B.parameters());
        assertEquals(70_553_706_496L, llama(80, 8192, 64, 8, 28672, 128256).parameters());
        assertEquals(405_853_388_800L, llama(126, 16384, 128, 8, 53248, 128256).parameters());
    }

    @Test
    void bloomWithItsEmbeddingNormAndAlibi() {
        Transformer bloom = new Transformer("bloom-176b", Kind.DECODER, 70, 14336, 112, 112, 128, 57344, FfnKind.GELU, 250880, 2048,
                new Layout(Transformer.Norm.LAYERNORM, Transformer.NormPlacement.PRE, true, 0, 0, true, false, true), null);
        assertEquals(176_247_271_424L, bloom.parameters());
        assertEquals(3_596_615_680L, bloom.parameterCount().tokenEmbedding());
    }

    @Test
    void megatronTable1IsTheSameCountWithoutTheFinalNorm() {
        // Narayanan et al. 2021, §5.1 eq. (2): P = 12lh²(1 + 13/(12h) + (V+s)/(12lh)), V = 51,200, s = 2048, which leaves out
        // the final LayerNorm (2h); Table 1 gives 145.6B for 80 layers of 12,288.
        Transformer gpt = new Transformer("gpt-145b", Kind.DECODER, 80, 12288, 96, 96, 128, 49152, FfnKind.GELU, 51200, 2048,
                Layout.gpt(2048), null);
        double l = 80, h = 12288;
        double table1 = 12 * l * h * h * (1 + 13 / (12 * h) + (51200 + 2048) / (12 * l * h));
        assertEquals(table1 + 2 * h, gpt.parameters(), 1);
        assertEquals(145.6e9, gpt.parameters(), 0.05e9);
    }

    @Test
    void resnet50AndVgg16FromTheirLayerLists() {
        // torchvision resnet50 (IMAGENET1K_V1): 25,557,032 with batch-norm scales and shifts; VGG-16 (config D) with
        // biases: 138,357,544 (Simonyan & Zisserman 2015, Table 2: 138M).
        List<Cnn.ConvolutionLayer> vggConvs = List.of(
                new Cnn.ConvolutionLayer("conv1_1", 1, 3, 64, 3, 3, 1, 1, 224, 224, 1),
                new Cnn.ConvolutionLayer("conv1_2", 1, 64, 64, 3, 3, 1, 1, 224, 224, 1),
                new Cnn.ConvolutionLayer("conv2_1", 1, 64, 128, 3, 3, 1, 1, 112, 112, 1),
                new Cnn.ConvolutionLayer("conv2_2", 1, 128, 128, 3, 3, 1, 1, 112, 112, 1),
                new Cnn.ConvolutionLayer("conv3_1", 1, 128, 256, 3, 3, 1, 1, 56, 56, 1),
                new Cnn.ConvolutionLayer("conv3_x", 2, 256, 256, 3, 3, 1, 1, 56, 56, 1),
                new Cnn.ConvolutionLayer("conv4_1", 1, 256, 512, 3, 3, 1, 1, 28, 28, 1),
                new Cnn.ConvolutionLayer("conv4_x", 2, 512, 512, 3, 3, 1, 1, 28, 28, 1),
                new Cnn.ConvolutionLayer("conv5_x", 3, 512, 512, 3, 3, 1, 1, 14, 14, 1));
        List<Cnn.FullyConnectedLayer> vggFc = List.of(new Cnn.FullyConnectedLayer("fc6", 25088, 4096),
                new Cnn.FullyConnectedLayer("fc7", 4096, 4096), new Cnn.FullyConnectedLayer("fc8", 4096, 1000));
        assertEquals(138_357_544L, new Cnn("vgg-16", vggConvs, vggFc, false, null).parameters());
    }
}
