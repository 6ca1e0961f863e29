package dev.accelerometer.costing.service;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;

/** Which constants an answer computes with on a device: the calibration table's, or a calibration profile's fitted ones. */
@FunctionalInterface
public interface Calibrating {
    Calibration of(Device device);

    /** The calibration table's constants for each device's architecture. */
    static Calibrating table(dev.accelerometer.model.calibration.CalibrationTable table) {
        return device -> table.forArchitecture(device.architecture());
    }

    /** Every device at one calibration (what a profile fit tries). */
    static Calibrating fixed(Calibration calibration) {
        return device -> calibration;
    }
}
