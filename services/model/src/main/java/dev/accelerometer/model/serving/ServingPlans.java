package dev.accelerometer.model.serving;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.KvCache;
import dev.accelerometer.model.workload.ServingIteration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.ExpertCommunication;

/**
 * Serving plans: a configuration (tensor-parallel size, replicas, the scheduler's batch and token limits) evaluated by
 * simulating the workload on one replica — each replica sees 1/R of the traffic (a Poisson stream split at random stays
 * Poisson; closed-loop clients split evenly) — and a search over configurations for those that meet the latency
 * objectives with the fewest devices.
 */
public final class ServingPlans {
    /** The batch limits tried when the caller gives none (vLLM's default max_num_seqs is 256, TensorRT-LLM's max_batch_size 2048). */
    public static final List<Integer> DEFAULT_MAX_SEQUENCES = List.of(16, 32, 64, 128, 256, 512, 1024);
    /** The per-iteration token limits tried (vLLM V1's max_num_batched_tokens defaults 2048–8192, TensorRT-LLM's max_num_tokens 8192). */
    public static final List<Integer> DEFAULT_MAX_BATCHED_TOKENS = List.of(512, 2048, 8192);
    /** Cheapest first: fewest devices, then most output per device (then a stable order). */
    static final Comparator<Evaluation> CHEAPEST = Comparator.comparingInt(Evaluation::devices)
            .thenComparing(Comparator.comparingDouble(Evaluation::outputTokensPerSecondPerDevice).reversed())
            .thenComparing(e -> e.configuration().toString());
    /** Pipeline stages tried with the widest tensor-parallel group (stages past one node need the cluster's network). */
    public static final List<Integer> PIPELINE_SIZES = List.of(1, 2, 4);

    private ServingPlans() {
    }

    /**
     * What a serving question fixes: the model on a device (compute format, bytes per weight and per cached element), the
     * prefill attention kernel, the runtime, the cluster whose nodes hold the tensor-parallel groups (their all-reduces run
     * over its link inside a node; null when only one device per replica is asked about), the memory budget, the workload
     * and the objectives.
     */
    public record Job(Device device, Calibration calibration, Transformer model, Format format, double weightBytes, double kvBytes,
            Attention.Kernel kernel, ServingRuntime runtime, Cluster cluster, double memoryUtilization, Workload workload, Objectives objectives,
            Cluster nodes, ExpertCommunication expertCommunication) {

        /**
         * How an expert-parallel group moves tokens when the question does not say: an all-to-all of k copies per token, each MoE
         * block waiting for it (vLLM's and TensorRT-LLM's defaults; SGLang's DeepEP and two-batch overlap are opt-in flags).
         */
        public static final ExpertCommunication SERVING_DEFAULT = new ExpertCommunication(ExpertCommunication.Dispatcher.ALL_TO_ALL, false);

        /** A job whose expert-parallel groups communicate by {@link #SERVING_DEFAULT}. */
        public Job(Device device, Calibration calibration, Transformer model, Format format, double weightBytes, double kvBytes,
                Attention.Kernel kernel, ServingRuntime runtime, Cluster cluster, double memoryUtilization, Workload workload, Objectives objectives,
                Cluster nodes) {
            this(device, calibration, model, format, weightBytes, kvBytes, kernel, runtime, cluster, memoryUtilization, workload, objectives, nodes,
                    SERVING_DEFAULT);
        }

        /** A job on one node's cluster (no pipeline stages across nodes). */
        public Job(Device device, Calibration calibration, Transformer model, Format format, double weightBytes, double kvBytes,
                Attention.Kernel kernel, ServingRuntime runtime, Cluster cluster, double memoryUtilization, Workload workload, Objectives objectives) {
            this(device, calibration, model, format, weightBytes, kvBytes, kernel, runtime, cluster, memoryUtilization, workload, objectives, null);
        }

        /**
         * One pipeline hop of a per-device buffer between stages of t devices each: inside a node over its link; across nodes
         * over {@code nodes}' network (null: stages stay in a node).
         */
        DoubleUnaryOperator sendSeconds(int t, int p) {
            if (p == 1) {
                return bytes -> 0;
            }
            boolean across = t * p > devicesPerNode();
            if (across && nodes == null) {
                throw new DoesNotFit(DoesNotFit.Reason.NETWORK, t + "-way tensor × " + p + "-stage pipeline needs " + t * p + " devices, more than a node's "
                        + devicesPerNode() + ", and the cluster names no network between nodes");
            }
            Cluster c = across ? nodes : cluster;
            return bytes -> c.hopLatency(across) + bytes / c.hopBandwidth(across);
        }

        /**
         * One all-reduce over a t-device group of the node: the collective model's (NCCL's algorithm on the node's link), or the
         * runtime's custom all-reduce where it has one on that link and it is faster (small messages: decode's).
         */
        DoubleUnaryOperator allReduce(int t) {
            if (t == 1) {
                return bytes -> 0;
            }
            if (cluster == null || t > cluster.devicesPerNode()) {
                throw new DoesNotFit(DoesNotFit.Reason.NODE, t + "-way tensor parallelism needs " + t + " devices in a node with a link between them");
            }
            Cluster group = cluster.group(t);
            DoubleUnaryOperator nccl = bytes -> CollectiveModel.estimate(group, Collective.ALL_REDUCE, bytes).seconds();
            return runtime.customAllReduceSeconds(t, group.intraKind())
                    .<DoubleUnaryOperator>map(custom -> bytes -> Math.min(nccl.applyAsDouble(bytes), custom.applyAsDouble(bytes)))
                    .orElse(nccl);
        }

        /**
         * One dispatch (or combine) of a rank's tokens over an e-way expert-parallel group ({@link ExpertCommunication#exchangeSeconds}
         * by the job's dispatcher, in 16 bits), inside a node over its link, past one node over {@code nodes}' network.
         */
        DoubleUnaryOperator exchange(int e) {
            if (e == 1) {
                return tokens -> 0;
            }
            if (cluster == null) {
                throw new DoesNotFit(DoesNotFit.Reason.NODE, e + "-way expert parallelism needs " + e + " devices with a link between them");
            }
            boolean across = e > devicesPerNode();
            if (across && nodes == null) {
                throw new DoesNotFit(DoesNotFit.Reason.NETWORK, e + "-way expert parallelism needs " + e + " devices, more than a node's "
                        + devicesPerNode() + ", and the cluster names no network between nodes");
            }
            Cluster c = across ? nodes : cluster.group(e);
            int perNode = Math.min(e, c.devicesPerNode());
            return tokens -> ExpertCommunication.exchangeSeconds(c, model, tokens, e, perNode, expertCommunication.dispatcher());
        }

        int devicesPerNode() {
            return cluster == null ? 1 : cluster.devicesPerNode();
        }
    }

