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
import java.util.List;

/** Sparse requests: the request's sparsity read into the model's, the sparse GEMM timed, and its answer's own error band. */
final class SparseEstimates {
    /** The validation ledger's regime of sparse kernels. */
    static final String CATEGORY = "sparse_gemm";

    private SparseEstimates() {
    }

    static Responses.Estimate matmul(CostService service, Device device, Calibration cal, Format format, Requests.Matmul r) {
        Double factor = service.catalog.accelerator(device.id(), "acceleratorId").structuredSparsityFactor();
        SparseGemm.Spec spec = spec(r.sparsity(), device);
        long batch = r.batch() == null ? 1 : r.batch();
        SparseGemm.Result result = run(() -> SparseGemm.estimate(device, factor, cal, r.m(), r.n(), r.k(), batch, format, spec));
        return answer(service, device, cal, format, "sparse matmul " + spec.pattern().slug + " " + r.m() + "x" + r.n() + "x" + r.k()
                + (batch > 1 ? " x" + batch : ""), spec, result, List.of());
    }

    static Responses.Estimate conv2d(CostService service, Device device, Calibration cal, Format format, Convolution.Shape shape,
            Requests.Sparsity sparsity) {
        Double factor = service.catalog.accelerator(device.id(), "acceleratorId").structuredSparsityFactor();
        SparseGemm.Spec spec = spec(sparsity, device);
        SparseGemm.Result result = run(() -> Convolution.sparseForward(device, factor, cal, shape, format, spec));
        return answer(service, device, cal, format, "sparse conv2d " + spec.pattern().slug, spec, result,
                List.of("convolution as implicit GEMM: M = N·Hout·Wout, N = Cout, K = Cin/groups·kh·kw; the filter 2:4-sparse along K"));
    }

    private static SparseGemm.Result run(java.util.function.Supplier<SparseGemm.Result> estimate) {
        try {
            return estimate.get();
        } catch (SparseGemm.UnsupportedException e) {
            throw refusal(e);
        }
    }

    private static Responses.Estimate answer(CostService service, Device device, Calibration cal, Format format, String workload,
            SparseGemm.Spec spec, SparseGemm.Result result, List<String> more) {
        List<String> assumptions = service.baseAssumptions(device, cal);
        assumptions.addAll(more);
        assumptions.addAll(result.sparse().notes());
        Responses.Estimate estimate = service.estimate(device, cal, format, workload, result.sparse(), List.of(result.sparse()), null, null,
                assumptions, CATEGORY, 1);
        return estimate.withSparsity(new Responses.SparsityEstimate(spec.pattern().slug, spec.density(), spec.blockSize(), spec.kernel().slug,
                result.dense().cost().timeSeconds(), result.speedupOverDense(), result.weightBytesPerElement(), result.indexBytes(),
                result.breakEvenDensity(), result.calibrated()), band(estimate.expectedError(), result.calibrated(), device));
    }

    /** The request's sparsity as the model's: 2:4 keeps half, the kernel defaults to the vendor's library for the pattern. */
    static SparseGemm.Spec spec(Requests.Sparsity s, Device device) {
        SparseGemm.Pattern pattern = SparseGemm.Pattern.fromSlug(s.pattern()).orElseThrow();
        double density = s.density() != null ? s.density() : pattern == SparseGemm.Pattern.STRUCTURED_2_4 ? 0.5 : missingDensity();
        SparseGemm.Kernel kernel = s.kernel() == null ? SparseGemm.Kernel.defaultFor(pattern, device)
                : SparseGemm.Kernel.fromSlug(s.kernel()).orElseThrow();
        return new SparseGemm.Spec(pattern, density, s.blockSize(), kernel);
    }

    private static double missingDensity() {
        throw ApiException.invalidField("sparsity.density", "is required for block and unstructured sparsity: the fraction of B's elements kept, "
                + "in (0, 1]");
    }

    static ApiException refusal(SparseGemm.UnsupportedException e) {
        if (!e.deviceCannot) {
            return ApiException.invalidField(e.field, e.getMessage());
        }
        return new ApiException(422, "unsupported-sparsity", "Sparsity not supported here", e.getMessage(),
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
