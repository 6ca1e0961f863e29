package dev.accelerometer.costing.service;

import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Convolution;
import dev.accelerometer.model.kernel.SparseGemm;
import dev.accelerometer.model.workload.SparseLinears;
import java.util.List;

/** Sparse requests: the request's sparsity read into the model's, the sparse GEMM timed, and its answer's own error band. */
final class SparseEstimates {
    /** The validation ledger's regime of sparse kernels. */
    static final String CATEGORY = "sparse_gemm";
    /** The regime of whole passes (a model's prefill or decode, an FFN block) with sparse linear layers. */
    static final String MODEL_CATEGORY = "sparse_model";

    /**
     * Why block and unstructured sparsity are refused, with what the ledger's published runs say meanwhile (V22: VENOM's
     * Sputnik rows sparsek-06 … -10, Magicube's cuSPARSE Blocked-ELL rows sparsek-26 … -29, Quansight's Triton BSR break-evens
     * sparsek-31 … -33).
     */
    static final String UNMODELLED = "Block and unstructured sparsity are not modelled yet: their kernels' speed depends on density, block "
            + "size and shape in ways the ledger does not yet pin down, and a guessed curve would be wrong with confidence. Published runs "
            + "meanwhile: Sputnik's unstructured SpMM beats tensor-core dense fp16 only below about 2 % density on an RTX 3090 (0.12× at "
            + "50 %, 0.31× at 10 %, 1.09× at 2 %); cuSPARSE Blocked-ELL with 8×8 blocks breaks even near 12 % density on an A100 (256 "
            + "tokens); PyTorch 2.1's Triton BSR kernel breaks even at 40, 10 and 1 % density for 64, 32 and 16-element blocks (A100, "
            + "fp16). Use pattern 2:4, or leave sparsity out.";

    private SparseEstimates() {
    }

    static Responses.Estimate matmul(CostService service, Device device, Calibration cal, Format format, Requests.Matmul r) {
        noLayers(r.sparsity());
        SparseGemm.Spec spec = spec(r.sparsity(), device);
        Double factor = checkedFactor(service, device, format, spec);
        long batch = r.batch() == null ? 1 : r.batch();
        SparseGemm.Result result = SparseGemm.estimate(device, factor, cal, r.m(), r.n(), r.k(), batch, format, spec);
        return answer(service, device, cal, format, "sparse matmul " + spec.pattern().slug + " " + r.m() + "x" + r.n() + "x" + r.k()
                + (batch > 1 ? " x" + batch : ""), spec, result, List.of());
    }

    static Responses.Estimate conv2d(CostService service, Device device, Calibration cal, Format format, Convolution.Shape shape,
            Requests.Sparsity sparsity) {
        noLayers(sparsity);
        SparseGemm.Spec spec = spec(sparsity, device);
        Double factor = checkedFactor(service, device, format, spec);
        SparseGemm.Result result = Convolution.sparseForward(device, factor, cal, shape, format, spec);
        return answer(service, device, cal, format, "sparse conv2d " + spec.pattern().slug, spec, result,
                List.of("convolution as implicit GEMM: M = N·Hout·Wout, N = Cout, K = Cin/groups·kh·kw; the filter 2:4-sparse along K"));
    }

    /** The device's 2:4 factor from the catalog, once the device and format are known to run the specification (else the refusal). */
    private static Double checkedFactor(CostService service, Device device, Format format, SparseGemm.Spec spec) {
        Double factor = service.catalog.accelerator(device.id(), "acceleratorId").structuredSparsityFactor();
        try {
            SparseGemm.check(device, factor, format, spec);
        } catch (SparseGemm.UnsupportedException e) {
            throw refusal(e, service.catalog);
        }
        return factor;
    }

    private static Responses.Estimate answer(CostService service, Device device, Calibration cal, Format format, String workload,
            SparseGemm.Spec spec, SparseGemm.Result result, List<String> more) {
        List<String> assumptions = service.baseAssumptions(device, cal);
        assumptions.addAll(more);
        assumptions.addAll(result.sparse().notes());
        Responses.Estimate estimate = service.estimate(device, cal, format, workload, result.sparse(), List.of(result.sparse()), null, null,
                assumptions, CATEGORY, 1);
        return compared(estimate, device, spec, result.dense().cost().timeSeconds(), result.weightBytesPerElement(), result.indexBytes(), null);
    }

    /**
     * An estimate with its sparsity block — the same work dense beside it — and its regime's band, widened off the architectures
     * the 2:4 kernels were measured on; {@code quality} for whole models.
     */
    private static Responses.Estimate compared(Responses.Estimate estimate, Device device, SparseGemm.Spec spec, double denseSeconds,
            double weightBytesPerElement, double indexBytes, dev.accelerometer.model.quantization.Guidance.Result quality) {
        boolean calibrated = SparseGemm.measuredOn(device);
        return estimate.withSparsity(new Responses.SparsityEstimate(spec.pattern().slug, spec.density(), spec.kernel().slug, denseSeconds,
                denseSeconds / estimate.timeSeconds(), weightBytesPerElement, indexBytes, calibrated,
                quality == null ? null : Responses.Quality.of(quality)), band(estimate.expectedError(), calibrated, device));
    }

