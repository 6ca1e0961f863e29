package dev.accelerometer.planner.service;

import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.api.InlineModel;
import dev.accelerometer.common.api.AttentionKernelChoice;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.api.ModelShapes;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.Clusters;
import dev.accelerometer.common.costing.CostingFacts;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.planner.api.PlanRequest;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Offload;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.hardware.MissingFactException;
import dev.accelerometer.model.parallel.ExpertCommunication;
import dev.accelerometer.model.parallel.Host;
import dev.accelerometer.model.parallel.HostOffload;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.PlanSearch;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.parallel.TrainingJob;
import dev.accelerometer.model.workload.TrainingStep;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accelerometer.model.calibration.Calibration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a request against the catalog (cached) and costing's calibration constants into the model's training job,
 * then evaluates one plan or runs the plan search — all in-process, with the same model costing answers with.
 */
@ApplicationScoped
public class PlanService {
    /** Allocator fragmentation allowance when the request gives none (assumption, documented in the answer). */
    static final double DEFAULT_HEADROOM = 0.05;
    /** Search deadline when the request gives none. */
    static final int DEFAULT_DEADLINE_MILLIS = 1000;
    static final int DEFAULT_LIMIT = 20;

    @Inject
    CatalogCache catalog;
    @Inject
    dev.accelerometer.common.energy.EnergyRegions energy;
    @Inject
    Clusters clusters;
    @Inject
    CostingFacts costing;

    /** A resolved request: the model's job, and what the answer says it assumed. */
    public record Context(TrainingJob job, List<String> assumptions) {
    }

    public Context context(PlanRequest r) {
        List<String> assumptions = new ArrayList<>();
        Transformer model = model(r, assumptions);
        PlanRequest.Training t = r.training();
        Format format = Format.fromSlug(t.format() == null ? "fp16" : t.format()).orElseThrow();
        Cluster cluster = cluster(r.cluster(), format, assumptions);
        boolean fp32Grads = t.fp32Gradients() == null || t.fp32Gradients();
        Optimizer optimizer = t.optimizer() == null ? Optimizer.ADAM : Optimizer.fromSlug(t.optimizer()).orElseThrow();
        Attention.Kernel kernel = AttentionKernelChoice.of(cluster.device(), t.attentionKernel(), Attention.Kernel.defaultFor(cluster.device()),
                "training.attentionKernel");
        double headroom = r.constraints() != null && r.constraints().memoryHeadroomFraction() != null
                ? r.constraints().memoryHeadroomFraction() : DEFAULT_HEADROOM;
        boolean compress = Boolean.TRUE.equals(t.compressGradients8bit());
        TrainingFramework.Framed framed = TrainingFramework.frame(t.framework(), TrainingFramework.MEGATRON_CORE,
                costing.calibration(cluster.device(), r.calibrationProfile(), "calibrationProfile", assumptions),
                costing.calibrations().forArchitecture(cluster.device().architecture()));
        var calibration = framed.calibration();
        cluster = cluster.withCollectiveScale(calibration);
        // Plain concatenation, not String.format: an evaluation answers in well under a millisecond, and formatting was a
        // measurable share of it (JFR, bench/wrk.sh).
        assumptions.add(model.name() + ": " + grouped(model.parameters()) + " parameters counted from the architecture");
        assumptions.add("model states: 2-byte weights, " + (fp32Grads ? "4-byte gradients (fp32 accumulation, Megatron-LM default)"
                : "2-byte gradients") + ", " + optimizer.mixedPrecisionStateBytes() + " bytes of " + optimizer.slug + " state per parameter "
                + "(master weights and moments, ZeRO §3.1); its update moves "
                + Math.round(optimizer.stepTrafficBytesPerParameter(fp32Grads ? 4 : 2)) + " bytes per parameter");
        assumptions.add(Math.round(headroom * 100) + " % of device memory kept free for allocator fragmentation (assumption)");
        assumptions.add("data-parallel gradient reduction is not overlapped with the backward pass (Megatron-LM 2021 default); under ZeRO-2 "
                + "and ZeRO-3 with gradient accumulation each earlier micro-batch also reduce-scatters its gradient shard (and ZeRO-3 gathers "
                + "the weights for its forward and backward), under that micro-batch's compute: only the excess is charged (DeepSpeed "
                + "issue #2252, PyTorch FSDP2)");
        assumptions.add(framed.assumption());
        assumptions.add("layer compute from the same training-step model and calibration as costing (" + calibration.architectureName()
                + " constants: GEMMs at " + Math.round(calibration.gemmCeiling() * 1000) / 10.0 + " % of peak, end-to-end steps spend "
                + Math.round(calibration.trainingStepEfficiency() * 1000) / 10.0 + " % of their time in kernels; "
                + calibration.trainingStepSource() + ")");
        assumptions.add("attention kernel: " + kernel.slug() + (t.attentionKernel() != null ? ""
                : kernel == Attention.Kernel.FLASH ? " (default: FlashAttention runs on this architecture, as in today's training stacks)"
                : " (default: Megatron-LM's fused softmax; FlashAttention does not target this device)"));
        if (model.moe() != null && TrainingStep.paysMoeHostTime(cluster.device())) {
            assumptions.add("each MoE layer spends " + TrainingStep.MOE_HOST_SECONDS_PER_BLOCK * 1e3 + " ms of host time per micro-batch beyond "
                    + "its kernels (the dropless dispatcher synchronises with the host; the median of NVIDIA's newest-container MoE runs, "
                    + "costing GET /v1/validation moe-training; older software spends more)");
        }
        ExpertCommunication expertCommunication = expertCommunication(t.expertDispatcher(), t.expertCommunicationOverlap(),
                ExpertCommunication.DEFAULT, "training.", model, assumptions);
        if (compress) {
            assumptions.add("data-parallel gradients compressed to 8 bits on the wire (Dettmers 2016): 1 byte per parameter");
        }
        Host host = host(r, cluster, assumptions);
        assumptions.add(expectedError(cluster.device(), model, host != null));
        TrainingJob job = new TrainingJob(model, cluster, calibration, format, t.globalBatchSize(), t.sequenceLength(), optimizer,
                fp32Grads ? 4 : 2, compress ? 1 : fp32Grads ? 4 : 2, kernel, t.tokens(), headroom, framed.tensorParallelOverlap(),
                host == null ? Host.MEASURED : host, expertCommunication);
        return new Context(job, assumptions);
    }

