package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.costing.api.Validation;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the validation ledger and keeps the per-category error statistics that every estimate quotes as its expected
 * error. Computed in the background a second after startup — running the whole ledger takes seconds, which the first
 * estimate (and every planner or quantization answer quoting a band) waited for — and renewed every five minutes (the ledger
 * and the catalog change rarely); a request before the first run completes waits for it, and {@code GET /v1/validation}
 * recomputes it on demand.
 */
@ApplicationScoped
public class ErrorBands {
    private static final Logger LOG = Logger.getLogger(ErrorBands.class);

    @Inject
    CatalogCache catalog;
    @Inject
    Calibrations calibrations;

    private volatile Validation report;
    private volatile ReportKey reportKey;

    /** The last report; computed on first use, then renewed in the background, so no estimate waits for the ledger. */
    public Validation report() {
        Validation current = report;
        return current != null ? current : refresh();
    }

    /**
     * Runs the ledger off the request path a second after startup, then every few minutes (catalog and ledger edits reach the bands
     * within that); a catalog not yet reachable leaves the first report to the first request.
     */
    @Scheduled(every = "5m", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debugf("validation ledger not renewed (the last report stays in use): %s", e);
        }
    }

    /**
     * The ledger's report, computed again only when the catalog (its cache's generation: a measurement, device or model changed) or the
     * calibration table changed since the last one: the report is a function of those, and running all of it takes seconds (every
     * serving run is a simulation), so each GET /v1/validation and each background renewal re-ran it for nothing.
     */
    public synchronized Validation refresh() {
        ReportKey key = new ReportKey(catalog.generation(), calibrations.table());
        if (report == null || !key.equals(reportKey)) {
            report = report(Calibrating.table(key.table()), null);
            reportKey = key;
        }
        return report;
    }

    /** What a report was computed from: the catalog cache's generation (read before the run) and the calibration table. */
    private record ReportKey(long catalogGeneration, dev.accelerometer.model.calibration.CalibrationTable table) {
    }

    /**
     * The ledger under {@code calibrating}, only the cases on {@code accelerators} when given (a calibration profile's view);
     * not kept as the bands every answer quotes.
     */
    public Validation report(Calibrating calibrating, java.util.Set<String> accelerators) {
        List<Validation.Skipped> skipped = new ArrayList<>();
        List<Validation.Case> cases = ValidationCases.run(catalog, calibrating, catalog.measurements(), skipped);
        if (accelerators != null) {
            cases = cases.stream().filter(c -> accelerators.contains(c.acceleratorId())).toList();
            skipped = List.of();
        }
        Map<String, List<Validation.Case>> byCategory = new LinkedHashMap<>();
        cases.forEach(c -> byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        List<Validation.Category> categories = new ArrayList<>();
        Map<String, Statistics> categoryStatistics = new LinkedHashMap<>();
        byCategory.forEach((category, list) -> {
            Statistics s = Statistics.of(list);
            categoryStatistics.put(category, s);
            categories.add(new Validation.Category(category, list.size(), s.holdOuts(), s.median(), s.p90(), s.worst(),
                    s.holdOuts() == 0 ? "all cases (no hold-out case)" : "hold-out cases", coverage(s.holdOut())));
        });
        // Regimes: each category's cases on one architecture (an accelerator the catalog no longer has: "unknown").
        Map<List<String>, List<Validation.Case>> byRegime = new LinkedHashMap<>();
        cases.forEach(c -> byRegime.computeIfAbsent(List.of(c.category(), architecture(c.acceleratorId())), k -> new ArrayList<>()).add(c));
        List<Validation.Regime> regimes = new ArrayList<>();
        byRegime.forEach((key, list) -> {
            Statistics s = Statistics.of(list);
            regimes.add(new Validation.Regime(key.get(0), key.get(1), list.size(), s.holdOuts(), s.median(), s.p90(), s.worst(),
                    quotedCoverage(s.holdOut(), categoryStatistics.get(key.get(0)).holdOut())));
        });
        return new Validation(cases, categories, regimes, skipped);
    }

    /** A group's error statistics over its hold-out cases (all cases when it has none), and those hold-out cases. */
    private record Statistics(List<Validation.Case> holdOut, double median, double p90, double worst) {
        static Statistics of(List<Validation.Case> group) {
            List<Validation.Case> holdOut = group.stream().filter(c -> !c.usedForCalibration()).toList();
            double[] errors = absoluteErrors(holdOut.isEmpty() ? group : holdOut);
            return new Statistics(holdOut, Calibrator.percentile(errors, 0.5), Calibrator.percentile(errors, 0.9), errors[errors.length - 1]);
        }

        int holdOuts() {
            return holdOut.size();
        }
    }

    private static double[] absoluteErrors(List<Validation.Case> cases) {
        return cases.stream().mapToDouble(c -> Math.abs(c.errorPercent())).sorted().toArray();
    }

    private String architecture(String acceleratorId) {
        try {
            return java.util.Objects.requireNonNullElse(catalog.device(acceleratorId, "acceleratorId").architectureName(), "unknown");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The band for an estimate's category; when the ledger cannot be read the estimate still answers, without a band. */
    public ErrorBand forCategory(String category) {
        Validation current;
        try {
            current = report();
        } catch (RuntimeException e) {
            return new ErrorBand(category, 0, null, null, null, "validation ledger unavailable: " + e.getMessage());
        }
        return current.categories().stream().filter(c -> c.category().equals(category)).findFirst()
                .map(c -> c.holdOutCases() == 0
                        ? new ErrorBand(category, c.cases(), null, null, null,
                                "only calibration cases in the ledger for this regime: they reproduce the constants they set, so no error band is claimed")
                        : new ErrorBand(category, c.cases(), c.medianAbsoluteErrorPercent(), c.p90AbsoluteErrorPercent(),
                                c.worstAbsoluteErrorPercent(), "from GET /v1/validation (" + c.basis() + ")"))
                .orElse(new ErrorBand(category, 0, null, null, null, "no published measurement of this regime in the ledger yet"));
    }

    /**
     * A regime needs this many hold-out cases on an architecture before its own band replaces the category's: below it the
     * 90th percentile is one or two cases' error.
     */
    public static final int MIN_REGIME_HOLD_OUTS = 5;

    /**
     * The band for an estimate of {@code category} on an architecture: the regime's own when it has
     * {@link #MIN_REGIME_HOLD_OUTS} hold-out cases there; the category's when it has fewer (said so), widened to the largest
     * error of those few where it exceeds the category's p90; widened to the category's largest hold-out error when the
     * architecture has no validated case of the category at all — an answer in a regime nothing has tested is not claimed to
     * be as good as the typical tested one.
     */
    public ErrorBand forRegime(String category, String architecture) {
        ErrorBand general = forCategory(category);
        if (architecture == null || general.p90AbsoluteErrorPercent() == null) {
            return general;
        }
        Validation.Regime regime = report().regimes().stream().filter(r -> r.category().equals(category) && r.architecture().equals(architecture))
                .findFirst().orElse(null);
        int holdOuts = regime == null ? 0 : regime.holdOutCases();
        if (holdOuts >= MIN_REGIME_HOLD_OUTS) {
            return new ErrorBand(category, regime.cases(), regime.medianAbsoluteErrorPercent(), regime.p90AbsoluteErrorPercent(),
                    regime.worstAbsoluteErrorPercent(), "from GET /v1/validation: the " + holdOuts + " hold-out cases of " + category + " on "
                            + architecture + " (regimes)");
        }
        if (holdOuts == 0) {
            return new ErrorBand(category, general.cases(), general.medianAbsoluteErrorPercent(), general.worstAbsoluteErrorPercent(),
                    general.worstAbsoluteErrorPercent(), "no validated " + category + " case on " + architecture + ": the band is widened to the "
                            + "category's largest hold-out error (GET /v1/validation)");
        }
        // Too few to stand for the architecture, but evidence about it: where they did worse than the category's band, the band is
        // their largest error, not the category's p90, which they already exceed.
        double regimeWorst = regime.worstAbsoluteErrorPercent();
        boolean widened = regimeWorst > general.p90AbsoluteErrorPercent();
        return new ErrorBand(category, general.cases(), general.medianAbsoluteErrorPercent(),
                widened ? regimeWorst : general.p90AbsoluteErrorPercent(), Math.max(general.worstAbsoluteErrorPercent(), regimeWorst),
                "from GET /v1/validation: only " + holdOuts + " hold-out case" + (holdOuts == 1 ? "" : "s") + " of " + category + " on "
                        + architecture + ", so the category's band" + (widened ? String.format(java.util.Locale.ROOT, ", widened to their "
                        + "largest error (%.1f %%), above the category's p90", regimeWorst) : "") + " (GET /v1/validation)");
    }

    /** The band of every regime the ledger covers (what planner and quantization quote for their own estimates). */
    public List<ErrorBand> all() {
        return report().categories().stream().map(c -> forCategory(c.category())).toList();
    }

    /**
     * How often a regime's measured value fell inside the band an answer in that regime quotes ({@link #forRegime}), each
     * hold-out case left out of the band it is judged against: the regime's own 90th percentile of the others while they
     * number {@link #MIN_REGIME_HOLD_OUTS} or more, else the category's 90th percentile of its other hold-out cases or the
     * regime's other cases' largest error, whichever is larger, else (no other case in the regime) the category's largest
     * other error. Null without a hold-out case, or when the category
     * has no other one to quote.
     */
    static Double quotedCoverage(List<Validation.Case> regimeHoldOuts, List<Validation.Case> categoryHoldOuts) {
        int inside = 0;
        int judged = 0;
        for (Validation.Case c : regimeHoldOuts) {
            double[] regime = absoluteErrors(regimeHoldOuts.stream().filter(o -> o != c).toList());
            double[] category = absoluteErrors(categoryHoldOuts.stream().filter(o -> o != c).toList());
            if (category.length == 0) {
                continue;
            }
            double band = regime.length >= MIN_REGIME_HOLD_OUTS ? Calibrator.percentile(regime, 0.9)
                    : regime.length > 0 ? Math.max(Calibrator.percentile(category, 0.9), regime[regime.length - 1])
                    : category[category.length - 1];
            judged++;
            if (Math.abs(c.errorPercent()) <= band) {
                inside++;
            }
        }
        return judged == 0 ? null : (double) inside / judged;
    }

    /**
     * Leave-one-out coverage of the quoted band: the share of hold-out cases whose absolute error is within the 90th
     * percentile of the other hold-out cases' (what an answer in this regime would have said without that case); null
     * with fewer than three hold-out cases.
     */
    static Double coverage(List<Validation.Case> holdOut) {
        if (holdOut.size() < 3) {
            return null;
        }
        int inside = 0;
        for (Validation.Case c : holdOut) {
            double[] others = holdOut.stream().filter(o -> o != c).mapToDouble(o -> Math.abs(o.errorPercent())).sorted().toArray();
            if (Math.abs(c.errorPercent()) <= Calibrator.percentile(others, 0.9)) {
                inside++;
            }
        }
        return (double) inside / holdOut.size();
    }
}
