package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.energy.Energy;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Owning against renting: the request and the answer (the energy-region table the defaults come from is common's Energy). */
public final class Ownership {
    private Ownership() {
    }

    @Schema(name = "OwnershipRequest", description = "Accelerators to buy (an accelerator and a count, or a catalog system), how long and how "
            + "much they will work, and what electricity costs — against renting the same useful hours from every cloud price in the "
            + "catalog.")
    public record Request(
            @Schema(description = "The accelerator to own; or give systemId.", example = "nvidia-rtx-4090")
            @Pattern(regexp = Requests.ID, message = Requests.ID_MESSAGE) String acceleratorId,
            @Schema(description = "A catalog system to own (its accelerator, count and list price); or give acceleratorId.", example = "nvidia-dgx-a100-40gb")
            @Pattern(regexp = Requests.ID, message = Requests.ID_MESSAGE) String systemId,
            @Schema(description = "Number of accelerators owned. Default: the system's accelerators, else 1.") @Positive @Max(1_000_000) Integer devices,
            @Schema(description = "What the machine costs to buy, US dollars. Default: the system's list price, else devices × the "
                    + "accelerator's list price + hostPriceUsd.") @Positive @DecimalMax("1e11") Double purchasePriceUsd,
            @Schema(description = "The host around the accelerators (CPU, board, memory, power supply, case), US dollars: required when "
                    + "the purchase price is derived from the accelerator's list price.", example = "1000")
            @PositiveOrZero @DecimalMax("1e10") Double hostPriceUsd,
            @Schema(description = "What the machine sells for at the end of its life, US dollars. Default 0 (stated).") @PositiveOrZero @DecimalMax("1e11") Double resaleUsd,
            @Schema(description = "Years of service, years. Default 5: the useful life Amazon uses for its AI servers since 2025 "
                    + "(Microsoft and Alphabet use 6 for servers in general).", defaultValue = "5") @Positive
            @jakarta.validation.constraints.DecimalMin(value = "0.01", message = "must be at least 0.01 years (about 3.7 days)") @DecimalMax("30") Double lifetimeYears,
            @Schema(description = "Fraction of the lifetime's hours the machine does useful work, in (0, 1].", example = "0.5")
            @NotNull @jakarta.validation.constraints.DecimalMin(value = "0.0001", message = "must be at least 0.0001 (a ten-thousandth of the hours)")
            @DecimalMax("1") Double utilization,
            @Schema(description = "Host power while working (CPU, memory, fans, network), watts; added to devices × TDP. Default 0: not "
                    + "counted (stated).", example = "150") @PositiveOrZero @DecimalMax("1e8") Double hostPowerWatts,
            @Schema(description = "The whole machine's power while idle, watts. Default 0: idle hours not counted (stated).", example = "60")
            @PositiveOrZero @DecimalMax("1e8") Double idlePowerWatts,
            @Schema(description = "Facility power usage effectiveness, a dimensionless ratio ≥ 1 (1.56: the industry average of Uptime "
                    + "Institute's 2024 survey; about 1.1 at hyperscalers). Default 1: an office or lab, no facility overhead (stated).",
                    defaultValue = "1") @DecimalMin("1") @DecimalMax("5") Double pue,
            @Schema(description = "Energy region (GET /v1/energy-regions) whose electricity price and grid intensity apply where "
                    + "electricityUsdPerKwh and gridGramsCo2ePerKwh are not given. Default us-average.", defaultValue = "us-average", example = "us-average")
            @Pattern(regexp = dev.accelerometer.common.energy.Energy.REGION_ID, message = dev.accelerometer.common.energy.Energy.REGION_MESSAGE)
            String region,
            @Schema(description = "Electricity price, US dollars per kWh; default the region's.", example = "0.1241") @PositiveOrZero @DecimalMax("10") Double electricityUsdPerKwh,
            @Schema(description = "Grid carbon intensity, grams CO2e per kWh; default the region's.") @PositiveOrZero @DecimalMax("2000") Double gridGramsCo2ePerKwh,
            @Schema(description = "Colocation, maintenance and other running costs per year, US dollars per year. Default 0 (stated).")
            @PositiveOrZero @DecimalMax("1e10") Double yearlyOperatingUsd,
            @Schema(description = "A model workload (a training run, a decode of N tokens) to price per run, owned and rented; its "
                    + "acceleratorId is ignored (the owned accelerator's is used).") Requests.ModelCost workload) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Ownership", description = "The lifetime cost of owning, per useful hour, and renting the same useful hours at each cloud price.")
    public record Result(
            String acceleratorId,
            String systemId,
            @Schema(description = "Number of accelerators owned.") int devices,
            @Schema(description = "Purchase price, US dollars.") double purchasePriceUsd,
            @Schema(description = "Where the purchase price came from.") String purchasePriceBasis,
            @Schema(description = "Resale value at the end, US dollars.") double resaleUsd,
            @Schema(description = "Years of service, years.") double lifetimeYears,
            @Schema(description = "Fraction of hours doing useful work (0 to 1).") double utilization,
            @Schema(description = "Hours in the lifetime, hours.") double lifetimeHours,
            @Schema(description = "Useful hours in the lifetime (lifetime hours × utilization), hours.") double usefulHours,
            @Schema(description = "Power while working: devices × TDP + host, watts.") double busyPowerWatts,
            @Schema(description = "Power while idle, watts.") double idlePowerWatts,
            @Schema(description = "Facility power usage effectiveness, a dimensionless ratio.") double pue,
            @Schema(description = "The energy region whose figures were used (absent when the request gave both).") String region,
            @Schema(description = "Electricity price used, US dollars per kWh.") double electricityUsdPerKwh,
            @Schema(description = "Grid carbon intensity used, grams CO2e per kWh (absent when unknown).") Double gridGramsCo2ePerKwh,
            @Schema(description = "Electricity drawn over the lifetime, PUE included, kWh.") double totalEnergyKwh,
            @Schema(description = "Electricity over the lifetime, US dollars.") double totalElectricityUsd,
            @Schema(description = "Emissions of that electricity over the lifetime, kilograms CO2e (absent without a grid intensity).") Double totalCo2eKilograms,
            @Schema(description = "Operating costs over the lifetime, US dollars.") double totalOperatingUsd,
            @Schema(description = "Purchase − resale + electricity + operating, over the lifetime, US dollars.") double totalOwnUsd,
            @Schema(description = "Owning per useful hour of the whole machine, US dollars per hour.") double ownUsdPerUsefulHour,
            @Schema(description = "Owning per useful hour of one accelerator, US dollars per device-hour.") double ownUsdPerUsefulDeviceHour,
            @Schema(description = "Renting the same useful hours at each cloud price in the catalog for this accelerator, cheapest first; "
                    + "empty when the catalog has none.") List<RentOption> rent,
            @Schema(description = "The workload priced per run, when one was given.") PerRun perRun,
            List<String> assumptions,
            @Schema(description = "Where the defaults used came from.") List<Energy.Source> sources) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RentOption")
    public record RentOption(
            @Schema(description = "Who rents it, and where.") String provider,
            @Schema(description = "on-demand, or spot (preemptible: cheaper, and the instance can be taken back).",
                    enumeration = {"on-demand", "spot"}) String tier,
            @Schema(description = "The provider's region the price is quoted for, where the catalog states it.") String region,
            @Schema(description = "The catalog system (cloud instance) the price is of; absent for a price per accelerator.") String systemId,
            @Schema(description = "The date the price was read.") String priceDate,
            @Schema(description = "Cloud price per accelerator-hour, US dollars per device-hour.") double usdPerDeviceHour,
            @Schema(description = "Renting the lifetime's useful hours, US dollars.") double totalRentUsd,
            @Schema(description = "Months of owning (at the utilization) after which owning has cost less, months; absent when renting "
                    + "costs less than owning's electricity and operating costs alone (owning never catches up).") Double breakEvenMonths,
            @Schema(description = "Owning costs less than renting over the whole lifetime (resale included).") boolean cheaperToOwn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OwnershipPerRun")
    public record PerRun(
            @Schema(description = "What the workload is.") String workload,
            @Schema(description = "Number of devices the workload runs on (a share of the owned machine).") int devices,
            @Schema(description = "The whole run's time on the owned accelerator, seconds.") double runTimeSeconds,
            @Schema(description = "The run on owned devices: device-hours × ownUsdPerUsefulDeviceHour, US dollars.") double ownUsd,
            @Schema(description = "The run rented at each price of `rent`, in the same order, US dollars.") List<Double> rentUsd,
            @Schema(description = "The run's energy at TDP, joules (absent without a TDP).") Double energyJoules) {
    }
}
