package dev.accelerometer.model.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Offload;
import dev.accelerometer.model.memory.Optimizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CPU offload: where the model states live, what the host's update and the host-link copies add, and the search over it. */
class OffloadTest {
    /**
     * The ZeRO-Offload tutorial's model (ledger off-01): Megatron GPT-2 with 50 layers of 4,096, 32 heads, 1,024 positions,
     * the vocabulary padded to 50,304 — 10.28e9 parameters.
     */
    static final Transformer GPT2_10B = new Transformer("gpt-2-10b", Transformer.Kind.DECODER, 50, 4096, 32, 32, 128, 16384,
            Transformer.FfnKind.GELU, 50304, 1024, Transformer.Layout.gpt(1024), null);

    static Cluster oneV100() {
        return new Cluster(Fixtures.V100_SXM2_32GB, 1, 1, 1.5e11, 5e-6, 1.5e11, 5e-6, null, LinkKind.NVLINK, false);
    }

    static TrainingJob tutorial(Host host) {
        return new TrainingJob(GPT2_10B, oneV100(), Fixtures.DEFAULT, Format.FP16, 10, 1024, Optimizer.ADAM, 2, 2, Attention.Kernel.STANDARD,
                null, 0.05, false, host);
    }

    static Plan plan(int zero, Offload offload) {
        return new Plan(1, 1, 1, 1, 10, Recompute.FULL, false, zero, 1, 0, 1, offload);
    }

    @Test
    void theOptimizerStatesLeaveTheDeviceForTheHost() {
        TrainingJob job = tutorial(Host.MEASURED);
        double parameters = GPT2_10B.parameters();
        assertEquals(10.28e9, parameters, 0.01e9);
        PlanMemory onDevice = PlanMemory.of(job, plan(0, Offload.NONE));
        PlanMemory offloaded = PlanMemory.of(job, plan(2, Offload.OPTIMIZER));
        // On the device: 2 + 2 + 12 bytes per parameter, 164 GB — five V100s' worth.
        assertEquals(16 * parameters, onDevice.weightBytes() + onDevice.gradientBytes() + onDevice.optimizerBytes(), 1);
        assertEquals(0, onDevice.hostBytes());
        // Offloaded: the 16-bit weights and one 5e8-element 16-bit reduce bucket stay; 12 + 4 bytes per parameter go to the host.
        assertEquals(2 * parameters, offloaded.weightBytes(), 1);
        assertEquals(2 * Offload.REDUCE_BUCKET_ELEMENTS, offloaded.gradientBytes(), 1);
        assertEquals(0, offloaded.optimizerBytes());
        assertEquals(16 * parameters, offloaded.hostBytes(), 1);
        assertTrue(PlanEvaluation.of(job, plan(2, Offload.OPTIMIZER), LayerCosts.of(job, plan(2, Offload.OPTIMIZER))).fits());
        assertFalse(PlanEvaluation.of(job, plan(0, Offload.NONE), LayerCosts.of(job, plan(0, Offload.NONE))).fits());
        // Weights offloaded too: the device keeps DeepSpeed's live-parameter budget (1e9 + 5e7 elements) of them.
        PlanMemory both = PlanMemory.of(job, plan(3, Offload.OPTIMIZER_AND_PARAMETERS));
        assertEquals(2 * Offload.LIVE_PARAMETER_ELEMENTS, both.weightBytes(), 1);
        assertEquals(18 * parameters, both.hostBytes(), 1);
    }

    @Test
    void theHostUpdatesThePartitionAndTheWeightsComeBackOverPcie() {
        TrainingJob job = tutorial(Host.MEASURED);
        Plan plan = plan(2, Offload.OPTIMIZER);
        StepTime.Breakdown step = StepTime.of(job, plan, LayerCosts.of(job, plan));
        double parameters = GPT2_10B.parameters();
        assertEquals(0, step.optimizerSeconds());
        assertEquals(parameters / Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND, step.hostOptimizerSeconds(), 1e-9);
        // The tutorial's optimizer phase measured 7,612.52 ms (off-01's breakdown); the host's rate comes from its step timers.
        assertEquals(7.61252, step.hostOptimizerSeconds(), 0.05 * 7.61252);
        // One micro-batch: its gradients (20.6 GB) go to the host under the backward pass, and the updated weights come back
        // over PCIe 3.0 x16 at the host-to-device share after the update.
        double back = 2 * parameters / (16 * 0.985e9 * HostOffload.HOST_TO_DEVICE_EFFICIENCY);
        assertEquals(back, step.hostTransferSeconds(), 1e-6);
        assertEquals(step.computeSeconds() + step.recomputeSeconds() + step.hostOptimizerSeconds() + step.hostTransferSeconds(),
                step.totalSeconds(), 1e-9);
    }

