package dev.accelerometer.planner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Owners;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.costing.CostingFacts;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.store.Retention;
import dev.accelerometer.common.store.SavedResults;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.quantization.KvFormat;
import dev.accelerometer.model.serving.Lengths;
import dev.accelerometer.model.serving.ServingPlans;
import dev.accelerometer.model.serving.ServingRuntime;
import dev.accelerometer.model.serving.Workload;
import dev.accelerometer.planner.api.ServingPlanResult;
import dev.accelerometer.planner.api.ServingRequest;
import dev.accelerometer.planner.store.ServingPlanRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Serving plans: resolves a request against the catalog and costing's calibration into the model library's serving job
 * ({@link ServingPlans}), evaluates one deployment or searches, and saves searches like plans.
 */
@ApplicationScoped
public class ServingService {
    static final int DEFAULT_SIMULATED_REQUESTS = 2000;
    static final int DEFAULT_LIMIT = 10;
    static final int DEFAULT_DEADLINE_MILLIS = 5000;
    static final double DEFAULT_MEMORY_UTILIZATION = 0.9;
    /** The categories of GET /v1/validation whose bands serving answers quote. */
    static final List<String> BANDS = List.of("serving-throughput", "serving-latency");

    @Inject
    PlanService plans;
    @Inject
    dev.accelerometer.common.energy.EnergyRegions energy;
    @Inject
    CatalogCache catalog;
    @Inject
    CostingFacts costing;
    @Inject
    SavedResults saved;
    @Inject
    ObjectMapper json;
    @Inject
    Owners owners;

    /** A resolved request: the model library's job, the search bounds and what the answer says it assumed. */
    public record Context(ServingPlans.Job job, ServingPlans.Bounds bounds, int limit, int deadlineMillis, double meanRequestTokens,
            List<String> assumptions, dev.accelerometer.common.energy.Energy.Terms energy) {
    }

    /** An evaluation as the API answers it, with the electricity of a million output tokens under the request's energy terms. */
    private ServingPlanResult.Evaluated evaluated(ServingPlans.Evaluation e, Device device, Context x) {
        return ServingPlanResult.Evaluated.of(e, device, x.meanRequestTokens(), joules -> energy.of(joules, x.energy(), "energy"));
    }

