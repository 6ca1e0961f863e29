package dev.accelerometer.costing.model;

import java.util.Map;

/**
 * Devices for the model tests, with the catalog's seeded datasheet values (sources in the catalog seed V2):
 * NVIDIA A100/H100 datasheets and Ampere/Hopper whitepapers, NVIDIA V100 datasheet, AMD MI300X data sheet,
 * Google Cloud TPU v2/v4 system architecture pages.
 */
public final class Devices {
    private Devices() {
    }

    public static final Device A100_SXM_80GB = new Device("nvidia-a100-sxm-80gb", "A100 SXM 80GB", Device.Kind.GPU, "Ampere",
            80L << 30, 2.039e12, Map.of(Format.FP64, 19.5e12, Format.FP32, 19.5e12, Format.TF32, 156e12, Format.FP16, 312e12,
            Format.BF16, 312e12, Format.INT8, 624e12, Format.INT4, 1248e12), 108, 1.41e9, 40L << 20, null, null, null, 400.0, null, null,
            3.0e11, 4, 16);
    static final Device A100_PCIE_80GB = new Device("nvidia-a100-pcie-80gb", "A100 PCIe 80GB", Device.Kind.GPU, "Ampere",
            80L << 30, 1.935e12, A100_SXM_80GB.peakPerSecond(), 108, 1.41e9, 40L << 20, null, null, null, 300.0, null, null, 3.0e11, 4, 16);
    static final Device H100_SXM = new Device("nvidia-h100-sxm", "H100 SXM", Device.Kind.GPU, "Hopper",
            80L << 30, 3.35e12, Map.of(Format.FP64, 67e12, Format.FP32, 67e12, Format.TF32, 494.5e12, Format.FP16, 989.5e12,
            Format.BF16, 989.5e12, Format.FP8, 1979e12, Format.INT8, 1979e12), 132, 1.98e9, 50L << 20, null, null, null, 700.0, null, null,
            4.5e11, 5, 16);
    static final Device V100_SXM2_32GB = new Device("nvidia-v100-sxm2-32gb", "V100 SXM2 32GB", Device.Kind.GPU, "Volta",
            32L << 30, 0.9e12, Map.of(Format.FP64, 7.8e12, Format.FP32, 15.7e12, Format.FP16, 125e12), 80, 1.53e9, 6L << 20,
            null, null, null, 300.0, null, null, 1.5e11, 3, 16);
    static final Device MI300X = new Device("amd-mi300x", "MI300X", Device.Kind.GPU, "CDNA 3", 192L << 30, 5.3e12,
            Map.of(Format.FP64, 163.4e12, Format.FP32, 163.4e12, Format.TF32, 653.7e12, Format.FP16, 1307.4e12, Format.BF16, 1307.4e12,
            Format.FP8, 2614.9e12, Format.INT8, 2614.9e12), 304, 2.1e9, 32L << 20, null, null, null, 750.0, null, null, 4.48e11, 5, 16);
    static final Device TPU_V2 = new Device("google-tpu-v2", "TPU v2", Device.Kind.TPU, "TPU v2", 16L << 30, 0.7e12,
            Map.of(Format.BF16, 45e12), 2, null, null, 128, 128, 2, null, null, null, null, null, null);
    static final Device TPU_V4 = new Device("google-tpu-v4", "TPU v4", Device.Kind.TPU, "TPU v4", 32L << 30, 1.2e12,
            Map.of(Format.BF16, 275e12, Format.INT8, 275e12), 2, null, null, 128, 128, 8, null, null, 3.22, null, null, null);

    /** Migration V2__training_step_efficiency.sql (re-derived by TrainingStepEfficiencyTest). */
    public static final double TRAINING_STEP_EFFICIENCY = 0.8203;

    /** The rows of migrations V1__costing_schema.sql and V2 (ceilings derived with {@link Calibrator}; CalibrationTest re-derives them). */
    public static final Calibration AMPERE = new Calibration("Ampere", 0.9299, "gemm-01", 0.6282, "attn-05", 0.90, "DOMAIN.md §1", 4e-6,
            "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", true);
    static final Calibration HOPPER = new Calibration("Hopper", 0.9130, "gemm-03", 0.7478, "attn-08", 0.90, "DOMAIN.md §1", 4e-6,
            "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", true);
    static final Calibration CDNA3 = new Calibration("CDNA 3", 0.6377, "gemm-05", 0.6880, "default", 0.90, "DOMAIN.md §1", 4e-6,
            "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", true);
    static final Calibration DEFAULT = new Calibration("default", 0.9130, "median", 0.6880, "mean", 0.90, "DOMAIN.md §1", 4e-6,
            "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", false);
}
