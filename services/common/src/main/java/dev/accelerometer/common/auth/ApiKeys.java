package dev.accelerometer.common.auth;

import dev.accelerometer.common.problem.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * Who the current request is, among configured API keys ({@link Credentials}): the catalog's writers and the owners of
 * saved results are checked the same way. A wrong key is a 401 and counts against the client's failed-authentication
 * limit ({@link RateLimits}); no key is an anonymous caller, for the caller to accept or refuse.
 */
@ApplicationScoped
public class ApiKeys {
    @Inject
    RateLimits limits;
    @Inject
    HttpServerRequest http;

    /** The name of the key the request presents among {@code configured}; empty when it presents none. */
    public Optional<String> caller(List<String> configured, String wrongKeyDetail) {
        String presented = Credentials.presented(http.getHeader(Credentials.HEADER), http.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            return Optional.empty();
        }
        Optional<String> name = Credentials.name(configured, presented);
        if (name.isEmpty()) {
            limits.failedAuthentication(RateLimitFilter.client(http));
            throw ApiException.unauthorized(wrongKeyDetail);
        }
        return name;
    }
}
