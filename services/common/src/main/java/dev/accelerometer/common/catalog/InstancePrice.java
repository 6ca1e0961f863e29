package dev.accelerometer.common.catalog;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cloud price per device-hour derived from the cheapest on-demand instance in the catalog that holds an
 * accelerator: instance price ÷ its accelerators. GPU clouds sell instances, not single devices, so the catalog prices
 * instances (systems of kind cloud-instance) and only a few accelerators (TPU chips) directly.
 */
public record InstancePrice(String acceleratorId, double usdPerDeviceHour, String systemId, String provider, double instanceUsdPerHour,
        int accelerators, String date, Double spotUsdPerDeviceHour, String region) {

    /** Every priced instance among the catalog's systems, cheapest per device-hour first. */
    public static List<InstancePrice> all(List<CatalogSystem> systems) {
        return systems.stream()
                .filter(s -> s.acceleratorId() != null && s.cloudPriceUsdPerHour() != null && s.totalAccelerators() != null && s.totalAccelerators() > 0)
                .map(s -> new InstancePrice(s.acceleratorId(), s.cloudPriceUsdPerHour() / s.totalAccelerators(), s.id(),
                        s.cloudPriceProvider() == null ? s.name() : s.cloudPriceProvider(), s.cloudPriceUsdPerHour(), s.totalAccelerators(),
                        s.cloudPriceDate(), s.cloudSpotPriceUsdPerHour() == null ? null : s.cloudSpotPriceUsdPerHour() / s.totalAccelerators(),
                        s.cloudRegion()))
                .sorted(Comparator.comparingDouble(InstancePrice::usdPerDeviceHour))
                .toList();
    }

    /** The cheapest priced instance per accelerator id, of {@link #all}'s list. */
    public static Map<String, InstancePrice> cheapestByAccelerator(List<InstancePrice> all) {
        Map<String, InstancePrice> cheapest = new HashMap<>();
        all.forEach(p -> cheapest.putIfAbsent(p.acceleratorId(), p));
        return cheapest;
    }

    /** The accelerator with this price when it has none of its own. */
    public static CatalogAccelerator priced(CatalogAccelerator a, Map<String, InstancePrice> prices) {
        InstancePrice price = prices.get(a.id());
        return a.cloudPriceUsdPerHour() != null || price == null ? a : a.withCloudPriceUsdPerHour(price.usdPerDeviceHour());
    }

    /** How the price was obtained, for an answer's assumptions. */
    public String note() {
        return "cloud price of " + acceleratorId + " " + cents(usdPerDeviceHour) + " USD per device-hour: the cheapest on-demand instance "
                + "in the catalog holding it, " + systemId + " (" + provider + ", " + cents(instanceUsdPerHour) + " USD/h for " + accelerators
                + (date == null ? "" : ", priced " + date) + ")";
    }

    /** Dollars to the cent, as 3.99 or 27.45 (concatenation: this note is on every priced estimate's hot path). */
    static String cents(double usd) {
        long cents = Math.round(usd * 100);
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }
}