    /** Latency objectives, seconds; null for none. */
    public record Objectives(Double ttftP50, Double ttftP99, Double tpotP50, Double tpotP99, Double itlP99, Double e2eP99) {
        public static final Objectives NONE = new Objectives(null, null, null, null, null, null);

        /** What {@code r} misses, as sentences naming the objective; empty when it meets them all. */
        public List<String> violations(ServingResult r) {
            List<String> out = new ArrayList<>();
            check(out, "ttftP50Seconds", ttftP50, r.ttftSeconds().p50());
            check(out, "ttftP99Seconds", ttftP99, r.ttftSeconds().p99());
            check(out, "tpotP50Seconds", tpotP50, r.tpotSeconds().p50());
            check(out, "tpotP99Seconds", tpotP99, r.tpotSeconds().p99());
            check(out, "itlP99Seconds", itlP99, r.itlSeconds().p99());
            check(out, "e2eP99Seconds", e2eP99, r.e2eSeconds().p99());
            if (r.saturated()) {
                out.add("saturated: the queue keeps growing at this rate (more requests arrive than the replica completes)");
            }
            return out;
        }

        /** How far {@code r} is from the objectives: the largest ratio of achieved to target (≤ 1 when met). */
        double shortfall(ServingResult r) {
            double worst = r.saturated() ? 2 : 0;
            worst = Math.max(worst, ratio(ttftP50, r.ttftSeconds().p50()));
            worst = Math.max(worst, ratio(ttftP99, r.ttftSeconds().p99()));
            worst = Math.max(worst, ratio(tpotP50, r.tpotSeconds().p50()));
            worst = Math.max(worst, ratio(tpotP99, r.tpotSeconds().p99()));
            worst = Math.max(worst, ratio(itlP99, r.itlSeconds().p99()));
            return Math.max(worst, ratio(e2eP99, r.e2eSeconds().p99()));
        }

        double ttftTarget() {
            return ttftP99 != null ? ttftP99 : ttftP50 != null ? ttftP50 : Double.POSITIVE_INFINITY;
        }