    /**
     * A model request's sparse linear layers (null without sparsity), refused where they are not timed — tensor parallelism,
     * weight-only quantization — and where the device cannot run them.
     */
    static SparseLinears linears(CostService service, Device device, Format format, Requests.ModelCost r) {
        Requests.Sparsity s = r.sparsity();
        if (s == null) {
            return null;
        }
        if (r.tensorParallel() != null && r.tensorParallel() > 1) {
            throw ApiException.invalidField("sparsity", "is not timed with tensorParallel; leave one of them out");
        }
        if (r.weightBitsPerParameter() != null || r.dequantization() != null) {
            throw ApiException.invalidField("sparsity", "is not timed with weight-only quantization (weightBitsPerParameter, dequantization); "
                    + "leave one of them out");
        }
        SparseGemm.Spec spec = spec(s, device);
        Double factor = checkedFactor(service, device, format, spec);
        List<String> layers = s.layers() == null || s.layers().isEmpty() ? List.of("attention", "ffn") : s.layers();
        return new SparseLinears(spec, factor, layers.contains("attention"), layers.contains("ffn"));
    }

    /**
     * A CNN request's sparse filters (null without sparsity): the forward pass (mode prefill) only, on a device that runs
     * them; layers cannot be chosen (every convolution whose input channels per group are a multiple of 4).
     */
    static SparseGemm.Spec cnnFilters(CostService service, Device device, Format format, Requests.ModelCost r) {
        Requests.Sparsity s = r.sparsity();
        if (s == null) {
            return null;
        }
        if (!"prefill".equals(r.mode())) {
            throw ApiException.invalidField("sparsity", "on a CNN times the forward pass (mode prefill) with filters pruned once; leave it "
                    + "out for training");
        }
        noLayers(s);
        SparseGemm.Spec spec = spec(s, device);
        checkedFactor(service, device, format, spec);
        return spec;
    }

    /** Weights of the convolutions a 2:4 CNN forward pass runs sparse. */
    static long sparseFilterWeights(dev.accelerometer.model.architecture.Cnn cnn) {
        return cnn.convolutions().stream().filter(dev.accelerometer.model.workload.CnnStep::sparseFilter).mapToLong(l -> (long) l.weights()).sum();
    }

    static List<String> cnnAssumptions(List<String> assumptions, dev.accelerometer.model.architecture.Cnn cnn, SparseGemm.Spec spec) {
        if (spec != null) {
            assumptions.add(String.format(java.util.Locale.ROOT, "2:4 sparse filters by %s, pruned once: every convolution whose input channels "
                    + "per group are a multiple of 4 (%,d of %,d parameters) runs its implicit GEMM through SparseGemm; the stem and the fully "
                    + "connected layers stay dense", spec.kernel().slug, sparseFilterWeights(cnn), cnn.parameters()));
        }
        return assumptions;
    }

    static Responses.Estimate comparedCnn(Responses.Estimate estimate, Device device, dev.accelerometer.model.architecture.Cnn cnn, Format format,
            SparseGemm.Spec spec, double denseSeconds) {
        return compared(estimate, device, spec, denseSeconds, SparseGemm.structuredBytesPerElement(format),
                sparseFilterWeights(cnn) * SparseGemm.STRUCTURED_INDEX_BYTES_PER_ELEMENT,
                dev.accelerometer.model.quantization.SparsityGuidance.structured(false));
    }

    /** Matmul and conv2d requests have no layers to choose. */
    static void noLayers(Requests.Sparsity s) {
        if (s.layers() != null) {
            throw ApiException.invalidField("sparsity.layers", "applies to model requests only; leave it out");
        }
    }

    /** The model's weight bytes: the sparse layers compressed with their indices, the rest at {@code bytesPerParameter}. */
    static double weightBytes(dev.accelerometer.model.architecture.Transformer m, double bytesPerParameter, SparseLinears sparse, Format format) {
        if (sparse == null) {
            return m.parameters() * bytesPerParameter;
        }
        long covered = sparse.parameters(m);
        return (m.parameters() - covered) * bytesPerParameter + covered * SparseGemm.structuredBytesPerElement(format);
    }

