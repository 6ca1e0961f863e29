package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogSystem;
import dev.accelerometer.common.energy.Energy;
import dev.accelerometer.common.energy.EnergyRegions;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.costing.api.Ownership;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.model.economics.Ownership.Owned;
import dev.accelerometer.model.economics.Ownership.Rented;
import dev.accelerometer.model.economics.Ownership.Terms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Owning accelerators against renting them ({@link dev.accelerometer.model.economics.Ownership} does the arithmetic):
 * the purchase from the catalog's list prices or the request, electricity and emissions from the request or an energy
 * region (energy-regions.json, every figure with its source), rent from every cloud price the catalog holds for the
 * accelerator, and a workload's run priced both ways.
 */
@ApplicationScoped
public class OwnershipService {
    /** Amazon's useful life for its AI servers from 2025 (energy-regions.json, lifetime[0]); Microsoft and Alphabet use 6 for servers in general. */
    static final double DEFAULT_LIFETIME_YEARS = 5;

    @Inject
    EnergyRegions regions;
    @Inject
    CatalogCache catalog;
    @Inject
    CostService costs;
    @Inject
    Validator validator;

    public Energy.Regions regions() {
        return regions.table();
    }

    public Ownership.Result estimate(Ownership.Request r) {
        if ((r.acceleratorId() == null) == (r.systemId() == null)) {
            throw ApiException.invalidField("acceleratorId", "give either acceleratorId or systemId, not both or neither");
        }
        List<String> assumptions = new ArrayList<>();
        List<Energy.Source> sources = new ArrayList<>();
        CatalogSystem system = r.systemId() == null ? null : catalog.system(r.systemId(), "systemId");
        String acceleratorId = system == null ? r.acceleratorId() : system.acceleratorId();
        if (acceleratorId == null) {
            throw ApiException.invalidField("systemId", "names a system without an accelerator; give acceleratorId");
        }
        CatalogAccelerator accelerator = catalog.accelerator(acceleratorId, system == null ? "acceleratorId" : "systemId");
        int devices = r.devices() != null ? r.devices()
                : system != null && system.totalAccelerators() != null ? system.totalAccelerators() : 1;

        double purchase;
        String basis;
        if (r.purchasePriceUsd() != null) {
            purchase = r.purchasePriceUsd();
            basis = "given";
        } else if (system != null && system.listPriceUsd() != null && r.devices() == null) {
            purchase = system.listPriceUsd();
            basis = "list price of " + system.id() + " (catalog" + (system.listPriceDate() == null ? "" : ", " + system.listPriceDate()) + ")";
        } else if (accelerator.listPriceUsd() != null) {
            if (r.hostPriceUsd() == null) {
                throw missing("hostPriceUsd", "is required to price the machine from " + acceleratorId
                        + "'s list price (the host — CPU, board, memory, power supply — costs too; 0 if it is already owned), or give purchasePriceUsd");
            }
            purchase = devices * accelerator.listPriceUsd() + r.hostPriceUsd();
            basis = devices + " × list price of " + acceleratorId + " (catalog" + (accelerator.listPriceDate() == null ? "" : ", " + accelerator.listPriceDate())
                    + ") + hostPriceUsd";
        } else {
            throw missing("purchasePriceUsd", "is required: the catalog has no list price for "
                    + (system != null ? system.id() + " or " : "") + acceleratorId + " (fill listPriceUsd in the catalog, or give the price)");
        }
        double resale = r.resaleUsd() == null ? 0 : r.resaleUsd();
        if (r.resaleUsd() == null) {
            assumptions.add("no resale value (give resaleUsd)");
        }
        if (resale > purchase) {
            throw ApiException.invalidField("resaleUsd", "must not exceed the purchase price " + Math.round(purchase) + " USD");
        }
        double lifetime = r.lifetimeYears() == null ? DEFAULT_LIFETIME_YEARS : r.lifetimeYears();
        if (r.lifetimeYears() == null) {
            assumptions.add("lifetime 5 years: the useful life Amazon uses for its AI servers since 2025 (Microsoft and Alphabet: 6 for servers)");
            regions.table().lifetime().stream().limit(1).forEach(l -> sources.add(l.source()));
        }

        if (accelerator.tdpWatts() == null) {
            throw missing(system == null ? "acceleratorId" : "systemId", "the catalog has no tdpWatts for " + acceleratorId
                    + ", so its electricity cannot be counted; fill tdpWatts in the catalog");
        }
        double busy;
        if (r.hostPowerWatts() == null && system != null && system.systemPowerWatts() != null && r.devices() == null) {
            busy = system.systemPowerWatts();
            assumptions.add("working power: " + system.id() + "'s maximum system power (catalog), an upper bound");
        } else {
            busy = devices * accelerator.tdpWatts() + (r.hostPowerWatts() == null ? 0 : r.hostPowerWatts());
            assumptions.add(r.hostPowerWatts() == null ? "host power not counted: only the accelerators at TDP while working (give hostPowerWatts)"
                    : "working power: the accelerators at TDP (an upper bound) + hostPowerWatts");
        }
        double idle = r.idlePowerWatts() == null ? 0 : r.idlePowerWatts();
        if (r.idlePowerWatts() == null && r.utilization() < 1) {
            assumptions.add("idle hours draw nothing (give idlePowerWatts)");
        }
        Energy.Terms given = new Energy.Terms(r.region(), r.electricityUsdPerKwh(), r.gridGramsCo2ePerKwh(), r.pue());
        EnergyRegions.Applied energy = regions.apply(given, "region");
        Energy.Region region = energy.region();
        if (r.pue() == null) {
            assumptions.add("PUE 1: no facility overhead, as in an office (give pue; the industry average is 1.56)");
        }
        if (energy.usdPerKwh() == null) {
            throw missing("electricityUsdPerKwh", "is required: energy region " + region.id() + " has no electricity price in the table");
        }
        double usdPerKwh = energy.usdPerKwh();
        if (energy.regionalPrice(given)) {
            assumptions.add("electricity " + usdPerKwh + " USD/kWh: " + region.name() + ", " + region.electricity().customer() + " customers, "
                    + region.electricity().source().period());
            sources.add(region.electricity().source());
        }
        Double grams = energy.gramsCo2ePerKwh();
        if (energy.regionalGrid(given)) {
            sources.add(region.grid().source());
        } else if (grams == null) {
            assumptions.add("no grid intensity for " + region.id() + ": emissions left out (give gridGramsCo2ePerKwh)");
        }
        double yearly = r.yearlyOperatingUsd() == null ? 0 : r.yearlyOperatingUsd();
        if (r.yearlyOperatingUsd() == null) {
            assumptions.add("no colocation, maintenance or staff costs (give yearlyOperatingUsd)");
        }

        Terms terms = new Terms(purchase, resale, lifetime, r.utilization(), devices, busy, idle, energy.pue(), usdPerKwh, grams, yearly);
        Owned owned = dev.accelerometer.model.economics.Ownership.own(terms);
        List<Ownership.RentOption> rent = rentOptions(accelerator, terms, owned);
        if (rent.isEmpty()) {
            assumptions.add("the catalog has no cloud price for " + acceleratorId + ": nothing to compare with");
        }
        return new Ownership.Result(acceleratorId, system == null ? null : system.id(), devices, purchase, basis, resale, lifetime, r.utilization(),
                owned.lifetimeHours(), owned.usefulHours(), busy, idle, energy.pue(), region == null ? null : region.id(), usdPerKwh, grams,
                owned.facilityKwh(), owned.electricityUsd(), owned.co2eKilograms(), owned.operatingUsd(), owned.totalUsd(),
                owned.usdPerUsefulHour(), owned.usdPerUsefulDeviceHour(), rent, perRun(r.workload(), acceleratorId, owned, rent), assumptions, sources);
    }

