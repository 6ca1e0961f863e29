package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The validation report: every ledger measurement the model can express, predicted against measured; the statistics per
 * category and per regime (a category on one architecture: the band an answer on that architecture quotes).
 */
@Schema(name = "ValidationReport")
public record Validation(List<Case> cases, List<Category> categories, List<Regime> regimes, List<Skipped> notExpressible) {
    static final String MEDIAN_ERROR = "Median absolute error over the hold-out cases (all cases when there are none), percent.";
    static final String P90_ERROR = "90th-percentile absolute error over the hold-out cases (all cases when there are none), percent.";
    static final String WORST_ERROR = "Largest absolute error over the hold-out cases (all cases when there are none), percent.";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ValidationCase")
    public record Case(String measurementId, String category, String description, String acceleratorId,
            @Schema(description = "The published value, in `unit` (e.g. TFLOP/s, seconds per iteration, tokens/s, GB).") double measured,
            @Schema(description = "The model's value for the same case, in `unit` like measured (e.g. TFLOP/s, seconds, GB).") double predicted, String unit,
            @Schema(description = "(predicted − measured) ÷ measured, percent.") double errorPercent,
            @Schema(description = "True when this measurement set a calibration constant (its error is not a test of the model).")
            boolean usedForCalibration, String assumption) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ValidationCategory")
    public record Category(String category,
            @Schema(description = "Number of cases in this category.") int cases,
            @Schema(description = "Number of cases that set no calibration constant (the honest test).") int holdOutCases,
            @Schema(description = MEDIAN_ERROR) double medianAbsoluteErrorPercent,
            @Schema(description = P90_ERROR) double p90AbsoluteErrorPercent,
            @Schema(description = WORST_ERROR) double worstAbsoluteErrorPercent,
            @Schema(description = "Statistics over hold-out cases when there are any, else over all cases.") String basis,
            @Schema(description = "How often a held-out measurement fell inside the band an answer would have quoted without it: for each "
                    + "hold-out case, whether its absolute error is within the 90th percentile of the other hold-out cases, as a fraction "
                    + "(0 to 1); absent with fewer than three hold-out cases.") Double bandCoverage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ValidationRegime", description = "A category's cases on one architecture: the band an estimate on that architecture "
            + "quotes when it has enough hold-out cases (ErrorBands.MIN_REGIME_HOLD_OUTS), and how often that band held.")
    public record Regime(String category,
            @Schema(description = "The catalog architecture of the cases' accelerators (Hopper, Blackwell, TPU v5p, …).") String architecture,
            @Schema(description = "Number of cases of this category on this architecture.") int cases,
            @Schema(description = "Number of those cases that set no calibration constant.") int holdOutCases,
            @Schema(description = MEDIAN_ERROR) double medianAbsoluteErrorPercent,
            @Schema(description = P90_ERROR) double p90AbsoluteErrorPercent,
            @Schema(description = WORST_ERROR) double worstAbsoluteErrorPercent,
            @Schema(description = "How often the measured value fell inside the band an answer in this regime quotes, each hold-out case "
                    + "left out of that band: the fraction (0 to 1) within the regime's own 90th percentile of the other cases when they are "
                    + "five or more, else within the category's 90th percentile of its other hold-out cases, else (the regime's only case) "
                    + "within the category's largest other error; absent without a hold-out case.") Double bandCoverage) {
    }

    @Schema(name = "ValidationSkipped")
    public record Skipped(String measurementId, String category, String reason) {
    }
}
