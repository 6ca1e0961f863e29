package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.Interconnect;
import dev.accelerometer.catalog.domain.Measurement;
import dev.accelerometer.catalog.domain.ModelArchitecture;
import dev.accelerometer.catalog.domain.SystemTemplate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of an export and of an import body (documented for SDKs; the transfer code reads it as a JSON tree). */
@Schema(name = "CatalogBundle", description = "The whole catalog: one array per collection, documents as stored (no version, no derived figures). Any collection may be omitted on import.")
public record CatalogBundle(
        List<Accelerator> accelerators,
        List<Interconnect> interconnects,
        List<ModelArchitecture> models,
        List<Measurement> measurements,
        List<SystemTemplate> systems) {
}
