package dev.accelerometer.costing.store;

import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.model.calibration.CalibrationTable;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The calibration table, loaded once at start (it changes only by migration), with an entity tag of its content so that
 * the services reading it over REST (planner, quantization) can ask whether it changed.
 */
@ApplicationScoped
public class Calibrations {
    private volatile CalibrationTable table;
    private volatile List<CalibrationConstants> rows;
    private volatile String etag;

    @Transactional
    void load(@Observes StartupEvent start) {
        List<CalibrationRow> stored = CalibrationRow.listAll();
        table = new CalibrationTable(stored.stream().map(CalibrationRow::toModel).toList());
        rows = table.rows().stream().map(CalibrationConstants::of).toList();
        etag = "\"" + digest(rows.toString()) + "\"";
    }

    public CalibrationTable table() {
        return table;
    }

    /** Every architecture's constants, the default last, as the API serves them. */
    public List<CalibrationConstants> rows() {
        return rows;
    }

    /** Strong entity tag of {@link #rows()}. */
    public String etag() {
        return etag;
    }

    private static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
