package dev.accelerometer.common.costing;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How far off the model has been in one regime (gemm, attention, training, decode), from the costing service's
 * validation against the published-measurement ledger. Served with every costing estimate and by
 * {@code GET /v1/error-bands}, which planner and quantization read to quote the band of their own estimates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ErrorBand", description = "How far off the model has been in this regime, from GET /v1/validation.")
public record ErrorBand(String category,
        @Schema(description = "Number of ledger cases in this regime.") int cases,
        @Schema(description = "Median absolute error over the hold-out cases (all cases when there are none), percent.") Double medianAbsoluteErrorPercent,
        @Schema(description = "90th-percentile absolute error over the hold-out cases (all cases when there are none), percent.") Double p90AbsoluteErrorPercent,
        @Schema(description = "Largest absolute error over the hold-out cases (all cases when there are none), percent.") Double worstAbsoluteErrorPercent,
        String note) {
}
