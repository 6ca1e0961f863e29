package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of evidence a source is. */
public enum SourceKind {
    DATASHEET, MEASURED, DERIVED, PAPER, VENDOR_PAGE, PRICE_LIST;

    @JsonValue
    public String slug() {
        return name().toLowerCase().replace('_', '-');
    }
}
