package dev.accelerometer.common.openapi;

/**
 * Descriptions of fields that several services' schemas share, each stating its unit or that it is a count (the
 * numeric-field-units rule of .spectral.yaml): paging, transformer shapes and convolution layers.
 */
public final class Descriptions {
    public static final String PAGE = "1-based page index.";
    public static final String PAGE_SIZE = "Number of items per page.";
    public static final String TOTAL_ITEMS = "Number of items matching the filters, over all pages.";

    public static final String LAYERS = "Number of transformer blocks.";
    public static final String HIDDEN_SIZE = "Model width: elements per token between blocks.";
    public static final String ATTENTION_HEADS = "Number of query heads.";
    public static final String KV_HEADS = "Number of key/value heads: attentionHeads for MHA (the default), fewer for GQA, 1 for MQA.";
    public static final String HEAD_DIM = "Elements per attention head; default: hiddenSize ÷ attentionHeads.";
    public static final String FFN_SIZE = "Feed-forward inner width, elements per token.";
    public static final String VOCAB_SIZE = "Number of tokens in the vocabulary.";
    public static final String MAX_SEQUENCE_LENGTH = "Longest context the model was trained for, tokens.";

    public static final String IN_CHANNELS = "Number of input channels.";
    public static final String OUT_CHANNELS = "Number of output channels (filters).";
    public static final String INPUT_HEIGHT = "Input feature-map height, pixels.";
    public static final String INPUT_WIDTH = "Input feature-map width, pixels.";
    public static final String KERNEL_HEIGHT = "Filter height, pixels.";
    public static final String KERNEL_WIDTH = "Filter width, pixels.";
    public static final String STRIDE = "Step between filter positions, pixels.";
    public static final String PADDING = "Zero padding on each border, pixels.";
    public static final String GROUPS = "Number of channel groups (1: dense; inChannels: depthwise).";

    private Descriptions() {
    }
}
