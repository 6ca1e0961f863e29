package dev.accelerometer.model.serving;

/**
 * The requests a server sees: how they arrive — all at once (offline, as trtllm-bench's throughput mode and vLLM's
 * offline benchmark queue them), as a Poisson process at a rate (open loop, as vLLM's benchmark_serving sends them), or
 * from a fixed number of clients that each send the next request when the last one completes (closed loop, as
 * concurrency-based benchmarks do) — their prompt and output lengths, the share of prompt tokens a prefix cache already
 * holds, and how many to simulate (with the seed, so that one workload always gives the same answer).
 */
public record Workload(Arrival arrival, double requestsPerSecond, int concurrency, Lengths input, Lengths output, double prefixHitRate,
        int requests, long seed) {

    public enum Arrival {
        OFFLINE, POISSON, CONCURRENCY;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Workload {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1");
        }
        if (arrival == Arrival.POISSON && !(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("a Poisson workload needs a positive rate");
        }
        if (arrival == Arrival.CONCURRENCY && concurrency < 1) {
            throw new IllegalArgumentException("a closed-loop workload needs at least one client");
        }
        if (!(prefixHitRate >= 0 && prefixHitRate < 1)) {
            throw new IllegalArgumentException("prefixHitRate must be in [0, 1)");
        }
    }

    /** The same workload at another rate (a replica's share of the traffic: Poisson thinning keeps it Poisson). */
    public Workload atRate(double rate) {
        return new Workload(arrival, rate, concurrency, input, output, prefixHitRate, requests, seed);
    }

    /** The same workload with {@code clients} clients (a replica's share of a closed-loop workload). */
    public Workload withConcurrency(int clients) {
        return new Workload(arrival, requestsPerSecond, clients, input, output, prefixHitRate, requests, seed);
    }
}
