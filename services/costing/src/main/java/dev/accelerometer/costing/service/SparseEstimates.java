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
            throw refusal(e, service.catalog, spec);
        }
        return factor;
    }

    private static Responses.Estimate answer(CostService service, Device device, Calibration cal, Format format, String workload,
            SparseGemm.Spec spec, SparseGemm.Result result, List<String> more) {
        List<String> assumptions = service.baseAssumptions(device, cal);
        assumptions.addAll(more);
        assumptions.addAll(result.sparse().notes());
        Responses.Estimate estimate = service.estimate(device, cal, format, workload, result.sparse(), List.of(result.sparse()), null, null,
                assumptions, spec.pattern() == SparseGemm.Pattern.UNSTRUCTURED ? UnstructuredRuns.CATEGORY : CATEGORY, 1);
        return compared(estimate, device, spec, result.dense().cost().timeSeconds(), result.weightBytesPerElement(), result.indexBytes(),
                result.breakEvenDensity(), null);
    }

    /**
     * An estimate with its sparsity block — the same work dense beside it — and its regime's band, widened off the architectures
     * the 2:4 kernels were measured on; {@code quality} for whole models.
     */
    private static Responses.Estimate compared(Responses.Estimate estimate, Device device, SparseGemm.Spec spec, double denseSeconds,
            double weightBytesPerElement, double indexBytes, Double breakEvenDensity, dev.accelerometer.model.quantization.Guidance.Result quality) {
        boolean calibrated = SparseGemm.measuredOn(device, spec);
        return estimate.withSparsity(new Responses.SparsityEstimate(spec.pattern().slug, spec.density(), spec.kernel().slug, denseSeconds,
                denseSeconds / estimate.timeSeconds(), weightBytesPerElement, indexBytes, calibrated, breakEvenDensity,
                quality == null ? null : Responses.Quality.of(quality)), band(estimate.expectedError(), calibrated, device));
    }

    /** The quality guidance of a sparse model: 2:4 pruned once or re-pruned each step, or unstructured at its density. */
    private static dev.accelerometer.model.quantization.Guidance.Result quality(SparseGemm.Spec spec, boolean training) {
        if (spec.pattern() == SparseGemm.Pattern.BLOCK) {
            // No published accuracy guidance for block-pruned LLMs or BERTs in the ledger: none rather than a borrowed one.
            return null;
        }
        return spec.pattern() == SparseGemm.Pattern.UNSTRUCTURED
                ? dev.accelerometer.model.quantization.SparsityGuidance.unstructured(spec.density(), training)
                : dev.accelerometer.model.quantization.SparsityGuidance.structured(training);
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
        if (spec.pattern() == SparseGemm.Pattern.BLOCK && "training".equals(r.mode())) {
            throw ApiException.invalidField("sparsity.pattern", "block sparsity is timed for inference (mode prefill or decode): no published "
                    + "block-sparse training step (its transposed data-gradient and weight-gradient kernels) is in the ledger; for training use "
                    + "2:4 or unstructured");
        }
        Double factor = checkedFactor(service, device, format, spec);
        List<String> layers = s.layers() == null || s.layers().isEmpty() ? List.of("attention", "ffn") : s.layers();
        return new SparseLinears(spec, factor, layers.contains("attention"), layers.contains("ffn"));
    }

    /**
     * A CNN request's sparse filters (null without sparsity), on a device that runs them; layers cannot be chosen. 2:4: the
     * forward pass (mode prefill) with filters pruned once, every convolution whose input channels per group are a multiple of 4.
     * Unstructured: the forward pass or a training step kept sparse from scratch, every convolution but the stem and grouped ones.
     */
    static SparseGemm.Spec cnnFilters(CostService service, Device device, Format format, Requests.ModelCost r) {
        Requests.Sparsity s = r.sparsity();
        if (s == null) {
            return null;
        }
        noLayers(s);
        SparseGemm.Spec spec = spec(s, device);
        if (spec.pattern() == SparseGemm.Pattern.BLOCK) {
            throw ApiException.invalidField("sparsity.pattern", "block-sparse convolutions are not timed (the ledger's block kernels are "
                    + "matrix products: BSR, Blocked-ELL, MegaBlocks); for a CNN use 2:4 (forward) or unstructured");
        }
        if (spec.pattern() == SparseGemm.Pattern.STRUCTURED_2_4 && !"prefill".equals(r.mode())) {
            throw ApiException.invalidField("sparsity", "2:4 on a CNN times the forward pass (mode prefill) with filters pruned once; for "
                    + "training use unstructured (kept sparse from scratch) or leave it out");
        }
        checkedFactor(service, device, format, spec);
        return spec;
    }

    /** Weights of the convolutions a sparse CNN runs sparse. */
    static long sparseFilterWeights(dev.accelerometer.model.architecture.Cnn cnn, SparseGemm.Spec spec) {
        var stem = cnn.convolutions().isEmpty() ? null : cnn.convolutions().get(0);
        return cnn.convolutions().stream().filter(l -> dev.accelerometer.model.workload.CnnStep.sparseFilter(l, spec, l == stem))
                .mapToLong(l -> (long) l.weights()).sum();
    }

    static List<String> cnnAssumptions(List<String> assumptions, dev.accelerometer.model.architecture.Cnn cnn, SparseGemm.Spec spec) {
        if (spec != null && spec.pattern() == SparseGemm.Pattern.STRUCTURED_2_4) {
            assumptions.add(String.format(java.util.Locale.ROOT, "2:4 sparse filters by %s, pruned once: every convolution whose input channels "
                    + "per group are a multiple of 4 (%,d of %,d parameters) runs its implicit GEMM through SparseGemm; the stem and the fully "
                    + "connected layers stay dense", spec.kernel().slug, sparseFilterWeights(cnn, spec), cnn.parameters()));
        } else if (spec != null) {
            assumptions.add(String.format(java.util.Locale.ROOT, "unstructured sparse filters at density %.3g by %s (%,d of %,d parameters): every "
                    + "convolution but the stem and grouped (depthwise) ones, as RigL and Sputnik's MobileNetV1 keep them, runs as an explicit "
                    + "SpMM on its unfolded input (im2col forward, col2im for the data gradient); in training the weight gradient is dense (sparse "
                    + "momentum regrows by the dense gradients' momentum) and pruning/regrowth once per epoch is not timed; the fully "
                    + "connected layers stay dense", spec.density(), spec.kernel().slug, sparseFilterWeights(cnn, spec), cnn.parameters()));
        }
        return assumptions;
    }

    static Responses.Estimate comparedCnn(Responses.Estimate estimate, Device device, dev.accelerometer.model.architecture.Cnn cnn, Format format,
            SparseGemm.Spec spec, double denseSeconds, boolean training) {
        return compared(estimate, device, spec, denseSeconds, SparseGemm.bytesPerElement(spec, format),
                sparseFilterWeights(cnn, spec) * SparseGemm.indexBytesPerElement(spec, format), null, quality(spec, training));
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
        return (m.parameters() - covered) * bytesPerParameter + covered * SparseGemm.bytesPerElement(sparse.spec(), format);
    }

    static List<String> assumptions(List<String> assumptions, Device device, dev.accelerometer.model.architecture.Transformer m,
            SparseLinears sparse, Format format) {
        if (sparse != null) {
            String layers = (sparse.attention() ? "attention projections" : "") + (sparse.attention() && sparse.ffn() ? " and " : "")
                    + (sparse.ffn() ? "FFN layers" : "");
            String kernel = sparse.spec().pattern() == SparseGemm.Pattern.BLOCK
                    ? String.format(java.util.Locale.ROOT, "the block kernel (SparseGemm: %d×%d blocks, tensor-core tiles over the kept blocks at "
                            + "%.4g of the dense main-loop rate, measured for this kernel and block size; weights at %.4g bytes per element with "
                            + "their block indices)", sparse.spec().blockSize(), sparse.spec().blockSize(),
                            SparseGemm.blockRatio(sparse.spec()), SparseGemm.bytesPerElement(sparse.spec(), format))
                    : sparse.spec().pattern() == SparseGemm.Pattern.UNSTRUCTURED
                    ? String.format(java.util.Locale.ROOT, "the unstructured kernel (SparseGemm: CSR on the CUDA cores at %.1f useful FLOP per SM "
                            + "per clock at this density, weights at %.4g bytes per element with their indices)",
                            SparseGemm.unstructuredRate(device.architecture()).at(sparse.spec().density()),
                            SparseGemm.bytesPerElement(sparse.spec(), format))
                    : String.format(java.util.Locale.ROOT, "the sparse kernel (SparseGemm: main loop at %.1f× the dense rate × %.3f, weights at "
                            + "%.4g bytes per element)", sparse.structuredSparsityFactor(), SparseGemm.STRUCTURED_RATIO,
                            SparseGemm.structuredBytesPerElement(format));
            assumptions.add(String.format(java.util.Locale.ROOT, "%s sparse %s (%,d of %,d parameters, density %.3g) by %s: each such GEMM times "
                    + "%s; the router, the attention core and the output head stay dense", sparse.spec().pattern().slug, layers, sparse.parameters(m),
                    m.parameters(), sparse.spec().density(), sparse.spec().kernel().slug, kernel));
        }
        return assumptions;
    }

    static List<String> trainingAssumptions(List<String> assumptions, Device device, dev.accelerometer.model.architecture.Transformer m,
            SparseLinears sparse, Format format) {
        if (sparse != null) {
            assumptions(assumptions, device, m, sparse, format);
            assumptions.add(sparse.spec().pattern() == SparseGemm.Pattern.UNSTRUCTURED
                    ? String.format(java.util.Locale.ROOT, "unstructured sparse training from scratch (sparse momentum, RigL): the forward GEMMs and "
                            + "the data gradients through the sparse kernel, the weight gradients dense (sparse momentum regrows weights by the "
                            + "dense gradients' momentum); after every update the transposed CSR copy is rebuilt (%.3g bytes of traffic per "
                            + "weight); pruning and regrowth once per epoch are not timed; the dense master weights and the optimizer state "
                            + "stay as in dense training", sparse.resparsifyBytesPerElement(format))
                    : String.format(java.util.Locale.ROOT, "2:4 sparse training as torchao and xFormers run it: the forward GEMMs and the "
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
        return compared(estimate, device, sparse.spec(), denseSeconds, SparseGemm.bytesPerElement(sparse.spec(), format),
                sparse.parameters(m) * SparseGemm.indexBytesPerElement(sparse.spec(), format), null, quality(sparse.spec(), training));
    }

    /** The request's sparsity as the model's: 2:4 keeps half, the kernel defaults to the vendor's library for the pattern. */
    static SparseGemm.Spec spec(Requests.Sparsity s, Device device) {
        SparseGemm.Pattern pattern = SparseGemm.Pattern.fromSlug(s.pattern()).orElseThrow();
        if (pattern != SparseGemm.Pattern.STRUCTURED_2_4 && s.density() == null) {
            throw ApiException.invalidField("sparsity.density", "is required for " + pattern.slug + " sparsity: the fraction of the weights "
                    + (pattern == SparseGemm.Pattern.BLOCK ? "(blocks) " : "") + "kept, e.g. 0.1 for 90 % sparse");
        }
        double density = s.density() != null ? s.density() : 0.5;
        SparseGemm.Kernel kernel = s.kernel() == null ? SparseGemm.Kernel.defaultFor(pattern, device, s.blockSize())
                : SparseGemm.Kernel.fromSlug(s.kernel()).orElseThrow();
        return new SparseGemm.Spec(pattern, density, s.blockSize(), kernel);
    }

    /**
     * 400 for a specification that contradicts itself; 422 for one the device cannot run, listing — when the device lacks sparse
     * tensor cores — the catalog's accelerators that have them.
     */
    static ApiException refusal(SparseGemm.UnsupportedException e, dev.accelerometer.common.catalog.CatalogCache catalog, SparseGemm.Spec spec) {
        if (!e.deviceCannot) {
            return ApiException.invalidField(e.field, e.getMessage());
        }
        String detail = e.getMessage();
        if ("sparsity.pattern".equals(e.field)) {
            boolean structured = spec.pattern() == SparseGemm.Pattern.STRUCTURED_2_4;
            java.util.function.Predicate<dev.accelerometer.common.catalog.CatalogAccelerator> runs = structured
                    ? a -> a.structuredSparsityFactor() != null
                    : a -> "gpu".equalsIgnoreCase(a.kind()) && a.computeUnits() != null && a.boostClockHertz() != null
                            && spec.kernel().runsOn(dev.accelerometer.model.hardware.Architecture.of(a.architecture()));
            try {
                detail += (structured ? ". Accelerators in the catalog with 2:4 sparse tensor cores: "
                        : ". Accelerators in the catalog that run " + spec.kernel().slug + ": ")
                        + catalog.accelerators(java.util.Map.of("pageSize", "200"), "acceleratorId").stream().filter(runs).map(a -> a.id()).sorted()
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
