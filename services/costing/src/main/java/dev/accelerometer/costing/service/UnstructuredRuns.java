package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.SparseGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Published unstructured SpMM runs by Sputnik (catalog ledger sparsek-06 … -10, sputnik-01 … -79 on an RTX 3090; uns-30 … -37
 * on a V100) as validation cases, and the ledger's derivation of the kernel's rate per SM per clock
 * ({@link SparseGemm.UnstructuredRate#derive}). A run is measured as the sparse kernel's time (µs), as a speed-up over the source's
 * own dense baseline (predicted as that baseline's time over the modelled sparse time: the sources' cuBLAS ran with fp16
 * accumulation, twice the catalog's GeForce peak), or as the density at which the source saw sparse and dense break even
 * (predicted as the modelled speed-up at that density, 1 when right). Runs the rate is derived from are predicted with the
 * rate re-derived without them (leave-one-out): every case is a hold-out.
 */
public final class UnstructuredRuns {
    /** The validation regime of unstructured kernels, apart from 2:4 (its band is its own). */
    static final String CATEGORY = "sparse_unstructured";

    enum Measured { TIME_MICROSECONDS, SPEEDUP_OVER_SOURCE_DENSE, BREAK_EVEN }

    record Run(String id, String acceleratorId, long m, long n, long k, Format format, double density, Measured measured,
            Double sparseMicroseconds, Double sourceDenseMicroseconds, boolean derivation) {
    }

    private UnstructuredRuns() {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"sparse_gemm".equals(m.category()) || in == null || m.value() == null || !"unstructured".equals(in.get("sparsity"))
                || !String.valueOf(in.get("kernel")).toLowerCase(Locale.ROOT).startsWith("sputnik")) {
            return Optional.empty();
        }
        Optional<GemmInputs> gemm = GemmInputs.of(in);
        if (gemm.isEmpty() || !(in.get("density") instanceof Number density) || in.get("hardware") == null) {
            return Optional.empty();
        }
        GemmInputs g = gemm.get();
        Double sparseMs = in.get("sparseTimeMs") instanceof Number t ? t.doubleValue() : null;
        Double denseMs = in.get("denseTimeMs") instanceof Number t ? t.doubleValue() : null;
        String metric = String.valueOf(in.get("metric")).toLowerCase(Locale.ROOT);
        Measured measured;
        if ("us".equals(m.unit())) {
            measured = Measured.TIME_MICROSECONDS;
            sparseMs = m.value() / 1e3;
        } else if (m.unit() != null && m.unit().startsWith("x") && metric.contains("break-even")) {
            measured = Measured.BREAK_EVEN;
        } else if (m.unit() != null && m.unit().startsWith("x") && sparseMs != null && denseMs != null) {
            measured = Measured.SPEEDUP_OVER_SOURCE_DENSE;
        } else {
            return Optional.empty();
        }
        boolean derivation = sparseMs != null && ("high".equals(m.confidence()) || "medium".equals(m.confidence()));
        return Optional.of(new Run(m.id(), String.valueOf(in.get("hardware")), g.m(), g.n(), g.k(), g.format(), density.doubleValue(),
                measured, sparseMs == null ? null : sparseMs * 1e3, denseMs == null ? null : denseMs * 1e3, derivation));
    }

    /** The (density, implied rate per SM per clock) of every derivation run on a catalog device, by id. */
    public static Map<String, double[]> derivationPoints(CatalogCache catalog, Calibrating calibrating, List<CatalogMeasurement> ledger) {
        Map<String, double[]> points = new TreeMap<>();
        for (CatalogMeasurement m : ledger) {
            Optional<Run> run = run(m).filter(Run::derivation);
            if (run.isEmpty()) {
                continue;
            }
            Run r = run.get();
            ValidationCases.catalogDevice(catalog, r.acceleratorId()).ifPresent(device -> points.put(r.id(), new double[] {r.density(),
                    SparseGemm.impliedUnstructuredRate(device, calibrating.of(device), r.m(), r.n(), r.k(), r.format(), r.density(),
                            r.sparseMicroseconds() / 1e6)}));
        }
        return points;
    }

    /** The rate derived from the points, without {@code without} (null: all). */
    public static SparseGemm.UnstructuredRate rate(Map<String, double[]> points, String without) {
        List<double[]> kept = new ArrayList<>();
        points.forEach((id, p) -> {
            if (!id.equals(without)) {
                kept.add(p);
            }
        });
        return SparseGemm.UnstructuredRate.derive(kept);
    }

    /** The break-even statement SparseGemm.VOLTA_UNSTRUCTURED_SCALE is derived from (the Sputnik paper's Fig. 1 caption, V100 fp32). */
    public static final String VOLTA_SCALE_CALIBRATION = "uns-30";

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m, Map<String, double[]> points) {
        boolean voltaShare = VOLTA_SCALE_CALIBRATION.equals(m.id());
        return run(m).map(r -> new ValidationCases.Spec(CATEGORY, r.acceleratorId(), voltaShare,
                String.format(Locale.ROOT, "%d×%d×%d %s, B unstructured at density %.3g, sputnik; %s", r.m(), r.n(), r.k(), r.format().slug(),
                        r.density(), points.containsKey(r.id()) ? "rate re-derived without this case (leave-one-out)"
                                : voltaShare ? "the case Volta's share of the rate is derived from" : "held out of the rate's derivation"),
                (d, c, cat) -> predict(d, c, r, rate(points, r.id()))));
    }

    static double predict(Device device, Calibration cal, Run r, SparseGemm.UnstructuredRate rate) {
        SparseGemm.Spec spec = new SparseGemm.Spec(SparseGemm.Pattern.UNSTRUCTURED, r.density(), null, SparseGemm.Kernel.SPUTNIK);
        SparseGemm.Result result = SparseGemm.estimateUnstructured(device, cal, r.m(), r.n(), r.k(), 1, r.format(), spec,
                SparseGemm.unstructuredRate(rate, device.architecture()));
        double sparseMicroseconds = result.sparse().timeSeconds() * 1e6;
        return switch (r.measured()) {
            case TIME_MICROSECONDS -> sparseMicroseconds;
            case SPEEDUP_OVER_SOURCE_DENSE -> r.sourceDenseMicroseconds() / sparseMicroseconds;
            case BREAK_EVEN -> result.speedupOverDense();
        };
    }
}
