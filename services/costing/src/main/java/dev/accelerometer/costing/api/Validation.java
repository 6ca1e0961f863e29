package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The validation report: every ledger measurement the model can express, predicted against measured. */
@Schema(name = "ValidationReport")
public record Validation(List<Case> cases, List<Category> categories, List<Skipped> notExpressible) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ValidationCase")
    public record Case(String measurementId, String category, String description, String acceleratorId, double measured,
            double predicted, String unit,
            @Schema(description = "(predicted − measured) ÷ measured, percent.") double errorPercent,
            @Schema(description = "True when this measurement set a calibration constant (its error is not a test of the model).")
            boolean usedForCalibration, String assumption) {
    }

    @Schema(name = "ValidationCategory")
    public record Category(String category, int cases, int holdOutCases, double medianAbsoluteErrorPercent,
            double p90AbsoluteErrorPercent, double worstAbsoluteErrorPercent,
            @Schema(description = "Statistics over hold-out cases when there are any, else over all cases.") String basis) {
    }

    @Schema(name = "ValidationSkipped")
    public record Skipped(String measurementId, String category, String reason) {
    }
}
