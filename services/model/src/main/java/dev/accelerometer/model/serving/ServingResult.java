package dev.accelerometer.model.serving;

/**
 * What a simulated replica did with a workload: throughput over the run (first arrival to last completion), latency
 * percentiles per request — time to first token (TTFT), time per output token after the first (TPOT), end to end — and
 * per token (inter-token latency, ITL, from a log-spaced histogram with 1 % buckets), how full the batch and the cache
 * were, how many sequences were preempted, and whether the queue kept growing ({@code saturated}: at the last arrival
 * more requests waited than one batch and 5 % of the run, so the offered rate is above what the replica serves).
 * {@code sloMet} counts the requests whose own TTFT and TPOT met the objectives given to the simulator.
 */
public record ServingResult(int requests, double durationSeconds, double inputTokensPerSecond, double outputTokensPerSecond,
        double requestsPerSecond, Percentiles ttftSeconds, Percentiles tpotSeconds, Percentiles itlSeconds, Percentiles e2eSeconds,
        double meanBatchSequences, double meanIterationTokens, long iterations, int preemptions, long peakKvTokens, boolean saturated,
        int sloMet) {

    /** Mean and percentiles of one latency, seconds. */
    public record Percentiles(double mean, double p50, double p90, double p99, double max) {
    }
}
