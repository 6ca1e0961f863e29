package dev.accelerometer.model.calibration;

/**
 * The free parameters of the model a calibration profile can fit: the constants of {@link Calibration}, each with the
 * bound physics puts on it (a fraction of a datasheet peak cannot exceed 1).
 */
public enum CalibrationParameter {
    /** Share of the datasheet peak the best large GEMM reaches. */
    GEMM_CEILING("gemmCeiling", 1.0),
    /** Share of the peak a fused attention kernel's matmuls reach (the named kernels' ceilings move by the same factor). */
    ATTENTION_CEILING("attentionCeiling", 1.0),
    /** Share of the datasheet memory bandwidth a streaming kernel (and a memory-bound GEMV) reaches. */
    BANDWIDTH_FRACTION("bandwidthFraction", 1.0),
    /** Fixed start-up cost of one kernel, seconds. */
    KERNEL_LATENCY("kernelLatencySeconds", 1e-3),
    /** Share of a training step's time its kernels account for. */
    TRAINING_STEP_EFFICIENCY("trainingStepEfficiency", 1.0),
    /**
     * Multiplier on the bandwidth collectives reach inside a node; at most 2 — a ring cannot beat its line rate, and every
     * measured ring efficiency ({@code CollectiveEfficiency}) is above one half.
     */
    INTRA_NODE_COLLECTIVE_SCALE("intraNodeCollectiveScale", 2.0),
    /** Multiplier on the bandwidth collectives reach between nodes; at most 2, as inside a node. */
    INTER_NODE_COLLECTIVE_SCALE("interNodeCollectiveScale", 2.0);

    private final String slug;
    private final double upperBound;

    CalibrationParameter(String slug, double upperBound) {
        this.slug = slug;
        this.upperBound = upperBound;
    }

    /** The name the API uses. */
    public String slug() {
        return slug;
    }

    /** The largest value the parameter may take (1 for a fraction of a peak; a millisecond for a kernel's fixed cost). */
    public double upperBound() {
        return upperBound;
    }

    public static java.util.Optional<CalibrationParameter> fromSlug(String slug) {
        for (CalibrationParameter p : values()) {
            if (p.slug.equals(slug)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** The parameter's value in a calibration. */
    public double value(Calibration c) {
        return switch (this) {
            case GEMM_CEILING -> c.gemmCeiling();
            case ATTENTION_CEILING -> c.fusedAttentionCeiling();
            case BANDWIDTH_FRACTION -> c.bandwidthFraction();
            case KERNEL_LATENCY -> c.kernelLatencySeconds();
            case TRAINING_STEP_EFFICIENCY -> c.trainingStepEfficiency();
            case INTRA_NODE_COLLECTIVE_SCALE -> c.intraNodeCollectiveScale();
            case INTER_NODE_COLLECTIVE_SCALE -> c.interNodeCollectiveScale();
        };
    }

    /** The calibration with this parameter at {@code value}, its source replaced by {@code source}. */
    public Calibration with(Calibration c, double value, String source) {
        return switch (this) {
            case GEMM_CEILING -> new Calibration(c.architecture(), c.architectureName(), value, source, c.fusedAttentionCeiling(),
                    c.fusedAttentionSource(), c.bandwidthFraction(), c.bandwidthSource(), c.kernelLatencySeconds(), c.latencySource(),
                    c.trainingStepEfficiency(), c.trainingStepSource(), c.calibrated(), c.attentionScale(), c.intraNodeCollectiveScale(),
                    c.interNodeCollectiveScale());
            case ATTENTION_CEILING -> new Calibration(c.architecture(), c.architectureName(), c.gemmCeiling(), c.gemmSource(), value, source,
                    c.bandwidthFraction(), c.bandwidthSource(), c.kernelLatencySeconds(), c.latencySource(), c.trainingStepEfficiency(),
                    c.trainingStepSource(), c.calibrated(), c.attentionScale() * value / c.fusedAttentionCeiling(), c.intraNodeCollectiveScale(),
                    c.interNodeCollectiveScale());
            case BANDWIDTH_FRACTION -> new Calibration(c.architecture(), c.architectureName(), c.gemmCeiling(), c.gemmSource(),
                    c.fusedAttentionCeiling(), c.fusedAttentionSource(), value, source, c.kernelLatencySeconds(), c.latencySource(),
                    c.trainingStepEfficiency(), c.trainingStepSource(), c.calibrated(), c.attentionScale(), c.intraNodeCollectiveScale(),
                    c.interNodeCollectiveScale());
            case KERNEL_LATENCY -> new Calibration(c.architecture(), c.architectureName(), c.gemmCeiling(), c.gemmSource(),
                    c.fusedAttentionCeiling(), c.fusedAttentionSource(), c.bandwidthFraction(), c.bandwidthSource(), value, source,
                    c.trainingStepEfficiency(), c.trainingStepSource(), c.calibrated(), c.attentionScale(), c.intraNodeCollectiveScale(),
                    c.interNodeCollectiveScale());
            case TRAINING_STEP_EFFICIENCY -> c.withTrainingStepEfficiency(value, source);
            case INTRA_NODE_COLLECTIVE_SCALE -> c.withScales(c.attentionScale(), value, c.interNodeCollectiveScale());
            case INTER_NODE_COLLECTIVE_SCALE -> c.withScales(c.attentionScale(), c.intraNodeCollectiveScale(), value);
        };
    }
}
