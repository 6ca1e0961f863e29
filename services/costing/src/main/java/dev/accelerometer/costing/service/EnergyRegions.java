package dev.accelerometer.costing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.api.Ownership;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
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
 * from), and what a run's energy costs in electricity and emissions under given or regional terms.
 */
@ApplicationScoped
public class EnergyRegions {
    public static final String DEFAULT_REGION = "us-average";

    private final Ownership.Regions table;
    private final Map<String, Ownership.Region> byId;

    @Inject
    public EnergyRegions(ObjectMapper json) {
        try (InputStream in = EnergyRegions.class.getResourceAsStream("/energy-regions.json")) {
            table = json.readValue(in, Ownership.Regions.class);
        } catch (IOException e) {
            throw new UncheckedIOException("energy-regions.json is unreadable", e);
        }
        byId = table.regions().stream().collect(Collectors.toMap(Ownership.Region::id, Function.identity()));
    }

    public Ownership.Regions table() {
        return table;
    }

    /** The region, or a 400 naming {@code field} and listing the ids. */
    public Ownership.Region region(String id, String field) {
        Ownership.Region region = byId.get(id);
        if (region == null) {
            throw ApiException.invalidField(field, "unknown energy region '" + id + "'; one of " + String.join(", ", byId.keySet().stream().sorted().toList()));
        }
        return region;
    }

    /**
     * A run's device energy drawn from the grid (× PUE), its electricity cost and emissions, under the request's terms or
     * its region's (default us-average, PUE 1). Null without an energy figure (no TDP); the price or intensity the region
     * lacks is left absent, not zero.
     */
    public Responses.Electricity of(Double deviceJoules, Requests.EnergyTerms terms) {
        if (deviceJoules == null) {
            return null;
        }
        Requests.EnergyTerms t = terms == null ? new Requests.EnergyTerms(null, null, null, null) : terms;
        Ownership.Region region = t.usdPerKwh() != null && t.gramsCo2ePerKwh() != null && t.region() == null ? null
                : region(t.region() == null ? DEFAULT_REGION : t.region(), "energy.region");
        double pue = t.pue() == null ? 1 : t.pue();
        double kwh = deviceJoules / 3.6e6 * pue;
        Double usdPerKwh = t.usdPerKwh() != null ? t.usdPerKwh() : region.electricity() == null ? null : region.electricity().usdPerKwh();
        Double grams = t.gramsCo2ePerKwh() != null ? t.gramsCo2ePerKwh() : region.grid() == null ? null : region.grid().gramsCo2ePerKwh();
        return new Responses.Electricity(kwh, pue, region == null ? null : region.id(), usdPerKwh, usdPerKwh == null ? null : kwh * usdPerKwh,
                grams, grams == null ? null : kwh * grams / 1000);
    }
}
