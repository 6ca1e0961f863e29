package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AcceleratorKind {
    GPU, TPU, OTHER;

    @JsonValue
    public String slug() {
        return name().toLowerCase();
    }
}
