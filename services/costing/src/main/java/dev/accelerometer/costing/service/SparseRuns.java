package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.SparseGemm;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published sparse-kernel measurements (catalog ledger sparse-*, V21; sparsek-*, V22) as validation cases: one GEMM of a
 * stated shape with B sparse, measured as a speed-up over the same GEMM dense or as the sparse kernel's dense-equivalent
 * FLOP/s. 2:4 cases predict through {@link SparseGemm} with the structured ratio re-derived without the case itself when
 * it is one the ratio comes from (leave-one-out): every case is a hold-out. Model-level runs (a whole network, a
 * forward-and-backward pass, an FFN block) and kernels the model does not name are reported as not expressible.
 */
public final class SparseRuns {
    /**
     * Runs whose source says the software was not yet the one the model describes, with the source's words: reported as
     * skipped with this reason, neither derived from nor validated against.
     */
    static final Map<String, String> SUPERSEDED = Map.of(
            "sparse-12", "superseded: the CUTLASS maintainer answered that these were Ampere sparse kernels recompiled for Hopper, "
                    + "before Hopper-native sparse kernels existed (\"expected on H100 as we have optimized H100 kernels for dense Gemm "
                    + "but not sparse yet\")",
            "sparse-24", "superseded: the CUTLASS maintainer answered that \"Sparse needs at least cuda 11.5 to be efficient\" (the "
                    + "run used CUDA 11.3); sparse-25 is the maintainer's run of the same shape");

    private SparseRuns() {
    }

    /** Why a sparse ledger entry has no case, when it is one whose software the source calls superseded. */
    static Optional<String> superseded(CatalogMeasurement m) {
        return Optional.ofNullable(SUPERSEDED.get(m.id()));
    }

    /** A ledger entry read as one sparse GEMM: where it ran, its shape, format, kernel, what was measured. */
    public record Run(String id, String acceleratorId, long m, long n, long k, Format format, SparseGemm.Spec spec, double measured,
            boolean speedup, boolean derivation) {
    }

    /**
     * Whole passes with 2:4 linear layers, speed-up over the same pass dense (category sparse_model): BERT-base SQuAD inference
     * in the PyTorch tutorial (sparse-02/03: batch 4 and 16 of 384 tokens, fp16, every encoder linear 2:4 by CUTLASS; HF
     * transformers' eager attention of that era), and torchao's fp8 FFN block (sparse-09/10/11: 64, 512, 4,096 tokens through
     * Linear 8192→8192, squared ReLU, Linear 8192→8192, both weights 2:4, activations quantized to fp8 on the fly).
     */
    static final Map<String, ValidationCases.Spec> MODEL_CASES = Map.ofEntries(
            Map.entry("sparse-02", bert(4)), Map.entry("sparse-03", bert(16)), Map.entry("sparse-09", ffnBlock(64)),
            Map.entry("sparse-10", ffnBlock(512)), Map.entry("sparse-11", ffnBlock(4096)),
            Map.entry("sparse-04", trainedLinears("nvidia-a100-sxm-80gb", 13008, 1024, 4096, false)),
            Map.entry("sparse-05", trainedLinears("nvidia-a100-sxm-80gb", 13008, 4096, 1024, false)),
            Map.entry("sparse-16", trainedLinears("nvidia-a100-sxm-80gb", 16384, 2048, 6144, true)),
            Map.entry("sparse-17", trainedLinears("nvidia-a100-sxm-80gb", 2048, 5120, 15360, true)),
            Map.entry("sparse-18", trainedLinears("nvidia-a100-sxm-80gb", 44160, 1024, 4096, true)));

