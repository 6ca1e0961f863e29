package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.workload.Prefill;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * llama.cpp prompt-processing runs of the ledger (category llm_inference_prefill, runtime llama.cpp: the CUDA scoreboard's pp512
 * rows, V62; discussion #4167's Metal pp512 cells, V63) as validation cases of {@link Prefill#llamaCpp}: Llama 2 7B, batch 1, the prompt's tokens in one ubatch, the
 * weights at their format's bits, flash attention off unless the run says on (the standard attention kernel).
 */
public final class LlamaCppPrefillRuns {
    public static final String CATEGORY = "llama-cpp-prefill";
    /**
     * The runs llama.cpp's prompt-processing rates are derived from (Runtime.Constants, costing LlamaCppPrefillDerivationTest): its
     * CUDA MMQ per SM-clock on Ampere and newer on an RTX 5080, 3090 Ti and 4080 (consumer boards) and an A100 and RTX A6000
     * (professional), before Ampere on a V100, RTX 2080 Ti and Tesla P40; its Metal kernels per GPU core-clock on an M1 Max
     * 32-core and M2 Ultra 76-core, per weight format, and on Apple GPU family 9 on an M3 Max and M4 Max 40-core. The others are
     * held out.
     */
    public static final Set<String> CALIBRATION = Set.of("pre-03", "pre-04", "pre-07", "pre-08", "pre-10", "pre-11", "pre-14", "pre-18",
            "aplp-01", "aplp-02", "aplp-03", "aplp-13", "aplp-14", "aplp-15", "aplp-56", "aplp-57", "aplp-58", "aplp-77", "aplp-78", "aplp-79");

    private LlamaCppPrefillRuns() {
    }

    /** What a run states: device, prompt tokens, the weights' bits per parameter, the attention kernel. */
    record Run(String acceleratorId, long promptTokens, double weightBits, Attention.Kernel kernel, double tokensPerSecond) {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"llm_inference_prefill".equals(m.category()) || in == null || !"llama.cpp".equals(in.get("runtime")) || m.value() == null
                || !"tokens/s".equals(m.unit()) || !"Llama 2 7B".equals(in.get("model")) || !(in.get("promptTokens") instanceof Number prompt)) {
            return Optional.empty();
        }
        Double bits = ValidationCases.LEDGER_WEIGHT_BITS.get(String.valueOf(in.get("weightFormat")));
        if (bits == null) {
            return Optional.empty();
        }
        // Flash attention only where the run says it was on (the scoreboard's -fa 1 rows; #4167's reference build predates it).
        Attention.Kernel kernel = String.valueOf(in.get("flashAttention")).startsWith("on") ? Attention.Kernel.FLASH : Attention.Kernel.STANDARD;
        return Optional.of(new Run(String.valueOf(in.get("hardware")), prompt.longValue(), bits, kernel, m.value()));
    }

    /** The model's prompt tokens per second for a run. */
    static double tokensPerSecond(Run r, Device d, dev.accelerometer.model.calibration.Calibration c, CatalogCache catalog) {
        Format f = ValidationCases.activationFormat(d);
        Transformer llama = ValidationCases.model(catalog, "llama-2-7b");
        return r.promptTokens() / Prefill.llamaCpp(d, c, llama, 1, r.promptTokens(), f, r.kernel(), r.weightBits() / 8).total().timeSeconds();
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        return run(m).map(r -> new ValidationCases.Spec(CATEGORY, r.acceleratorId(), CALIBRATION.contains(m.id()),
                String.format(Locale.ROOT, "Llama 2 7B, batch 1, a %d-token prompt, %.3g bits per weight, %s attention, runtime llama-cpp",
                        r.promptTokens(), r.weightBits(), r.kernel().slug()),
                (d, c, cat) -> tokensPerSecond(r, d, c, cat)));
    }

    /**
     * The rate per SM-clock each calibration run implies, by id (what LlamaCppPrefillDerivationTest averages per architecture
     * family).
     */
    public static Map<String, Double> implied(CatalogCache catalog, Calibrating calibrating) {
        Map<String, Double> implied = new LinkedHashMap<>();
        for (CatalogMeasurement m : catalog.measurements()) {
            if (!CALIBRATION.contains(m.id())) {
                continue;
            }
            Run r = run(m).orElseThrow(() -> new IllegalStateException(m.id() + " is not a llama.cpp prompt-processing run"));
            Device d = catalog.device(r.acceleratorId(), "acceleratorId");
            Format f = ValidationCases.activationFormat(d);
            String family = d.architecture().isAppleSilicon() ? "Metal " + (d.architecture().isAppleFamily9OrLater() ? "Apple9 " : "")
                    + dev.accelerometer.model.workload.Runtime.MetalKernel.of(r.weightBits()).label
                    : d.architectureName() + (d.consumerBoard() ? " consumer" : " professional");
            implied.put(m.id() + " " + family, Prefill.impliedLlamaCppFlopsPerSmClock(d, calibrating.of(d),
                    ValidationCases.model(catalog, "llama-2-7b"), r.promptTokens(), f, r.kernel(), r.weightBits() / 8, r.tokensPerSecond()));
        }
        return implied;
    }
}
