package dev.accelerometer.common.auth;

import dev.accelerometer.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who owns what a request saves: the name of the API key it presents, from {@code accelerometer.api-keys}
 * ({@code name:secret} pairs, env {@code ACCELEROMETER_API_KEYS}). No key is an anonymous caller; a wrong key is a 401,
 * never silently anonymous, and counts against the client's failed-authentication limit.
 */
@ApplicationScoped
public class Owners {
    @ConfigProperty(name = "accelerometer.api-keys")
    Optional<List<String>> keys;
    @Inject
    ApiKeys apiKeys;

    /** The caller's key name, or empty when it presents no key. */
    public Optional<String> optional() {
        return apiKeys.caller(keys.orElse(List.of()), "The API key is not valid for this service; send a key from ACCELEROMETER_API_KEYS, "
                + "or none to compute without keeping the result.");
    }

    /** The caller's key name; a 401 naming the header when it presents none. */
    public String required(String action) {
        return optional().orElseThrow(() -> ApiException.unauthorized(action + " needs credentials: send X-API-Key: <key> or "
                + "Authorization: Bearer <key>."));
    }
}