    /**
     * Forward and backward of 2:4 sparse linears as torchao and xFormers train them (sparse-04/05: one nn.Linear of torchao's
     * README, tokens × in → out; sparse-16/17/18: xFormers' two-layer MLP benchmark, tokens × d → hidden → d): per linear the
     * forward and the data gradient sparse, the weight gradient dense, against all three dense; the sources time the
     * re-pruning separately (torchao) or not at all, so it is left out here; the MLP's activation runs the same either way
     * (read the hidden activations forward, read two and write one backward, fp16).
     */
    private static ValidationCases.Spec trainedLinears(String accelerator, long tokens, long in, long out, boolean mlp) {
        return new ValidationCases.Spec(SparseEstimates.MODEL_CATEGORY, accelerator, false,
                (mlp ? "MLP " + in + "→" + out + "→" + in : "linear " + in + "→" + out) + ", " + tokens + " tokens, fp16, forward and backward: "
                        + "forward and data-gradient GEMMs 2:4 (CUTLASS), weight gradients dense; re-pruning not timed (as the source)",
                (d, c, cat) -> {
                    Double factor = cat.accelerator(d.id(), "acceleratorId").structuredSparsityFactor();
                    double dense = linearPass(d, c, factor, tokens, in, out, false);
                    double sparse = linearPass(d, c, factor, tokens, in, out, true);
                    if (!mlp) {
                        return dense / sparse;
                    }
                    double elementwise = dev.accelerometer.model.kernel.Streaming.op(d, c, "activation", 2.0 * 2 * tokens * out, tokens * out)
                            .timeSeconds() + dev.accelerometer.model.kernel.Streaming.op(d, c, "activation backward", 3.0 * 2 * tokens * out,
                            2.0 * tokens * out).timeSeconds();
                    return (dense + linearPass(d, c, factor, tokens, out, in, false) + elementwise)
                            / (sparse + linearPass(d, c, factor, tokens, out, in, true) + elementwise);
                });
    }

    /** One linear's forward, data-gradient and weight-gradient GEMMs, seconds (the first two sparse when asked). */
    private static double linearPass(dev.accelerometer.model.hardware.Device d, dev.accelerometer.model.calibration.Calibration c, Double factor,
            long tokens, long in, long out, boolean sparse) {
        double forward = sparse ? SparseGemm.estimate(d, factor, c, tokens, out, in, 1, Format.FP16, CUTLASS_2_4).sparse().timeSeconds()
                : dev.accelerometer.model.kernel.Gemm.estimate(d, c, tokens, out, in, 1, Format.FP16).cost().timeSeconds();
        double dataGradient = sparse ? SparseGemm.estimate(d, factor, c, tokens, in, out, 1, Format.FP16, CUTLASS_2_4).sparse().timeSeconds()
                : dev.accelerometer.model.kernel.Gemm.estimate(d, c, tokens, in, out, 1, Format.FP16).cost().timeSeconds();
        double weightGradient = dev.accelerometer.model.kernel.Gemm.estimate(d, c, in, out, tokens, 1, Format.FP16).cost().timeSeconds();
        return forward + dataGradient + weightGradient;
    }

