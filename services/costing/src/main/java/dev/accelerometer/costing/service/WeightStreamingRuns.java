package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.Prefill;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.model.workload.WeightStreaming;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published DeepSpeed ZeRO-Inference runs with fp16 weights streamed from pinned host memory (catalog ledger ioff-*, V38:
 * FlexGen's README table on a T4, DeepSpeed's 2022 post on a V100), predicted as the quantization service answers
 * {@code streamWeights}: every forward pass the longer of the streamed bytes over PCIe ({@link WeightStreaming}) and the
 * GPU's work under Hugging Face generate (runtime hf-transformers); resident parameters, where the run kept some on the GPU,
 * read from device memory. Throughput over the batch's generated tokens, with the prefill pass counted where the source's
 * metric includes it ({@code inputs.includesPrefill}); decode steps at the mean context (prompt plus half the generation).
 * Nothing here is fitted: the host-to-device share is nvbandwidth's (HostOffload). 4-bit and KV-offload runs, and tables
 * that do not say whether prefill is counted, are not expressed.
 */
final class WeightStreamingRuns {
    static final String CATEGORY = "weight-streaming";

    private WeightStreamingRuns() {
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"offload_inference".equals(m.category()) || in == null || !"tokens/s".equals(m.unit()) || !(in.get("modelId") instanceof String model)
                || !(in.get("streamedParameters") instanceof Number || "all".equals(in.get("streamedParameters")))
                || !(in.get("includesPrefill") instanceof Boolean prefill)
                || !"fp16".equals(in.get("weightFormat"))) {
            return Optional.empty();
        }
        long batch = MoeRuns.integer(in, "batchGlobal", 0);
        long prompt = MoeRuns.integer(in, "promptLength", 0);
        long generated = MoeRuns.integer(in, "generationLength", 0);
        if (batch <= 0 || prompt <= 0 || generated <= 0) {
            return Optional.empty();
        }
        String hardware = String.valueOf(in.get("hardware"));
        Double streamed = in.get("streamedParameters") instanceof Number n ? n.doubleValue() : null;
        String assumption = String.format(Locale.ROOT, "%s fp16 on %s, %s parameters streamed from pinned host memory per pass (the rest "
                + "resident), batch %d, %d prompt and %d generated tokens, %s; passes bound by PCIe at %.3f of the link or by the GPU's work "
                + "under Hugging Face generate", model, hardware, streamed == null ? "all" : String.format(Locale.ROOT, "%.3g", streamed), batch, prompt, generated,
                prefill ? "the prefill pass counted" : "generation phase only", dev.accelerometer.model.parallel.HostOffload.HOST_TO_DEVICE_EFFICIENCY);
        return Optional.of(new ValidationCases.Spec(CATEGORY, hardware, false, assumption,
                (device, cal, catalog) -> tokensPerSecond(device, cal, catalog, model, streamed, batch, prompt, generated, prefill)));
    }

    /** Tokens per second with {@code streamedParameters} (null: all of the model's) streamed at 2 bytes each. */
    static double tokensPerSecond(Device device, Calibration cal, CatalogCache catalog, String model, Double streamedParameters, long batch,
            long prompt, long generated, boolean prefill) {
        Transformer shape = ValidationCases.model(catalog, model, "inputs.modelId");
        double streamedBytes = 2 * (streamedParameters == null ? shape.parameters() : streamedParameters);
        Format f = Format.FP16;
        double gpu = Runtime.HF_TRANSFORMERS.apply(Decode.step(device, cal, shape, batch, prompt + generated / 2, f), shape, device, 8 * f.inputBytes).total().timeSeconds();
        double step = WeightStreaming.passSeconds(device, streamedBytes, gpu);
        if (!prefill) {
            return batch / step;
        }
        double prefillGpu = Prefill.of(device, cal, shape, batch, prompt, f, Attention.Kernel.defaultFor(device)).total().timeSeconds();
        double total = WeightStreaming.passSeconds(device, streamedBytes, prefillGpu) + generated * step;
        return batch * generated / total;
    }
}
