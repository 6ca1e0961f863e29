package dev.accelerometer.catalog.auth;

import jakarta.enterprise.context.RequestScoped;

/** Who is making the current request: the name of the API key the filter accepted, recorded in the change history. */
@RequestScoped
public class Caller {
    private String name = "anonymous";

    public String name() {
        return name;
    }

    void authenticatedAs(String keyName) {
        this.name = keyName;
    }
}
