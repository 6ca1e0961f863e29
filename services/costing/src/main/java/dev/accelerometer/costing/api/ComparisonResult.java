package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.store.Retention;
import java.time.Instant;
import java.util.List;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved comparison: one entry per accelerator that can run the workload, with rankings. */
@Schema(name = "Comparison")
public record ComparisonResult(UUID id, Instant createdAt, List<Entry> entries, List<Skipped> skipped,
        @Schema(description = "Accelerator ids fastest first.") List<String> byTime,
        @Schema(description = "Cheapest first at the catalog's cloud price (devices without one are left out).") List<String> byCost,
        @Schema(description = "Least energy first (TDP × time).") List<String> byEnergy,
        @Schema(description = "Who owns the saved comparison and how long it is kept.") Retention retention) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ComparisonEntry")
    public record Entry(String acceleratorId, String acceleratorName,
            @Schema(description = "Estimated time of the workload, seconds.") double timeSeconds,
            @Schema(description = "Achieved throughput, FLOP/s.") double achievedFlopsPerSecond,
            @Schema(description = "Achieved ÷ peak FLOP/s, a fraction (0 to 1).") double utilization, String bound,
            @Schema(description = "Upper bound at TDP, joules.") Double energyJoules,
            @Schema(description = "At the cloud price, US dollars.") Double costUsd,
            @Schema(description = "The accelerator's list price, US dollars.") Double listPriceUsd,
            @Schema(description = "On-demand cloud price per device-hour, US dollars: the accelerator's own, or the cheapest catalog "
                    + "instance holding it divided by its accelerators (the estimate's assumptions name the instance).") Double cloudPriceUsdPerHour,
            @Schema(description = "Achieved FLOP/s per list-price dollar.") Double flopsPerSecondPerListPriceUsd,
            @Schema(description = "Achieved FLOP/s per cloud dollar-hour.") Double flopsPerSecondPerCloudUsdPerHour,
            @Schema(description = "This accelerator's estimate in full.") Responses.Estimate estimate) {
    }

    @Schema(name = "ComparisonSkipped")
    public record Skipped(String acceleratorId, String reason) {
    }

    @Schema(name = "ComparisonSummary", description = "A saved comparison as the list shows it.")
    public record Summary(UUID id, Instant createdAt, String workload,
            @Schema(description = "Number of accelerators compared.") int accelerators,
            @Schema(description = "The fastest accelerator's id (absent when none could run the workload).") String fastestAcceleratorId) {
    }

    public static Entry entry(Responses.Estimate e, Double listPriceUsd, Double cloudPriceUsdPerHour) {
        Double perList = listPriceUsd == null ? null : e.achievedFlopsPerSecond() / listPriceUsd;
        Double perCloud = cloudPriceUsdPerHour == null ? null : e.achievedFlopsPerSecond() / cloudPriceUsdPerHour;
        return new Entry(e.acceleratorId(), e.acceleratorName(), e.timeSeconds(), e.achievedFlopsPerSecond(), e.utilization(),
                e.bound(), e.energyJoules(), e.costUsd(), listPriceUsd, cloudPriceUsdPerHour, perList, perCloud, e);
    }

    public static ComparisonResult rank(UUID id, Instant at, List<Entry> entries, List<Skipped> skipped, Retention retention) {
        return new ComparisonResult(id, at, entries, skipped, order(entries, Entry::timeSeconds), order(entries, Entry::costUsd),
                order(entries, Entry::energyJoules), retention);
    }

    private static List<String> order(List<Entry> entries, Function<Entry, Double> key) {
        return entries.stream().filter(e -> key.apply(e) != null).sorted(Comparator.comparing(key)).map(Entry::acceleratorId).toList();
    }
}
