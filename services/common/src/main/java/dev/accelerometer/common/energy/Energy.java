package dev.accelerometer.common.energy;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Electricity and emissions of an answer's energy: the request's terms, the answer's figures, and the energy-region
 * table (energy-regions.json, each figure with the line it was read from) the defaults come from.
 */
public final class Energy {
    private Energy() {
    }

    /** An energy region id (energy-regions.json): lowercase words joined by hyphens, no dots. One pattern for every request field. */
    public static final String REGION_ID = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String REGION_MESSAGE = "must be an energy region id such as 'us-average'";

    @Schema(name = "EnergyTerms", description = "Where the electricity comes from: a region's sourced price and grid intensity, or the figures.")
    public record Terms(
            @Schema(description = "Energy region id (GET /v1/energy-regions on costing); its figures fill what is not given. Default us-average.",
                    example = "us-virginia")
            @Pattern(regexp = REGION_ID, message = REGION_MESSAGE) String region,
            @Schema(description = "Electricity price, US dollars per kWh.") @PositiveOrZero @DecimalMax("10") Double usdPerKwh,
            @Schema(description = "Grid carbon intensity, grams CO2e per kWh.") @PositiveOrZero @DecimalMax("2000") Double gramsCo2ePerKwh,
            @Schema(description = "Facility power usage effectiveness, a dimensionless ratio ≥ 1 (default 1).") @DecimalMin("1") @DecimalMax("5") Double pue) {
        public static final Terms DEFAULT = new Terms(null, null, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Electricity", description = "An answer's energy as electricity: drawn from the grid, its cost and its emissions.")
    public record Electricity(
            @Schema(description = "The energy upper bound × PUE, kWh.") double totalEnergyKwh,
            @Schema(description = "Facility power usage effectiveness used, a dimensionless ratio.") double pue,
            @Schema(description = "The energy region whose figures filled what the request did not give.") String region,
            @Schema(description = "Electricity price used, US dollars per kWh (absent when neither given nor known for the region).") Double usdPerKwh,
            @Schema(description = "The electricity cost, US dollars.") Double totalElectricityUsd,
            @Schema(description = "Grid carbon intensity used, grams CO2e per kWh (absent when unknown).") Double gramsCo2ePerKwh,
            @Schema(description = "The emissions, kilograms CO2e.") Double totalCo2eKilograms) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EnergySource")
    public record Source(String title, String url, String period, String retrievedOn, String note, String quote) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EnergyRegion", description = "A region's electricity price and grid carbon intensity, each with its source.")
    public record Region(String id, String name, RegionElectricity electricity, RegionGrid grid) {
    }

    @Schema(name = "RegionElectricity")
    public record RegionElectricity(
            @Schema(description = "Average price paid by the customer class, US dollars per kWh.") double usdPerKwh,
            @Schema(description = "Which customers paid it (commercial, industrial, non-household).") String customer,
            Source source) {
    }

    @Schema(name = "RegionGrid")
    public record RegionGrid(
            @Schema(description = "Grid carbon intensity, grams CO2e per kWh.") double gramsCo2ePerKwh,
            Source source) {
    }

    @Schema(name = "PueReference")
    public record Pue(String what, @Schema(description = "Power usage effectiveness, a dimensionless ratio.") double pue, Source source) {
    }

    @Schema(name = "LifetimeReference")
    public record Lifetime(String what, String value, Source source) {
    }

    @Schema(name = "EnergyRegions", description = "Electricity prices and grid intensities by region, and reference PUE and server lifetimes.")
    public record Regions(String note, List<Region> regions, List<Pue> pue, List<Lifetime> lifetime) {
    }
}
