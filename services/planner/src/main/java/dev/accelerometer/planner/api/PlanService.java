package dev.accelerometer.planner.api;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCalls;
import dev.accelerometer.common.catalog.CatalogInterconnect;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.catalog.CatalogSystem;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.planner.client.CostingApi;
import dev.accelerometer.planner.model.Cluster;
import dev.accelerometer.planner.model.LayerCosts;
import dev.accelerometer.planner.model.Memory;
import dev.accelerometer.planner.model.ModelShape;
import dev.accelerometer.planner.model.Plan;
import dev.accelerometer.planner.model.StepTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Resolves a request against the catalog, prices layers through costing (one batched call), evaluates and searches plans. */
@ApplicationScoped
public class PlanService {
    /** Streaming kernels reach this fraction of datasheet bandwidth (costing's calibration, DOMAIN.md §1). */
    static final double BANDWIDTH_FRACTION = 0.90;
    /** Per-step latency of a collective when the catalog gives none: a few microseconds (NCCL small-message latency). */
    static final double DEFAULT_LATENCY = 5e-6;
    /**
     * NCCL ring all-reduce bus bandwidth over NVLink as a fraction of the link's per-direction bandwidth: 208 GB/s busbw
     * measured on an A100 NVLink pair (NV12: 12 × 25 GB/s = 300 GB/s per direction), ledger comm-01 (nccl-tests
     * all_reduce_perf). Applied to NVLink/NVSwitch links; other links are used at their line rate (no measurement yet).
     */
    static final double NVLINK_COLLECTIVE_EFFICIENCY = 208.0 / 300.0;
    /** Allocator fragmentation allowance when the request gives none (assumption, documented in the answer). */
    static final double DEFAULT_HEADROOM = 0.05;

    @Inject
    CatalogCalls catalog;
    @Inject
    @RestClient
    CostingApi costing;

    public record Context(ModelShape model, Cluster cluster, String format, long globalBatch, long sequence, double gradientBytes,
            double wireGradientBytes, double optimizerBytes, String kernel, Double tokens, double headroom, List<String> assumptions) {
    }

    public Context context(PlanRequest r) {
        List<String> assumptions = new ArrayList<>();
        ModelShape model = model(r);
        Cluster cluster = cluster(r, assumptions);
        PlanRequest.Training t = r.training();
        String format = t.format() == null ? "fp16" : t.format();
        boolean fp32Grads = t.fp32Gradients() == null || t.fp32Gradients();
        String optimizer = t.optimizer() == null ? "adam" : t.optimizer();
        double optimizerBytes = switch (optimizer) {
            case "adam-8bit" -> 6;
            case "sgd-momentum" -> 8;
            default -> 12;
        };
        double headroom = r.constraints() != null && r.constraints().memoryHeadroomFraction() != null
                ? r.constraints().memoryHeadroomFraction() : DEFAULT_HEADROOM;
        assumptions.add(String.format("model states: 2-byte weights, %d-byte gradients%s, %.0f bytes of %s state per parameter (ZeRO §3.1)",
                fp32Grads ? 4 : 2, fp32Grads ? " (fp32 accumulation, Megatron-LM default)" : "", optimizerBytes, optimizer));
        assumptions.add(String.format("%.0f %% of device memory kept free for allocator fragmentation (assumption)", headroom * 100));
        assumptions.add("data-parallel gradient reduction is not overlapped with the backward pass (Megatron-LM 2021 default)");
        assumptions.add("layer compute from costing's training step, including its '" + STEP_OVERHEAD + "' (end-to-end runs spend "
                + "about 82 % of a step in kernels; costing's calibration, ledger attn-01 and train-18) spread over the kernels");
        boolean compress = Boolean.TRUE.equals(t.compressGradients8bit());
        if (compress) {
            assumptions.add("data-parallel gradients compressed to 8 bits on the wire (Dettmers 2016): 1 byte per parameter");
        }
        return new Context(model, cluster, format, t.globalBatchSize(), t.sequenceLength(), fp32Grads ? 4 : 2, compress ? 1 : fp32Grads ? 4 : 2,
                optimizerBytes,
                t.attentionKernel() == null ? "standard" : t.attentionKernel(), t.tokens(), headroom, assumptions);
    }

