package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a catalog value can be trusted, by how it was obtained: printed by the vendor (or transcribed from the vendor's
 * table), measured, computed from other sourced values, or estimated where nothing better was published.
 */
public enum ValueConfidence {
    DATASHEET, MEASURED, DERIVED, ESTIMATED;

    @JsonValue
    public String slug() {
        return name().toLowerCase();
    }

    /** A source's confidence when it does not state one: what its kind implies (papers and reviews quote vendor figures). */
    static ValueConfidence implied(SourceKind kind) {
        return switch (kind) {
            case MEASURED -> MEASURED;
            case DERIVED -> DERIVED;
            case DATASHEET, VENDOR_PAGE, PRICE_LIST, PAPER -> DATASHEET;
        };
    }
}
