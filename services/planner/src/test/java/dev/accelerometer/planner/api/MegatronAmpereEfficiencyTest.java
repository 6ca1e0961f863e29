package dev.accelerometer.planner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.parallel.TrainingJob;
import dev.accelerometer.planner.service.PlanService;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives Megatron-LM's training-step efficiency on Ampere (TrainingFramework.Constants.AMPERE_MEGATRON_LM) from the runs it
 * is calibrated on — Korthikanti et al. 2022, Table 5 (ledger selene-megatron-22B-full and -seqsel, read 2026-11-21): GPT-22B,
 * 8-way tensor parallel on one DGX A100, batch 4 × 2048, 1.42 s per iteration with full recomputation and 1.10 s with sequence
 * parallelism and selective recomputation — through the plan model the planner answers with, at an efficiency of 1: the
 * geometric mean of measured over predicted. Held out: Narayanan et al. 2021 Table 1 (PlanApiTest, within 10 %).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, initArgs = @ResourceArg(name = "costing", value = "true"))
class MegatronAmpereEfficiencyTest {
    @Inject
    PlanService plans;

    @Inject
    ObjectMapper json;

    /** Seconds per iteration of one Korthikanti run by the plan model, at a training-step efficiency of 1. */
    double kernelsOnlySeconds(String recompute, boolean sequenceParallel) {
        PlanRequest request = json.convertValue(PlanApiTest.gpt22b(recompute, sequenceParallel), PlanRequest.class);
        PlanService.Context context = plans.context(request);
        TrainingJob j = context.job();
        TrainingJob kernelsOnly = new TrainingJob(j.model(), j.cluster(), j.calibration().withTrainingStepEfficiency(1.0, "kernels only"),
                j.format(), j.globalBatch(), j.sequence(), j.optimizer(), j.gradientBytes(), j.wireGradientBytes(), j.kernel(), j.tokens(),
                j.headroom(), j.tensorParallelOverlap(), j.host(), j.expertCommunication(), j.parameterCount());
        Plan plan = plans.plan(context, request.plan());
        return PlanEvaluation.of(kernelsOnly, plan, LayerCosts.of(kernelsOnly, plan)).step().totalSeconds();
    }

    @Test
    void ampereMegatronEfficiencyIsTheGeometricMeanOfMeasuredOverKernelsOnly() {
        List<double[]> pairs = List.of(new double[] {1 / 1.42, 1 / kernelsOnlySeconds("full", false)},
                new double[] {1 / 1.10, 1 / kernelsOnlySeconds("selective", true)});
        double derived = Calibrator.trainingStepEfficiency(pairs);
        assertEquals(TrainingFramework.Constants.AMPERE_MEGATRON_LM, derived, 0.0005);
    }
}