        double tpotTarget() {
            return tpotP99 != null ? tpotP99 : tpotP50 != null ? tpotP50 : Double.POSITIVE_INFINITY;
        }

        private static double ratio(Double target, double achieved) {
            return target == null ? 0 : achieved / target;
        }

        private static void check(List<String> out, String field, Double target, double achieved) {
            if (target != null && achieved > target) {
                out.add(String.format(Locale.ROOT, "%s: %.4g s achieved, objective %.4g s", field, achieved, target));
            }
        }
    }

    /**
     * One configuration: t-way tensor parallel replicas, each scheduling at most maxSequences and maxBatchedTokens per iteration;
     * or, with {@code expertParallel} e &gt; 1 (and t = p = 1), replicas of e ranks that run attention data parallel (each rank its
     * own sequences, within those limits) and split the routed experts e ways, the tokens dispatched to them and combined back
     * in every MoE block (SGLang's --enable-dp-attention with --ep-size, TensorRT-LLM's enable_attention_dp with --ep).
     */
    public record Configuration(int tensorParallel, int pipelineParallel, int replicas, int maxSequences, int maxBatchedTokens, int expertParallel) {
        public Configuration {
            if (expertParallel < 1 || expertParallel > 1 && (tensorParallel != 1 || pipelineParallel != 1)) {
                throw new IllegalArgumentException("expert parallelism runs attention data parallel: tensorParallel and pipelineParallel 1");
            }
        }

        /** Tensor- and pipeline-parallel replicas (no expert parallelism). */
        public Configuration(int tensorParallel, int pipelineParallel, int replicas, int maxSequences, int maxBatchedTokens) {
            this(tensorParallel, pipelineParallel, replicas, maxSequences, maxBatchedTokens, 1);
        }

        /** Replicas without pipeline parallelism. */
        public Configuration(int tensorParallel, int replicas, int maxSequences, int maxBatchedTokens) {
            this(tensorParallel, 1, replicas, maxSequences, maxBatchedTokens);
        }

        /** The devices of one replica. */
        public int replicaDevices() {
            return tensorParallel * pipelineParallel * expertParallel;
        }

        public int devices() {
            return replicaDevices() * replicas;
        }
    }

    /**
     * A configuration's answer: the replica's memory, one replica's simulation (latencies are per request, so they hold
     * for the whole deployment), throughput totals over the replicas, goodput (the requests per second whose own TTFT and
     * TPOT meet the objectives) and what the objectives say.
     */
    public record Evaluation(Configuration configuration, Replica memory, ServingResult replica, double requestsPerSecond,
            double inputTokensPerSecond, double outputTokensPerSecond, double goodputRequestsPerSecond, List<String> violations,
            Evaluation prefillPool, double kvTransferSeconds) {
        Evaluation(Configuration configuration, Replica memory, ServingResult replica, double requestsPerSecond, double inputTokensPerSecond,
                double outputTokensPerSecond, double goodputRequestsPerSecond, List<String> violations) {
            this(configuration, memory, replica, requestsPerSecond, inputTokensPerSecond, outputTokensPerSecond, goodputRequestsPerSecond, violations,
                    null, 0);
        }

        public boolean meetsObjectives() {
            return violations.isEmpty();
        }

        /** Devices in all: the replicas', and under disaggregation the prefill pool's too. */
        public int devices() {
            return configuration.devices() + (prefillPool == null ? 0 : prefillPool.configuration().devices());
        }

        public double outputTokensPerSecondPerDevice() {
            return outputTokensPerSecond / devices();
        }
    }

    /** Why a configuration cannot run at all, with what to change. */
    public static final class DoesNotFit extends RuntimeException {
        /** What is short: device memory, devices in a node for a tensor-parallel group, or a network between nodes for pipeline stages. */
        public enum Reason {
            MEMORY, NODE, NETWORK
        }

        private final Reason reason;

