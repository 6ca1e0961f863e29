package dev.accelerometer.model.serving;

import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.workload.ServingIteration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of one continuous-batching replica (Orca's iteration-level scheduling as vLLM V1 runs it):
 * requests arrive ({@link Workload}), wait in a first-come queue, are admitted while the batch has room, the iteration
 * has tokens left and the paged cache has blocks for their next chunk, and then take part in every iteration until
 * they finish — a prompt chunk per iteration until the prompt is in the cache (the iteration that completes it emits
 * the first token), then one token per iteration. Each iteration takes what {@link ServingIteration} says for its
 * tokens, its decoding sequences' cache reads and its prompt chunks' attention, at the runtime's share of that speed. The
 * clock jumps from iteration to iteration (and to the next arrival when idle), so the cost is proportional to the
 * sequence-iterations simulated, with no allocation per iteration.
 */
public final class ServingSimulator {
    private ServingSimulator() {
    }

    /**
     * Simulates {@code w} on a replica whose iterations take {@code it} under scheduler {@code s}; requests count towards
     * {@link ServingResult#sloMet} when their TTFT is at most {@code ttftTarget} and their TPOT at most {@code tpotTarget}
     * (seconds; infinity for no objective).
     *
     * @throws IllegalArgumentException when a request cannot fit the cache even alone (prompt + output over its capacity)
     */
    public static ServingResult run(ServingIteration it, Scheduler s, Workload w, double ttftTarget, double tpotTarget) {
        return run(it, s, w, Phase.BOTH, 0, ttftTarget, tpotTarget);
    }

    /**
     * What a replica does with each request: both phases (co-located serving), only the prefill (a disaggregated prefill
     * pool: a request leaves with its first token and its KV cache), or only the decode (a disaggregated decode pool: a request
     * arrives with its prompt's cache, transferred, and its first token already emitted {@code transferSeconds} before).
     */
    public enum Phase {
        BOTH, PREFILL, DECODE
    }

    /**
     * As {@link #run(ServingIteration, Scheduler, Workload, double, double)} for one phase of disaggregated serving. Under
     * {@link Phase#DECODE} the time to first token is not this replica's (it reads as minus the transfer) and the token gaps
     * and TPOT count from the first token, transfer and queueing included.
     */
    public static ServingResult run(ServingIteration it, Scheduler s, Workload w, Phase phase, double transferSeconds, double ttftTarget,
            double tpotTarget) {
        int n = w.requests();
        SplittableRandom random = new SplittableRandom(w.seed());
        int[] in = new int[n];
        int[] out = new int[n];
        double[] arrival = new double[n];
        double clockAtArrival = 0;
        for (int i = 0; i < n; i++) {
            in[i] = w.input().sample(random, i);
            // A prefill pool's request leaves with its first token; a decode pool's has at least one more to make.
            out[i] = phase == Phase.PREFILL ? Math.min(1, w.output().sample(random, i))
                    : phase == Phase.DECODE ? Math.max(2, w.output().sample(random, i)) : w.output().sample(random, i);
            if (w.arrival() == Workload.Arrival.POISSON) {
                clockAtArrival += -Math.log(1 - random.nextDouble()) / w.requestsPerSecond();
                arrival[i] = i == 0 ? 0 : clockAtArrival;
            }
            if (ceilDiv((long) in[i] + out[i], s.blockTokens()) > s.kvCapacityTokens() / s.blockTokens()) {
                throw new IllegalArgumentException("a request of " + in[i] + " prompt and " + out[i] + " output tokens needs more than the "
                        + s.kvCapacityTokens() + " tokens the replica's KV cache holds");
            }
        }
        int released = w.arrival() == Workload.Arrival.CONCURRENCY ? Math.min(n, w.concurrency()) : n;
        if (w.arrival() == Workload.Arrival.CONCURRENCY) {
            Arrays.fill(arrival, released, n, Double.POSITIVE_INFINITY);
        }
        int block = s.blockTokens();
        long capacityBlocks = s.kvCapacityTokens() / block;
        int[] prompt = in.clone();
        int[] prefilled = new int[n];
        int[] cached = new int[n];
        int[] blocks = new int[n];
        int[] generated = new int[n];
        double[] first = new double[n];
        double[] finish = new double[n];
        double[] last = new double[n];
        Arrays.fill(first, Double.NaN);
        int[] running = new int[s.maxSequences()];
        int[] scheduled = new int[s.maxSequences()];
        int runCount = 0;
        // The waiting queue: a ring of request indices; preempted sequences go back to its front.
        int[] queue = new int[n];
        int head = 0;
        int size = 0;
        int nextArrival = 0;
        int done = 0;
        double clock = 0;
        long iterations = 0;
        double batchSum = 0;
        double tokenSum = 0;
        int preemptions = 0;
        long usedBlocks = 0;
        long peakBlocks = 0;
        boolean saturated = false;
        LogHistogram itl = new LogHistogram();
        Batch batch = new Batch(it);
        int hits = 0;
        boolean fullAttention = it.fullAttention();
        double delay = s.admissionDelaySeconds();
        while (done < n) {
            // Arrivals up to now join the queue in order (closed loop: released on completions, arrival = that time).
            while (nextArrival < n && arrival[nextArrival] + delay <= clock) {
                int r = nextArrival++;
                if (phase == Phase.DECODE) {
                    // The prompt's cache arrives with the request; its first token was emitted before the transfer.
                    prefilled[r] = prompt[r];
                    generated[r] = 1;
                    first[r] = arrival[r] - transferSeconds;
                    last[r] = first[r];
                } else {
                    prefilled[r] = (int) Math.floor(w.prefixHitRate() * (prompt[r] - 1));
                }
                queue[(head + size++) % n] = r;
                if (nextArrival == n && w.arrival() == Workload.Arrival.POISSON) {
                    saturated = size > Math.max(10, 0.05 * n);
                }
            }
            if (runCount == 0 && size == 0) {
                clock = arrival[nextArrival] + delay;
                continue;
            }
            if (fullAttention && runCount > 0 && runCount <= s.maxBatchedTokens()) {
                int steps = steadyDecodeSteps(runCount, running, prompt, prefilled, generated, out, last, clock, block, capacityBlocks - usedBlocks,
                        size == 0 || runCount == s.maxSequences() || ceilDiv(prefilled[queue[head]] + 1, block) > capacityBlocks - usedBlocks);
                if (steps > 0) {
                    // Every running sequence decodes one token per iteration and nothing else can happen for `steps` iterations (no
                    // completion, no admission before the next arrival, no cache block short): each iteration's time follows from the
                    // growing context sum, and only the clock, the counters and the token gaps (all equal within an iteration) move.
                    int decoding = runCount;
                    double visibleSum = 0;
                    for (int k = 0; k < decoding; k++) {
                        visibleSum += cached[running[k]];
                    }
                    double perIteration = it.layerSeconds(decoding) + it.headSeconds(decoding);
                    double limit = runCount < s.maxSequences() && nextArrival < n ? arrival[nextArrival] + delay : Double.POSITIVE_INFINITY;
                    int steps0 = 0;
                    while (steps0 < steps && clock < limit) {
                        double seconds = (perIteration + it.cacheSeconds(decoding, visibleSum)) / s.kernelShare();
                        clock += seconds;
                        itl.add(seconds, decoding);
                        visibleSum += decoding;
                        steps0++;
                    }
                    iterations += steps0;
                    batchSum += (double) decoding * steps0;
                    tokenSum += (double) decoding * steps0;
                    for (int k = 0; k < decoding; k++) {
                        int r = running[k];
                        cached[r] += steps0;
                        generated[r] += steps0;
                        last[r] = clock;
                        int need = (int) ceilDiv(cached[r] + 1, block) - blocks[r];
                        if (need > 0) {
                            blocks[r] += need;
                            usedBlocks += need;
                        }
                    }
                    peakBlocks = Math.max(peakBlocks, usedBlocks);
                    continue;
                }
            }
            int budget = s.maxBatchedTokens();
            batch.clear();
            for (int k = 0; k < runCount; k++) {
                int r = running[k];
                scheduled[k] = 0;
                if (budget == 0) {
                    continue;
                }
                boolean prefill = prefilled[r] < prompt[r];
                int step = prefill ? Math.min(prompt[r] - prefilled[r], budget) : 1;
                int target = (prefill ? prefilled[r] : cached[r]) + step;
                // A block holds `block` tokens: most steps fit the sequence's last block and need no new one.
                long need = target <= (long) blocks[r] * block ? 0 : ceilDiv(target, block) - blocks[r];
                while (need > capacityBlocks - usedBlocks && runCount - 1 > k) {
                    int victim = running[--runCount];
                    usedBlocks -= blocks[victim];
                    blocks[victim] = 0;
                    cached[victim] = 0;
                    prefilled[victim] = 0;
                    prompt[victim] = in[victim] + generated[victim];
                    head = (head - 1 + n) % n;
                    queue[head] = victim;
                    size++;
                    preemptions++;
                }
                if (need > capacityBlocks - usedBlocks) {
                    continue;
                }
                blocks[r] += (int) need;
                usedBlocks += need;
                scheduled[k] = step;
                budget -= step;
                if (prefill) {
                    batch.prefill(step, prefilled[r], prompt[r]);
                } else {
                    batch.decode(cached[r]);
                }
            }
            // Admit from the queue while the batch, the iteration's tokens and the cache allow (first come, first served).
            while (size > 0 && runCount < s.maxSequences() && budget > 0) {
                int r = queue[head];
                boolean decoding = prefilled[r] == prompt[r];
                int step = decoding ? 1 : Math.min(prompt[r] - prefilled[r], budget);
                long need = ceilDiv(prefilled[r] + step, block);
                if (need > capacityBlocks - usedBlocks) {
                    break;
                }
                head = (head + 1) % n;
                size--;
                // A prefix-cache hit's tokens are in the cache already: they take blocks, not compute.
                cached[r] = prefilled[r];
                blocks[r] = (int) need;
                usedBlocks += need;
                running[runCount] = r;
                scheduled[runCount++] = step;
                budget -= step;
                if (decoding) {
                    batch.decode(cached[r]);
                } else {
                    batch.prefill(step, prefilled[r], prompt[r]);
                }
            }
            peakBlocks = Math.max(peakBlocks, usedBlocks);
            if (batch.tokens == 0) {
                throw new IllegalStateException("no sequence could be scheduled: the KV cache is too small for one request");
            }
            double seconds = (it.layerSeconds(batch.tokens) + it.headSeconds(batch.rows) + it.cacheSeconds(batch.decodes, batch.visible)
                    + it.prefillAttentionSeconds(batch.pairs) + it.prefillContextSeconds(batch.context)) / s.kernelShare();
            clock += seconds;
            iterations++;
            batchSum += runCount;
            tokenSum += batch.tokens;
            int kept = 0;
            for (int k = 0; k < runCount; k++) {
                int r = running[k];
                int step = scheduled[k];
                boolean emits = false;
                if (step > 0) {
                    if (prefilled[r] < prompt[r]) {
                        prefilled[r] += step;
                        cached[r] = prefilled[r];
                        emits = prefilled[r] == prompt[r];
                    } else {
                        cached[r] += 1;
                        emits = true;
                    }
                }
                if (emits) {
                    generated[r]++;
                    if (Double.isNaN(first[r])) {
                        first[r] = clock;
                    } else {
                        itl.add(clock - last[r]);
                    }
                    last[r] = clock;
                    if (generated[r] >= out[r]) {
                        finish[r] = clock;
                        usedBlocks -= blocks[r];
                        blocks[r] = 0;
                        done++;
                        if (first[r] - arrival[r] <= ttftTarget && (out[r] <= 1 || (finish[r] - first[r]) / (out[r] - 1) <= tpotTarget)) {
                            hits++;
                        }
                        if (released < n) {
                            arrival[released++] = clock;
                        }
                        continue;
                    }
                }
                running[kept] = r;
                scheduled[kept++] = scheduled[k];
            }
            runCount = kept;
        }
        return summarize(in, out, arrival, first, finish, itl, iterations, batchSum, tokenSum, preemptions, peakBlocks * block, saturated, hits);
    }

    private static ServingResult summarize(int[] in, int[] out, double[] arrival, double[] first, double[] finish, LogHistogram itl,
            long iterations, double batchSum, double tokenSum, int preemptions, long peakKvTokens, boolean saturated, int hits) {
        int n = in.length;
        double start = Double.POSITIVE_INFINITY;
        double end = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        double[] ttft = new double[n];
        double[] e2e = new double[n];
        double[] tpot = new double[n];
        int decoding = 0;
        for (int i = 0; i < n; i++) {
            start = Math.min(start, arrival[i]);
            end = Math.max(end, finish[i]);
            inputTokens += in[i];
            outputTokens += out[i];
            ttft[i] = first[i] - arrival[i];
            e2e[i] = finish[i] - arrival[i];
            if (out[i] > 1) {
                tpot[decoding++] = (finish[i] - first[i]) / (out[i] - 1);
            }
        }
        double duration = Math.max(end - start, 1e-12);
        return new ServingResult(n, duration, inputTokens / duration, outputTokens / duration, n / duration, percentiles(ttft, n),
                percentiles(tpot, decoding), itl.percentiles(), percentiles(e2e, n), batchSum / Math.max(1, iterations),
                tokenSum / Math.max(1, iterations), iterations, preemptions, peakKvTokens, saturated, hits);
    }

    static ServingResult.Percentiles percentiles(double[] values, int count) {
        if (count == 0) {
            return new ServingResult.Percentiles(0, 0, 0, 0, 0);
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new ServingResult.Percentiles(sum / count, Calibrator.percentile(sorted, 0.50), Calibrator.percentile(sorted, 0.90),
                Calibrator.percentile(sorted, 0.99), sorted[count - 1]);
    }

    /**
     * What one iteration schedules: its tokens, the sequences that go through the head (decodes, and prompts whose last
     * chunk this is), the decoding sequences and the cached tokens each block group sees for them, and the prompt chunks'
     * query-key pairs. Allocated once per simulation and cleared per iteration.
     */
    private static final class Batch {
        final int[] windows;
        final double[] visible;
        long tokens;
        int rows;
        int decodes;
        double pairs;
        /** Cached prompt tokens the iteration's later chunks attend to (multi-head latent attention re-expands them). */
        double context;

        Batch(ServingIteration it) {
            windows = new int[it.cacheGroups()];
            visible = new double[windows.length];
            for (int g = 0; g < windows.length; g++) {
                windows[g] = it.cacheWindow(g);
            }
        }

        void clear() {
            tokens = 0;
            rows = 0;
            decodes = 0;
            pairs = 0;
            context = 0;
            Arrays.fill(visible, 0);
        }

        /** One decode step of a sequence with {@code context} tokens cached (a sliding-window group sees at most its window). */
        void decode(int context) {
            tokens++;
            decodes++;
            rows++;
            for (int g = 0; g < windows.length; g++) {
                visible[g] += Math.min(context, windows[g]);
            }
        }

        /** A prompt chunk of {@code step} tokens after {@code done} of a {@code prompt}-token prompt, attending causally. */
        void prefill(int step, int done, int prompt) {
            tokens += step;
            pairs += step * (done + (step + 1) / 2.0);
            context += done;
            if (done + step == prompt) {
                rows++;
            }
        }
    }

    /**
     * How many iterations the running sequences can go on decoding unchanged: all are past their prompt and emitted at the
     * last iteration, none finishes before the last of these steps (the one that finishes someone is left to the full
     * scheduler), nobody waiting could be admitted ({@code admissionBlocked}; arrivals are watched by the caller), and the
     * free cache blocks cover the growth (each sequence takes at most one block per {@code block} tokens, plus one). Zero when
     * the phase is not steady.
     */
    private static int steadyDecodeSteps(int runCount, int[] running, int[] prompt, int[] prefilled, int[] generated, int[] out, double[] last,
            double clock, int block, long freeBlocks, boolean admissionBlocked) {
        if (!admissionBlocked) {
            return 0;
        }
        int steps = Integer.MAX_VALUE;
        for (int k = 0; k < runCount; k++) {
            int r = running[k];
            if (prefilled[r] < prompt[r] || last[r] != clock) {
                return 0;
            }
            steps = Math.min(steps, out[r] - generated[r] - 1);
        }
        long byCache = (freeBlocks / runCount - 1) * block;
        return (int) Math.max(0, Math.min(steps, byCache));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Token gaps on a log scale: buckets 1 % wide from 1 µs to 1,000 s, so percentiles need no per-token storage. */
    static final class LogHistogram {
        private static final double MIN = 1e-6;
        private static final double RATIO = Math.log(1.01);
        private final long[] counts = new long[(int) Math.ceil(Math.log(1e9) / RATIO) + 2];
        private long total;
        private double sum;
        private double max;
        /** Most gaps of an iteration are that iteration's time: the last value's bucket is kept, so they take no logarithm. */
        private double lastValue = Double.NaN;
        private int lastBucket;

        void add(double seconds) {
            if (seconds != lastValue) {
                lastValue = seconds;
                lastBucket = seconds <= MIN ? 0 : (int) Math.min(counts.length - 1, 1 + Math.floor(Math.log(seconds / MIN) / RATIO));
            }
            int bucket = lastBucket;
            counts[bucket]++;
            total++;
            sum += seconds;
            max = Math.max(max, seconds);
        }

        /** {@code count} gaps of the same length (the sequences of one steady iteration). */
        void add(double seconds, long count) {
            add(seconds);
            counts[lastBucket] += count - 1;
            total += count - 1;
            sum += seconds * (count - 1);
        }

        ServingResult.Percentiles percentiles() {
            if (total == 0) {
                return new ServingResult.Percentiles(0, 0, 0, 0, 0);
            }
            return new ServingResult.Percentiles(sum / total, at(0.50), at(0.90), at(0.99), max);
        }

        /** The bucket's geometric middle for the nearest-rank percentile, never above the largest value seen. */
        private double at(double q) {
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int b = 0; b < counts.length; b++) {
                seen += counts[b];
                if (seen >= rank) {
                    return b == 0 ? MIN : Math.min(max, MIN * Math.exp((b - 0.5) * RATIO));
                }
            }
            return max;
        }
    }
}