    private static final SparseGemm.Spec CUTLASS_2_4 = new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, SparseGemm.Kernel.CUTLASS);

    private static ValidationCases.Spec bert(long batch) {
        return new ValidationCases.Spec(SparseEstimates.MODEL_CATEGORY, "nvidia-a100-sxm-80gb", false,
                "BERT-base forward, batch " + batch + " × 384 tokens, fp16, eager attention; every encoder linear 2:4 (CUTLASS), pruned once",
                (d, c, cat) -> {
                    var bert = ValidationCases.model(cat, "bert-base");
                    Double factor = cat.accelerator(d.id(), "acceleratorId").structuredSparsityFactor();
                    var sparse = new dev.accelerometer.model.workload.SparseLinears(CUTLASS_2_4, factor, true, true);
                    double dense = dev.accelerometer.model.workload.Prefill.of(d, c, bert, batch, 384, Format.FP16,
                            dev.accelerometer.model.kernel.Attention.Kernel.EAGER).total().timeSeconds();
                    return dense / dev.accelerometer.model.workload.Prefill.of(d, c, bert, batch, 384, Format.FP16,
                            dev.accelerometer.model.kernel.Attention.Kernel.EAGER, sparse).total().timeSeconds();
                });
    }

    private static ValidationCases.Spec ffnBlock(long tokens) {
        return new ValidationCases.Spec(SparseEstimates.MODEL_CATEGORY, "nvidia-h100-sxm", false,
                tokens + " tokens through Linear 8192→8192, squared ReLU, Linear 8192→8192 in fp8 (torch.compile): two GEMMs, 2:4 by CUTLASS "
                        + "or dense, and the same elementwise work either way (fp8 quantization of the input and of the hidden activations, "
                        + "3 bytes moved per element each)",
                (d, c, cat) -> {
                    Double factor = cat.accelerator(d.id(), "acceleratorId").structuredSparsityFactor();
                    double elementwise = 2 * dev.accelerometer.model.kernel.Streaming.op(d, c, "quantize", 3.0 * tokens * 8192, 4.0 * tokens * 8192)
                            .timeSeconds();
                    double dense = 2 * dev.accelerometer.model.kernel.Gemm.estimate(d, c, tokens, 8192, 8192, 1, Format.FP8).cost().timeSeconds();
                    double sparse = 2 * SparseGemm.estimate(d, factor, c, tokens, 8192, 8192, 1, Format.FP8, CUTLASS_2_4).sparse().timeSeconds();
                    return (dense + elementwise) / (sparse + elementwise);
                });
    }

    /**
     * The case a ledger entry describes, when it is one 2:4 GEMM of stated shape run by a kernel family the model names;
     * {@code implied} holds the derivation measurements' implied ratios ({@link #impliedRatios}).
     */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m, Map<String, Double> implied) {
        if (MODEL_CASES.containsKey(m.id())) {
            return Optional.of(MODEL_CASES.get(m.id()));
        }
        Optional<Run> block = blockRun(m);
        if (block.isPresent()) {
            Run r = block.get();
            return Optional.of(new ValidationCases.Spec(SparseEstimates.CATEGORY, r.acceleratorId(), r.derivation(), String.format(Locale.ROOT,
                    "%d×%d×%d %s, B %d×%d block-sparse at density %.4g, %s at its measured ratio %.4g; %s", r.m(), r.n(), r.k(), r.format().slug(),
                    r.spec().blockSize(), r.spec().blockSize(), r.spec().density(), r.spec().kernel().slug,
                    SparseGemm.blockRatio(r.spec()),
                    r.derivation() ? "a run the ratio is derived from" : "held out of the ratio"),
                    (d, c, cat) -> SparseGemm.estimate(d, null, c, r.m(), r.n(), r.k(), 1, r.format(), r.spec()).speedupOverDense()));
        }
        return run(m).map(r -> new ValidationCases.Spec(SparseEstimates.CATEGORY, r.acceleratorId(), false,
                String.format(Locale.ROOT, "%d×%d×%d %s, B 2:4 sparse, %s; %s", r.m(), r.n(), r.k(), r.format().slug(), r.spec().kernel().slug,
                        r.derivation() ? "structured ratio re-derived without this case (leave-one-out)" : "held out of the structured ratio"),
                (d, c, cat) -> predict(cat, d, c, r, structuredRatio(implied, r.id()))));
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"sparse_gemm".equals(m.category()) || in == null || m.value() == null || !"2:4".equals(in.get("sparsity"))
                || SUPERSEDED.containsKey(m.id())) {
            return Optional.empty();
        }
        Optional<GemmInputs> gemm = GemmInputs.of(in);
        String metric = String.valueOf(in.get("metric")).toLowerCase(Locale.ROOT);
        boolean speedup = m.unit() != null && m.unit().startsWith("x");
        boolean throughput = "TFLOP/s".equals(m.unit());
        Optional<SparseGemm.Kernel> kernel = kernel(String.valueOf(in.get("kernel"))).filter(k -> k.pattern == SparseGemm.Pattern.STRUCTURED_2_4);
        if (gemm.isEmpty() || kernel.isEmpty() || !(speedup || throughput)
                || metric.contains("model") || metric.contains("block") || metric.contains("fwd") || metric.contains("end-to-end")) {
            return Optional.empty();
        }
        boolean derivation = !"low".equals(m.confidence()) && (m.confidence() != null);
        GemmInputs g = gemm.get();
        return Optional.of(new Run(m.id(), String.valueOf(in.get("hardware")), g.m(), g.n(), g.k(), g.format(),
                new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, kernel.get()), m.value(), speedup, derivation));
    }

    /**
     * The block-sparse runs each kernel's ratio at a block size is derived from (costing BlockSparseDerivationTest): cuSPARSE
     * Blocked-ELL 8×8 at ELL densities 0.5625 and 0.1094 (sparsek-26, -28; -27 and -29 held out), and PyTorch 2.1's Triton BSR
     * break-even densities at blocks 64, 32 and 16 (sparsek-31 … -33, one per size).
     */
    public static final Set<String> BLOCK_DERIVATION = Set.of("sparsek-26", "sparsek-28", "sparsek-31", "sparsek-32", "sparsek-33");

    /**
     * The case a ledger entry describes when it is one block-sparse GEMM of stated shape and density by a kernel the model names,
     * at a block size it was measured at: a speed-up over dense, or a break-even density (a speed-up of 1 there).
     */
    static Optional<Run> blockRun(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"sparse_gemm".equals(m.category()) || in == null || m.value() == null || !"block".equals(in.get("sparsity"))
                || !(in.get("blockSize") instanceof Number b) || !(in.get("density") instanceof Number density)) {
            return Optional.empty();
        }
        Optional<GemmInputs> gemm = GemmInputs.of(in);
        Optional<SparseGemm.Kernel> kernel = kernel(String.valueOf(in.get("kernel"))).filter(k -> k.pattern == SparseGemm.Pattern.BLOCK);
        String metric = String.valueOf(in.get("metric")).toLowerCase(Locale.ROOT);
        boolean breakEven = metric.contains("break-even");
        if (gemm.isEmpty() || kernel.isEmpty() || !(breakEven || m.unit() != null && m.unit().startsWith("x"))
                || !kernel.get().measuredAt(b.intValue())
                || gemm.get().format() != Format.FP16 && gemm.get().format() != Format.BF16) {
            return Optional.empty();
        }
        GemmInputs g = gemm.get();
        return Optional.of(new Run(m.id(), String.valueOf(in.get("hardware")), g.m(), g.n(), g.k(), g.format(),
                new SparseGemm.Spec(SparseGemm.Pattern.BLOCK, density.doubleValue(), b.intValue(), kernel.get()), breakEven ? 1.0 : m.value(),
                true, BLOCK_DERIVATION.contains(m.id())));
    }

    /** The block derivation runs, by id (each names its kernel, block size and density). */
    public static Map<String, Run> blockDerivationRuns(List<CatalogMeasurement> ledger) {
        Map<String, Run> runs = new java.util.TreeMap<>();
        for (CatalogMeasurement m : ledger) {
            blockRun(m).filter(Run::derivation).ifPresent(r -> runs.put(r.id(), r));
        }
        return runs;
    }

    /**
     * The kernel family a source's free-text kernel names; empty for hand-written kernels the model does not name. The block
     * kernels come first: MegaBlocks' kernels are a CUTLASS extension.
     */
    static Optional<SparseGemm.Kernel> kernel(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("blocked-ell")) {
            return Optional.of(SparseGemm.Kernel.CUSPARSE_BLOCKED_ELL);
        }
        if (t.contains("triton") && t.contains("bsr")) {
            return Optional.of(SparseGemm.Kernel.TRITON_BSR);
        }
        if (t.contains("megablocks")) {
            return Optional.of(SparseGemm.Kernel.MEGABLOCKS);
        }
        if (t.contains("hipsparselt")) {
            return Optional.of(SparseGemm.Kernel.HIPSPARSELT);
        }
        if (t.contains("cusparselt")) {
            return Optional.of(SparseGemm.Kernel.CUSPARSELT);
        }
        if (t.contains("cutlass") || t.contains("semi-structured") || t.contains("semisparse") || t.contains("sparsesemistructured")) {
            return Optional.of(SparseGemm.Kernel.CUTLASS);
        }
        return Optional.empty();
    }

    static double predict(CatalogCache catalog, Device device, Calibration cal, Run r, double ratio) {
        Double factor = catalog.accelerator(device.id(), "acceleratorId").structuredSparsityFactor();
        SparseGemm.Result result = SparseGemm.estimate(device, factor, cal, r.m(), r.n(), r.k(), 1, r.format(), r.spec(), ratio);
        return r.speedup() ? result.speedupOverDense() : 2.0 * r.m() * r.n() * r.k() / result.sparse().timeSeconds() / 1e12;
    }

    /**
     * The structured ratio from the ledger: the geometric mean of the ratio each medium- or high-confidence 2:4 GEMM
     * measurement implies ({@link SparseGemm#impliedStructuredRatio}), without {@code without} (null: all of them).
     */
    static double structuredRatio(Map<String, Double> implied, String without) {
        return Calibrator.geometricMean(implied.entrySet().stream().filter(e -> !e.getKey().equals(without)).mapToDouble(Map.Entry::getValue));
    }

    /** Each derivation measurement's implied structured ratio, by id. */
    public static Map<String, Double> impliedRatios(CatalogCache catalog, Calibrating calibrating, List<CatalogMeasurement> ledger) {
        Map<String, Double> ratios = new java.util.TreeMap<>();
        for (CatalogMeasurement m : ledger) {
            Optional<Run> run = run(m).filter(Run::derivation);
            if (run.isEmpty()) {
                continue;
            }
            Run r = run.get();
            Optional<Device> found = ValidationCases.catalogDevice(catalog, r.acceleratorId());
            if (found.isEmpty()) {
                continue;
            }
            Device device = found.get();
            Double factor = catalog.accelerator(r.acceleratorId(), "acceleratorId").structuredSparsityFactor();
            ratios.put(r.id(), SparseGemm.impliedStructuredRatio(device, factor, calibrating.of(device), r.m(), r.n(), r.k(), r.format(),
                    r.speedup() ? r.measured() : r.measured() * 1e12, r.speedup()));
        }
        return ratios;
    }

}