        public DoesNotFit(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * The iteration model and memory of one tensor-parallel size (or expert-parallel group) and scheduler, reusable across replica
     * counts; under expert parallelism, of one of the group's ranks.
     */
    private record Setup(ServingIteration iteration, Replica memory, Scheduler scheduler, int pipelineParallel, int expertParallel) {
    }

    /** The setup of configuration {@code c}'s layout and scheduler limits. */
    private static Setup setup(Job job, Configuration c) {
        return setup(job, c.tensorParallel(), c.pipelineParallel(), c.expertParallel(), c.maxSequences(), c.maxBatchedTokens());
    }

    private static Setup setup(Job job, int t, int p, int e, int maxSequences, int maxBatchedTokens) {
        Replica memory = Replica.of(job.device(), job.model(), t, p, e, job.weightBytes(), job.kvBytes(), maxBatchedTokens, maxSequences,
                job.memoryUtilization(), job.runtime().cacheOfFreeMemory());
        long longest = (long) job.workload().input().max() + job.workload().output().max();
        if (!memory.holds(longest * p)) {
            String layout = e > 1 ? e + "-way expert parallel (attention data parallel)" : t + "-way tensor × " + p + "-stage pipeline parallel";
            throw new DoesNotFit(DoesNotFit.Reason.MEMORY, String.format(Locale.ROOT, "%s on %s: the weights (%.1f GB per device) "
                    + "and workspace (%.1f GB) leave room for %d tokens of KV cache per %s; the longest request needs %d in each of its %d "
                    + "batches in flight", layout, job.device().id(), memory.weightBytesPerDevice() / 1e9, memory.workspaceBytesPerDevice() / 1e9,
                    memory.kvCapacityTokens(), e > 1 ? "rank" : "replica", longest, p));
        }
        ServingIteration iteration = ServingIteration.of(job.device(), job.calibration(), job.model(), t, job.format(), job.weightBytes(),
                job.kvBytes(), job.kernel(), job.allReduce(t), p, job.sendSeconds(t, p), e, job.exchange(e), job.expertCommunication().overlapped(),
                Math.max(maxBatchedTokens, maxSequences));
        // A pipelined replica runs p batches in flight (vLLM's virtual engines), each with its own scheduler and 1/p of the cache.
        Scheduler scheduler = new Scheduler(maxSequences, maxBatchedTokens, Math.max(1, memory.kvCapacityTokens() / p), Scheduler.DEFAULT_BLOCK_TOKENS,
                job.runtime().kernelShare(), job.runtime().requestSeconds());
        return new Setup(iteration, memory, scheduler, p, e);
    }

    /**
     * One configuration at the job's workload.
     *
     * @throws DoesNotFit when the replica cannot hold the longest request
     */
    public static Evaluation evaluate(Job job, Configuration c) {
        return evaluate(job, setup(job, c), c);
    }

    private static Evaluation evaluate(Job job, Setup setup, Configuration c) {
        return evaluate(job, setup, c, ServingSimulator.Phase.BOTH, 0, job.objectives());
    }

    /** One pool of {@code c.replicas()} replicas doing {@code phase} of each request, each replica seeing its share of the traffic. */
    private static Evaluation evaluate(Job job, Setup setup, Configuration c, ServingSimulator.Phase phase, double transferSeconds, Objectives o) {
        Workload w = job.workload();
        // Each replica keeps p batches in flight, each its own scheduler, or runs e data-parallel ranks, each its own scheduler: the
        // traffic splits over replicas × p × e of them.
        int replicas = c.replicas() * c.pipelineParallel() * c.expertParallel();
        Workload share = switch (w.arrival()) {
            case POISSON -> w.atRate(w.requestsPerSecond() / replicas);
            case CONCURRENCY -> w.withConcurrency((int) Math.ceil((double) w.concurrency() / replicas));
            case OFFLINE -> w;
        };
        ServingResult r = ServingSimulator.run(setup.iteration(), setup.scheduler(), share, phase, transferSeconds, o.ttftTarget(), o.tpotTarget());
        double met = (double) r.sloMet() / r.requests();
        double rate = r.requestsPerSecond() * replicas;
        return new Evaluation(c, setup.memory(), r, rate, r.inputTokensPerSecond() * replicas, r.outputTokensPerSecond() * replicas,
                rate * met, o.violations(r));
    }

    /**
     * The time to move one request's prompt cache from a prefill replica to a decode replica inside the node: the mean
     * prompt's KV cache (all blocks) over the node's link, the smaller pool's ranks sending their shards at once (one rank of an
     * expert-parallel pool holds a request's whole cache: its tensorParallel is 1), plus one step's latency. Pools on different
     * nodes would move it over the network, slower (not modelled: stated in answers).
     */
    static double kvTransferSeconds(Job job, int prefillTensorParallel, int decodeTensorParallel) {
        double bytes = KvCache.bytes(job.model(), Math.round(job.workload().input().mean()), job.kvBytes());
        Cluster c = job.cluster();
        return bytes / (Math.min(prefillTensorParallel, decodeTensorParallel) * c.intraBandwidth()) + c.intraLatency();
    }

    /**
     * Disaggregated serving: {@code prefill} replicas make each request's first token and hand its cache to the {@code decode}
     * replicas, which make the rest. Each pool is simulated at its share of the traffic (the decode pool's arrivals as a
     * stream of the same rate); the time to first token is the prefill pool's, the token gaps and TPOT the decode pool's
     * (counted from the first token: transfer and decode queueing included), and the end-to-end percentiles the sums of the
     * two pools' (an upper bound). The prefill pool answers the TTFT objectives, the decode pool the TPOT and ITL ones.
     *
     * @throws DoesNotFit when either pool cannot hold the model and the longest request
     */
    public static Evaluation evaluateDisaggregated(Job job, Configuration prefill, Configuration decode) {
        Setup p = setup(job, prefill.tensorParallel(), 1, prefill.expertParallel(), prefill.maxSequences(), prefill.maxBatchedTokens());
        Setup d = setup(job, decode.tensorParallel(), 1, decode.expertParallel(), decode.maxSequences(), decode.maxBatchedTokens());
        return combine(job, evaluatePrefill(job, p, prefill), evaluateDecode(job, d, decode, prefill.tensorParallel()));
    }

    /**
     * One pool of disaggregated serving measured alone, the other phase taken as unlimited (SGLang's large-scale EP benchmark:
     * "assuming unlimited resources for the non-tested phase"): {@link ServingSimulator.Phase#PREFILL} makes first tokens only;
     * {@link ServingSimulator.Phase#DECODE} decodes requests whose prompt caches arrive with no transfer time.
     *
     * @throws DoesNotFit when the pool cannot hold the model and the longest request
     */
    public static Evaluation evaluatePool(Job job, Configuration c, ServingSimulator.Phase phase) {
        return evaluate(job, setup(job, c), c, phase, 0, Objectives.NONE);
    }

    private static Evaluation evaluatePrefill(Job job, Setup setup, Configuration c) {
        Objectives o = job.objectives();
        return evaluate(job, setup, c, ServingSimulator.Phase.PREFILL, 0, new Objectives(o.ttftP50(), o.ttftP99(), null, null, null, null));
    }

    private static Evaluation evaluateDecode(Job job, Setup setup, Configuration c, int prefillTensorParallel) {
        Objectives o = job.objectives();
        return evaluate(job, setup, c, ServingSimulator.Phase.DECODE, kvTransferSeconds(job, prefillTensorParallel, c.tensorParallel()),
                new Objectives(null, null, o.tpotP50(), o.tpotP99(), o.itlP99(), null));
    }

    private static Evaluation combine(Job job, Evaluation prefill, Evaluation decode) {
        ServingResult p = prefill.replica();
        ServingResult d = decode.replica();
        ServingResult.Percentiles e2e = new ServingResult.Percentiles(p.ttftSeconds().mean() + d.e2eSeconds().mean(),
                p.ttftSeconds().p50() + d.e2eSeconds().p50(), p.ttftSeconds().p90() + d.e2eSeconds().p90(),
                p.ttftSeconds().p99() + d.e2eSeconds().p99(), p.ttftSeconds().max() + d.e2eSeconds().max());
        ServingResult both = new ServingResult(d.requests(), d.durationSeconds(), d.inputTokensPerSecond(), d.outputTokensPerSecond(),
                d.requestsPerSecond(), p.ttftSeconds(), d.tpotSeconds(), d.itlSeconds(), e2e, d.meanBatchSequences(), d.meanIterationTokens(),
                p.iterations() + d.iterations(), p.preemptions() + d.preemptions(), d.peakKvTokens(), p.saturated() || d.saturated(),
                Math.min(p.sloMet(), d.sloMet()));
        double met = (double) both.sloMet() / both.requests();
        return new Evaluation(decode.configuration(), decode.memory(), both, decode.requestsPerSecond(), decode.inputTokensPerSecond(),
                decode.outputTokensPerSecond(), decode.requestsPerSecond() * met, job.objectives().violations(both), prefill,
                kvTransferSeconds(job, prefill.configuration().tensorParallel(), decode.configuration().tensorParallel()));
    }

    /**
     * The search's bounds: devices in all, tensor-parallel sizes (null: powers of two up to a node), the scheduler limits to try,
     * and the expert-parallel groups (null: for a mixture of experts, unless the tensor-parallel or pipeline sizes are fixed, powers
     * of two from 2 up to a node that divide the experts; given: only those, no tensor-parallel replicas).
     */
    public record Bounds(int minDevices, int maxDevices, List<Integer> tensorParallel, List<Integer> maxSequences, List<Integer> maxBatchedTokens,
            boolean disaggregated, List<Integer> pipelineParallel, List<Integer> expertParallel) {
        public Bounds(int minDevices, int maxDevices, List<Integer> tensorParallel, List<Integer> maxSequences, List<Integer> maxBatchedTokens,
                boolean disaggregated, List<Integer> pipelineParallel) {
            this(minDevices, maxDevices, tensorParallel, maxSequences, maxBatchedTokens, disaggregated, pipelineParallel, null);
        }

        public Bounds(int minDevices, int maxDevices, List<Integer> tensorParallel, List<Integer> maxSequences, List<Integer> maxBatchedTokens) {
            this(minDevices, maxDevices, tensorParallel, maxSequences, maxBatchedTokens, false, null);
        }

        public Bounds(int minDevices, int maxDevices, List<Integer> tensorParallel, List<Integer> maxSequences, List<Integer> maxBatchedTokens,
                boolean disaggregated) {
            this(minDevices, maxDevices, tensorParallel, maxSequences, maxBatchedTokens, disaggregated, null);
        }
    }

    /**
     * The search's answer: the configurations meeting the objectives, fewest devices first (then most goodput); the
     * throughput-per-device against TPOT Pareto frontier of everything simulated; when none meets, the closest ones; the
     * tensor-parallel sizes that did not fit, with why.
     */
    public record Search(List<Evaluation> meeting, List<Evaluation> frontier, List<Evaluation> closest, List<String> notFitting, int evaluated,
            boolean deadlineReached) {
    }

    /**
     * Every tensor-parallel size, batch limit and token limit in {@code b}; for each, the fewest replicas (within the device
     * bounds) that meet the objectives, found by bisection on the replica count (more replicas never make latency worse).
     * An offline workload uses every device allowed. Stops starting new simulations at {@code deadlineNanos}.
     */
    public static Search search(Job job, Bounds b, long deadlineNanos) {
        List<Integer> sizes = b.expertParallel() != null ? List.of()
                : b.tensorParallel() != null ? b.tensorParallel() : tensorParallelSizes(job.model(), job.devicesPerNode(), b.maxDevices());
        List<Setup> setups = new ArrayList<>();
        List<String> notFitting = new ArrayList<>();
        List<Integer> expertSizes = b.expertParallel() != null ? b.expertParallel()
                : b.tensorParallel() == null && b.pipelineParallel() == null ? expertParallelSizes(job.model(), job.devicesPerNode(), b.maxDevices())
                : List.of();
        for (int e : expertSizes) {
            addSetups(job, b, 1, 1, e, setups, notFitting);
        }
        // Pipeline stages serve a model too large for one node's tensor-parallel group: tried with the widest group only.
        int widest = sizes.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int t : sizes) {
            for (int p : b.pipelineParallel() != null ? b.pipelineParallel() : t == widest ? PIPELINE_SIZES : List.of(1)) {
                if (t * p <= b.maxDevices()) {
                    addSetups(job, b, t, p, 1, setups, notFitting);
                }
            }
        }
        ConcurrentHashMap<Configuration, Evaluation> evaluated = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        setups.parallelStream().forEach(s -> {
            int t = s.memory().tensorParallel();
            int p = s.pipelineParallel();
            int ep = s.expertParallel();
            int group = t * p * ep;
            int low = Math.max(1, (b.minDevices() + group - 1) / group);
            int high = b.maxDevices() / group;
            if (high < low) {
                return;
            }
            IntFunction<Evaluation> at = r -> {
                if (System.nanoTime() > deadlineNanos) {
                    late.set(true);
                    return null;
                }
                Configuration c = new Configuration(t, p, r, s.scheduler().maxSequences(), s.scheduler().maxBatchedTokens(), ep);
                return evaluated.computeIfAbsent(c, k -> evaluate(job, s, k));
            };
            Evaluation most = at.apply(high);
            if (most == null || !most.meetsObjectives() || job.workload().arrival() == Workload.Arrival.OFFLINE) {
                return;
            }
            while (low < high) {
                int mid = (low + high) / 2;
                Evaluation e = at.apply(mid);
                if (e == null) {
                    return;
                }
                if (e.meetsObjectives()) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
        });
        List<Evaluation> all = new ArrayList<>(evaluated.values());
        int simulated = all.size();
        // Two pools take two devices at least: worth searching only if no co-located plan meets the objectives on two or fewer,
        // and then only with fewer devices in all than the cheapest co-located plan (or the bound).
        int cheapestColocated = all.stream().filter(Evaluation::meetsObjectives).mapToInt(Evaluation::devices).min().orElse(b.maxDevices() + 1);
        int pooled = Math.min(b.maxDevices(), cheapestColocated - 1);
        if (b.disaggregated() && job.cluster() != null && job.devicesPerNode() > 1 && pooled >= 2 && !late.get()) {
            java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
            disaggregated(job, b, pooled, setups, deadlineNanos, count, late).ifPresent(all::add);
            simulated += count.get();
        }
        // One plan per device layout (tensor-parallel size and replicas, of each pool): scheduler limits that change nothing
        // for a layout would otherwise repeat it; the best of them (most output per device) stands for it.
        java.util.Set<String> layouts = new java.util.HashSet<>();
        List<Evaluation> meeting = all.stream().filter(Evaluation::meetsObjectives).sorted(CHEAPEST)
                .filter(e -> layouts.add(layout(e)))
                .toList();
        List<Evaluation> closest = meeting.isEmpty() ? all.stream()
                .sorted(Comparator.comparingDouble((Evaluation e) -> job.objectives().shortfall(e.replica()))
                        .thenComparingInt(Evaluation::devices).thenComparing(e -> e.configuration().toString()))
                .limit(3).toList() : List.of();
        return new Search(meeting, frontier(all.stream().filter(e -> e.prefillPool() == null).toList()), closest, notFitting, simulated, late.get());
    }

    /**
     * One layout's setups (t-way tensor × p stages, or an e-way expert-parallel group) at every batch and token limit of {@code b};
     * where one does not fit, why — once per layout, and not for stages that only lack a network between nodes.
     */
    private static void addSetups(Job job, Bounds b, int t, int p, int e, List<Setup> setups, List<String> notFitting) {
        String layout = e > 1 ? e + "-way expert" : t + "-way tensor × " + p + "-stage";
        for (int seqs : b.maxSequences()) {
            for (int tokens : b.maxBatchedTokens()) {
                try {
                    setups.add(setup(job, t, p, e, seqs, tokens));
                } catch (DoesNotFit x) {
                    if ((p == 1 || x.reason() != DoesNotFit.Reason.NETWORK) && notFitting.stream().noneMatch(m -> m.startsWith(layout))) {
                        notFitting.add(x.getMessage());
                    }
                }
            }
        }
    }

    /**
     * The cheapest disaggregated deployment: for each tensor-parallel size and token limit the fewest prefill replicas that
     * meet the TTFT objectives, for each tensor-parallel size and batch limit the fewest decode replicas that meet the TPOT
     * and ITL objectives (bisection on replicas, as for co-located plans), and the cheapest of each together, when they fit
     * {@code maxDevices} (fewer than the cheapest co-located plan's). Empty when either pool cannot meet its objectives or
     * the two need more devices than allowed.
     */
    private static java.util.Optional<Evaluation> disaggregated(Job job, Bounds b, int maxDevices, List<Setup> setups, long deadlineNanos,
            java.util.concurrent.atomic.AtomicInteger count, java.util.concurrent.atomic.AtomicBoolean late) {
        int widestBatch = b.maxSequences().stream().mapToInt(Integer::intValue).max().orElse(256);
        int mostTokens = b.maxBatchedTokens().stream().mapToInt(Integer::intValue).max().orElse(8192);
        List<Setup> pooled = setups.stream().filter(x -> x.pipelineParallel() == 1 && x.expertParallel() == 1).toList();
        List<Setup> prefillSetups = pooled.stream().filter(x -> x.scheduler().maxSequences() == widestBatch).toList();
        List<Setup> decodeSetups = pooled.stream().filter(x -> x.scheduler().maxBatchedTokens() == mostTokens).toList();
        java.util.function.BiFunction<Setup, Boolean, Evaluation> fewest = (x, prefill) -> {
            int t = x.memory().tensorParallel();
            int low = 1;
            int high = (maxDevices - 1) / t;
            Evaluation best = null;
            while (low <= high) {
                if (System.nanoTime() > deadlineNanos) {
                    late.set(true);
                    return best;
                }
                int mid = (low + high) / 2;
                Configuration c = new Configuration(t, mid, x.scheduler().maxSequences(), x.scheduler().maxBatchedTokens());
                Evaluation e = prefill ? evaluatePrefill(job, x, c) : evaluateDecode(job, x, c, t);
                count.incrementAndGet();
                if (e.meetsObjectives()) {
                    best = e;
                    high = mid - 1;
                } else {
                    low = mid + 1;
                }
            }
            return best;
        };
        java.util.Optional<Evaluation> prefill = prefillSetups.parallelStream().map(x -> fewest.apply(x, true)).filter(java.util.Objects::nonNull)
                .min(Comparator.comparingInt(Evaluation::devices).thenComparing(Comparator.comparingDouble(Evaluation::inputTokensPerSecond).reversed())
                        .thenComparing(e -> e.configuration().toString()));
        java.util.Optional<Evaluation> decode = decodeSetups.parallelStream().map(x -> fewest.apply(x, false)).filter(java.util.Objects::nonNull)
                .min(CHEAPEST);
        if (prefill.isEmpty() || decode.isEmpty() || prefill.get().devices() + decode.get().devices() > maxDevices) {
            return java.util.Optional.empty();
        }
        // The prefill pool as simulated stands; the decode pool was simulated with the transfer of a prefill group as wide as
        // its own, which is the pair's when the prefill group is no narrower (the smaller group sends), else it runs again.
        Configuration p = prefill.get().configuration();
        Configuration d = decode.get().configuration();
        Evaluation decodePool = decode.get();
        if (p.tensorParallel() < d.tensorParallel()) {
            decodePool = evaluateDecode(job, setup(job, d.tensorParallel(), 1, 1, d.maxSequences(), d.maxBatchedTokens()), d, p.tensorParallel());
            count.incrementAndGet();
        }
        return java.util.Optional.of(combine(job, prefill.get(), decodePool));
    }

    private static String layout(Evaluation e) {
        Configuration p = e.prefillPool() == null ? null : e.prefillPool().configuration();
        return e.configuration().tensorParallel() + "x" + e.configuration().pipelineParallel() + "x" + e.configuration().expertParallel() + "x"
                + e.configuration().replicas()
                + (p == null ? "" : "+" + p.tensorParallel() + "x" + p.replicas());
    }

    /** The configurations no other beats on both output throughput per device and median TPOT, fastest TPOT first. */
    static List<Evaluation> frontier(List<Evaluation> all) {
        List<Evaluation> sorted = all.stream().filter(e -> !e.replica().saturated())
                .sorted(Comparator.comparingDouble((Evaluation e) -> e.replica().tpotSeconds().p50())
                        .thenComparing(Comparator.comparingDouble(Evaluation::outputTokensPerSecondPerDevice).reversed()))
                .toList();
        List<Evaluation> frontier = new ArrayList<>();
        double best = -1;
        for (Evaluation e : sorted) {
            if (e.outputTokensPerSecondPerDevice() > best) {
                frontier.add(e);
                best = e.outputTokensPerSecondPerDevice();
            }
        }
        return frontier;
    }

    /**
     * Expert-parallel groups to try for a mixture of experts: powers of two from 2 up to the node and the device budget that divide
     * the routed experts (every rank holds as many); none for a dense model.
     */
    public static List<Integer> expertParallelSizes(Transformer m, int devicesPerNode, int maxDevices) {
        List<Integer> sizes = new ArrayList<>();
        for (int e = 2; m.moe() != null && e <= Math.min(devicesPerNode, maxDevices); e *= 2) {
            if (m.moe().experts() % e == 0) {
                sizes.add(e);
            }
        }
        return sizes;
    }

    /**
     * Tensor-parallel sizes to try: powers of two up to the node and the device budget that divide the attention heads
     * (vLLM and TensorRT-LLM shard heads evenly; K/V heads are replicated when fewer than t).
     */
    public static List<Integer> tensorParallelSizes(Transformer m, int devicesPerNode, int maxDevices) {
        List<Integer> sizes = new ArrayList<>();
        for (int t = 1; t <= Math.min(devicesPerNode, maxDevices); t *= 2) {
            if (m.heads() % t == 0) {
                sizes.add(t);
            }
        }
        return sizes;
    }
}