    public Context context(ServingRequest r) {
        List<String> assumptions = new ArrayList<>();
        Transformer model = plans.model(r.modelId(), r.model(), assumptions);
        Format format = Format.fromSlug(r.weightFormat() == null ? "bf16" : r.weightFormat()).orElseThrow();
        Cluster cluster = plans.cluster(oneNode(r.cluster()), format, "weightFormat", assumptions);
        Device device = cluster.device();
        ServingRuntime runtime = ServingRuntime.fromSlug(r.runtime() == null ? "tensorrt-llm" : r.runtime()).orElseThrow();
        String kv = r.kvCacheFormat() != null ? r.kvCacheFormat() : runtime.defaultKvCache(format).slug();
        double kvBytes = KvFormat.fromId(kv).orElseThrow().bits / 8.0;
        Workload workload = workload(r.workload(), model);
        ServingRequest.SearchSpec s = r.search() == null ? new ServingRequest.SearchSpec(null, null, null, null, null, null, null) : r.search();
        if (s.expertParallel() != null) {
            expertParallel(model, "search.expertParallel", s.expertParallel(), r.cluster().devices());
            if (s.tensorParallel() != null || s.pipelineParallel() != null) {
                throw ApiException.invalidField("search.expertParallel", "runs attention data parallel, without tensor or pipeline parallelism: "
                        + "leave search.tensorParallel and search.pipelineParallel out, or this");
            }
        }
        double memory = s.memoryUtilization() == null ? DEFAULT_MEMORY_UTILIZATION : s.memoryUtilization();
        ServingRequest.Objectives o = r.objectives();
        ServingPlans.Objectives objectives = o == null ? ServingPlans.Objectives.NONE
                : new ServingPlans.Objectives(o.ttftP50Seconds(), o.ttftP99Seconds(), o.tpotP50Seconds(), o.tpotP99Seconds(), o.itlP99Seconds(),
                        o.e2eP99Seconds());
        var profile = costing.profile(r.calibrationProfile(), "calibrationProfile");
        var calibration = costing.calibration(device, profile);
        cluster = cluster.withCollectiveScale(calibration);
        Attention.Kernel kernel = Attention.Kernel.defaultFor(device);
        // The exchange is stated once, in the expert-parallel assumption below.
        dev.accelerometer.model.parallel.ExpertCommunication experts = PlanService.expertCommunication(r.expertDispatcher(),
                r.expertCommunicationOverlap(), ServingPlans.Job.SERVING_DEFAULT, "", model, new ArrayList<>());
        ServingPlans.Job job = new ServingPlans.Job(device, calibration, model, format, format.inputBytes, kvBytes, kernel, runtime, cluster, memory,
                workload, objectives, nodes(r.cluster(), format), experts);
        int minDevices = s.minDevices() == null ? 1 : s.minDevices();
        if (minDevices > r.cluster().devices()) {
            throw ApiException.invalidField("search.minDevices", "is more than cluster.devices (" + r.cluster().devices() + "); raise cluster.devices");
        }
        if (s.tensorParallel() != null && s.tensorParallel() > cluster.devicesPerNode()) {
            throw ApiException.invalidField("search.tensorParallel", "is more than the devices per node (" + cluster.devicesPerNode()
                    + "): tensor-parallel groups stay inside a node");
        }
        ServingPlans.Bounds bounds = new ServingPlans.Bounds(minDevices, r.cluster().devices(),
                s.tensorParallel() == null ? null : List.of(s.tensorParallel()),
                s.maxSequences() == null || s.maxSequences().isEmpty() ? ServingPlans.DEFAULT_MAX_SEQUENCES : s.maxSequences(),
                s.maxBatchedTokens() == null || s.maxBatchedTokens().isEmpty() ? ServingPlans.DEFAULT_MAX_BATCHED_TOKENS : s.maxBatchedTokens(),
                s.disaggregated() == null || s.disaggregated(), s.pipelineParallel() == null ? null : List.of(s.pipelineParallel()),
                s.expertParallel() == null ? null : List.of(s.expertParallel()));
        assumptions.add(model.name() + ": " + PlanService.grouped(model.parameters()) + " parameters counted from the architecture"
                + (model.moe() != null ? ", " + PlanService.grouped(model.activeParameters()) + " active per token (experts split by tensor "
                + "parallelism, or over an expert-parallel group whose ranks run attention data parallel; the experts a batch touches read "
                + "under uniform routing — under expert parallelism, those all the group's tokens touch)" : ""));
        if (model.moe() != null) {
            assumptions.add("an expert-parallel replica (expertParallel above 1) runs attention data parallel: each rank schedules its own "
                    + "sequences and caches their keys and values (a multi-head latent attention's latent is cached once, not on every "
                    + "tensor-parallel rank); in every MoE block each rank dispatches its tokens to their experts' ranks and combines them "
                    + "back, in 16 bits (inside a node over its link, past it through the NICs): " + experts.describe() + "; the ranks step "
                    + "together, each priced at its own load (no straggler from uneven routing or uneven batches: real runs lose some of this "
                    + "to imbalance, which expert-placement balancers reduce)" + (r.expertDispatcher() == null
                    || r.expertCommunicationOverlap() == null ? " (request fields expertDispatcher and expertCommunicationOverlap; defaults "
                    + "all-to-all, not overlapped)" : ""));
        }
        if (profile != null) {
            assumptions.add(profile.assumption(device.id()));
        }
        String kvSource = r.kvCacheFormat() != null ? "" : " (the " + runtime.slug() + " default" + (format.gemmOnly() && kv.equals("bf16")
                ? ": its kv_cache_dtype auto is the model's 16-bit dtype, not the weights' " + format.slug() + "; pass kvCacheFormat fp8 for "
                + "--kv-cache-dtype fp8)" : ")");
        assumptions.add("weights and GEMMs in " + format.slug() + ", KV cache in " + kv + kvSource
                + "; prefill attention " + kernel.slug() + (format.gemmOnly() ? " in bf16" : "")
                + (format == Format.FP4 ? "; fp4 as NVFP4 (E2M1 with an E4M3 scale per 16 elements, " + format.inputBytes + " bytes per weight); "
                + "the output head at fp8's rate and size (NVIDIA's FP4 checkpoints keep it out of FP4; 16-bit in some, about 2 % more "
                + "weight bytes)" : ""));
        assumptions.add("runtime " + runtime.describe());
        assumptions.add(runtime.cacheOfFreeMemory()
                ? String.format(Locale.ROOT, "paged KV cache (blocks of %d tokens) in %.0f %% of the memory the weights and workspace leave "
                        + "(TensorRT-LLM's free_gpu_memory_fraction, default 0.9)", dev.accelerometer.model.serving.Scheduler.DEFAULT_BLOCK_TOKENS, memory * 100)
                : String.format(Locale.ROOT, "%.0f %% of device memory for weights, workspace and paged KV cache (blocks of %d tokens; "
                        + "vLLM's gpu_memory_utilization, SGLang's mem_fraction_static; default 0.9)", memory * 100,
                        dev.accelerometer.model.serving.Scheduler.DEFAULT_BLOCK_TOKENS));
        assumptions.add("continuous batching with chunked prefill: each iteration schedules the running sequences' decode tokens first, "
                + "then prompt chunks in first-come order up to the token limit; a sequence that needs a KV block when none is free "
                + "preempts the latest admitted one, which is recomputed later (vLLM's policy)");
        assumptions.add("tensor-parallel groups inside one node, two all-reduces per block over its link (NCCL's algorithm, the "
                + "collective model); replicas share the traffic evenly (Poisson streams split at random stay Poisson); a replica of p "
                + "pipeline stages keeps p batches in flight (vLLM's virtual engines), each through every stage with the hidden states "
                + "sent at each boundary (over the network past one node); pipelines tried with the widest tensor-parallel group"
                + (cluster.meshDevices() > 1 ? String.format(Locale.ROOT, "; the node's link is a full mesh of %d devices: a group of t of them "
                + "reaches (t − 1)/%d of its bandwidth (one direct link to each peer in the group)", cluster.meshDevices(),
                cluster.meshDevices() - 1) : ""));
        assumptions.add("disaggregated serving (a prefill pool and a decode pool): each pool simulated at the whole traffic's share, the "
                + "prompt's KV cache moved over the node's link (pools on different nodes would move it over the network, slower); "
                + "TTFT is the prefill pool's, TPOT and token gaps the decode pool's from the first token, end-to-end percentiles "
                + "the sums of the two pools' (an upper bound); no published disaggregated run of a dense model is in the ledger: "
                + "its band is the co-located one's, likely wider");
        assumptions.add(workload.requests() + " requests simulated per configuration (seed " + workload.seed() + ")");
        int limit = s.limit() == null ? DEFAULT_LIMIT : s.limit();
        int deadline = s.deadlineMillis() == null ? DEFAULT_DEADLINE_MILLIS : s.deadlineMillis();
        double mean = workload.input().mean() + workload.output().mean();
        return new Context(job, bounds, limit, deadline, mean, assumptions, r.energy());
    }

