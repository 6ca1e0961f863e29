package dev.accelerometer.catalog.auth;

import dev.accelerometer.common.auth.Credentials;
import dev.accelerometer.common.auth.RateLimitFilter;
import dev.accelerometer.common.auth.RateLimits;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts {@code X-API-Key: secret} or {@code Authorization: Bearer secret}; anything else is a 401 problem, and a wrong
 * key counts against the client's failed-authentication limit (then 429).
 */
@Provider
@RequiresApiKey
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    @Inject
    Caller caller;
    @Inject
    RateLimits limits;
    @Inject
    HttpServerRequest http;

    /**
     * API keys allowed to write, as {@code name:secret} pairs (env {@code CATALOG_API_KEYS=alice:s3cret,ci:t0ken}).
     * The name is recorded as the actor in the change history; the secret never is.
     */
    @ConfigProperty(name = "catalog.api-keys")
    Optional<List<String>> keys;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = Credentials.presented(request.getHeaderString(Credentials.HEADER), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            refuse(request, ApiException.unauthorized("Writes need credentials: send X-API-Key: <key> or Authorization: Bearer <key>."));
            return;
        }
        Optional<String> name = Credentials.name(keys.orElse(List.of()), presented);
        if (name.isEmpty()) {
            limits.failedAuthentication(RateLimitFilter.client(http));
            refuse(request, ApiException.unauthorized("The API key is not valid for this catalog."));
            return;
        }
        caller.authenticatedAs(name.get());
    }

    private static void refuse(ContainerRequestContext request, ApiException problem) {
        request.abortWith(ProblemMappers.respond(problem, request.getUriInfo()));
    }
}
