package dev.accelerometer.costing.api;

import dev.accelerometer.costing.client.Catalog;
import dev.accelerometer.costing.store.Calibrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the validation ledger and keeps the per-category error statistics that every estimate quotes as its expected
 * error. Recomputed at most every few minutes (the ledger and the catalog change rarely).
 */
@ApplicationScoped
public class ErrorBands {
    private static final Duration TTL = Duration.ofMinutes(5);

    @Inject
    Catalog catalog;
    @Inject
    Calibrations calibrations;

    private volatile Validation report;
    private volatile Instant computedAt = Instant.EPOCH;

    public Validation report() {
        Validation current = report;
        if (current != null && computedAt.plus(TTL).isAfter(Instant.now())) {
            return current;
        }
        return refresh();
    }

    public synchronized Validation refresh() {
        List<Validation.Skipped> skipped = new ArrayList<>();
        List<Validation.Case> cases = ValidationCases.run(catalog, calibrations, catalog.measurements(), skipped);
        Map<String, List<Validation.Case>> byCategory = new LinkedHashMap<>();
        cases.forEach(c -> byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        List<Validation.Category> categories = new ArrayList<>();
        byCategory.forEach((category, list) -> {
            List<Validation.Case> holdOut = list.stream().filter(c -> !c.usedForCalibration()).toList();
            List<Validation.Case> basis = holdOut.isEmpty() ? list : holdOut;
            double[] errors = basis.stream().mapToDouble(c -> Math.abs(c.errorPercent())).sorted().toArray();
            categories.add(new Validation.Category(category, list.size(), holdOut.size(), percentile(errors, 0.5), percentile(errors, 0.9),
                    errors[errors.length - 1], holdOut.isEmpty() ? "all cases (no hold-out case)" : "hold-out cases"));
        });
        report = new Validation(cases, categories, skipped);
        computedAt = Instant.now();
        return report;
    }

    /** The band for an estimate's category; when the ledger cannot be read the estimate still answers, without a band. */
    public Responses.ErrorBand forCategory(String category) {
        Validation current;
        try {
            current = report();
        } catch (RuntimeException e) {
            return new Responses.ErrorBand(category, 0, null, null, null, "validation ledger unavailable: " + e.getMessage());
        }
        return current.categories().stream().filter(c -> c.category().equals(category)).findFirst()
                .map(c -> c.holdOutCases() == 0
                        ? new Responses.ErrorBand(category, c.cases(), null, null, null,
                                "only calibration cases in the ledger for this regime: they reproduce the constants they set, so no error band is claimed")
                        : new Responses.ErrorBand(category, c.cases(), c.medianAbsoluteErrorPercent(), c.p90AbsoluteErrorPercent(),
                                c.worstAbsoluteErrorPercent(), "from GET /v1/validation (" + c.basis() + ")"))
                .orElse(new Responses.ErrorBand(category, 0, null, null, null, "no published measurement of this regime in the ledger yet"));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