    ModelShape model(PlanRequest r) {
        if ((r.modelId() == null) == (r.model() == null)) {
            throw ApiException.invalidField("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)");
        }
        if (r.model() != null) {
            var m = r.model();
            int kv = m.kvHeads() == null ? m.heads() : m.kvHeads();
            return new ModelShape(m.name(), m.layers(), m.hiddenSize(), m.heads(), kv, m.ffnSize(), false, m.vocabSize(),
                    ModelShape.parametersOf(m.layers(), m.hiddenSize(), m.heads(), kv, m.ffnSize(), false, m.vocabSize()));
        }
        CatalogModel m = CatalogCalls.fetch(() -> catalog.model(r.modelId()), "model", "modelId", r.modelId());
        if (m.hiddenSize() == null || m.attentionHeads() == null || m.ffnSize() == null || m.vocabSize() == null) {
            throw ApiException.invalidField("modelId", "'" + m.id() + "' is not a transformer with a full shape in the catalog");
        }
        boolean gated = "swiglu".equals(m.ffnKind()) || "geglu".equals(m.ffnKind());
        int kv = m.kvHeads() == null ? m.attentionHeads() : m.kvHeads();
        return new ModelShape(m.id(), m.layers(), m.hiddenSize(), m.attentionHeads(), kv, m.ffnSize(), gated, m.vocabSize(),
                ModelShape.parametersOf(m.layers(), m.hiddenSize(), m.attentionHeads(), kv, m.ffnSize(), gated, m.vocabSize()));
    }

