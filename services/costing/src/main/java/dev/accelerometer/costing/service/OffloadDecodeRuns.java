package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.quantization.Method;
import dev.accelerometer.model.quantization.Options;
import dev.accelerometer.model.quantization.WeightLayout;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.HybridDecode;
import dev.accelerometer.model.workload.Runtime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published llama.cpp decode runs with part of a GGUF model on the host (catalog ledger ioff-*, V38: an -ngl sweep of
 * Qwen2.5-Coder-14B Q4_K_M on an RTX 5060 Ti with an i7-8700 and dual-channel DDR4-2400), predicted as the quantization
 * service answers {@code gpuLayers}: {@link HybridDecode} over the GPU's whole-model decode under llama.cpp's 2025 builds and
 * the host's peak bandwidth from the ledger's inputs. The prompts' lengths are not stated: a 512-token KV cache is assumed
 * (at most ~1 % of the bytes a token reads). Runs with every layer on the GPU are decode cases.
 */
public final class OffloadDecodeRuns {
    /** The category of partial-offload decode cases, and of the band such answers quote. */
    public static final String CATEGORY = "offload-decode";
    /** The runs HybridDecode.HOST_DECODE_EFFICIENCY is derived from (quantization HybridDecodeDerivationTest), with every block on the CPU. */
    public static final Set<String> CALIBRATION = Set.of("ioff-23", "ioff-30", "ioff-31");
    static final long ASSUMED_CONTEXT = 512;

    private OffloadDecodeRuns() {
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"offload_inference".equals(m.category()) || in == null || !"tokens/s".equals(m.unit()) || !(in.get("modelId") instanceof String model)
                || !(in.get("gpuLayers") instanceof Number layers) || !(in.get("hostPeakBandwidthBytesPerSecond") instanceof Number host)
                || Method.fromId(String.valueOf(in.get("weightFormat"))).filter(x -> x.layout == Method.Layout.GGUF).isEmpty()) {
            return Optional.empty();
        }
        Method gguf = Method.fromId(String.valueOf(in.get("weightFormat"))).orElseThrow();
        String hardware = String.valueOf(in.get("hardware"));
        if (hardware.startsWith("cpu-only")) {
            return Optional.empty();
        }
        int gpuLayers = layers.intValue();
        String assumption = String.format(Locale.ROOT, "%s %s on %s with -ngl %d under llama.cpp's 2025 builds, batch 1, %d tokens of KV cache "
                + "(prompt lengths not stated); host memory at %.1f GB/s peak × %.3f (HybridDecode)", model, gguf.id, hardware, gpuLayers,
                ASSUMED_CONTEXT, host.doubleValue() / 1e9, HybridDecode.HOST_DECODE_EFFICIENCY);
        boolean allOnGpu = in.get("layers") instanceof Number blocks && gpuLayers > blocks.intValue();
        return Optional.of(new ValidationCases.Spec(allOnGpu ? "decode" : CATEGORY, hardware, CALIBRATION.contains(m.id()), assumption,
                (device, cal, catalog) -> 1 / tokenSeconds(device, cal, catalog, model, gguf, gpuLayers, host.doubleValue())));
    }

    /** Seconds per token of {@code model} in {@code gguf} with {@code gpuLayers} on {@code device}, the rest read at the host's bandwidth. */
    public static double tokenSeconds(Device device, Calibration cal, CatalogCache catalog, String model, Method gguf, int gpuLayers,
            double hostPeakBandwidth) {
        Transformer shape = ValidationCases.model(catalog, model, "inputs.modelId");
        WeightLayout.Result layout = WeightLayout.of(shape, gguf, Options.defaults(gguf));
        Format f = ValidationCases.activationFormat(device);
        double gpu = Runtime.LLAMA_CPP.on(device).apply(Decode.step(device, cal, shape, 1, ASSUMED_CONTEXT, f,
                layout.bitsPerLinearParameter() / 8, 2, null), shape, device, layout.bitsPerLinearParameter()).total().timeSeconds();
        return HybridDecode.of(HybridDecode.place(shape, layout, gpuLayers), gpu, kvBytesPerBlock(shape, ASSUMED_CONTEXT, 2),
                hostPeakBandwidth).totalSeconds();
    }

    /** The KV cache one block reads per token over {@code context} tokens at {@code bytes} per element (the model's KvCache, per block). */
    public static double kvBytesPerBlock(Transformer shape, long context, double bytes) {
        return dev.accelerometer.model.memory.KvCache.bytes(shape, context, bytes) / shape.blocks();
    }
}