    /**
     * How a MoE model's tokens reach their experts: the request's dispatcher and overlap (fields {@code path}expertDispatcher and
     * {@code path}expertCommunicationOverlap), each defaulting to {@code defaults}' (training's {@link ExpertCommunication#DEFAULT},
     * serving's ServingPlans.Job.SERVING_DEFAULT), stated among the assumptions. On a dense model a dispatcher, or an overlap other
     * than the default, is a 400 naming the field; the overlap's schema default (which generated SDKs send) is accepted and means nothing.
     */
    static ExpertCommunication expertCommunication(String dispatcher, Boolean overlapped, ExpertCommunication defaults, String path, Transformer model,
            List<String> assumptions) {
        if (model.moe() == null) {
            String field = dispatcher != null ? path + "expertDispatcher" : overlapped != null && overlapped != defaults.overlapped()
                    ? path + "expertCommunicationOverlap" : null;
            if (field != null) {
                throw ApiException.invalidField(field, "applies to mixture-of-experts models; " + model.name()
                        + " has no experts: leave it out");
            }
            return defaults;
        }
        ExpertCommunication ep = new ExpertCommunication(dispatcher == null ? defaults.dispatcher()
                : ExpertCommunication.Dispatcher.fromSlug(dispatcher).orElseThrow(), overlapped == null ? defaults.overlapped() : overlapped);
        assumptions.add("expert parallelism: " + ep.describe() + (dispatcher == null || overlapped == null
                ? " (default where the request is silent: " + path + "expertDispatcher " + defaults.dispatcher().slug() + ", " + path
                        + "expertCommunicationOverlap " + defaults.overlapped() + ")" : ""));
        return ep;
    }

