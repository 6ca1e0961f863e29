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
     * Device energy drawn from the grid (× PUE), its electricity cost and emissions, under the request's terms (at
     * {@code field}) or its region's (default us-average, PUE 1). Null without an energy figure (no TDP); the price or
     * intensity the region lacks is left absent, not zero.
     */
    public Energy.Electricity of(Double deviceJoules, Energy.Terms terms, String field) {
        if (deviceJoules == null) {
            return null;
        }
        Energy.Terms t = terms == null ? Energy.Terms.DEFAULT : terms;
        Energy.Region region = t.usdPerKwh() != null && t.gramsCo2ePerKwh() != null && t.region() == null ? null
                : region(t.region() == null ? DEFAULT_REGION : t.region(), field + ".region");
        double pue = t.pue() == null ? 1 : t.pue();
        double kwh = deviceJoules / 3.6e6 * pue;
        Double usdPerKwh = t.usdPerKwh() != null ? t.usdPerKwh() : region.electricity() == null ? null : region.electricity().usdPerKwh();
        Double grams = t.gramsCo2ePerKwh() != null ? t.gramsCo2ePerKwh() : region.grid() == null ? null : region.grid().gramsCo2ePerKwh();
        return new Energy.Electricity(kwh, pue, region == null ? null : region.id(), usdPerKwh, usdPerKwh == null ? null : kwh * usdPerKwh,
                grams, grams == null ? null : kwh * grams / 1000);
    }
}
