package dev.accelerometer.quantization.client;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Catalog facts one request was answered from after the catalog stopped answering: the answer says so. */
@RequestScoped
public class StaleFacts {
    private final List<String> notices = new ArrayList<>();

    void served(String what, String key, Instant syncedAt) {
        notices.add("catalog unreachable: " + what + " '" + key + "' served from this service's cache, last in sync with the catalog at " + syncedAt);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }
}
