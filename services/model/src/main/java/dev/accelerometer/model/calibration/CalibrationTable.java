package dev.accelerometer.model.calibration;

import dev.accelerometer.model.hardware.Architecture;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every architecture's constants and the cross-architecture default, looked up by generation. */
public final class CalibrationTable {
    private final Map<Architecture, Calibration> byArchitecture = new EnumMap<>(Architecture.class);
    private final Calibration fallback;

    /** {@code rows}: one per calibrated architecture plus exactly one default (architecture null). */
    public CalibrationTable(Collection<Calibration> rows) {
        Calibration found = null;
        for (Calibration row : rows) {
            if (row.architecture() == null) {
                found = row;
            } else {
                byArchitecture.put(row.architecture(), row);
            }
        }
        this.fallback = Objects.requireNonNull(found, "a calibration table needs a default row (architecture null)");
    }

    /** The architecture's constants, or the cross-architecture default (marked uncalibrated). */
    public Calibration forArchitecture(Architecture architecture) {
        return byArchitecture.getOrDefault(architecture, fallback);
    }

    public Calibration fallback() {
        return fallback;
    }

    /** All rows, the calibrated architectures in catalog-name order, then the default. */
    public List<Calibration> rows() {
        List<Calibration> rows = new java.util.ArrayList<>(byArchitecture.values().stream()
                .sorted(Comparator.comparing(Calibration::architectureName)).toList());
        rows.add(fallback);
        return rows;
    }
}