    /** 422 naming the request or catalog field to fill. */
    private static ApiException missing(String field, String message) {
        return ApiException.missingFact(field + " " + message, field, message);
    }

    private static final String ON_DEMAND = "on-demand";

    private List<Ownership.RentOption> rentOptions(CatalogAccelerator a, Terms terms, Owned owned) {
        List<Ownership.RentOption> options = new ArrayList<>();
        if (a.cloudPriceUsdPerHour() != null) {
            options.add(option(a.cloudPriceProvider() == null ? "cloud price of " + a.id() : a.cloudPriceProvider(), ON_DEMAND, null, null,
                    a.cloudPriceDate(), a.cloudPriceUsdPerHour(), terms, owned));
        }
        for (InstancePrice p : catalog.instancePrices(a.id())) {
            options.add(option(p.provider(), ON_DEMAND, p.region(), p.systemId(), p.date(), p.usdPerDeviceHour(), terms, owned));
            if (p.spotUsdPerDeviceHour() != null) {
                options.add(option(p.provider(), "spot", p.region(), p.systemId(), p.date(), p.spotUsdPerDeviceHour(), terms, owned));
            }
        }
        options.sort(Comparator.comparingDouble(Ownership.RentOption::usdPerDeviceHour));
        return options;
    }

    private static Ownership.RentOption option(String provider, String tier, String region, String systemId, String date, double usdPerDeviceHour,
            Terms terms, Owned owned) {
        Rented rented = dev.accelerometer.model.economics.Ownership.rent(terms, owned, usdPerDeviceHour);
        return new Ownership.RentOption(provider, tier, region, systemId, date, usdPerDeviceHour, rented.usdForUsefulHours(), rented.breakEvenMonths(),
                rented.cheaperToOwn());
    }

    private Ownership.PerRun perRun(Requests.ModelCost workload, String acceleratorId, Owned owned, List<Ownership.RentOption> rent) {
        if (workload == null) {
            return null;
        }
        Requests.ModelCost onOwned = workload.on(acceleratorId);
        List<Problem.Violation> violations = validator.validate(onOwned).stream()
                .map(v -> new Problem.Violation("workload." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::path)).toList();
        if (!violations.isEmpty()) {
            throw new ApiException(400, "invalid-request", "Invalid request", violations.get(0).path() + " " + violations.get(0).message(), violations);
        }
        Responses.Estimate estimate;
        try {
            estimate = costs.model(onOwned);
        } catch (ApiException e) {
            throw new ApiException(e.status, e.typeSlug, e.title, e.getMessage(),
                    e.violations.stream().map(v -> new Problem.Violation("workload." + v.path(), v.message())).toList());
        }
        int devices = workload.devices() == null ? 1 : workload.devices();
        double seconds = estimate.runTimeSeconds() != null ? estimate.runTimeSeconds() : estimate.timeSeconds();
        double deviceHours = seconds / 3600 * devices;
        return new Ownership.PerRun(estimate.workload(), devices, seconds, deviceHours * owned.usdPerUsefulDeviceHour(),
                rent.stream().map(o -> deviceHours * o.usdPerDeviceHour()).toList(),
                estimate.runEnergyJoules() != null ? estimate.runEnergyJoules() : estimate.energyJoules());
    }
}
