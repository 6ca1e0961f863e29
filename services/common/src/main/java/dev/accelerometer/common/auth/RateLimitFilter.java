package dev.accelerometer.common.auth;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link RateLimits} before authentication and before the body is read: every write or computation takes from
 * the client's write limit, an {@link Expensive} operation also from its search limit, and a client that sent too
 * many wrong keys is refused while it presents a key at all.
 */
public class RateLimitFilter {
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    RateLimits limits;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> limit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String client = client(http);
        try {
            if (Credentials.presented(request.getHeaderString(Credentials.HEADER), request.getHeaderString(HttpHeaders.AUTHORIZATION)) != null) {
                limits.refuseIfLockedOut(client);
            }
            if (!READS.contains(request.getMethod())) {
                limits.take(RateLimits.Limit.WRITES, client);
                if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Expensive.class)) {
                    limits.take(RateLimits.Limit.SEARCHES, client);
                }
            }
            return Optional.empty();
        } catch (ApiException refused) {
            return Optional.of(ProblemMappers.respond(refused, request.getUriInfo()));
        }
    }

    /** The client as the HTTP layer sees it (with forwarding enabled, the address the proxy forwarded). */
    public static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