    /**
     * The host CPU offload uses, when the request offloads (plan.offload or constraints.offload other than none): the
     * request's rate and memory or the measured hosts', with what the answer assumes about it; null otherwise. A device
     * whose PCIe host link the catalog lacks cannot offload: 422 naming the catalog field.
     */
    private static Host host(PlanRequest r, Cluster cluster, List<String> assumptions) {
        String field = r.plan() != null && r.plan().offload() != null && !"none".equals(r.plan().offload()) ? "plan.offload"
                : r.constraints() != null && r.constraints().offload() != null && !"none".equals(r.constraints().offload()) ? "constraints.offload"
                : null;
        if (field == null) {
            if (r.host() != null && (r.host().memoryBytes() != null || r.host().cpuOptimizerParametersPerSecond() != null)) {
                throw ApiException.invalidField("host", "describes the host CPU offload uses; give plan.offload or constraints.offload "
                        + "(optimizer, optimizer-and-parameters or any), or leave host out");
            }
            return null;
        }
        Device device = cluster.device();
        if (device.kind() != Device.Kind.GPU) {
            throw ApiException.invalidField(field, "CPU offload is modelled for GPUs under DeepSpeed; " + device.id() + " is not one (use none)");
        }
        double link;
        try {
            link = HostOffload.hostLinkBandwidth(device);
        } catch (MissingFactException e) {
            throw ApiException.missingFact(e.getMessage() + " (fill the catalog field " + e.fact + " of " + device.id() + ").", field,
                    "needs the device's PCIe host link: " + e.getMessage());
        }
        PlanRequest.Host given = r.host();
        Double rate = given == null ? null : given.cpuOptimizerParametersPerSecond();
        Double memory = given == null ? null : given.memoryBytes();
        assumptions.add("CPU offload (DeepSpeed ZeRO-Offload): the host's CPUs update " + (rate == null
                ? String.format(java.util.Locale.ROOT, "%.3g", Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND) + " parameters per second "
                        + "(DeepSpeedCPUAdam and its gradient pass as measured on 2020–21 hosts, catalog ledger off-03, off2-03, off-16; a host "
                        + "with fewer cores or slower memory can be several times slower: give host.cpuOptimizerParametersPerSecond)"
                : grouped(Math.round(rate)) + " parameters per second (host.cpuOptimizerParametersPerSecond)")
                + ", shared by the node's ranks, not overlapped with the next step; gradients go to the host under the backward pass and the "
                + "updated 16-bit weights come back after the update over " + device.name() + "'s "
                + dev.accelerometer.model.hardware.Pcie.hostLinkName(device) + " (" + Math.round(link / 1e9) + " GB/s per direction) at "
                + Math.round(HostOffload.HOST_TO_DEVICE_EFFICIENCY * 100) + " % host-to-device and "
                + Math.round(HostOffload.DEVICE_TO_HOST_EFFICIENCY * 100) + " % device-to-host (nvbandwidth on A100 and H100, ledger off2-13, "
                + "off2-15, off2-16); with the weights offloaded every pass fetches them under its compute; the device keeps DeepSpeed's "
                + "default buckets (5e8 gradient elements, 1.05e9 live weight elements)"
                + (memory == null ? "; host memory not checked (give host.memoryBytes)" : "; the node's offloaded states must fit host.memoryBytes"));
        return new Host(rate == null ? Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND : rate, memory, rate == null);
    }

    /**
     * How far such answers have been off: costing's band for this regime — training (mixture-of-experts training for a MoE
     * model, TPU training on a TPU) on this accelerator's architecture (its own where the ledger has tested it, widened where
     * it has not) — as one assumption line, since an evaluation or a search is a training-step estimate like costing's.
     */
    private String expectedError(dev.accelerometer.model.hardware.Device device, Transformer model, boolean offload) {
        String category = device.kind() == dev.accelerometer.model.hardware.Device.Kind.TPU ? "tpu-training"
                : offload ? "offload-training" : model.moe() != null ? "moe-training" : "training";
        return costing.errorBand(category, device).filter(b -> b.medianAbsoluteErrorPercent() != null)
                .map(b -> "expected error: " + category + " estimates on " + device.architectureName() + " have been within "
                        + Math.round(b.medianAbsoluteErrorPercent()) + " % (median) / " + Math.round(b.p90AbsoluteErrorPercent())
                        + " % (p90) of published runs (costing's validation ledger: " + b.note() + ")")
                .orElse("expected error: none quoted (costing's validation ledger was not reachable or has no " + category + " band)");
    }

    Transformer model(PlanRequest r, List<String> assumptions) {
        return model(r.modelId(), r.model(), assumptions);
    }

    /** A catalog model or an inline shape (exactly one), which the step models can time (not an encoder-decoder). */
    Transformer model(String modelId, InlineModel inline, List<String> assumptions) {
        if ((modelId == null) == (inline == null)) {
            throw ApiException.invalidField("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)");
        }
        if (inline != null) {
            if (inline.layoutAssumption() != null) {
                assumptions.add(inline.layoutAssumption());
            }
            return ModelShapes.timed(inline.toTransformer("model"), "model.kind");
        }
        return ModelShapes.timed(CatalogMapping.transformer(catalog.model(modelId, "modelId"), "modelId"), "modelId");
    }

    /** The cluster {@code c} names, resolved against the catalog ({@link Clusters}); {@code format}, when given, must be one it has. */
    public Cluster cluster(ClusterSpec c, Format format, List<String> assumptions) {
        return cluster(c, format, "training.format", assumptions);
    }

    /** As {@link #cluster(ClusterSpec, Format, List)} with the format named by {@code formatField} when the device lacks it. */
    public Cluster cluster(ClusterSpec c, Format format, String formatField, List<String> assumptions) {
        return clusters.resolve(c, "cluster", format, formatField, assumptions);
    }

