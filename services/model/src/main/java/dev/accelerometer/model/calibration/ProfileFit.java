package dev.accelerometer.model.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Fits an architecture's calibration to a user's own measurements: maximum a-posteriori estimation of each parameter's
 * log multiplier θ (value = default × e^θ) by iteratively reweighted Gauss–Newton on
 * <pre>  Σᵢ ρ((ln measuredᵢ − ln predictedᵢ(θ)) / σᵢ) + ½ Σⱼ (θⱼ / τⱼ)²</pre>
 * with Huber's ρ (k = 1.345, the 95 %-efficiency constant of Huber 1964 / Holland &amp; Welsch 1977) so one bad measurement
 * cannot drag the fit, and a Gaussian prior of width τⱼ around the default calibration so a measurement moves only the
 * parameters its prediction depends on, and those only as far as its noise σᵢ allows against the prior. Predictions come
 * from the model itself (each observation's predictor), so the fitted constants stay physical: shares of the datasheet
 * peaks, bounded by 1.
 *
 * <p>Uncertainty is the Laplace approximation (the inverse of the Gauss–Newton Hessian at the optimum); leave-one-out
 * errors use the linearised formula rᵢ / (1 − hᵢᵢ) with the hat matrix of the final step (exact for a linear model, no
 * refits, so a 100-measurement profile fits in milliseconds).
 */
public final class ProfileFit {
    /** Huber's tuning constant: 95 % efficiency under Gaussian noise. */
    static final double HUBER_K = 1.345;
    /** Central-difference step in log space. */
    static final double STEP = 0.02;
    /**
     * A measurement informs a parameter when a 1 % change of the parameter moves its prediction by at least 0.05 %
     * (|∂ln predicted / ∂θ| ≥ 0.05): below that the measurement says nothing the prior does not.
     */
    public static final double INFORMS = 0.05;
    static final int MAX_ITERATIONS = 30;
    /** Lowest log multiplier: a constant at 1 % of its default is a broken measurement, not a slow machine. */
    static final double LOWEST_THETA = Math.log(0.01);

    private ProfileFit() {
    }

    /** One measurement: what was measured (positive, in the unit its predictor returns) and the model's prediction under a calibration. */
    public record Observation(String id, double measured, double sigmaLog, ToDoubleFunction<Calibration> predictor) {
    }

    /** How far a parameter may move a priori: the log-space standard deviation and where it comes from. */
    public record Prior(double sigmaLog, String source) {
    }

    /** A fitted parameter: its default and new value, the log-space standard deviation, the measurements that moved it. */
    public record Fitted(CalibrationParameter parameter, double defaultValue, double value, double sigmaLog, boolean informed,
            boolean atBound, Prior prior, List<String> movedBy) {

        public double multiplier() {
            return value / defaultValue;
        }
    }

    /** One measurement before and after: the default prediction, the fitted one, and the fit without it (leave one out). */
    public record Residual(String id, double measured, double predictedBefore, double predictedAfter, double predictedLeaveOneOut,
            double weight) {

        public double errorBeforePercent() {
            return 100 * (predictedBefore / measured - 1);
        }

        public double errorAfterPercent() {
            return 100 * (predictedAfter / measured - 1);
        }

        public double errorLeaveOneOutPercent() {
            return 100 * (predictedLeaveOneOut / measured - 1);
        }
    }

    /** The fit: the calibration to use, every parameter asked, every measurement, and whether the iteration converged. */
    public record Result(Calibration calibration, List<Fitted> parameters, List<Residual> residuals, int iterations, boolean converged) {

        public double medianErrorBeforePercent() {
            return median(residuals.stream().mapToDouble(r -> Math.abs(r.errorBeforePercent())));
        }

        public double medianErrorLeaveOneOutPercent() {
            return median(residuals.stream().mapToDouble(r -> Math.abs(r.errorLeaveOneOutPercent())));
        }

        public double p90ErrorBeforePercent() {
            return p90(residuals.stream().mapToDouble(r -> Math.abs(r.errorBeforePercent())));
        }

        public double p90ErrorLeaveOneOutPercent() {
            return p90(residuals.stream().mapToDouble(r -> Math.abs(r.errorLeaveOneOutPercent())));
        }

        private static double median(java.util.stream.DoubleStream values) {
            return Calibrator.percentile(values.sorted().toArray(), 0.5);
        }

        private static double p90(java.util.stream.DoubleStream values) {
            return Calibrator.percentile(values.sorted().toArray(), 0.9);
        }
    }

    /** Parameters asked for by name that no measurement informs, or more parameters than measurements. */
    public static final class NotIdentifiable extends RuntimeException {
        public final transient Set<CalibrationParameter> uninformed;

        NotIdentifiable(Set<CalibrationParameter> uninformed, String message) {
            super(message);
            this.uninformed = uninformed;
        }
    }

    /** A measurement the model gives no finite positive prediction for. */
    public static final class Unpredictable extends RuntimeException {
        public final String id;

        Unpredictable(String id, String message) {
            super(message);
            this.id = id;
        }
    }

    /**
     * Fits {@code asked} (every parameter when empty: then those no measurement informs keep their defaults) to the
     * observations, starting from {@code base}; {@code priors} must name every parameter asked.
     */
    public static Result fit(Calibration base, List<Observation> observations, Map<CalibrationParameter, Prior> priors,
            Set<CalibrationParameter> asked, String source) {
        boolean explicit = !asked.isEmpty();
        Set<CalibrationParameter> candidates = explicit ? EnumSet.copyOf(asked) : EnumSet.allOf(CalibrationParameter.class);
        List<CalibrationParameter> all = List.copyOf(candidates);
        int n = observations.size();
        double[] logMeasured = new double[n];
        double[] before = new double[n];
        for (int i = 0; i < n; i++) {
            logMeasured[i] = Math.log(observations.get(i).measured());
            before[i] = predict(observations.get(i), base);
        }
        // Sensitivities at the defaults decide which parameters the measurements inform.
        double[][] sensitivity = jacobian(base, observations, all, new double[all.size()], before);
        List<CalibrationParameter> free = new ArrayList<>();
        Set<CalibrationParameter> uninformed = EnumSet.noneOf(CalibrationParameter.class);
        for (int j = 0; j < all.size(); j++) {
            if (maxAbs(sensitivity, j) >= INFORMS) {
                free.add(all.get(j));
            } else {
                uninformed.add(all.get(j));
            }
        }
        if (explicit && !uninformed.isEmpty()) {
            throw new NotIdentifiable(uninformed, "no measurement informs " + slugs(uninformed));
        }
        if (explicit && n < free.size()) {
            throw new NotIdentifiable(EnumSet.noneOf(CalibrationParameter.class), free.size() + " parameters asked from " + n
                    + " measurements: give at least as many measurements as parameters");
        }
        int q = free.size();
        double[] tau = new double[q];
        double[] upper = new double[q];
        for (int j = 0; j < q; j++) {
            CalibrationParameter p = free.get(j);
            tau[j] = priors.get(p).sigmaLog();
            upper[j] = Math.log(p.upperBound() / p.value(base));
        }
        double[] theta = new double[q];
        double[] predicted = before.clone();
        double[] weights = new double[n];
        double[][] covariance = null;
        int iterations = 0;
        boolean converged = q == 0;
        double objective = objective(observations, logMeasured, predicted, theta, tau);
        while (q > 0 && iterations < MAX_ITERATIONS) {
            iterations++;
            double[][] jac = jacobian(base, observations, free, theta, predicted);
            double[][] a = new double[q][q];
            double[] g = new double[q];
            normalEquations(observations, logMeasured, predicted, jac, theta, tau, weights, a, g);
            double[] delta = solve(a, g);
            double step = 1;
            double[] next = theta;
            double[] nextPredicted = predicted;
            double nextObjective = objective;
            for (int tries = 0; tries < 12; tries++, step /= 2) {
                double[] candidate = new double[q];
                for (int j = 0; j < q; j++) {
                    candidate[j] = Math.max(LOWEST_THETA, Math.min(upper[j], theta[j] + step * delta[j]));
                }
                double[] p = predictAll(observations, at(base, free, candidate, source));
                double o = objective(observations, logMeasured, p, candidate, tau);
                if (o <= objective) {
                    next = candidate;
                    nextPredicted = p;
                    nextObjective = o;
                    break;
                }
            }
            double moved = 0;
            for (int j = 0; j < q; j++) {
                moved = Math.max(moved, Math.abs(next[j] - theta[j]));
            }
            theta = next;
            predicted = nextPredicted;
            objective = nextObjective;
            if (moved < 1e-6) {
                converged = true;
                break;
            }
        }
        // Curvature, weights and hat matrix at the optimum.
        double[] leaveOneOut = predicted.clone();
        if (q > 0) {
            double[][] jac = jacobian(base, observations, free, theta, predicted);
            double[][] a = new double[q][q];
            normalEquations(observations, logMeasured, predicted, jac, theta, tau, weights, a, new double[q]);
            covariance = invert(a);
            for (int i = 0; i < n; i++) {
                double s = observations.get(i).sigmaLog();
                double h = weights[i] / (s * s) * quadratic(jac[i], covariance);
                double r = logMeasured[i] - Math.log(predicted[i]);
                leaveOneOut[i] = Math.exp(logMeasured[i] - r / Math.max(1e-9, 1 - h));
            }
        } else {
            Arrays.fill(weights, 1);
        }
        Calibration fitted = at(base, free, theta, source);
        List<Fitted> parameters = new ArrayList<>();
        for (int j = 0; j < all.size(); j++) {
            CalibrationParameter p = all.get(j);
            int k = free.indexOf(p);
            List<String> movedBy = movedBy(observations, sensitivity, j);
            parameters.add(k < 0
                    ? new Fitted(p, p.value(base), p.value(base), priors.get(p).sigmaLog(), false, false, priors.get(p), List.of())
                    : new Fitted(p, p.value(base), p.value(fitted), Math.sqrt(covariance[k][k]), true, theta[k] >= upper[k] - 1e-12,
                            priors.get(p), movedBy));
        }
        List<Residual> residuals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            residuals.add(new Residual(observations.get(i).id(), observations.get(i).measured(), before[i], predicted[i], leaveOneOut[i],
                    q == 0 ? 1 : weights[i]));
        }
        return new Result(fitted, parameters, residuals, iterations, converged);
    }

    /** The calibration with each free parameter at default × e^θ. */
    static Calibration at(Calibration base, List<CalibrationParameter> free, double[] theta, String source) {
        Calibration c = base;
        for (int j = 0; j < free.size(); j++) {
            CalibrationParameter p = free.get(j);
            c = p.with(c, p.value(base) * Math.exp(theta[j]), source);
        }
        return c;
    }

    private static double predict(Observation o, Calibration c) {
        double value;
        try {
            value = o.predictor().applyAsDouble(c);
        } catch (RuntimeException e) {
            throw new Unpredictable(o.id(), o.id() + ": the model cannot predict it (" + e.getMessage() + ")");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new Unpredictable(o.id(), o.id() + ": the model gives no finite positive prediction for it");
        }
        return value;
    }

    private static double[] predictAll(List<Observation> observations, Calibration c) {
        double[] out = new double[observations.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(observations.get(i), c);
        }
        return out;
    }

    /** ∂ ln predicted / ∂θ by central differences, per observation and parameter. */
    private static double[][] jacobian(Calibration base, List<Observation> observations, List<CalibrationParameter> params, double[] theta,
            double[] predicted) {
        int n = observations.size();
        double[][] jac = new double[n][params.size()];
        for (int j = 0; j < params.size(); j++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += STEP;
            down[j] -= STEP;
            Calibration cu = at(base, params, up, "");
            Calibration cd = at(base, params, down, "");
            for (int i = 0; i < n; i++) {
                jac[i][j] = (Math.log(predict(observations.get(i), cu)) - Math.log(predict(observations.get(i), cd))) / (2 * STEP);
            }
        }
        return jac;
    }

    /** Fills the Gauss–Newton system a·δ = g of the reweighted objective at θ and the Huber weights used. */
    private static void normalEquations(List<Observation> observations, double[] logMeasured, double[] predicted, double[][] jac, double[] theta,
            double[] tau, double[] weights, double[][] a, double[] g) {
        int q = theta.length;
        for (int i = 0; i < observations.size(); i++) {
            double s = observations.get(i).sigmaLog();
            double r = logMeasured[i] - Math.log(predicted[i]);
            double u = Math.abs(r / s);
            weights[i] = u <= HUBER_K ? 1 : HUBER_K / u;
            double w = weights[i] / (s * s);
            for (int j = 0; j < q; j++) {
                g[j] += w * jac[i][j] * r;
                for (int k = 0; k < q; k++) {
                    a[j][k] += w * jac[i][j] * jac[i][k];
                }
            }
        }
        for (int j = 0; j < q; j++) {
            a[j][j] += 1 / (tau[j] * tau[j]);
            g[j] -= theta[j] / (tau[j] * tau[j]);
        }
    }

    private static double objective(List<Observation> observations, double[] logMeasured, double[] predicted, double[] theta, double[] tau) {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double u = Math.abs((logMeasured[i] - Math.log(predicted[i])) / observations.get(i).sigmaLog());
            sum += u <= HUBER_K ? u * u / 2 : HUBER_K * u - HUBER_K * HUBER_K / 2;
        }
        for (int j = 0; j < theta.length; j++) {
            sum += theta[j] * theta[j] / (2 * tau[j] * tau[j]);
        }
        return sum;
    }

    private static List<String> movedBy(List<Observation> observations, double[][] sensitivity, int j) {
        List<Integer> informing = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            if (Math.abs(sensitivity[i][j]) >= INFORMS) {
                informing.add(i);
            }
        }
        informing.sort(Comparator.comparingDouble(i -> -Math.abs(sensitivity[i][j])));
        return informing.stream().map(i -> observations.get(i).id()).toList();
    }

    private static double maxAbs(double[][] m, int column) {
        double max = 0;
        for (double[] row : m) {
            max = Math.max(max, Math.abs(row[column]));
        }
        return max;
    }

    private static double quadratic(double[] x, double[][] m) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            for (int k = 0; k < x.length; k++) {
                sum += x[j] * m[j][k] * x[k];
            }
        }
        return sum;
    }

    /** Solves a symmetric positive-definite system (the prior keeps it so) by Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int q = b.length;
        double[][] m = new double[q][q + 1];
        for (int i = 0; i < q; i++) {
            System.arraycopy(a[i], 0, m[i], 0, q);
            m[i][q] = b[i];
        }
        for (int c = 0; c < q; c++) {
            int pivot = c;
            for (int r = c + 1; r < q; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < q; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= q; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[q];
        for (int i = 0; i < q; i++) {
            x[i] = m[i][q] / m[i][i];
        }
        return x;
    }

    static double[][] invert(double[][] a) {
        int q = a.length;
        double[][] inverse = new double[q][q];
        for (int j = 0; j < q; j++) {
            double[] e = new double[q];
            e[j] = 1;
            double[] column = solve(a, e);
            for (int i = 0; i < q; i++) {
                inverse[i][j] = column[i];
            }
        }
        return inverse;
    }

    private static String slugs(Set<CalibrationParameter> parameters) {
        return String.join(", ", parameters.stream().map(CalibrationParameter::slug).toList());
    }

    /** Narrowest prior: no constant is known to better than 5 % on a user's machine. */
    static final double NARROWEST_PRIOR = 0.05;
    /**
     * Kernel start-up cost: "a few microseconds" (DOMAIN.md section 1, the table's source for the 4 µs constant) — a factor of
     * two either way.
     */
    static final double LATENCY_PRIOR = Math.log(2);

    /**
     * The priors a profile fits against. A parameter may move as far as the model is demonstrably wrong in the regime it
     * governs — {@code regimes}: the caller's evidence, the held-out validation error of GEMMs for the GEMM ceiling,
     * attention for the attention ceiling, batch-1 decode for bandwidth, training runs for the training-step efficiency —
     * since a user's machine is one more case the default has not seen; the collectives' scales as the caller's evidence
     * says (the spread of NCCL's bus bandwidth between published systems). On an architecture without constants of its own
     * ({@code base} not calibrated) a ceiling may move as far as the calibrated architectures differ from one another (the
     * standard deviation of their logarithms), when that is wider. Kernel latency: a factor of two. Never narrower than 5 %.
     */
    public static Map<CalibrationParameter, Prior> priors(Map<CalibrationParameter, Prior> regimes, CalibrationTable table, Calibration base) {
        List<Calibration> calibrated = table.rows().stream().filter(c -> c.architecture() != null && c.calibrated()).toList();
        Map<CalibrationParameter, Prior> priors = new EnumMap<>(CalibrationParameter.class);
        for (CalibrationParameter p : List.of(CalibrationParameter.GEMM_CEILING, CalibrationParameter.ATTENTION_CEILING,
                CalibrationParameter.BANDWIDTH_FRACTION, CalibrationParameter.TRAINING_STEP_EFFICIENCY)) {
            Prior regime = regimes.get(p);
            double sigma = regime.sigmaLog();
            String source = regime.source();
            if (!base.calibrated()) {
                double spread = standardDeviation(calibrated.stream().mapToDouble(c -> Math.log(p.value(c))).toArray());
                if (spread > sigma) {
                    sigma = spread;
                    source += String.format(java.util.Locale.ROOT, "; widened to the spread of %s across the %d calibrated architectures "
                            + "(standard deviation of the logarithms %.3f): %s has no constants of its own", p.slug(), calibrated.size(),
                            spread, base.architectureName());
                }
            }
            priors.put(p, new Prior(Math.max(NARROWEST_PRIOR, sigma), sigma < NARROWEST_PRIOR ? source + "; widened to the 5 % floor" : source));
        }
        for (CalibrationParameter p : List.of(CalibrationParameter.INTRA_NODE_COLLECTIVE_SCALE, CalibrationParameter.INTER_NODE_COLLECTIVE_SCALE)) {
            Prior regime = regimes.get(p);
            priors.put(p, new Prior(Math.max(NARROWEST_PRIOR, regime.sigmaLog()), regime.source()));
        }
        priors.put(CalibrationParameter.KERNEL_LATENCY, new Prior(LATENCY_PRIOR,
                "\"a few microseconds\" per kernel (DOMAIN.md section 1): a factor of two either way"));
        return priors;
    }

    private static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = Arrays.stream(values).average().orElse(0);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }
}