    /**
     * The cluster as the request names it, with its network between nodes, for pipeline stages that cross nodes; null when
     * it is one node or names no network (then stages stay in a node).
     */
    private Cluster nodes(ClusterSpec c, Format format) {
        try {
            Cluster all = plans.cluster(new ClusterSpec(c.acceleratorId(), c.devices(), c.devicesPerNode(), c.intraNodeLinkId(), c.interNodeLinkId(),
                    c.systemId(), null), format, "weightFormat", new ArrayList<>());
            return all.nodes() > 1 ? all : null;
        } catch (ApiException e) {
            return null;
        }
    }

    /**
     * One node of the cluster the request names: replicas serve independently, so only the link inside a node (the
     * tensor-parallel groups') matters, and a system without a network between its nodes can still serve from many.
     * {@code devices} stays the bound of the search.
     */
    private ClusterSpec oneNode(ClusterSpec c) {
        if (c.devices() == null) {
            return c;
        }
        Integer perNode = c.devicesPerNode();
        if (perNode == null && c.systemId() != null) {
            perNode = catalog.system(c.systemId(), "cluster.systemId").acceleratorsPerNode();
        }
        int node = Math.min(c.devices(), perNode == null ? Math.min(8, c.devices()) : perNode);
        // A TPU slice's torus shape describes the whole slice; one node's group runs over its links as rings.
        return new ClusterSpec(c.acceleratorId(), node, perNode == null ? node : perNode, c.intraNodeLinkId(), c.interNodeLinkId(), c.systemId(),
                null);
    }

