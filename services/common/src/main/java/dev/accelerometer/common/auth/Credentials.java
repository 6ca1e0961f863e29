package dev.accelerometer.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * API keys as every service reads them: sent as {@code X-API-Key: secret} or {@code Authorization: Bearer secret},
 * configured as {@code name:secret} pairs. The name is who the caller is (the actor in the catalog's history, the owner
 * of a saved result); the secret is compared in constant time and never recorded.
 */
public final class Credentials {
    public static final String HEADER = "X-API-Key";

    private Credentials() {
    }

    /** The secret the request presents, or null when it presents none. */
    public static String presented(String apiKeyHeader, String authorization) {
        String presented = apiKeyHeader;
        if ((presented == null || presented.isBlank()) && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        return presented == null || presented.isBlank() ? null : presented;
    }

    /** The name of the configured key whose secret is {@code presented}, if any. */
    public static Optional<String> name(List<String> configured, String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        for (String entry : configured) {
            int colon = entry.indexOf(':');
            if (colon > 0 && MessageDigest.isEqual(entry.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8), given)) {
                return Optional.of(entry.substring(0, colon).trim());
            }
        }
        return Optional.empty();
    }
}
