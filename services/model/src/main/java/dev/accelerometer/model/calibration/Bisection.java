package dev.accelerometer.model.calibration;

import java.util.function.DoublePredicate;

/**
 * Geometric bisection over a positive quantity that spans decades (a kernel's share of a rate, a clock, a density): where a
 * model's answer is monotone in a constant, the value of the constant at which it crosses a measurement. Each step halves the
 * interval's ratio, not its width, so the same number of steps is as precise at 10⁻⁴ as at 4.
 */
public final class Bisection {
    private Bisection() {
    }

    /**
     * The point in [{@code lo}, {@code hi}] where {@code above} turns true, to {@code steps} halvings of the ratio hi/lo:
     * {@code above(x)} must be false below the crossing and true over it (the crossing lies below every x it holds for).
     */
    public static double geometric(double lo, double hi, int steps, DoublePredicate above) {
        if (!(lo > 0 && hi > lo)) {
            throw new IllegalArgumentException("a geometric bisection needs 0 < lo < hi; got " + lo + ", " + hi);
        }
        for (int i = 0; i < steps; i++) {
            double mid = Math.sqrt(lo * hi);
            if (above.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.sqrt(lo * hi);
    }
}
