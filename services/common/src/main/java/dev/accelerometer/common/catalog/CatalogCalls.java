package dev.accelerometer.common.catalog;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls to the catalog guarded by a timeout, retries (not on 4xx answers: a 404 is an answer) and a circuit breaker
 * that stops hammering a catalog that is down. Separate from {@link Catalog} so the interceptors apply.
 */
@ApplicationScoped
public class CatalogCalls {
    @Inject
    @RestClient
    CatalogApi api;

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogAccelerator accelerator(String id) {
        return call(() -> api.accelerator(id));
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogApi.Page<CatalogAccelerator> accelerators(Map<String, String> filters) {
        return call(() -> api.accelerators(filters));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogModel model(String id) {
        return call(() -> api.model(id));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogInterconnect interconnect(String id) {
        return call(() -> api.interconnect(id));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogSystem system(String id) {
        return call(() -> api.system(id));
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ClientError.class)
    public CatalogApi.Page<CatalogSystem> systems(Map<String, String> filters) {
        return call(() -> api.systems(filters));
    }

    /** Cloud prices per device-hour from the catalog's priced instances (one list call), keyed by accelerator id. */
    public List<InstancePrice> instancePrices() {
        return InstancePrice.all(systems(Map.of("pageSize", "200")).items());
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ClientError.class)
    public CatalogApi.Page<CatalogMeasurement> measurements(int page, int pageSize) {
        return call(() -> api.measurements(page, pageSize));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public CatalogApi.Changes changes(long after) {
        return call(() -> api.changes(after, 1000));
    }

    /**
     * Reads the change feed from {@code after} to its end, handing every change to {@code onChange}; returns the sequence
     * to continue from. With {@code after} negative (no position yet) it only returns the feed's latest sequence: the
     * caller then drops everything it cached.
     */
    public long drainChanges(long after, java.util.function.Consumer<CatalogApi.Change> onChange) {
        if (after < 0) {
            return changes(Long.MAX_VALUE - 1).latestSequence();
        }
        long position = after;
        CatalogApi.Changes changes;
        do {
            changes = changes(position);
            for (CatalogApi.Change change : changes.changes()) {
                onChange.accept(change);
                position = Math.max(position, change.sequence());
            }
            if (changes.changes().isEmpty()) {
                position = Math.max(position, changes.latestSequence());
            }
        } while (changes.more());
        return position;
    }

    /**
     * Looks a document up and turns the catalog's answer into this service's: a 404 names the request field that
     * pointed at it, another 4xx is a 400 on that field, and a catalog that does not answer is a 503 (Retry-After).
     */
    public static <T> T fetch(java.util.function.Supplier<T> lookup, String what, String field, String id) {
        try {
            return lookup.get();
        } catch (ClientError e) {
            if (e.status == 404) {
                throw new ApiException(404, "not-found", "Not found", "No " + what + " '" + id + "' in the catalog.",
                        List.of(new Problem.Violation(field, "unknown " + what)));
            }
            throw ApiException.invalidField(field, "was refused by the catalog (HTTP " + e.status + ")");
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ApiException(503, "catalog-unavailable", "Catalog unavailable",
                    "The catalog service did not answer; try again shortly (hardware and model facts are read from it).", List.of());
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                throw new ClientError(status, e, violations(e.getResponse()));
            }
            throw e;
        }
    }

    /** The violations of the catalog's problem answer (path and message); empty when its body is not a problem. */
    private static List<dev.accelerometer.common.problem.FieldError> violations(jakarta.ws.rs.core.Response response) {
        try {
            var problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.readEntity(String.class));
            List<dev.accelerometer.common.problem.FieldError> found = new java.util.ArrayList<>();
            for (var v : problem.path("violations")) {
                if (v.hasNonNull("path") && v.hasNonNull("message")) {
                    found.add(new dev.accelerometer.common.problem.FieldError(v.get("path").asText(), v.get("message").asText()));
                }
            }
            return found;
        } catch (RuntimeException | java.io.IOException e) {
            return List.of();
        }
    }

    /** The catalog answered with a 4xx: final, not retried, not a failure of the catalog; with the fields its problem named. */
    public static final class ClientError extends RuntimeException {
        public final int status;
        public final List<dev.accelerometer.common.problem.FieldError> violations;

        ClientError(int status, Throwable cause, List<dev.accelerometer.common.problem.FieldError> violations) {
            super("catalog answered " + status, cause);
            this.status = status;
            this.violations = violations;
        }
    }
}