    Cluster cluster(PlanRequest r, List<String> assumptions) {
        PlanRequest.ClusterSpec c = r.cluster();
        String acceleratorId = c.acceleratorId();
        Integer perNode = c.devicesPerNode();
        String intraId = c.intraNodeLinkId();
        String interId = c.interNodeLinkId();
        CatalogSystem system = null;
        if (c.systemId() != null) {
            system = CatalogCalls.fetch(() -> catalog.system(c.systemId()), "system", "cluster.systemId", c.systemId());
            acceleratorId = acceleratorId != null ? acceleratorId : system.acceleratorId();
            perNode = perNode != null ? perNode : system.acceleratorsPerNode();
            intraId = intraId != null ? intraId : system.intraNodeLinkId();
            interId = interId != null ? interId : system.interNodeLinkId();
        }
        List<FieldError> errors = new ArrayList<>();
        if (acceleratorId == null) {
            errors.add(new FieldError("cluster.acceleratorId", "is required (or give cluster.systemId)"));
        }
        if (c.devices() == null) {
            errors.add(new FieldError("cluster.devices", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        String accelerator = acceleratorId;
        CatalogAccelerator a = priced(CatalogCalls.fetch(() -> catalog.accelerator(accelerator), "accelerator", "cluster.acceleratorId", accelerator),
                assumptions);
        int devicesPerNode = perNode == null ? Math.min(8, c.devices()) : perNode;
        if (c.devices() > devicesPerNode && c.devices() % devicesPerNode != 0) {
            throw ApiException.invalidField("cluster.devices", "must be a multiple of devicesPerNode (" + devicesPerNode + ") for multi-node clusters");
        }
        double intra;
        double intraLatency = DEFAULT_LATENCY;
        CatalogInterconnect intraLink = null;
        if (intraId != null) {
            String id = intraId;
            CatalogInterconnect link = CatalogCalls.fetch(() -> catalog.interconnect(id), "interconnect", "cluster.intraNodeLinkId", id);
            intraLink = link;
            intra = link.bandwidthPerDirectionBytesPerSecond();
            if (link.latencySeconds() != null) {
                intraLatency = link.latencySeconds();
            }
            // NVSwitch figures in the catalog are per switch; a GPU's own NVLink bandwidth bounds what it can send.
            if (a.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
                intra = Math.min(intra, a.scaleUpBandwidthPerDirectionBytesPerSecond());
            }
            if ("nvlink".equals(link.kind()) || "nvswitch".equals(link.kind())) {
                intra *= NVLINK_COLLECTIVE_EFFICIENCY;
                assumptions.add(String.format("collectives over %s reach %.0f %% of its bandwidth (NCCL busbw on an A100 NVLink pair, ledger comm-01)",
                        link.name(), NVLINK_COLLECTIVE_EFFICIENCY * 100));
            }
        } else if (a.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
            intra = a.scaleUpBandwidthPerDirectionBytesPerSecond();
            if (a.scaleUpLinkKind() != null && a.scaleUpLinkKind().startsWith("nvlink")) {
                intra *= NVLINK_COLLECTIVE_EFFICIENCY;
            }
        } else {
            throw ApiException.invalidField("cluster.intraNodeLinkId", "is required: the catalog has no scale-up bandwidth for " + a.id());
        }
        double inter = intra;
        double interLatency = intraLatency;
        if (c.devices() > devicesPerNode) {
            if (interId == null) {
                throw ApiException.invalidField("cluster.interNodeLinkId", "is required for a cluster of more than one node");
            }
            String id = interId;
            CatalogInterconnect link = CatalogCalls.fetch(() -> catalog.interconnect(id), "interconnect", "cluster.interNodeLinkId", id);
            // One NIC per GPU, as on DGX A100/H100 (8 compute ports per 8 GPUs).
            inter = link.bandwidthPerDirectionBytesPerSecond();
            interLatency = link.latencySeconds() != null ? link.latencySeconds() : DEFAULT_LATENCY;
            assumptions.add(String.format("one %s port per device between nodes (%.0f GB/s per direction)", link.name(), inter / 1e9));
        }
        String format = r.training().format() == null ? "fp16" : r.training().format();
        Double peak = a.peak(format);
        if (peak == null) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format", a.name() + " has no " + format
                    + " mode in the catalog; choose a format it has.", List.of(new Problem.Violation("training.format", "not supported by " + a.id())));
        }
        return new Cluster(a.id(), c.devices(), devicesPerNode, peak, a.memoryBytes(), a.memoryBandwidthBytesPerSecond(), intra, intraLatency,
                inter, interLatency, a.tdpWatts(), a.cloudPriceUsdPerHour(), torus(system, intraLink, c.devices(), intraLatency, assumptions));
    }

    /**
     * A TPU slice's torus, when the system has a torus shape covering exactly the cluster's devices and its link is the
     * chips' ICI: the catalog gives the ICI bandwidth per chip and direction over all its links, so one link carries that
     * ÷ links per chip. Collectives then run per torus axis instead of in a node and across a NIC fabric.
     */
    private static Cluster.Torus torus(CatalogSystem system, CatalogInterconnect link, int devices, double latency, List<String> assumptions) {
        if (system == null || system.torusShape() == null || system.torusShape().isEmpty() || link == null
                || link.linksPerDevice() == null || link.bandwidthPerDirectionBytesPerSecond() == null) {
            return null;
        }
        int[] axes = system.torusShape().stream().mapToInt(Integer::intValue).toArray();
        if (java.util.Arrays.stream(axes).reduce(1, (x, y) -> x * y) != devices) {
            assumptions.add("the cluster uses " + devices + " of " + system.id() + "'s torus " + system.torusShape()
                    + ": collectives modelled as rings over its links, not per torus axis");
            return null;
        }
        double perLink = link.bandwidthPerDirectionBytesPerSecond() / link.linksPerDevice();
        assumptions.add(String.format("torus %s of %s: collectives run per axis on bidirectional rings of %s links at %.0f GB/s per "
                + "direction (%s per chip over %d links); tensor-parallel groups take the leading axes, data-parallel groups the next",
                system.torusShape(), system.id(), link.name(), perLink / 1e9, link.id(), link.linksPerDevice()));
        return new Cluster.Torus(axes, perLink, latency);
    }

    /** The accelerator with a cloud price from the catalog's cheapest instance holding it, when it has none of its own. */
    private CatalogAccelerator priced(CatalogAccelerator a, List<String> assumptions) {
        if (a.cloudPriceUsdPerHour() != null) {
            return a;
        }
        try {
            InstancePrice price = catalog.instancePrices().get(a.id());
            if (price == null) {
                return a;
            }
            assumptions.add(price.note());
            return a.withCloudPriceUsdPerHour(price.usdPerDeviceHour());
        } catch (RuntimeException e) {
            return a; // no price is an answer without dollars, not a failed plan
        }
    }

    /** Layer costs for every (tensor parallel, micro-batch) pair, from one batched costing call. */
    public Map<String, LayerCosts> layerCosts(Context x, Set<List<Integer>> shapes) {
        List<List<Integer>> keys = new ArrayList<>(shapes);
        List<CostingApi.ModelCost> requests = new ArrayList<>();
        ModelShape m = x.model();
        for (List<Integer> key : keys) {
            int t = key.get(0);
            int b = key.get(1);
            CostingApi.InlineShape shard = new CostingApi.InlineShape(m.name() + "-tp" + t, "decoder", 1, m.hidden(), m.heads() / t,
                    Math.max(1, m.kvHeads() / t), m.hidden() / m.heads(), m.ffn() / t, m.gatedFfn() ? "swiglu" : "gelu",
                    (int) Math.ceil((double) m.vocab() / t), null);
            requests.add(new CostingApi.ModelCost(x.cluster().acceleratorId(), 1, null, shard, "training", (long) b, x.sequence(), x.format(),
                    x.kernel(), "adamw"));
        }
        List<CostingApi.BatchItem> answers;
        try {
            answers = costing.models(requests, false);
        } catch (RuntimeException e) {
            throw new ApiException(503, "costing-unavailable", "Costing unavailable",
                    "The costing service did not answer; compute times come from it. Retry shortly.", List.of());
        }
        Map<String, LayerCosts> costs = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            CostingApi.BatchItem item = answers.get(i);
            if (item.estimate() == null) {
                throw new ApiException(422, "not-costable", "Not costable", "costing could not price a layer: "
                        + (item.problem() == null ? "no answer" : item.problem().detail()), List.of());
            }
            costs.put(key(keys.get(i).get(0), keys.get(i).get(1)), toLayerCosts(item.estimate()));
        }
        return costs;
    }

