package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MosaicML llm-foundry's MPT training benchmark tables (catalog ledger fdy-*, V53, with train-17/18 and fp8-23 … fp8-28 of the
 * same tables): FSDP FULL_SHARD over 8 to 512 GPUs, every GPU a micro-batch of its own, bf16 or fp8 (TransformerEngine linear
 * layers), the attention kernel the benchmark script ran (its Triton FlashAttention port, or FlashAttention-2 in the Large
 * Scale table), activation checkpointing where the row says so. One node's GPUs reduce over its NVLink; runs over more nodes
 * reduce over the DGX system's inter-node links (the A100 tables state 1600 Gbps RoCE per node, the same 8 × 200 Gb/s as a
 * DGX A100's InfiniBand; the H100 tables state none, so a DGX H100's are assumed). Every row is held out: no constant is
 * derived from them.
 */
final class FoundryRuns {
    /** The DGX system whose links stand for the benchmark cluster's. */
    static final Map<String, String> SYSTEMS = Map.of("nvidia-h100-sxm", "nvidia-dgx-h100", "nvidia-a100-sxm-80gb", "nvidia-dgx-a100-80gb",
            "nvidia-a100-sxm-40gb", "nvidia-dgx-a100-40gb");

    private FoundryRuns() {
    }

    /** The case an llm-foundry benchmark row describes; empty for any other entry. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"llm_training_throughput".equals(m.category()) || in == null || !String.valueOf(in.get("harness")).startsWith("llm-foundry")
                || !MegatronRuns.TOKENS_PER_DEVICE.equals(m.unit()) || !SYSTEMS.containsKey(String.valueOf(in.get("hardware")))) {
            return Optional.empty();
        }
        Attention.Kernel kernel = ValidationCases.LEDGER_KERNELS.get(String.valueOf(in.get("attentionKernel")));
        int gpus = MoeRuns.integer(in, "gpus", 0);
        int layers = MoeRuns.integer(in, "layers", 0);
        int hidden = MoeRuns.integer(in, "hidden", 0);
        int heads = MoeRuns.integer(in, "heads", 0);
        int vocab = MoeRuns.integer(in, "vocab", 0);
        int sequence = MoeRuns.integer(in, "sequenceLength", 0);
        int micro = MoeRuns.integer(in, "microBatchSequences", 0);
        if (kernel == null || gpus <= 0 || layers <= 0 || hidden <= 0 || heads <= 0 || hidden % heads != 0 || vocab <= 0 || sequence <= 0 || micro <= 0) {
            return Optional.empty();
        }
        String hardware = (String) in.get("hardware");
        boolean checkpointed = Boolean.TRUE.equals(in.get("activationCheckpointing"));
        Format format = String.valueOf(in.get("precision")).contains("fp8") ? Format.FP8 : Format.BF16;
        // MPT as the benchmark built it: learned positions over the sequence, biases, pre-LayerNorm, GELU FFN of 4d, tied head.
        Transformer model = new Transformer(String.valueOf(in.get("model")), Transformer.Kind.DECODER, layers, hidden, heads, heads, hidden / heads,
                4 * hidden, Transformer.FfnKind.GELU, vocab, sequence, Transformer.Layout.gpt(sequence), null);
        String assumption = String.format(Locale.ROOT, "llm-foundry %s (%d × %d, %d heads), %d × %d tokens per GPU, FSDP over %d GPUs%s, %s "
                + "attention, activation checkpointing %s, %s%s", model.name(), layers, hidden, heads, micro, sequence, gpus,
                gpus > 8 ? " (" + SYSTEMS.get(hardware) + " links between nodes)" : " of one node", kernel.slug(),
                checkpointed ? "on (the blocks' forward runs twice)" : "off", format.slug(), format == Format.FP8 ? " (TransformerEngine linear layers)" : "");
        return Optional.of(new ValidationCases.Spec("training", hardware, false, assumption,
                (device, cal, catalog) -> ValidationCases.fsdpTokensPerSecond(device, cal, model, micro, sequence, format, kernel, checkpointed,
                        new ModelEstimates.Replicas(gpus, gpus > 8 ? ValidationCases.systemCluster(catalog, device, SYSTEMS.get(device.id()), gpus)
                                : null, true))));
    }

}
