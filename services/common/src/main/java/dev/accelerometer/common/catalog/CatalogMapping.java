package dev.accelerometer.common.catalog;

import dev.accelerometer.common.api.ModelShapes;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where catalog documents become the model library's types: an accelerator becomes a {@link Device}
 * (its free-text architecture read once, by {@link Architecture#of}), an interconnect a {@link Link}, a model a
 * {@link Transformer} with the layout its exact parameter count needs, or a {@link Cnn}.
 */
public final class CatalogMapping {
    private CatalogMapping() {
    }

    /**
     * The model's device for a catalog accelerator. A board the catalog records a sustained clock for (sustainedClockHertz, below
     * its boost clock: a power-capped board under continuous load) has its compute peaks and its clock at that clock, so every
     * compute-bound cost — GEMMs, convolutions, attention, the per-SM-clock rates of llama.cpp's and Sputnik's kernels — is priced
     * at the clock the board holds; its memory bandwidth is unchanged.
     */
    public static Device device(CatalogAccelerator a) {
        Device rated = ratedDevice(a);
        return a.sustainedClockShare() < 1 ? rated.atClock(a.sustainedClockHertz()) : rated;
    }

    /** The device at its datasheet peaks and boost clock, whatever clock the catalog says it holds (what derivations of that clock start from). */
    public static Device ratedDevice(CatalogAccelerator a) {
        Map<Format, Double> peaks = new EnumMap<>(Format.class);
        for (Format f : Format.values()) {
            Double peak = a.peak(f.slug());
            if (peak != null) {
                peaks.put(f, peak);
            }
        }
        Device.Kind kind = "tpu".equals(a.kind()) ? Device.Kind.TPU : "gpu".equals(a.kind()) ? Device.Kind.GPU : Device.Kind.OTHER;
        return new Device(a.id(), a.name(), kind, Architecture.of(a.architecture()), a.architecture(),
                a.memoryBytes() == null ? 0 : a.memoryBytes(), a.memoryBandwidthBytesPerSecond() == null ? 0 : a.memoryBandwidthBytesPerSecond(),
                peaks, a.computeUnits(), a.boostClockHertz(), a.l2CacheBytes(), a.systolicArrayRows(), a.systolicArrayColumns(),
                a.systolicArrayCount(), a.tdpWatts(), a.listPriceUsd(), a.cloudPriceUsdPerHour(),
                a.scaleUpLinkKind() == null ? null : LinkKind.of(a.scaleUpLinkKind()), a.scaleUpBandwidthPerDirectionBytesPerSecond(),
                a.hostLinkPcieGeneration(), a.hostLinkPcieLanes(), "pcie-consumer".equals(a.formFactor()));
    }

    public static Link link(CatalogInterconnect i) {
        return new Link(i.id(), i.name(), LinkKind.of(i.kind()), i.bandwidthPerDirectionBytesPerSecond(), i.latencySeconds(),
                i.linksPerDevice(), "full-mesh".equals(i.topology()));
    }

    /** A catalog transformer; 422 naming {@code field} when the catalog entry lacks the shape. */
    public static Transformer transformer(CatalogModel m, String field) {
        if (m.isCnn() || m.layers() == null || m.hiddenSize() == null || m.attentionHeads() == null || m.ffnSize() == null
                || m.vocabSize() == null) {
            throw new ApiException(422, "not-a-transformer", "Not a transformer", "'" + m.id() + "' lacks a transformer shape in the catalog "
                    + "(layers, hiddenSize, attentionHeads, ffnSize, vocabSize); choose a transformer model or give an inline model.",
                    List.of(new dev.accelerometer.common.problem.Problem.Violation(field, "not a transformer with a full shape")));
        }
        int heads = m.attentionHeads();
        double approximate = ModelShapes.approximateParameters(m.layers(), m.decoderLayers(), m.hiddenSize(), heads, m.kvHeads(), m.headDim(),
                m.ffnSize(), m.vocabSize(), m.mixtureOfExperts());
        if (approximate > dev.accelerometer.common.api.InlineModel.MAX_PARAMETERS) {
            throw new ApiException(422, "model-too-large", "Model too large", String.format(java.util.Locale.ROOT, "The catalog's shape of '%s' "
                    + "has about %.2g parameters, beyond the 1e15 this service computes with; its catalog entry needs correcting.", m.id(),
                    approximate), List.of(new dev.accelerometer.common.problem.Problem.Violation(field, "names a model too large to compute")));
        }
        Transformer.Kind kind = "transformer-encoder".equals(m.kind()) ? Transformer.Kind.ENCODER
                : "transformer-encoder-decoder".equals(m.kind()) ? Transformer.Kind.ENCODER_DECODER : Transformer.Kind.DECODER;
        Transformer dense = new Transformer(m.id(), kind, m.layers(), m.hiddenSize(), heads, m.kvHeads() == null ? heads : m.kvHeads(),
                m.headDim() != null ? m.headDim() : m.hiddenSize() / heads, m.ffnSize(), ffnKind(m.ffnKind()), m.vocabSize(),
                m.maxSequenceLength(), layout(m.normalization(), m.normPlacement(), m.linearBiases(), m.positionEmbedding(),
                        m.learnedPositionRows(), m.maxSequenceLength(), m.tokenTypeVocabSize(), m.embeddingNorm(), m.pooler(),
                        m.tiedEmbeddings()),
                m.parameterCount());
        return ModelShapes.with(dense, m.mixtureOfExperts(), m.latentAttention(), m.slidingWindow(), m.parallelBlocks(), m.decoderLayers(),
                m.activeParameterCount());
    }

    /** A catalog CNN; 422 naming {@code field} when the entry has no layer list. */
    public static Cnn cnn(CatalogModel m, String field) {
        if (m.convolutionLayers() == null || m.convolutionLayers().isEmpty()) {
            throw new ApiException(422, "not-a-cnn", "Not a CNN", "'" + m.id() + "' has no convolution layers in the catalog (try vgg-16 or "
                    + "resnet-50).", List.of(new dev.accelerometer.common.problem.Problem.Violation(field, "not a CNN with a layer list")));
        }
        List<Cnn.ConvolutionLayer> convolutions = m.convolutionLayers().stream()
                .map(l -> new Cnn.ConvolutionLayer(l.name(), orOne(l.count()), l.inChannels(), l.outChannels(), l.kernelHeight(),
                        l.kernelWidth(), orOne(l.stride()), l.padding() == null ? 0 : l.padding(), l.inputHeight(), l.inputWidth(),
                        orOne(l.groups()), Boolean.TRUE.equals(l.residualAdd())))
                .toList();
        List<Cnn.FullyConnectedLayer> fc = m.fullyConnectedLayers() == null ? List.of() : m.fullyConnectedLayers().stream()
                .map(l -> new Cnn.FullyConnectedLayer(l.name(), l.inFeatures(), l.outFeatures())).toList();
        return new Cnn(m.id(), convolutions, fc, "batchnorm".equals(m.normalization()), m.parameterCount());
    }

    /**
     * The parameter layout from the catalog's (or a request's) fields. Defaults where a field is absent: RMSNorm before
     * each sublayer, no biases, no token types, pooler or embedding norm, an untied head, and learned position rows only
     * when the position embedding is {@code learned} (maxSequenceLength of them).
     */
    public static Transformer.Layout layout(String normalization, String normPlacement, Boolean linearBiases, String positionEmbedding,
            Integer learnedPositionRows, Integer maxSequenceLength, Integer tokenTypes, Boolean embeddingNorm, Boolean pooler, Boolean tied) {
        Transformer.Norm norm = "layernorm".equals(normalization) ? Transformer.Norm.LAYERNORM
                : "layernorm-no-bias".equals(normalization) ? Transformer.Norm.LAYERNORM_NO_BIAS : Transformer.Norm.RMSNORM;
        Transformer.NormPlacement placement = "post".equals(normPlacement) ? Transformer.NormPlacement.POST : Transformer.NormPlacement.PRE;
        int positions = learnedPositionRows != null ? learnedPositionRows
                : "learned".equals(positionEmbedding) && maxSequenceLength != null ? maxSequenceLength : 0;
        // T5's relative attention biases: 32 buckets per head (t5x RelativePositionBiases, num_buckets 32), first block of each stack.
        int relativeBuckets = "relative".equals(positionEmbedding) ? T5_RELATIVE_BUCKETS : 0;
        return new Transformer.Layout(norm, placement, Boolean.TRUE.equals(linearBiases), positions, tokenTypes == null ? 0 : tokenTypes,
                Boolean.TRUE.equals(embeddingNorm), Boolean.TRUE.equals(pooler), Boolean.TRUE.equals(tied), relativeBuckets);
    }

    /** t5x network.py RelativePositionBiases(num_buckets=32, max_distance=128), read 2026-11-29 (catalog V16, t5 sources). */
    static final int T5_RELATIVE_BUCKETS = 32;

    static Transformer.FfnKind ffnKind(String slug) {
        return Transformer.FfnKind.fromSlug(slug).orElse(Transformer.FfnKind.GELU);
    }

    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }
}
