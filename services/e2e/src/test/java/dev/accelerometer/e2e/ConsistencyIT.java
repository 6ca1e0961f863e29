package dev.accelerometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.sdk.catalog.model.Model;
import dev.accelerometer.sdk.costing.model.CostEstimate;
import dev.accelerometer.sdk.costing.model.ModelCostRequest;
import dev.accelerometer.sdk.planner.model.ClusterSpec;
import dev.accelerometer.sdk.planner.model.EvaluatedPlan;
import dev.accelerometer.sdk.planner.model.PlanRequest;
import dev.accelerometer.sdk.planner.model.PlanSpec;
import dev.accelerometer.sdk.planner.model.Training;
import dev.accelerometer.sdk.quantization.model.Estimate;
import dev.accelerometer.sdk.quantization.model.EstimateRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three computing services agree because they compute with one model library: for every transformer in the
 * catalog, costing, planner and quantization report the same exact parameter count, and costing's training step on one
 * device takes exactly the time the planner gives a plan with no parallelism on that device.
 */
class ConsistencyIT {
    /** A100 SXM 80GB: a device every service can run bf16 training and fp16 inference on. */
    private static final String DEVICE = "nvidia-a100-sxm-80gb";
    private static Sdk sdk;

    @BeforeAll
    static void platform() {
        sdk = new Sdk(Platform.get());
    }

    private static List<Model> transformers() throws Exception {
        List<Model> models = new ArrayList<>(sdk.transfer.exportCatalog().getModels().stream()
                .filter(m -> m.getKind() != null && !"cnn".equals(m.getKind().getValue())).toList());
        assertFalse(models.isEmpty(), "the catalog has transformers");
        return models;
    }

    @Test
    void everyServiceCountsTheSameParametersForEveryCatalogTransformer() throws Exception {
        List<String> disagreements = new ArrayList<>();
        for (Model model : transformers()) {
            String id = model.getId();
            long sequence = Math.min(512, model.getMaxSequenceLength() == null ? 512 : model.getMaxSequenceLength());
            if ("transformer-encoder-decoder".equals(model.getKind().getValue())) {
                // Counted everywhere, timed nowhere yet: costing and the planner answer 422 naming modelId, quantization counts
                // the catalog's shape.
                var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.accelerometer.sdk.costing.client.ApiException.class,
                        () -> sdk.costs.costModel(new ModelCostRequest().acceleratorId(DEVICE).modelId(id).mode(ModelCostRequest.ModeEnum.PREFILL)
                                .batch(1L).sequenceLength(sequence).format(ModelCostRequest.FormatEnum.FP16)));
                assertEquals(422, refused.getCode(), id);
                var notPlanned = org.junit.jupiter.api.Assertions.assertThrows(dev.accelerometer.sdk.planner.client.ApiException.class,
                        () -> sdk.plans.evaluatePlan(oneDevicePlan(id, sequence)));
                assertEquals(422, notPlanned.getCode(), id);
                continue;
            }
            CostEstimate costing = sdk.costs.costModel(new ModelCostRequest().acceleratorId(DEVICE).modelId(id).mode(ModelCostRequest.ModeEnum.PREFILL)
                    .batch(1L).sequenceLength(sequence).format(ModelCostRequest.FormatEnum.FP16));
            EvaluatedPlan planner = sdk.plans.evaluatePlan(oneDevicePlan(id, sequence));
            Estimate quantization = sdk.estimates.createEstimate(new EstimateRequest().modelId(id).weightFormat(EstimateRequest.WeightFormatEnum.FP16).contextLength(sequence)
                    .acceleratorIds(List.of(DEVICE)).speed(false));
            long counted = costing.getModel().getParameters();
            if (planner.getModel().getParameters() != counted || quantization.getModel().getParameters() != counted) {
                disagreements.add(id + ": costing " + counted + ", planner " + planner.getModel().getParameters() + ", quantization "
                        + quantization.getModel().getParameters());
            }
        }
        assertTrue(disagreements.isEmpty(), String.join("; ", disagreements));
    }

    @Test
    void aOneDevicePlanTakesCostingsTrainingStep() throws Exception {
        for (String id : List.of("bert-large", "gpt-3-1.3b", "llama-2-7b", "megatron-lm-7.5b")) {
            CostEstimate step = sdk.costs.costModel(new ModelCostRequest().acceleratorId(DEVICE).modelId(id).mode(ModelCostRequest.ModeEnum.TRAINING).batch(1L)
                    .sequenceLength(512L).format(ModelCostRequest.FormatEnum.BF16).attentionKernel(ModelCostRequest.AttentionKernelEnum.FLASH).optimizer(ModelCostRequest.OptimizerEnum.ADAMW));
            EvaluatedPlan plan = sdk.plans.evaluatePlan(oneDevicePlan(id, 512));
            assertEquals(step.getTimeSeconds(), plan.getStep().getTotalSeconds(), step.getTimeSeconds() * 1e-9,
                    id + ": costing's step and the planner's 1-way plan");
        }
    }

    /**
     * One A100, no parallelism, one sequence, bf16, AdamW with 16-bit gradients and flash attention, under PyTorch: costing's
     * defaults (the planner's default framework, Megatron-Core, has its own share of a step in its kernels on Ampere).
     */
    private static PlanRequest oneDevicePlan(String modelId, long sequence) {
        return new PlanRequest().modelId(modelId)
                .cluster(new ClusterSpec().acceleratorId(DEVICE).devices(1).devicesPerNode(1))
                .training(new Training().globalBatchSize(1L).sequenceLength(sequence).format(Training.FormatEnum.BF16).optimizer(Training.OptimizerEnum.ADAMW).fp32Gradients(false)
                        .attentionKernel(Training.AttentionKernelEnum.FLASH).framework(Training.FrameworkEnum.PYTORCH))
                .plan(new PlanSpec().dataParallel(1).tensorParallel(1).pipelineParallel(1).microBatchSize(1).recompute(PlanSpec.RecomputeEnum.NONE).zeroStage(0));
    }
}
