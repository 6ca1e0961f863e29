package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.costing.model.Attention;
import dev.accelerometer.costing.model.Calibration;
import dev.accelerometer.costing.model.Calibrator;
import dev.accelerometer.costing.model.Devices;
import dev.accelerometer.costing.model.Transformer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the training-step efficiency of migration V2 from its two calibration runs, through the model with an
 * efficiency of 1, and checks that with it the calibration runs come out on their measurements.
 */
class TrainingStepEfficiencyTest {
    /** GPT-3 2.7B: Brown et al. 2020, Table 2.1 (32 layers, d_model 2560, 32 heads of 80, d_ff = 4·d_model), vocab 50,257. */
    static final Transformer.Shape GPT3_2_7B = new Transformer.Shape("gpt-3-2.7b", true, 32, 2560, 32, 32, 80, 10240, false, 50257,
            2_700_000_000L);
    /** Ledger attn-01: 225 TFLOP/s per A100 (Dao 2023, FlashAttention-2, GPT3-2.7B at 8k context). */
    static final double ATTN_01 = 225;
    /** Ledger train-18: 4,641 tokens/s per A100 80GB (llm-foundry MPT-7B benchmark table). */
    static final double TRAIN_18 = 4641;

    @Test
    void migrationValueIsTheGeometricMeanOfMeasuredOverKernelsOnly() {
        Calibration kernelsOnly = Devices.AMPERE.withTrainingStepEfficiency(1.0, "kernels only");
        double gpt = ValidationCases.gpt27Throughput(Devices.A100_SXM_80GB, kernelsOnly, GPT3_2_7B, Attention.Kernel.FLASH);
        double mpt = ValidationCases.mptTokensPerSecond(Devices.A100_SXM_80GB, kernelsOnly);
        double derived = Calibrator.trainingStepEfficiency(List.of(new double[] {ATTN_01, gpt}, new double[] {TRAIN_18, mpt}));
        assertEquals(Devices.TRAINING_STEP_EFFICIENCY, derived, 0.0005, "V2__training_step_efficiency.sql stores 0.8203");
    }

    @Test
    void withItTheCalibrationRunsLandWithinAFewPercent() {
        // Only the step's kernels are scaled; the exposed part of the data-parallel all-reduce is not, so not exactly 0 %.
        double gpt = ValidationCases.gpt27Throughput(Devices.A100_SXM_80GB, Devices.AMPERE, GPT3_2_7B, Attention.Kernel.FLASH);
        double mpt = ValidationCases.mptTokensPerSecond(Devices.A100_SXM_80GB, Devices.AMPERE);
        assertEquals(ATTN_01, gpt, ATTN_01 * 0.06);
        assertEquals(TRAIN_18, mpt, TRAIN_18 * 0.06);
    }
}
