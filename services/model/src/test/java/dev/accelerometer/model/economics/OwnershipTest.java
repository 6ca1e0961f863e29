package dev.accelerometer.model.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Owning against renting, checked against the arithmetic written out by hand. The case: one RTX 4090 workstation —
 * the card at its $1,599 launch price (the catalog's list price) plus a $1,000 host — for 3 years at half utilisation,
 * drawing 450 W (the card's TDP) + 150 W (host) busy and 60 W idle, in an office (PUE 1), at $0.1241/kWh (EIA, US
 * average commercial price 2022), 367.4 gCO₂e/kWh (EIA, US average 2023), resold for $500, no operating costs.
 */
class OwnershipTest {
    private static final Ownership.Terms WORKSTATION = new Ownership.Terms(2599, 500, 3, 0.5, 1, 600, 60, 1.0, 0.1241, 367.4, 0);

    @Test
    void ownershipCostsThePurchaseLessResalePlusEveryHoursElectricity() {
        Ownership.Owned owned = Ownership.own(WORKSTATION);
        double hours = 3 * 8766.0;                 // 26,298 h in three years
        double useful = hours / 2;                 // 13,149 useful hours
        double kwh = (600 * useful + 60 * useful) / 1000; // 8,678.34 kWh
        assertEquals(hours, owned.lifetimeHours(), 1e-9);
        assertEquals(useful, owned.usefulHours(), 1e-9);
        assertEquals(kwh, owned.facilityKwh(), 1e-9);
        assertEquals(kwh * 0.1241, owned.electricityUsd(), 1e-9);          // $1,076.98
        assertEquals(kwh * 367.4 / 1000, owned.co2eKilograms(), 1e-9);      // 3,188 kg
        assertEquals(2599 - 500 + kwh * 0.1241, owned.totalUsd(), 1e-9);    // $3,175.98
        assertEquals(owned.totalUsd() / useful, owned.usdPerUsefulHour(), 1e-12); // $0.2415 per useful hour
    }

    @Test
    void breakEvenIsWhenRentPaidExceedsThePurchasePlusRunningCosts() {
        Ownership.Owned owned = Ownership.own(WORKSTATION);
        // Renting a 4090 at $0.69 per hour (a marketplace price, for the arithmetic only).
        Ownership.Rented rented = Ownership.rent(WORKSTATION, owned, 0.69);
        double variable = owned.electricityUsd() / owned.usefulHours();   // $0.0819 per useful hour
        double usefulHoursPerMonth = 8766.0 / 12 * 0.5;                    // 365.25 useful hours a month
        assertEquals(2599 / (0.69 - variable) / usefulHoursPerMonth, rented.breakEvenMonths(), 1e-9); // 11.7 months
        assertEquals(0.69 * owned.usefulHours(), rented.usdForUsefulHours(), 1e-9);               // $9,072.81
        assertTrue(rented.cheaperToOwn());
    }

    @Test
    void aRentCheaperThanTheElectricityNeverBreaksEven() {
        Ownership.Owned owned = Ownership.own(WORKSTATION);
        Ownership.Rented rented = Ownership.rent(WORKSTATION, owned, 0.05);
        assertNull(rented.breakEvenMonths());
        assertFalse(rented.cheaperToOwn());
    }

    @Test
    void facilityOverheadAndDevicesScaleTheFigures() {
        Ownership.Terms server = new Ownership.Terms(300_000, 0, 5, 0.8, 8, 8 * 700 + 2000, 1500, 1.56, 0.0815, null, 20_000);
        Ownership.Owned owned = Ownership.own(server);
        double useful = 5 * 8766.0 * 0.8;
        double kwh = ((8 * 700 + 2000) * useful + 1500 * (5 * 8766.0 - useful)) * 1.56 / 1000;
        assertEquals(kwh, owned.facilityKwh(), 1e-6);
        assertNull(owned.co2eKilograms());
        assertEquals(300_000 + kwh * 0.0815 + 100_000, owned.totalUsd(), 1e-6);
        assertEquals(owned.usdPerUsefulHour() / 8, owned.usdPerUsefulDeviceHour(), 1e-12);
    }

    @Test
    void impossibleTermsAreRefusedNamingTheTerm() {
        assertEquals("utilization must lie in (0, 1]", assertThrows(IllegalArgumentException.class,
                () -> new Ownership.Terms(1000, 0, 3, 0, 1, 100, 0, 1, 0.1, null, 0)).getMessage());
        assertEquals("resaleUsd must lie in [0, purchaseUsd]", assertThrows(IllegalArgumentException.class,
                () -> new Ownership.Terms(1000, 2000, 3, 0.5, 1, 100, 0, 1, 0.1, null, 0)).getMessage());
        assertEquals("pue must lie in [1, 5]", assertThrows(IllegalArgumentException.class,
                () -> new Ownership.Terms(1000, 0, 3, 0.5, 1, 100, 0, 0.9, 0.1, null, 0)).getMessage());
    }
}
