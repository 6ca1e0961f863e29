package dev.accelerometer.costing.store;

import dev.accelerometer.common.store.SavedResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A saved calibration profile: the measurements as sent and the fit as answered, with what the list shows. */
@Entity
@Table(name = "calibration_profile")
public class CalibrationProfileRow extends SavedResult {
    @Column(nullable = false)
    public String name;
    /** The accelerators the profile covers, comma-separated in request order. */
    @Column(name = "accelerator_ids", nullable = false)
    public String acceleratorIds;
    @Column(nullable = false)
    public int measurements;
}