    /** Costing's name for the end-to-end time a training step spends around its kernels (its calibrated step efficiency). */
    static final String STEP_OVERHEAD = "framework and scheduling overhead";

    /**
     * One layer's forward, backward, attention and head times from costing's training-step breakdown. Costing adds what an
     * end-to-end step spends around its kernels as one line; it is spread over the kernels in proportion, so each
     * pipeline stage and recomputation carries its share.
     */
    static LayerCosts toLayerCosts(CostingApi.Estimate e) {
        double forward = 0, backward = 0, attention = 0, head = 0, kernels = 0, overhead = 0;
        for (CostingApi.Operation op : e.breakdown()) {
            String name = op.operation();
            if (name.equals(STEP_OVERHEAD)) {
                overhead += op.timeSeconds();
                continue;
            }
            kernels += op.timeSeconds();
            if (name.startsWith("output head") || name.startsWith("loss")) {
                head += op.timeSeconds();
            } else if (name.equals("optimizer step")) {
                continue;
            } else if (name.endsWith("forward")) {
                forward += op.timeSeconds();
                if (name.equals("attention forward")) {
                    attention += op.timeSeconds();
                }
            } else if (name.endsWith("backward")) {
                backward += op.timeSeconds();
            }
        }
        double scale = kernels > 0 ? (kernels + overhead) / kernels : 1;
        return new LayerCosts(forward * scale, backward * scale, attention * scale, head * scale);
    }

    static String key(int t, int b) {
        return t + "x" + b;
    }

