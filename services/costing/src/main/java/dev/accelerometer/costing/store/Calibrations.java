package dev.accelerometer.costing.store;

import dev.accelerometer.costing.model.Calibration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The calibration table, loaded once at start (it changes only by migration) and looked up per architecture. */
@ApplicationScoped
public class Calibrations {
    private final Map<String, Calibration> byArchitecture = new ConcurrentHashMap<>();

    @Transactional
    void load(@Observes StartupEvent start) {
        List<CalibrationRow> rows = CalibrationRow.listAll();
        rows.forEach(row -> byArchitecture.put(row.architecture, row.toModel()));
    }

    /** The architecture's constants, or the cross-architecture default (marked uncalibrated). */
    public Calibration forArchitecture(String architecture) {
        Calibration calibration = architecture == null ? null : byArchitecture.get(architecture);
        return calibration != null ? calibration : byArchitecture.get("default");
    }

    public List<Calibration> all() {
        return byArchitecture.values().stream().sorted(java.util.Comparator.comparing(Calibration::architecture)).toList();
    }
}
