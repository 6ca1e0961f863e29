package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** A published measurement from the catalog's ledger. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogMeasurement(String id, String category, String description, Map<String, Object> inputs, Double value,
        String unit, String notes, String confidence) {
}