    public PlanResult.Evaluated evaluate(Context x, Plan plan, LayerCosts costs) {
        Memory.Breakdown memory = Memory.of(x.model(), plan, x.sequence(), x.gradientBytes(), x.optimizerBytes());
        double usable = x.cluster().memoryBytes() * (1 - x.headroom());
        StepTime.Breakdown step = StepTime.of(x.model(), plan, x.cluster(), costs, x.globalBatch(), x.sequence(), x.wireGradientBytes(),
                BANDWIDTH_FRACTION);
        double modelFlops = StepTime.modelFlops(x.model(), x.globalBatch(), x.sequence());
        double hardwareFlops = modelFlops * switch (plan.recompute()) {
            case FULL -> 4.0 / 3;
            default -> 1.0;
        };
        int devices = plan.devices();
        double perDevice = modelFlops / step.totalSeconds() / devices;
        Double timeToTrain = x.tokens() == null ? null : Math.ceil(x.tokens() / (x.globalBatch() * x.sequence())) * step.totalSeconds();
        Double cost = timeToTrain == null || x.cluster().cloudPriceUsdPerHour() == null ? null
                : timeToTrain / 3600 * x.cluster().cloudPriceUsdPerHour() * devices;
        Double energy = timeToTrain == null || x.cluster().tdpWatts() == null ? null : timeToTrain * x.cluster().tdpWatts() * devices;
        return new PlanResult.Evaluated(
                new PlanResult.Plan(plan.dataParallel(), plan.tensorParallel(), plan.pipelineParallel(), plan.virtualStages(), plan.microBatchSize(),
                        plan.recompute().name().toLowerCase(), plan.sequenceParallel(), plan.zeroStage(), step.microBatches()),
                new PlanResult.Memory(memory.weightBytes(), memory.gradientBytes(), memory.optimizerBytes(), memory.activationBytes(),
                        memory.totalBytes(), x.cluster().memoryBytes(), usable, memory.totalBytes() <= usable),
                new PlanResult.Step(step.computeSeconds(), step.recomputeSeconds(), step.tensorParallelSeconds(), step.pipelineBubbleSeconds(),
                        step.pipelineP2pSeconds(), step.dataParallelSeconds(), step.zeroGatherSeconds(), step.optimizerSeconds(), step.totalSeconds()),
                x.globalBatch() * x.sequence() / step.totalSeconds(), perDevice, perDevice / x.cluster().peakFlopsPerSecond(),
                hardwareFlops / step.totalSeconds() / devices / x.cluster().peakFlopsPerSecond(), timeToTrain, cost, energy);
    }

    /** Checks a fully specified plan against the model and cluster; every broken rule names its field. */
    public Plan plan(Context x, PlanRequest.PlanSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        int v = spec.virtualStages() == null ? 1 : spec.virtualStages();
        Plan plan = new Plan(spec.dataParallel(), spec.tensorParallel(), spec.pipelineParallel(), v, spec.microBatchSize(),
                spec.recompute() == null ? Plan.Recompute.SELECTIVE : Plan.Recompute.valueOf(spec.recompute().toUpperCase()),
                Boolean.TRUE.equals(spec.sequenceParallel()), spec.zeroStage() == null ? 0 : spec.zeroStage());
        errors.addAll(rules(x, plan));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return plan;
    }

    static List<FieldError> rules(Context x, Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        ModelShape m = x.model();
        if (plan.devices() != x.cluster().devices()) {
            errors.add(new FieldError("plan.dataParallel", "d·t·p = " + plan.devices() + " must equal cluster.devices (" + x.cluster().devices() + ")"));
        }
        if (m.heads() % plan.tensorParallel() != 0 || m.ffn() % plan.tensorParallel() != 0) {
            errors.add(new FieldError("plan.tensorParallel", "must divide the heads (" + m.heads() + ") and the FFN size (" + m.ffn() + ")"));
        }
        if (plan.tensorParallel() > x.cluster().devicesPerNode()) {
            errors.add(new FieldError("plan.tensorParallel", "must stay inside a node (≤ " + x.cluster().devicesPerNode() + " devices)"));
        }
        if (m.layers() % ((long) plan.pipelineParallel() * plan.virtualStages()) != 0) {
            errors.add(new FieldError("plan.pipelineParallel", "p·v = " + plan.pipelineParallel() * plan.virtualStages()
                    + " must divide the layers (" + m.layers() + ")"));
        }
        if (x.globalBatch() % ((long) plan.dataParallel() * plan.microBatchSize()) != 0) {
            errors.add(new FieldError("plan.microBatchSize", "d·b = " + (long) plan.dataParallel() * plan.microBatchSize()
                    + " must divide the global batch (" + x.globalBatch() + ")"));
        }
        if (plan.sequenceParallel() && plan.tensorParallel() == 1) {
            errors.add(new FieldError("plan.sequenceParallel", "needs tensor parallelism (t > 1)"));
        }
        if (plan.virtualStages() > 1 && plan.pipelineParallel() == 1) {
            errors.add(new FieldError("plan.virtualStages", "interleaving needs pipeline parallelism (p > 1)"));
        }
        return errors;
    }

