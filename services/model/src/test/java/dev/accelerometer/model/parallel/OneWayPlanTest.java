package dev.accelerometer.model.parallel;

import dev.accelerometer.model.hardware.LinkKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.workload.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * The planner's step of a plan with no parallelism is the training step costing answers: the same operations, the same
 * calibration, the same optimizer update and overhead — so the two services cannot disagree on one device.
 */
class OneWayPlanTest {
    private static void sameStep(Transformer m, long batch, long sequence, Attention.Kernel kernel, Optimizer optimizer) {
        Cluster one = new Cluster(Fixtures.A100_SXM_80GB, 1, 1, 300e9, 5e-6, 300e9, 5e-6, null, LinkKind.NVSWITCH, false);
        TrainingJob job = new TrainingJob(m, one, Fixtures.AMPERE, Format.BF16, batch, sequence, optimizer, 2, 2, kernel, null, 0);
        Plan plan = new Plan(1, 1, 1, 1, (int) batch, Recompute.NONE, false, 0);
        double planner = PlanEvaluation.of(job, plan, LayerCosts.of(job, 1, (int) batch)).step().totalSeconds();
        double costing = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, m, batch, sequence, Format.BF16, kernel, optimizer)
                .total().timeSeconds();
        assertEquals(costing, planner, costing * 1e-9, m.name());
    }

    @Test
    void aOneWayPlanIsCostingsTrainingStep() {
        sameStep(Fixtures.GPT3_2_7B, 4, 2048, Attention.Kernel.FLASH, Optimizer.ADAMW);
        sameStep(Fixtures.LLAMA_2_7B, 1, 4096, Attention.Kernel.FLASH, Optimizer.ADAMW);
        sameStep(Fixtures.BERT_LARGE, 32, 512, Attention.Kernel.STANDARD, Optimizer.LAMB);
        sameStep(Fixtures.GPT_22B, 2, 2048, Attention.Kernel.EAGER, Optimizer.SGD);
    }
}
