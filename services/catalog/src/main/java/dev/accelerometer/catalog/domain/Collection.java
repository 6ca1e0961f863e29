package dev.accelerometer.catalog.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The catalog's collections, in the order an import must write them (referenced ones first). */
public enum Collection {
    ACCELERATORS("accelerators", "accelerator", Accelerator.class),
    INTERCONNECTS("interconnects", "interconnect", Interconnect.class),
    MODELS("models", "model", ModelArchitecture.class),
    MEASUREMENTS("measurements", "measurement", Measurement.class),
    SYSTEMS("systems", "system", SystemTemplate.class);

    public final String path;
    public final String singular;
    public final Class<? extends CatalogDocument> type;

    Collection(String path, String singular, Class<? extends CatalogDocument> type) {
        this.path = path;
        this.singular = singular;
        this.type = type;
    }

    public static Optional<Collection> fromPath(String path) {
        return Arrays.stream(values()).filter(c -> c.path.equals(path)).findFirst();
    }

    public static List<Collection> importOrder() {
        return List.of(values());
    }
}