    @Test
    void fetchingOffloadedWeightsEveryPassExposesWhatTheComputeCannotHide() {
        TrainingJob job = tutorial(Host.MEASURED);
        Plan plan = plan(3, Offload.OPTIMIZER_AND_PARAMETERS);
        LayerCosts tiny = new LayerCosts(1e-4, 2e-4, 1e-5, 1e-5, 0);
        StepTime.Breakdown step = StepTime.of(job, plan, tiny);
        double toDevice = 2 * GPT2_10B.parameters() / (16 * 0.985e9 * HostOffload.HOST_TO_DEVICE_EFFICIENCY);
        double toHost = 2 * GPT2_10B.parameters() / (16 * 0.985e9 * HostOffload.DEVICE_TO_HOST_EFFICIENCY);
        double forward = 50 * 1e-4;
        double backward = 50 * (2e-4 + 1e-4);
        assertEquals(toHost - backward + toDevice - forward + toDevice - backward, step.hostTransferSeconds(), 1e-6);
    }

    @Test
    void ranksOfANodeShareTheirHostsCpus() {
        Cluster node = new Cluster(Fixtures.V100_SXM2_32GB, 8, 8, 1.5e11, 5e-6, 1.5e11, 5e-6, null, LinkKind.NVLINK, false);
        TrainingJob job = new TrainingJob(GPT2_10B, node, Fixtures.DEFAULT, Format.FP16, 80, 1024, Optimizer.ADAM, 2, 2, Attention.Kernel.STANDARD,
                null, 0.05, false, Host.MEASURED);
        Plan plan = new Plan(8, 1, 1, 1, 10, Recompute.FULL, false, 2, 1, 0, 1, Offload.OPTIMIZER);
        // Each rank updates an eighth of the parameters, but on an eighth of the host: the host's time for all of them.
        assertEquals(GPT2_10B.parameters() / Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND,
                StepTime.of(job, plan, LayerCosts.of(job, plan)).hostOptimizerSeconds(), 1e-9);
    }

    @Test
    void offloadNeedsItsZeroStageAndAGpu() {
        TrainingJob job = tutorial(Host.MEASURED);
        assertEquals(List.of("zeroStage"), PlanSearch.rules(job, plan(0, Offload.OPTIMIZER)).stream().map(PlanSearch.Violation::dimension).toList());
        assertEquals(List.of("zeroStage"), PlanSearch.rules(job, plan(2, Offload.OPTIMIZER_AND_PARAMETERS)).stream()
                .map(PlanSearch.Violation::dimension).toList());
        assertTrue(PlanSearch.rules(job, plan(1, Offload.OPTIMIZER)).isEmpty());
    }

    @Test
    void theSearchFindsAnOffloadPlanWhereNothingElseFitsAndTheHostsMemoryBindsIt() {
        PlanSearch.Constraints any = new PlanSearch.Constraints(null, null, null, null, null, null, null, Set.of(Offload.values()));
        TrainingJob job = tutorial(Host.MEASURED);
        PlanSearch.Result onDevice = PlanSearch.search(job, PlanSearch.enumerate(job, PlanSearch.Constraints.NONE), 5, Long.MAX_VALUE);
        assertEquals(null, onDevice.best());
        PlanSearch.Result result = PlanSearch.search(job, PlanSearch.enumerate(job, any), 5, Long.MAX_VALUE);
        assertTrue(result.best().plan().offload().optimizerOnHost());
        // A host of 100 GB cannot hold 16 bytes per parameter of 10.28e9; the weights on the host too need 18.
        TrainingJob small = tutorial(new Host(Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND, 100e9, true));
        assertEquals(null, PlanSearch.search(small, PlanSearch.enumerate(small, any), 5, Long.MAX_VALUE).best());
    }
}