    /** Checks a fully specified plan against the model and cluster; every broken rule names its field. */
    public Plan plan(Context x, PlanRequest.PlanSpec spec) {
        Plan plan = new Plan(spec.dataParallel(), spec.tensorParallel(), spec.pipelineParallel(),
                spec.virtualStages() == null ? 1 : spec.virtualStages(), spec.microBatchSize(),
                spec.recompute() == null ? Recompute.SELECTIVE : Recompute.fromSlug(spec.recompute()).orElseThrow(),
                Boolean.TRUE.equals(spec.sequenceParallel()), spec.zeroStage() == null ? 0 : spec.zeroStage(),
                spec.expertParallel() == null ? 1 : spec.expertParallel(), spec.expertTensorParallel() == null ? 0 : spec.expertTensorParallel(),
                spec.contextParallel() == null ? 1 : spec.contextParallel(),
                spec.offload() == null ? Offload.NONE : Offload.fromSlug(spec.offload()).orElseThrow());
        List<FieldError> errors = PlanSearch.rules(x.job(), plan).stream()
                .map(v -> new FieldError("plan." + v.dimension(), v.message())).toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return plan;
    }

    /** Whether the catalog answered while this service resolved the facts. */
    public CatalogState catalogState() {
        return CatalogState.of(catalog.freshness());
    }

    /** A model evaluation as the API answers it, with the run's electricity under the request's energy terms. */
    public dev.accelerometer.planner.api.PlanResult.Evaluated answer(PlanEvaluation e, dev.accelerometer.common.energy.Energy.Terms terms) {
        var evaluated = dev.accelerometer.planner.api.PlanResult.Evaluated.of(e);
        return evaluated.with(energy.of(e.energyJoules(), terms, "energy"));
    }

    public PlanEvaluation evaluate(Context x, Plan plan) {
        return PlanEvaluation.of(x.job(), plan, layerCosts(x.job(), plan));
    }

    /** What one block's shard costs depends only on these: the same facts give the same costs. */
    private record LayerKey(Device device, Calibration calibration, Transformer model, Format format, long sequence, Attention.Kernel kernel,
            Optimizer optimizer, int tensorParallel, int expertParallel, int expertTensorParallel, int microBatch) {
    }

    /**
     * Layer costs of repeated evaluations, bounded; keyed by the facts themselves, so a catalog or calibration change makes
     * a new key rather than a stale hit.
     */
    private final Cache<LayerKey, LayerCosts> layerCosts = Caffeine.newBuilder().maximumSize(1024).build();

    private LayerCosts layerCosts(TrainingJob job, Plan plan) {
        LayerKey key = new LayerKey(job.cluster().device(), job.calibration(), job.model(), job.format(), job.sequence(), job.kernel(),
                job.optimizer(), plan.tensorParallel(), plan.expertParallel(), plan.expertTensorParallel(), plan.microBatchSize());
        return layerCosts.get(key, k -> LayerCosts.of(job, plan));
    }

    /** 1,234,567: thousands grouped, as the answers write counts. */
    static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** Every legal plan within the constraints, evaluated until the deadline. */
    public PlanSearch.Result search(Context x, PlanRequest.Constraints constraints) {
        PlanRequest.Constraints c = constraints == null ? new PlanRequest.Constraints(null, null, null, null, null, null, null, null, null, null) : constraints;
        java.util.Set<Offload> offloads = c.offload() == null ? null : "any".equals(c.offload()) ? java.util.EnumSet.allOf(Offload.class)
                : java.util.EnumSet.of(Offload.fromSlug(c.offload()).orElseThrow());
        PlanSearch.Constraints bounds = new PlanSearch.Constraints(c.maxTensorParallel(), c.tensorParallel(), c.pipelineParallel(),
                c.zeroStage(), c.recompute() == null ? null : Recompute.fromSlug(c.recompute()).orElseThrow(), c.expertParallel(), c.contextParallel(),
                offloads);
        long deadline = System.nanoTime() + (long) (c.deadlineMillis() == null ? DEFAULT_DEADLINE_MILLIS : c.deadlineMillis()) * 1_000_000;
        List<Plan> candidates = PlanSearch.enumerate(x.job(), bounds);
        if (candidates.isEmpty()) {
            throw ApiException.invalidField("constraints", "no plan satisfies the constraints for " + x.job().cluster().devices() + " devices");
        }
        return PlanSearch.search(x.job(), candidates, c.limit() == null ? DEFAULT_LIMIT : c.limit(), deadline);
    }
}
