package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.costing.service.ValidationCases;
import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.kernel.Attention;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the training-step efficiency of migration V4 from its two calibration runs, through the model with an
 * efficiency of 1, and checks that with it the calibration runs come out on their measurements.
 */
class TrainingStepEfficiencyTest {
    /** Ledger attn-01: 225 TFLOP/s per A100 (Dao 2023, FlashAttention-2, GPT3-2.7B at 8k context). */
    static final double ATTN_01 = 225;
    /** Ledger train-18: 4,641 tokens/s per A100 80GB (llm-foundry MPT-7B benchmark table). */
    static final double TRAIN_18 = 4641;

    @Test
    void migrationValueIsTheGeometricMeanOfMeasuredOverKernelsOnly() {
        Calibration kernelsOnly = Fixtures.AMPERE.withTrainingStepEfficiency(1.0, "kernels only");
        double gpt = ValidationCases.gpt27Throughput(Fixtures.A100_SXM_80GB, kernelsOnly, Fixtures.GPT3_2_7B, Attention.Kernel.FLASH);
        double mpt = ValidationCases.mptTokensPerSecond(Fixtures.A100_SXM_80GB, kernelsOnly);
        double derived = Calibrator.trainingStepEfficiency(List.of(new double[] {ATTN_01, gpt}, new double[] {TRAIN_18, mpt}));
        assertEquals(Fixtures.TRAINING_STEP_EFFICIENCY, derived, 0.0005, "V4__training_step_efficiency_exact_counts.sql stores 0.8248");
    }

    @Test
    void withItTheCalibrationRunsLandWithinAFewPercent() {
        // Only the step's kernels are scaled; the exposed part of the data-parallel all-reduce is not, so not exactly 0 %.
        double gpt = ValidationCases.gpt27Throughput(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.GPT3_2_7B, Attention.Kernel.FLASH);
        double mpt = ValidationCases.mptTokensPerSecond(Fixtures.A100_SXM_80GB, Fixtures.AMPERE);
        assertEquals(ATTN_01, gpt, ATTN_01 * 0.06);
        assertEquals(TRAIN_18, mpt, TRAIN_18 * 0.06);
    }
}
