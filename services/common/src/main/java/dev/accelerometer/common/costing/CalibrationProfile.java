package dev.accelerometer.common.costing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.accelerometer.model.calibration.Calibration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The part of a costing calibration profile ({@code GET /v1/calibration-profiles/{id}}, operationId getCalibrationProfile)
 * that planner and quantization compute with: per accelerator, the fitted constants, the attention-kernel scale, the
 * parameters that moved and the profile's own error bands. Fields costing adds later are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalibrationProfile(UUID id, String name, List<String> acceleratorIds, List<Accelerator> accelerators) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Accelerator(String acceleratorId, CalibrationConstants calibration, double attentionScale, double intraNodeCollectiveScale,
            double interNodeCollectiveScale, List<ErrorBand> errorBands, List<Parameter> parameters) {

        /** The constants to compute with on this accelerator. */
        public Calibration toModel() {
            return calibration.toModel().withScales(attentionScale, intraNodeCollectiveScale, interNodeCollectiveScale);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameter(String parameter, double defaultValue, double value, boolean fitted) {
    }

    /** The fit of one accelerator, or null when the profile does not cover it. */
    public Accelerator accelerator(String acceleratorId) {
        return accelerators.stream().filter(a -> a.acceleratorId().equals(acceleratorId)).findFirst().orElse(null);
    }

    /** What an answer over several accelerators says: where the profile's constants apply and what they change. */
    public String assumption() {
        return "calibration profile '" + name + "' (" + id + "): " + accelerators.stream().map(a -> "on " + a.acceleratorId() + ": "
                + changes(a)).collect(Collectors.joining("; ")) + "; the calibration table's constants on every other accelerator";
    }

    private static String changes(Accelerator a) {
        String changed = a.parameters().stream().filter(p -> p.fitted() && p.value() != p.defaultValue())
                .map(p -> String.format(Locale.ROOT, "%s %.4g → %.4g", p.parameter(), p.defaultValue(), p.value()))
                .collect(Collectors.joining(", "));
        return changed.isEmpty() ? "no constant changed" : changed;
    }

    /** What an answer on {@code acceleratorId} says about the profile: the constants it changed, or that it does not cover it. */
    public String assumption(String acceleratorId) {
        Accelerator a = accelerator(acceleratorId);
        if (a == null) {
            return "calibration profile '" + name + "' (" + id + ") covers " + String.join(", ", acceleratorIds) + ", not " + acceleratorId
                    + ": the calibration table's constants were used";
        }
        return "calibration profile '" + name + "' (" + id + ") on " + acceleratorId + ": " + changes(a)
                + " (fitted to its measurements; GET /v1/calibration-profiles/" + id + " on costing)";
    }
}
