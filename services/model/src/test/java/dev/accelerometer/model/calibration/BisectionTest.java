package dev.accelerometer.model.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BisectionTest {
    @Test
    void findsTheCrossingToRelativePrecisionAcrossDecades() {
        // x² crosses 2e-6 at √2·10⁻³ and 2e6 at √2·10³: the same 60 steps find both to 1e-12 of their size.
        assertEquals(Math.sqrt(2e-6), Bisection.geometric(1e-6, 1e6, 60, x -> x * x > 2e-6), 1e-12 * Math.sqrt(2e-6));
        assertEquals(Math.sqrt(2e6), Bisection.geometric(1e-6, 1e6, 60, x -> x * x > 2e6), 1e-12 * Math.sqrt(2e6));
    }

    @Test
    void aCrossingOutsideTheIntervalEndsAtItsEdge() {
        assertEquals(4.0, Bisection.geometric(0.01, 4.0, 80, x -> false), 1e-12);
        assertEquals(0.01, Bisection.geometric(0.01, 4.0, 80, x -> true), 1e-12);
    }

    @Test
    void refusesAnIntervalItCannotHalveGeometrically() {
        assertThrows(IllegalArgumentException.class, () -> Bisection.geometric(0, 1, 10, x -> true));
        assertThrows(IllegalArgumentException.class, () -> Bisection.geometric(2, 1, 10, x -> true));
    }
}