    /** The request's traffic as the simulator's workload; every missing or contradictory field named. */
    static Workload workload(ServingRequest.Traffic t, Transformer model) {
        List<FieldError> errors = new ArrayList<>();
        Workload.Arrival arrival = Workload.Arrival.valueOf(t.arrival().toUpperCase(Locale.ROOT));
        if (arrival == Workload.Arrival.POISSON && t.requestsPerSecond() == null) {
            errors.add(new FieldError("workload.requestsPerSecond", "is required for poisson arrivals"));
        }
        if (arrival == Workload.Arrival.CONCURRENCY && t.concurrency() == null) {
            errors.add(new FieldError("workload.concurrency", "is required for concurrency arrivals"));
        }
        Lengths input = null;
        Lengths output = null;
        boolean trace = t.trace() != null && !t.trace().isEmpty();
        if (trace) {
            if (t.inputTokens() != null || t.outputTokens() != null) {
                errors.add(new FieldError("workload.trace", "give either a trace or inputTokens and outputTokens, not both"));
            }
            input = new Lengths.Trace(t.trace().stream().mapToInt(ServingRequest.TraceEntry::inputTokens).toArray());
            output = new Lengths.Trace(t.trace().stream().mapToInt(ServingRequest.TraceEntry::outputTokens).toArray());
        } else {
            if (t.inputTokens() == null) {
                errors.add(new FieldError("workload.inputTokens", "is required (or give workload.trace)"));
            } else {
                input = lengths(t.inputTokens(), "workload.inputTokens", errors);
            }
            if (t.outputTokens() == null) {
                errors.add(new FieldError("workload.outputTokens", "is required (or give workload.trace)"));
            } else {
                output = lengths(t.outputTokens(), "workload.outputTokens", errors);
            }
        }
        if (input != null && output != null && model.maxSequenceLength() != null
                && (long) input.max() + output.max() > model.maxSequenceLength()) {
            errors.add(new FieldError(trace ? "workload.trace" : "workload.inputTokens", "the longest request (" + input.max() + " prompt + "
                    + output.max() + " output tokens) is longer than " + model.name() + "'s context of " + model.maxSequenceLength()
                    + " tokens; shorten the lengths (a lognormal's maxTokens cuts its tail)"));
        }
        int simulated = t.simulatedRequests() == null ? DEFAULT_SIMULATED_REQUESTS : t.simulatedRequests();
        if (input != null && output != null && simulated * (input.mean() + output.mean()) > MAX_SIMULATED_TOKENS) {
            // The simulator's work grows with the tokens it moves through iterations: a bound keeps every answer within seconds (a
            // trace of 8M-token requests once ran for minutes after its client had gone, 2026-12-03).
            String lengths = trace ? "workload.trace" : "workload.outputTokens";
            errors.add(new FieldError("workload.simulatedRequests", String.format(Locale.ROOT, "× the mean request length (%.0f prompt + "
                    + "%.0f output tokens) is %.3g tokens to simulate, beyond %.0e; simulate fewer requests or shorten %s", input.mean(),
                    output.mean(), simulated * (input.mean() + output.mean()), MAX_SIMULATED_TOKENS, lengths)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return new Workload(arrival, t.requestsPerSecond() == null ? 0 : t.requestsPerSecond(), t.concurrency() == null ? 0 : t.concurrency(),
                input, output, t.prefixCacheHitRate() == null ? 0 : t.prefixCacheHitRate(),
                t.simulatedRequests() == null ? DEFAULT_SIMULATED_REQUESTS : t.simulatedRequests(), t.seed() == null ? 1 : t.seed());
    }

    /** The most tokens (requests × mean prompt and output length) one simulation moves: 10^8 (measured 1.3 s for 20,000 requests of 2,500 + 2,499 tokens, Llama 3.1 8B on 8 replicas, POST /v1/serving-plans/evaluate). */
    static final double MAX_SIMULATED_TOKENS = 1e8;

    private static Lengths lengths(ServingRequest.Lengths l, String field, List<FieldError> errors) {
        switch (l.distribution()) {
            case "fixed" -> {
                if (l.tokens() == null) {
                    errors.add(new FieldError(field + ".tokens", "is required for a fixed length"));
                    return null;
                }
                return new Lengths.Fixed(l.tokens());
            }
            case "uniform" -> {
                if (l.minTokens() == null || l.maxTokens() == null) {
                    errors.add(new FieldError(field + (l.minTokens() == null ? ".minTokens" : ".maxTokens"), "is required for a uniform length"));
                    return null;
                }
                if (l.minTokens() > l.maxTokens()) {
                    errors.add(new FieldError(field + ".minTokens", "is more than maxTokens"));
                    return null;
                }
                return new Lengths.Uniform(l.minTokens(), l.maxTokens());
            }
            default -> {
                if (l.meanTokens() == null || l.sigma() == null) {
                    errors.add(new FieldError(field + (l.meanTokens() == null ? ".meanTokens" : ".sigma"), "is required for a lognormal length"));
                    return null;
                }
                int max = l.maxTokens() != null ? l.maxTokens() : (int) Math.min(10_000_000, Math.ceil(8 * l.meanTokens()));
                if (max < l.meanTokens()) {
                    errors.add(new FieldError(field + ".maxTokens", "is below meanTokens"));
                    return null;
                }
                return new Lengths.LogNormal(l.meanTokens(), l.sigma(), max);
            }
        }
    }

    /** One deployment at the workload. */
    public ServingPlanResult.Evaluation evaluate(ServingRequest r) {
        Context x = context(r);
        ServingRequest.Configuration c = r.configuration();
        int stages = c.pipelineParallel() == null ? 1 : c.pipelineParallel();
        int experts = expertGroup(x, "configuration", c.expertParallel(), c.tensorParallel(), stages);
        long devices = (long) c.tensorParallel() * stages * experts * c.replicas();
        if (devices > x.bounds().maxDevices()) {
            throw ApiException.invalidField("configuration.replicas", "tensorParallel × pipelineParallel × expertParallel × replicas = " + devices
                    + " devices, more than cluster.devices (" + x.bounds().maxDevices() + ")");
        }
        tensorParallel(x, "configuration.tensorParallel", c.tensorParallel());
        ServingPlans.Configuration replicas = new ServingPlans.Configuration(c.tensorParallel(), stages, c.replicas(), c.maxSequences(),
                c.maxBatchedTokens(), experts);
        ServingRequest.Pool pool = c.prefillPool();
        if (pool != null && stages > 1) {
            throw ApiException.invalidField("configuration.pipelineParallel", "must be 1 with a prefillPool: disaggregated pools are not pipelined");
        }
        int poolExperts = pool == null ? 1 : expertGroup(x, "configuration.prefillPool", pool.expertParallel(), pool.tensorParallel(), 1);
        if (pool != null) {
            tensorParallel(x, "configuration.prefillPool.tensorParallel", pool.tensorParallel());
            long both = devices + (long) pool.tensorParallel() * poolExperts * pool.replicas();
            if (both > x.bounds().maxDevices()) {
                throw ApiException.invalidField("configuration.prefillPool.replicas", "the two pools need " + both + " devices, more than "
                        + "cluster.devices (" + x.bounds().maxDevices() + ")");
            }
        }
        ServingPlans.Evaluation e;
        try {
            e = pool == null ? ServingPlans.evaluate(x.job(), replicas)
                    : ServingPlans.evaluateDisaggregated(x.job(), new ServingPlans.Configuration(pool.tensorParallel(), 1, pool.replicas(),
                            c.maxSequences(), pool.maxBatchedTokens(), poolExperts), replicas);
        } catch (ServingPlans.DoesNotFit fit) {
            boolean network = fit.reason() == ServingPlans.DoesNotFit.Reason.NETWORK;
            boolean expertParallel = experts > 1 || poolExperts > 1;
            String field = expertParallel ? "configuration.expertParallel"
                    : network ? "configuration.pipelineParallel" : "configuration.tensorParallel";
            throw new ApiException(422, "does-not-fit", "The deployment cannot run as configured", fit.getMessage() + (network
                    ? "; keep tensorParallel × pipelineParallel (or expertParallel) within a node or name cluster.interNodeLinkId"
                    : expertParallel ? "; raise the expertParallel of the pool that does not fit, use fp8 weights or a larger accelerator"
                    : "; raise configuration.tensorParallel or pipelineParallel, use fp8 weights or a larger accelerator"),
                    List.of(new dev.accelerometer.common.problem.Problem.Violation(field,
                            network ? "a group past one node without a network" : "too small for the model")));
        }
        return new ServingPlanResult.Evaluation(evaluated(e, x.job().device(), x), x.assumptions(),
                bands(x.job(), experts > 1 || poolExperts > 1), ModelParameters.of(x.job().model()), plans.catalogState());
    }

    /**
     * The expert-parallel group a deployment or its prefill pool ({@code path}) asks for, 1 when it gives none: a mixture of experts'
     * whose routed experts it divides, running attention data parallel (no tensor or pipeline parallelism).
     */
    private static int expertGroup(Context x, String path, Integer expertParallel, int tensorParallel, int stages) {
        int e = expertParallel == null ? 1 : expertParallel;
        if (e > 1) {
            expertParallel(x.job().model(), path + ".expertParallel", e, x.bounds().maxDevices());
            if (tensorParallel != 1 || stages != 1) {
                throw ApiException.invalidField(path + ".expertParallel", "runs attention data parallel: set " + path + ".tensorParallel"
                        + (stages != 1 ? " and pipelineParallel" : "") + " to 1, or expertParallel to 1");
            }
        }
        return e;
    }

    /** An expert-parallel group the request asks for ({@code field}): a mixture of experts' whose routed experts it divides. */
    private static void expertParallel(Transformer model, String field, int e, int devices) {
        if (model.moe() == null) {
            throw ApiException.invalidField(field, "applies to mixtures of experts only; " + model.name() + " is dense: leave it out or set it to 1");
        }
        if (model.moe().experts() % e != 0) {
            throw ApiException.invalidField(field, "must divide the model's " + model.moe().experts() + " routed experts (every rank holds as many)");
        }
        if (e > devices) {
            throw ApiException.invalidField(field, "is more than cluster.devices (" + devices + ")");
        }
    }

    /** A tensor-parallel group the deployment asks for ({@code field}): inside one node, dividing the attention heads. */
    private static void tensorParallel(Context x, String field, int t) {
        if (t > x.job().cluster().devicesPerNode()) {
            throw ApiException.invalidField(field, "is more than the devices per node (" + x.job().cluster().devicesPerNode()
                    + "): tensor-parallel groups stay inside a node");
        }
        if (x.job().model().heads() % t != 0) {
            throw ApiException.invalidField(field, "must divide the model's " + x.job().model().heads() + " attention heads");
        }
    }

    /** Searches and saves the answer. */
    @Transactional
    public ServingPlanResult.Search create(ServingRequest r) {
        Instant now = Instant.now();
        Retention retention = saved.retention(ServingPlanRow.class, owners.optional(), now, "serving plan");
        Context x = context(r);
        long start = System.nanoTime();
        ServingPlans.Search found = ServingPlans.search(x.job(), x.bounds(), start + x.deadlineMillis() * 1_000_000L);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Device device = x.job().device();
        List<ServingPlanResult.Evaluated> meeting = found.meeting().stream().limit(x.limit())
                .map(e -> evaluated(e, device, x)).toList();
        String whyNone = null;
        if (meeting.isEmpty()) {
            whyNone = found.evaluated() == 0
                    ? "no configuration can hold the model and the longest request within " + x.bounds().maxDevices() + " devices: "
                            + String.join("; ", found.notFitting())
                    : "no configuration within " + x.bounds().maxDevices() + " devices meets the objectives; the closest misses: "
                            + String.join("; ", found.closest().get(0).violations());
        }
        // The bands of the cheapest plan's regime (expert parallel or not).
        boolean expertParallel = !found.meeting().isEmpty() && found.meeting().get(0).configuration().expertParallel() > 1;
        UUID id = UUID.randomUUID();
        ServingPlanResult.Search result = new ServingPlanResult.Search(id, now, meeting,
                found.frontier().stream().map(e -> evaluated(e, device, x)).toList(),
                found.closest().isEmpty() ? null : found.closest().stream().map(e -> evaluated(e, device, x)).toList(),
                whyNone, found.notFitting(), found.evaluated(), x.job().workload().requests(), millis, found.deadlineReached(), x.assumptions(),
                bands(x.job(), expertParallel), ModelParameters.of(x.job().model()), plans.catalogState(), retention);
        ServingPlanRow row = new ServingPlanRow();
        row.model = x.job().model().name();
        row.accelerator = device.id();
        row.devices = meeting.isEmpty() ? null : meeting.get(0).totalDevices();
        row.facts = facts(x);
        saved.save(row, id, now, retention, r, result);
        return result;
    }

    public ServingPlanResult.Search get(String id) {
        return saved.result(saved.live(ServingPlanRow.class, id, "serving plan"), ServingPlanResult.Search.class);
    }

    public PageOf<ServingPlanResult.Summary> list(String model, String acceleratorId, int page, int pageSize) {
        return PlanSearches.list(saved, ServingPlanRow.class, owners.required("Listing saved serving plans"), model, acceleratorId, page, pageSize,
                row -> new ServingPlanResult.Summary(row.id, row.createdAt, row.model, row.accelerator, row.devices));
    }

    @Transactional
    public void delete(String id) {
        saved.delete(ServingPlanRow.class, id, "serving plan", owners.required("Deleting a saved serving plan"));
    }

    /**
     * The serving bands of the validation ledger for the answer's runtime: vLLM's and SGLang's own categories (their published
     * runs, predicted with the share they borrow from TensorRT-LLM), TensorRT-LLM's otherwise; a runtime whose category
     * costing does not have falls back to TensorRT-LLM's and says so. The cases are NVIDIA GPUs (and AMD MI300X under vLLM
     * where the catalog has its platform), so an answer for another vendor says that its error can be wider.
     */
    private List<ErrorBand> bands(ServingPlans.Job job, boolean expertParallel) {
        String runtimePrefix = job.runtime().validationPrefix();
        String outside = outsideValidatedRuns(job);
        return BANDS.stream().map(category -> runtimeBand(runtimePrefix, category, job, expertParallel)
                .map(b -> outside == null ? b : new ErrorBand(b.category(), b.cases(), b.medianAbsoluteErrorPercent(), b.p90AbsoluteErrorPercent(),
                        b.worstAbsoluteErrorPercent(), b.note() + "; wider here: " + outside))
                .orElse(new ErrorBand(category, 0, null, null, null, "costing's validation ledger was not reachable"))).toList();
    }

    /**
     * Why an answer's device and runtime lie outside the serving runs the bands come from (null when inside): the ledger's serving
     * runs are on NVIDIA and AMD GPUs, and on Gaudi under Intel's own software only.
     */
    private static String outsideValidatedRuns(ServingPlans.Job job) {
        Device device = job.device();
        boolean gaudi = device.id().startsWith("intel-gaudi");
        boolean intelRuntime = job.runtime() == ServingRuntime.INTEL_GAUDI;
        if (gaudi && !intelRuntime) {
            return "Intel's Gaudi runs are validated under the intel-gaudi runtime only";
        }
        if (intelRuntime && !gaudi) {
            return "the intel-gaudi runtime's runs are on Gaudi";
        }
        boolean validatedGpu = device.kind() == Device.Kind.GPU && (device.id().startsWith("nvidia-") || device.id().startsWith("amd-"));
        return gaudi || validatedGpu ? null : device.id() + " has no validated serving runs";
    }

    /**
     * The runtime's own band of {@code category}, else TensorRT-LLM's with a note that the runtime has no validated runs of it; for a
     * mixture of experts, the runtime's MoE runs' band first (costing's moe-serving-throughput: TensorRT-LLM's MoE runs), and for an
     * expert-parallel answer its expert-parallel runs' band before that (moe-ep-serving-throughput, …).
     */
    private java.util.Optional<ErrorBand> runtimeBand(String runtimePrefix, String category, ServingPlans.Job job, boolean expertParallel) {
        // The narrowest of its own categories that has cases: expert-parallel MoE runs, MoE runs, the runtime's runs.
        List<String> own = new ArrayList<>();
        if (job.model().moe() != null && expertParallel) {
            own.add(ServingRuntime.EXPERT_PARALLEL_VALIDATION_PREFIX + runtimePrefix + category);
        }
        if (job.model().moe() != null) {
            own.add(ServingRuntime.MOE_VALIDATION_PREFIX + runtimePrefix + category);
        }
        if (!runtimePrefix.isEmpty()) {
            own.add(runtimePrefix + category);
        }
        for (String name : own) {
            java.util.Optional<ErrorBand> band = costing.errorBand(name, job.device()).filter(b -> b.cases() > 0);
            if (band.isPresent()) {
                return band;
            }
        }
        String borrowed = !job.runtime().calibrated() && job.runtime() != ServingRuntime.KERNELS
                ? job.runtime().slug() + " has no validated runs of this kind (the band is TensorRT-LLM's)" : null;
        return costing.errorBand(category, job.device()).map(b -> borrowed == null ? b : new ErrorBand(b.category(), b.cases(),
                b.medianAbsoluteErrorPercent(), b.p90AbsoluteErrorPercent(), b.worstAbsoluteErrorPercent(), b.note() + "; wider here: " + borrowed));
    }

    /** The catalog and calibration facts the search used, so a saved search can be explained later. */
    private String facts(Context x) {
        var job = x.job();
        Map<String, Object> facts = Map.of("model", job.model(), "device", job.device(), "calibration", job.calibration(),
                "runtimeShare", job.runtime().kernelShare(), "cluster", Map.of("devices", x.bounds().maxDevices(),
                        "devicesPerNode", job.cluster().devicesPerNode(), "intraBandwidthBytesPerSecond", job.cluster().intraBandwidth()));
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the serving search's facts", e);
        }
    }
}
