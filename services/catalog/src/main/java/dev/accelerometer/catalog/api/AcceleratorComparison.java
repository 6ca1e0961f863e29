package dev.accelerometer.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.catalog.domain.Accelerator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Several accelerators side by side: each metric with every device's value, the best one and the ratio to it. */
@Schema(name = "AcceleratorComparison")
public record AcceleratorComparison(
        List<Accelerator> accelerators,
        @Schema(description = "One row per metric, in the order a buyer reads them.") List<Row> metrics) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ComparisonRow")
    public record Row(
            @Schema(example = "peakBf16FlopsPerSecond") String metric,
            @Schema(example = "FLOP/s") String unit,
            @Schema(description = "Whether a larger value is better; absent where neither is (ridge point).") Boolean higherIsBetter,
            @Schema(description = "Accelerator id -> value in this row's `unit` (e.g. FLOP/s, bytes, watts, USD); devices without the value are absent.") Map<String, Double> values,
            @Schema(description = "Id of the best device for this metric.") String best,
            @Schema(description = "Accelerator id -> value ÷ best value, a dimensionless ratio.") Map<String, Double> ratioToBest) {
    }
}
