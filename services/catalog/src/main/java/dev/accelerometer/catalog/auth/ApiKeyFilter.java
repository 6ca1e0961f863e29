package dev.accelerometer.catalog.auth;

import dev.accelerometer.common.auth.ApiKeys;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.ProblemMappers;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
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
    ApiKeys apiKeys;

    /**
     * API keys allowed to write, as {@code name:secret} pairs (env {@code CATALOG_API_KEYS=alice:s3cret,ci:t0ken}).
     * The name is recorded as the actor in the change history; the secret never is.
     */
    @ConfigProperty(name = "catalog.api-keys")
    Optional<List<String>> keys;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            Optional<String> name = apiKeys.caller(keys.orElse(List.of()), "The API key is not valid for this catalog.");
            if (name.isEmpty()) {
                refuse(request, ApiException.unauthorized("Writes need credentials: send X-API-Key: <key> or Authorization: Bearer <key>."));
                return;
            }
            caller.authenticatedAs(name.get());
        } catch (ApiException wrongKey) {
            refuse(request, wrongKey);
        }
    }

    private static void refuse(ContainerRequestContext request, ApiException problem) {
        request.abortWith(ProblemMappers.respond(problem, request.getUriInfo()));
    }
}
