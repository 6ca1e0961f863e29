package dev.accelerometer.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accelerometer.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-client token buckets: each client (its address as the HTTP layer sees it; behind a proxy, set
 * {@code quarkus.http.proxy.proxy-address-forwarding}) may burst up to a minute's allowance and then refills at that
 * rate. Three limits, configurable and on by default: writes and computations (every POST, PUT, PATCH and DELETE),
 * expensive searches ({@link Expensive}) and failed authentications (wrong keys). Over a limit the answer is a 429
 * problem with Retry-After. Buckets live in a bounded cache, so an adversary with many addresses costs bounded memory.
 */
@ApplicationScoped
public class RateLimits {
    /** The three limits. */
    public enum Limit {
        WRITES, SEARCHES, FAILED_AUTHENTICATIONS
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(5)).build();

    @ConfigProperty(name = "accelerometer.rate-limit.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "accelerometer.rate-limit.writes-per-minute", defaultValue = "600")
    volatile int writesPerMinute;
    @ConfigProperty(name = "accelerometer.rate-limit.searches-per-minute", defaultValue = "60")
    volatile int searchesPerMinute;
    @ConfigProperty(name = "accelerometer.rate-limit.failed-authentications-per-minute", defaultValue = "20")
    volatile int failedAuthenticationsPerMinute;

    /** Takes one request of {@code limit} for {@code client}; a 429 problem when its bucket is empty. */
    public void take(Limit limit, String client) {
        if (!enabled) {
            return;
        }
        long waitNanos = bucket(limit, client).take(System.nanoTime());
        if (waitNanos > 0) {
            throw refusal(limit, waitNanos);
        }
    }

    /** A 429 problem when {@code client} has used up its failed authentications; takes nothing. */
    public void refuseIfLockedOut(String client) {
        if (!enabled) {
            return;
        }
        long waitNanos = bucket(Limit.FAILED_AUTHENTICATIONS, client).waitNanos(System.nanoTime());
        if (waitNanos > 0) {
            throw refusal(Limit.FAILED_AUTHENTICATIONS, waitNanos);
        }
    }

    /** Records a wrong key from {@code client}. */
    public void failedAuthentication(String client) {
        if (enabled) {
            bucket(Limit.FAILED_AUTHENTICATIONS, client).take(System.nanoTime());
        }
    }

    /** Requests per minute allowed for {@code limit}. */
    public int perMinute(Limit limit) {
        return switch (limit) {
            case WRITES -> writesPerMinute;
            case SEARCHES -> searchesPerMinute;
            case FAILED_AUTHENTICATIONS -> failedAuthenticationsPerMinute;
        };
    }

    /**
     * Sets the allowance of {@code limit} (tests lower it to reach a 429 in a few requests, and restore it) and starts
     * every client's bucket of that limit afresh.
     */
    public void setPerMinute(Limit limit, int perMinute) {
        switch (limit) {
            case WRITES -> writesPerMinute = perMinute;
            case SEARCHES -> searchesPerMinute = perMinute;
            case FAILED_AUTHENTICATIONS -> failedAuthenticationsPerMinute = perMinute;
        }
        buckets.asMap().keySet().removeIf(key -> key.startsWith(limit.name() + " "));
    }

    private Bucket bucket(Limit limit, String client) {
        return buckets.get(limit.name() + " " + client, k -> new Bucket(perMinute(limit), System.nanoTime()));
    }

    private ApiException refusal(Limit limit, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        String what = switch (limit) {
            case WRITES -> "writes and computations (POST, PUT, PATCH, DELETE)";
            case SEARCHES -> "searches of this kind";
            case FAILED_AUTHENTICATIONS -> "requests with a wrong API key";
        };
        return ApiException.tooManyRequests("This client sent more than " + perMinute(limit) + " " + what + " a minute; retry after "
                + seconds + " s.", seconds);
    }

    /** A token bucket holding at most a minute's allowance, refilled continuously. */
    static final class Bucket {
        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long refilledAt;

        Bucket(int perMinute, long now) {
            this.capacity = Math.max(1, perMinute);
            this.tokensPerNano = capacity / 60e9;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        /** Takes a token; 0 when one was there, else the nanoseconds until one will be (nothing taken). */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return nanosUntilToken();
        }

        synchronized long waitNanos(long now) {
            refill(now);
            return tokens >= 1 ? 0 : nanosUntilToken();
        }

        private long nanosUntilToken() {
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
        }
    }
}
