package dev.accelerometer.model.economics;

/**
 * Owning accelerators against renting them: the cost of a useful hour over a machine's life, and when renting the same
 * useful hours would have cost as much.
 *
 * <p>Owning costs the purchase less its resale at the end, the electricity of every hour (busy hours at the busy power,
 * the rest at the idle power, both times the facility's PUE) and a yearly operating cost (colocation, maintenance);
 * a useful hour is a lifetime hour times the utilisation. Renting costs the cloud price per device-hour for the same
 * useful hours only — an idle rented machine is returned — with its electricity included in the price.
 *
 * <p>Break-even is the month at which the rent paid so far exceeds the purchase plus the owner's running costs so far;
 * resale is left out of it (it is only realised at the end), so it is the later, cautious month. Dettmers' "Which GPU(s)
 * to get for deep learning" (2023) compares owning and renting the same way: purchase plus electricity at a
 * utilisation against cloud hours.
 */
public final class Ownership {
    /** Hours in a year: 365.25 days × 24 h. */
    public static final double HOURS_PER_YEAR = 365.25 * 24;
    /** Hours in a month: a twelfth of a year. */
    public static final double HOURS_PER_MONTH = HOURS_PER_YEAR / 12;

    private Ownership() {
    }

    /**
     * What owning costs.
     *
     * @param purchaseUsd         what the devices and their host cost to buy
     * @param resaleUsd           what they sell for at the end of their life
     * @param lifetimeYears       years of service
     * @param utilization         fraction of the lifetime's hours doing useful work, in (0, 1]
     * @param devices             accelerators owned (the unit of the per-device-hour figures)
     * @param busyPowerWatts      draw while working (devices at TDP plus the host)
     * @param idlePowerWatts      draw while idle
     * @param pue                 facility power usage effectiveness (≥ 1)
     * @param usdPerKwh           electricity price
     * @param gramsCo2ePerKwh     grid carbon intensity, or null when not asked for
     * @param yearlyOperatingUsd  colocation, maintenance and other running costs per year
     */
    public record Terms(double purchaseUsd, double resaleUsd, double lifetimeYears, double utilization, int devices,
            double busyPowerWatts, double idlePowerWatts, double pue, double usdPerKwh, Double gramsCo2ePerKwh,
            double yearlyOperatingUsd) {

        public Terms {
            require(purchaseUsd > 0 && Double.isFinite(purchaseUsd), "purchaseUsd must be positive");
            require(resaleUsd >= 0 && resaleUsd <= purchaseUsd, "resaleUsd must lie in [0, purchaseUsd]");
            require(lifetimeYears > 0 && lifetimeYears <= 30, "lifetimeYears must lie in (0, 30]");
            require(utilization > 0 && utilization <= 1, "utilization must lie in (0, 1]");
            require(devices >= 1, "devices must be at least 1");
            require(busyPowerWatts >= 0 && idlePowerWatts >= 0 && Double.isFinite(busyPowerWatts + idlePowerWatts), "power must be non-negative");
            require(pue >= 1 && pue <= 5, "pue must lie in [1, 5]");
            require(usdPerKwh >= 0 && Double.isFinite(usdPerKwh), "usdPerKwh must be non-negative");
            require(gramsCo2ePerKwh == null || gramsCo2ePerKwh >= 0 && Double.isFinite(gramsCo2ePerKwh), "gramsCo2ePerKwh must be non-negative");
            require(yearlyOperatingUsd >= 0 && Double.isFinite(yearlyOperatingUsd), "yearlyOperatingUsd must be non-negative");
        }

        double lifetimeHours() {
            return lifetimeYears * HOURS_PER_YEAR;
        }

        double usefulHours() {
            return lifetimeHours() * utilization;
        }
    }

    /**
     * The lifetime cost of owning.
     *
     * @param facilityKwh          electricity drawn from the grid over the lifetime (PUE included)
     * @param variableUsdPerUsefulHour electricity and operating cost per useful hour (what owning costs beyond the purchase)
     * @param usdPerUsefulHour     the whole lifetime's cost (purchase − resale + electricity + operating) per useful hour
     */
    public record Owned(double lifetimeHours, double usefulHours, double facilityKwh, double electricityUsd, Double co2eKilograms,
            double operatingUsd, double totalUsd, double variableUsdPerUsefulHour, double usdPerUsefulHour, double usdPerUsefulDeviceHour) {
    }

    /**
     * Renting the same useful hours at one price.
     *
     * @param usdForUsefulHours what the lifetime's useful hours cost rented
     * @param breakEvenMonths   months (at the utilisation) after which owning has cost less; null when renting never
     *                          costs more than owning's running costs alone
     * @param cheaperToOwn      owning costs less over the whole lifetime (resale included)
     */
    public record Rented(double usdPerDeviceHour, double usdForUsefulHours, Double breakEvenMonths, boolean cheaperToOwn) {
    }

    public static Owned own(Terms t) {
        double lifetimeHours = t.lifetimeHours();
        double usefulHours = t.usefulHours();
        double facilityKwh = (t.busyPowerWatts() * usefulHours + t.idlePowerWatts() * (lifetimeHours - usefulHours)) * t.pue() / 1000;
        double electricityUsd = facilityKwh * t.usdPerKwh();
        Double co2e = t.gramsCo2ePerKwh() == null ? null : facilityKwh * t.gramsCo2ePerKwh() / 1000;
        double operatingUsd = t.yearlyOperatingUsd() * t.lifetimeYears();
        double totalUsd = t.purchaseUsd() - t.resaleUsd() + electricityUsd + operatingUsd;
        double perUsefulHour = totalUsd / usefulHours;
        return new Owned(lifetimeHours, usefulHours, facilityKwh, electricityUsd, co2e, operatingUsd, totalUsd,
                (electricityUsd + operatingUsd) / usefulHours, perUsefulHour, perUsefulHour / t.devices());
    }

    public static Rented rent(Terms t, Owned owned, double usdPerDeviceHour) {
        require(usdPerDeviceHour > 0 && Double.isFinite(usdPerDeviceHour), "usdPerDeviceHour must be positive");
        double rentPerUsefulHour = usdPerDeviceHour * t.devices();
        double saving = rentPerUsefulHour - owned.variableUsdPerUsefulHour();
        Double months = saving <= 0 ? null : t.purchaseUsd() / saving / (HOURS_PER_MONTH * t.utilization());
        double usd = rentPerUsefulHour * owned.usefulHours();
        return new Rented(usdPerDeviceHour, usd, months, owned.totalUsd() < usd);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
