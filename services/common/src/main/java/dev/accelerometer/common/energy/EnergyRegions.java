package dev.accelerometer.common.energy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Electricity prices and grid carbon intensities by region (energy-regions.json, each figure with the line it was read
 * from), and what an answer's energy costs in electricity and emissions under given or regional terms.
 */
@ApplicationScoped
public class EnergyRegions {
    public static final String DEFAULT_REGION = "us-average";

    private final Energy.Regions table;
    private final Map<String, Energy.Region> byId;

    @Inject
    public EnergyRegions(ObjectMapper json) {
        try (InputStream in = EnergyRegions.class.getResourceAsStream("/energy-regions.json")) {
            table = json.readValue(in, Energy.Regions.class);
        } catch (IOException e) {
            throw new UncheckedIOException("energy-regions.json is unreadable", e);
        }
        byId = table.regions().stream().collect(Collectors.toMap(Energy.Region::id, Function.identity()));
    }

    public Energy.Regions table() {
        return table;
    }

    /** The region, or a 400 naming {@code field} and listing the ids. */
    public Energy.Region region(String id, String field) {
        Energy.Region region = byId.get(id);
        if (region == null) {
            throw ApiException.invalidField(field, "unknown energy region '" + id + "'; one of " + String.join(", ", byId.keySet().stream().sorted().toList()));
        }
        return region;
    }

    /**
     * Terms with the gaps filled: the given price, grid intensity and PUE, the region's figures for what is not given
     * (the region named, else us-average; none is looked up when both figures are given and no region is named), PUE 1
     * by default. A figure neither given nor in the region's table stays null, never zero.
     */
    public record Applied(Energy.Region region, double pue, Double usdPerKwh, Double gramsCo2ePerKwh) {
        /** The price came from the region's table. */
        public boolean regionalPrice(Energy.Terms terms) {
            return terms.usdPerKwh() == null && usdPerKwh != null;
        }

        /** The grid intensity came from the region's table. */
        public boolean regionalGrid(Energy.Terms terms) {
            return terms.gramsCo2ePerKwh() == null && gramsCo2ePerKwh != null;
        }
    }

    /** {@code terms} (null: all defaults) applied; an unknown region is a 400 naming {@code regionField}. */
    public Applied apply(Energy.Terms terms, String regionField) {
        Energy.Terms t = terms == null ? Energy.Terms.DEFAULT : terms;
        Energy.Region region = t.usdPerKwh() != null && t.gramsCo2ePerKwh() != null && t.region() == null ? null
                : region(t.region() == null ? DEFAULT_REGION : t.region(), regionField);
        Double usdPerKwh = t.usdPerKwh() != null ? t.usdPerKwh() : region.electricity() == null ? null : region.electricity().usdPerKwh();
        Double grams = t.gramsCo2ePerKwh() != null ? t.gramsCo2ePerKwh() : region.grid() == null ? null : region.grid().gramsCo2ePerKwh();
        return new Applied(region, t.pue() == null ? 1 : t.pue(), usdPerKwh, grams);
    }

    /**
     * Device energy drawn from the grid (× PUE), its electricity cost and emissions, under the request's terms (at
     * {@code field}) or its region's (default us-average, PUE 1). Null without an energy figure (no TDP); the price or
     * intensity the region lacks is left absent, not zero.
     */
    public Energy.Electricity of(Double deviceJoules, Energy.Terms terms, String field) {
        if (deviceJoules == null) {
            return null;
        }
        Applied a = apply(terms, field + ".region");
        double kwh = deviceJoules / 3.6e6 * a.pue();
        return new Energy.Electricity(kwh, a.pue(), a.region() == null ? null : a.region().id(), a.usdPerKwh(),
                a.usdPerKwh() == null ? null : kwh * a.usdPerKwh(), a.gramsCo2ePerKwh(),
                a.gramsCo2ePerKwh() == null ? null : kwh * a.gramsCo2ePerKwh() / 1000);
    }
}