    /**
     * Exhaustive search over legal plans, bounded by a deadline; costing is called once for all (t, b) pairs. The deadline
     * bounds the evaluation of candidates, not the fetch of layer costs before it (bounded by the costing client's own
     * timeout): a cold costing service must not leave a search with nothing evaluated.
     */
    public PlanResult.Search search(Context x, PlanRequest.Constraints constraints) {
        long started = System.nanoTime();
        PlanRequest.Constraints c = constraints == null ? new PlanRequest.Constraints(null, null, null, null, null, null, null, null) : constraints;
        int limit = c.limit() == null ? 20 : c.limit();
        long budget = (long) (c.deadlineMillis() == null ? 1000 : c.deadlineMillis()) * 1_000_000;
        List<Plan> candidates = enumerate(x, c);
        if (candidates.isEmpty()) {
            throw ApiException.invalidField("constraints", "no plan satisfies the constraints for " + x.cluster().devices() + " devices");
        }
        Set<List<Integer>> shapes = new LinkedHashSet<>();
        candidates.forEach(p -> shapes.add(List.of(p.tensorParallel(), p.microBatchSize())));
        Map<String, LayerCosts> costs = layerCosts(x, shapes);
        long deadline = System.nanoTime() + budget;
        List<PlanResult.Evaluated> feasible = new ArrayList<>();
        long evaluated = 0;
        boolean cut = false;
        PlanResult.Evaluated closest = null;
        for (Plan plan : candidates) {
            if (System.nanoTime() > deadline) {
                cut = true;
                break;
            }
            evaluated++;
            PlanResult.Evaluated e = evaluate(x, plan, costs.get(key(plan.tensorParallel(), plan.microBatchSize())));
            if (e.memory().fits()) {
                feasible.add(e);
            } else if (closest == null || e.memory().totalBytes() < closest.memory().totalBytes()) {
                closest = e;
            }
        }
        feasible.sort(Comparator.comparingDouble(e -> e.step().totalSeconds()));
        List<PlanResult.Evaluated> top = feasible.subList(0, Math.min(limit, feasible.size()));
        String binding = null;
        Double shortfall = null;
        if (feasible.isEmpty() && closest != null) {
            binding = "device memory: the smallest plan needs " + Math.round(closest.memory().totalBytes() / 1e9) + " GB of "
                    + Math.round(closest.memory().usableBytes() / 1e9) + " GB usable";
            shortfall = closest.memory().totalBytes() - closest.memory().usableBytes();
        }
        return new PlanResult.Search(null, Instant.now(), top.isEmpty() ? null : top.get(0), top, evaluated, feasible.size(),
                (System.nanoTime() - started) / 1e6, cut, binding, shortfall, x.assumptions());
    }

    static List<Plan> enumerate(Context x, PlanRequest.Constraints c) {
        List<Plan> plans = new ArrayList<>();
        int n = x.cluster().devices();
        ModelShape m = x.model();
        int maxT = Math.min(x.cluster().devicesPerNode(), c.maxTensorParallel() == null ? Integer.MAX_VALUE : c.maxTensorParallel());
        for (int t = 1; t <= maxT; t *= 2) {
            if (n % t != 0 || (c.tensorParallel() != null && t != c.tensorParallel())) {
                continue;
            }
            for (int p = 1; p <= n / t; p++) {
                if ((n / t) % p != 0 || m.layers() % p != 0 || (c.pipelineParallel() != null && p != c.pipelineParallel())) {
                    continue;
                }
                int d = n / (t * p);
                for (int b = 1; b <= 64; b *= 2) {
                    if (x.globalBatch() % ((long) d * b) != 0) {
                        continue;
                    }
                    for (int v : new int[] {1, 2, 4}) {
                        for (Plan.Recompute r : Plan.Recompute.values()) {
                            if (c.recompute() != null && !r.name().equalsIgnoreCase(c.recompute())) {
                                continue;
                            }
                            for (boolean sp : new boolean[] {false, true}) {
                                for (int z = 0; z <= 3; z++) {
                                    if (c.zeroStage() != null && z != c.zeroStage()) {
                                        continue;
                                    }
                                    Plan plan = new Plan(d, t, p, v, b, r, sp, z);
                                    if (rules(x, plan).isEmpty() && (z == 0 || d > 1)) {
                                        plans.add(plan);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return plans;
    }
}
