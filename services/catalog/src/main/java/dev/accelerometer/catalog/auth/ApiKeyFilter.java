package dev.accelerometer.catalog.auth;

import dev.accelerometer.common.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Accepts {@code X-API-Key: secret} or {@code Authorization: Bearer secret}; anything else is a 401 problem. */
@Provider
@RequiresApiKey
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    @Inject
    Caller caller;

    /**
     * API keys allowed to write, as {@code name:secret} pairs (env {@code CATALOG_API_KEYS=alice:s3cret,ci:t0ken}).
     * The name is recorded as the actor in the change history; the secret never is.
     */
    @ConfigProperty(name = "catalog.api-keys")
    Optional<List<String>> keys;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = request.getHeaderString("X-API-Key");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        if (presented == null || presented.isEmpty()) {
            request.abortWith(unauthorized("Writes need credentials: send X-API-Key: <key> or Authorization: Bearer <key>."));
            return;
        }
        for (String entry : keys.orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            byte[] secret = entry.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
                caller.authenticatedAs(entry.substring(0, colon));
                return;
            }
        }
        request.abortWith(unauthorized("The API key is not valid for this catalog."));
    }

    private static Response unauthorized(String detail) {
        Problem problem = new Problem(Problem.type("unauthorized"), "Unauthorized", 401, detail, null,
                List.of(new Problem.Violation("X-API-Key", detail)));
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"accelerometer\"")
                .entity(problem).build();
    }
}