    static List<String> assumptions(List<String> assumptions, dev.accelerometer.model.architecture.Transformer m, SparseLinears sparse,
            Format format) {
        if (sparse != null) {
            assumptions.add(String.format(java.util.Locale.ROOT, "2:4 sparse %s%s%s (%,d of %,d parameters) by %s: each such GEMM "
                    + "times the sparse kernel (SparseGemm: main loop at %.1f× the dense rate × %.3f, weights at %.4g bytes per element); the "
                    + "router, the attention core and the output head stay dense", sparse.attention() ? "attention projections" : "",
                    sparse.attention() && sparse.ffn() ? " and " : "", sparse.ffn() ? "FFN layers" : "", sparse.parameters(m), m.parameters(),
                    sparse.spec().kernel().slug, sparse.structuredSparsityFactor(), SparseGemm.STRUCTURED_RATIO,
                    SparseGemm.structuredBytesPerElement(format)));
        }
        return assumptions;
    }

    static List<String> trainingAssumptions(List<String> assumptions, dev.accelerometer.model.architecture.Transformer m, SparseLinears sparse,
            Format format) {
        if (sparse != null) {
            assumptions(assumptions, m, sparse, format);
            assumptions.add(String.format(java.util.Locale.ROOT, "2:4 sparse training as torchao and xFormers run it: the forward GEMMs and the "
                    + "data gradients (the transposed weights pruned again) sparse, the weight gradients dense; every step re-prunes the "
                    + "sparse weights from their dense copies, timed as %.0f bytes of traffic per weight (torchao's prune-and-compress "
                    + "kernels on A100, ledger sparse-04/05); the dense copies and the optimizer state stay as in dense training",
                    SparseLinears.RESPARSIFY_BYTES_PER_ELEMENT));
        }
        return assumptions;
    }

    /** A sparse transformer estimate with the same pass dense beside it. */
    static Responses.Estimate compared(Responses.Estimate estimate, Device device, dev.accelerometer.model.architecture.Transformer m,
            Format format, SparseLinears sparse, double denseSeconds, boolean training) {
        return compared(estimate, device, sparse.spec(), denseSeconds, SparseGemm.structuredBytesPerElement(format),
                sparse.parameters(m) * SparseGemm.STRUCTURED_INDEX_BYTES_PER_ELEMENT,
                dev.accelerometer.model.quantization.SparsityGuidance.structured(training));
    }

    /** The request's sparsity as the model's: 2:4 keeps half, the kernel defaults to the vendor's library for the pattern. */
    static SparseGemm.Spec spec(Requests.Sparsity s, Device device) {
        SparseGemm.Pattern pattern = SparseGemm.Pattern.fromSlug(s.pattern()).orElseThrow();
        if (pattern != SparseGemm.Pattern.STRUCTURED_2_4) {
            throw new ApiException(422, "unmodelled-sparsity", "Sparsity not modelled yet", UNMODELLED,
                    List.of(new Problem.Violation("sparsity.pattern", "only 2:4 is timed; block and unstructured sparsity are not modelled yet")));
        }
        double density = s.density() != null ? s.density() : 0.5;
        SparseGemm.Kernel kernel = s.kernel() == null ? SparseGemm.Kernel.defaultFor(pattern, device)
                : SparseGemm.Kernel.fromSlug(s.kernel()).orElseThrow();
        return new SparseGemm.Spec(pattern, density, s.blockSize(), kernel);
    }

    /**
     * 400 for a specification that contradicts itself; 422 for one the device cannot run, listing — when the device lacks sparse
     * tensor cores — the catalog's accelerators that have them.
     */
    static ApiException refusal(SparseGemm.UnsupportedException e, dev.accelerometer.common.catalog.CatalogCache catalog) {
        if (!e.deviceCannot) {
            return ApiException.invalidField(e.field, e.getMessage());
        }
        String detail = e.getMessage();
        if ("sparsity.pattern".equals(e.field)) {
            try {
                detail += ". Accelerators in the catalog with 2:4 sparse tensor cores: " + catalog.accelerators(java.util.Map.of("pageSize", "200"),
                        "acceleratorId").stream().filter(a -> a.structuredSparsityFactor() != null).map(a -> a.id()).sorted()
                        .collect(java.util.stream.Collectors.joining(", "));
            } catch (ApiException unavailable) {
                // The catalog's list is unavailable: the refusal stands without it.
            }
        }
        return new ApiException(422, "unsupported-sparsity", "Sparsity not supported here", detail,
                List.of(new Problem.Violation(e.field, e.getMessage())));
    }

    /**
     * The regime's band; where the kernel family has no measurement on this architecture, widened to the regime's p90 (as the
     * median) and worst case (as the p90), and said so.
     */
    static ErrorBand band(ErrorBand regime, boolean calibrated, Device device) {
        if (calibrated || regime.p90AbsoluteErrorPercent() == null) {
            return regime;
        }
        return new ErrorBand(regime.category(), regime.cases(), regime.p90AbsoluteErrorPercent(), regime.worstAbsoluteErrorPercent(),
                regime.worstAbsoluteErrorPercent(), regime.note() + "; widened: no measurement of this kernel family on "
                        + device.architectureName() + " in the ledger, so the regime's p90 is quoted as the median and its worst case as the p90");
    }
}
