package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.accelerometer.common.api.ModelShapes;
import java.util.List;

/** The fields of the catalog's Model schema the services read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogModel(String id, String name, String kind, Integer layers, Integer hiddenSize, Integer attentionHeads,
        Integer kvHeads, Integer headDim, Integer ffnSize, String ffnKind, Integer vocabSize, Integer maxSequenceLength,
        Long parameterCount, String positionEmbedding, String normalization, Boolean tiedEmbeddings, Boolean linearBiases,
        String normPlacement, Boolean embeddingNorm, Integer learnedPositionRows, Integer tokenTypeVocabSize, Boolean pooler,
        String attentionKind, ModelShapes.MixtureOfExperts mixtureOfExperts, ModelShapes.LatentAttention latentAttention,
        ModelShapes.SlidingWindow slidingWindow, Boolean parallelBlocks, Integer decoderLayers, Long activeParameterCount,
        Integer inputHeight, Integer inputWidth, Integer inputChannels, List<ConvolutionLayer> convolutionLayers,
        List<FullyConnectedLayer> fullyConnectedLayers, Long version) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConvolutionLayer(String name, Integer count, Integer inChannels, Integer outChannels, Integer kernelHeight,
            Integer kernelWidth, Integer stride, Integer padding, Integer inputHeight, Integer inputWidth, Integer groups, Boolean residualAdd) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FullyConnectedLayer(String name, Integer inFeatures, Integer outFeatures) {
    }

    public boolean isCnn() {
        return "cnn".equals(kind);
    }
}
