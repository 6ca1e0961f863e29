package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.costing.service.TpuRuns;
import dev.accelerometer.costing.service.ValidationCases;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.kernel.Attention;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the training-step efficiency of migration V7 (first V2, then V4) from its two calibration runs, through the model with an
 * efficiency of 1, and checks that with it the calibration runs come out on their measurements.
 */
class TrainingStepEfficiencyTest {
    /** Ledger attn-01: 225 TFLOP/s per A100 (Dao 2023, FlashAttention-2, GPT3-2.7B at 8k context). */
    static final double ATTN_01 = 225;
    /** Ledger train-18: 4,641 tokens/s per A100 80GB (llm-foundry MPT-7B benchmark table, its Triton attention: catalog V53). */
    static final double TRAIN_18 = 4641;

    @Test
    void migrationValueIsTheGeometricMeanOfMeasuredOverKernelsOnly() {
        Calibration kernelsOnly = Fixtures.AMPERE.withTrainingStepEfficiency(1.0, "kernels only");
        double gpt = ValidationCases.gpt27Throughput(Fixtures.A100_SXM_80GB, kernelsOnly, Fixtures.GPT3_2_7B, Attention.Kernel.FLASH);
        double mpt = ValidationCases.mptTokensPerSecond(Fixtures.A100_SXM_80GB, kernelsOnly);
        double derived = Calibrator.trainingStepEfficiency(List.of(new double[] {ATTN_01, gpt}, new double[] {TRAIN_18, mpt}));
        assertEquals(Fixtures.TRAINING_STEP_EFFICIENCY, derived, 0.0005, "V13__fused_attention_causal_and_flash_attention_3_fixed_cost.sql stores 0.8692");
    }

    /**
     * The Hopper and CDNA 3 rows of migrations V7 and V11: their own bf16 runs (catalog V6 train-17, V14 fp8-17/23/25/27 and fp8-19);
     * the llm-foundry ones with its Triton FlashAttention port, torchtitan's with FlashAttention-2.
     */
    static final double HOPPER = 0.6096;
    static final double CDNA3 = 0.5143;

    @Test
    void hopperAndCdna3EfficienciesComeFromTheirOwnRuns() {
        Calibration hopper = Fixtures.HOPPER.withTrainingStepEfficiency(1.0, "kernels only");
        Transformer llama = TpuRuns.LLAMA_31_8B;
        Attention.Kernel triton = Attention.Kernel.TRITON;
        double derivedHopper = Calibrator.trainingStepEfficiency(List.of(
                new double[] {10643, ValidationCases.mptTokensPerSecond(Fixtures.H100_SXM, hopper)},
                new double[] {6150, ValidationCases.fsdpTokensPerSecond(Fixtures.H100_SXM, hopper, llama, 1, 8192, Format.BF16, Attention.Kernel.FLASH_ATTENTION_2, false)},
                new double[] {16578, ValidationCases.fsdpTokensPerSecond(Fixtures.H100_SXM, hopper, ValidationCases.MPT_3B, 3, 8192, Format.BF16, triton, false)},
                new double[] {5873, ValidationCases.fsdpTokensPerSecond(Fixtures.H100_SXM, hopper, ValidationCases.MPT_3B, 3, 32768, Format.BF16, triton, true)},
                new double[] {52275, ValidationCases.fsdpTokensPerSecond(Fixtures.H100_SXM, hopper, ValidationCases.MPT_1B, 56, 512, Format.BF16, triton, false)}));
        double derivedCdna3 = Calibrator.trainingStepEfficiency(List.<double[]>of(new double[] {5376.5, ValidationCases.fsdpTokensPerSecond(Fixtures.MI300X,
                Fixtures.CDNA3.withTrainingStepEfficiency(1.0, "kernels only"), llama, 1, 8192, Format.BF16, Attention.Kernel.FLASH, false)}));
        assertEquals(HOPPER, derivedHopper, 0.0005, "V13 stores the Hopper value");
        assertEquals(CDNA3, derivedCdna3, 0.0005, "V15 stores the CDNA 3 value");
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
