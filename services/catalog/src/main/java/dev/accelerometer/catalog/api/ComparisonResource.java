package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.catalog.domain.NumberFormat;
import dev.accelerometer.catalog.domain.Slug;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.catalog.store.DocumentStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/accelerator-comparison")
@Tag(name = "accelerators")
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {
    @Inject
    DocumentStore store;

    @GET
    @Operation(operationId = "compareAccelerators", summary = "Compare accelerators side by side",
            description = "Memory, bandwidth, peaks per format, power, prices and the derived figures of 2–20 accelerators, with the best device per metric.")
    public AcceleratorComparison compare(
            @Parameter(description = "Comma-separated accelerator ids (2 to 20).", example = "nvidia-a100-sxm-80gb,nvidia-h100-sxm,google-tpu-v5p") @QueryParam("ids") String ids,
            @Parameter(description = "Formats for the derived figures (default bf16).", example = "bf16,fp8") @QueryParam("formats") String formats) {
        List<String> idList = ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        List<FieldError> errors = new ArrayList<>();
        if (idList.size() < 2 || idList.size() > 20) {
            errors.add(new FieldError("ids", "must list 2 to 20 distinct accelerator ids, comma-separated; got " + idList.size()));
        }
        idList.stream().filter(id -> !Slug.isValid(id)).forEach(id -> errors.add(new FieldError("ids", "'" + id + "' " + Slug.MESSAGE)));
        List<NumberFormat> formatList = new ArrayList<>();
        for (String slug : (formats == null || formats.isBlank() ? "bf16" : formats).split(",")) {
            NumberFormat.fromSlug(slug.trim()).ifPresentOrElse(formatList::add,
                    () -> errors.add(new FieldError("formats", "'" + slug + "' is not a number format; use fp64, fp32, tf32, fp16, bf16, fp8, int8 or int4")));
        }
        if (errors.isEmpty()) {
            idList.stream().filter(id -> !store.exists(Collection.ACCELERATORS, id))
                    .forEach(id -> errors.add(new FieldError("ids", "names no accelerator in the catalog: '" + id + "'")));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        List<Accelerator> accelerators = idList.stream()
                .map(id -> store.live(Collection.ACCELERATORS, id))
                .map(entry -> store.read(entry, Accelerator.class).presented(entry.version))
                .toList();
        List<AcceleratorComparison.Row> rows = new ArrayList<>();
        rows.add(row("memoryBytes", "bytes", true, accelerators, a -> a.memoryBytes() == null ? null : a.memoryBytes().doubleValue()));
        rows.add(row("memoryBandwidthBytesPerSecond", "bytes/s", true, accelerators, Accelerator::memoryBandwidthBytesPerSecond));
        for (NumberFormat format : NumberFormat.values()) {
            String unit = format == NumberFormat.INT8 || format == NumberFormat.INT4 ? "op/s" : "FLOP/s";
            rows.add(row(Accelerator.peakField(format), unit, true, accelerators, a -> a.peak(format)));
        }
        rows.add(row("tdpWatts", "W", false, accelerators, Accelerator::tdpWatts));
        rows.add(row("listPriceUsd", "USD", false, accelerators, Accelerator::listPriceUsd));
        rows.add(row("cloudPriceUsdPerHour", "USD/h", false, accelerators, Accelerator::cloudPriceUsdPerHour));
        for (NumberFormat format : formatList) {
            String f = format.slug();
            rows.add(row("derived.ridgePointFlopsPerByte." + f, "FLOP/byte", null, accelerators, a -> a.derived().ridgePointFlopsPerByte().get(f)));
            rows.add(row("derived.flopsPerSecondPerWatt." + f, "FLOP/s per W", true, accelerators, a -> a.derived().flopsPerSecondPerWatt().get(f)));
            rows.add(row("derived.flopsPerSecondPerListPriceUsd." + f, "FLOP/s per USD", true, accelerators, a -> a.derived().flopsPerSecondPerListPriceUsd().get(f)));
            rows.add(row("derived.flopsPerSecondPerCloudUsdPerHour." + f, "FLOP/s per USD/h", true, accelerators, a -> a.derived().flopsPerSecondPerCloudUsdPerHour().get(f)));
        }
        rows.add(row("derived.memoryBytesPerListPriceUsd", "bytes per USD", true, accelerators, a -> a.derived().memoryBytesPerListPriceUsd()));
        rows.add(row("derived.memoryBytesPerCloudUsdPerHour", "bytes per USD/h", true, accelerators, a -> a.derived().memoryBytesPerCloudUsdPerHour()));
        return new AcceleratorComparison(accelerators, rows.stream().filter(r -> !r.values().isEmpty()).toList());
    }

    private static AcceleratorComparison.Row row(String metric, String unit, Boolean higherIsBetter, List<Accelerator> accelerators,
            Function<Accelerator, Double> value) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Accelerator a : accelerators) {
            Double v = value.apply(a);
            if (v != null) {
                values.put(a.id(), v);
            }
        }
        if (higherIsBetter == null || values.isEmpty()) {
            return new AcceleratorComparison.Row(metric, unit, higherIsBetter, values, null, null);
        }
        var best = values.entrySet().stream()
                .reduce((x, y) -> (higherIsBetter ? y.getValue() > x.getValue() : y.getValue() < x.getValue()) ? y : x)
                .orElseThrow();
        Map<String, Double> ratio = new LinkedHashMap<>();
        values.forEach((id, v) -> ratio.put(id, v / best.getValue()));
        return new AcceleratorComparison.Row(metric, unit, higherIsBetter, values, best.getKey(), ratio);
    }
}
