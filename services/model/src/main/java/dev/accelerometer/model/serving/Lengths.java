package dev.accelerometer.model.serving;

import java.util.SplittableRandom;

/**
 * A distribution of token counts (prompt or output lengths): fixed, uniform between two bounds, log-normal with a mean
 * and a shape (σ of the log, cut at a maximum), or the i-th entry of a trace.
 */
public sealed interface Lengths {
    /** The length of request {@code i}, at least 1. */
    int sample(SplittableRandom random, int i);

    /** The longest length this distribution can give. */
    int max();

    /** The expected length. */
    double mean();

    record Fixed(int tokens) implements Lengths {
        public int sample(SplittableRandom random, int i) {
            return tokens;
        }

        public int max() {
            return tokens;
        }

        public double mean() {
            return tokens;
        }
    }

    record Uniform(int min, int maxTokens) implements Lengths {
        public int sample(SplittableRandom random, int i) {
            return min + random.nextInt(maxTokens - min + 1);
        }

        public int max() {
            return maxTokens;
        }

        public double mean() {
            return (min + maxTokens) / 2.0;
        }
    }

    /** Log-normal with mean {@code meanTokens} and log-σ {@code sigma} (μ = ln mean − σ²/2), clipped to [1, maxTokens]. */
    record LogNormal(double meanTokens, double sigma, int maxTokens) implements Lengths {
        public int sample(SplittableRandom random, int i) {
            double mu = Math.log(meanTokens) - sigma * sigma / 2;
            double value = Math.exp(mu + sigma * gaussian(random));
            return (int) Math.max(1, Math.min(maxTokens, Math.round(value)));
        }

        public int max() {
            return maxTokens;
        }

        public double mean() {
            return meanTokens;
        }

        private static double gaussian(SplittableRandom random) {
            // Box–Muller on two uniforms in (0, 1].
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /** The i-th entry of a trace, cycling when more requests are simulated than it holds. */
    record Trace(int[] tokens) implements Lengths {
        public int sample(SplittableRandom random, int i) {
            return tokens[i % tokens.length];
        }

        public int max() {
            return java.util.Arrays.stream(tokens).max().orElse(1);
        }

        public double mean() {
            return java.util.Arrays.stream(tokens).average().orElse(1);
        }
    }
}
