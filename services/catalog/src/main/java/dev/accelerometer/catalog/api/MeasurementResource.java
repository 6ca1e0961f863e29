package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Measurement;
import dev.accelerometer.catalog.domain.Collection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/measurements")
@Tag(name = "measurements")
public class MeasurementResource extends DocumentResource<Measurement> {
    @Override
    protected Collection collection() {
        return Collection.MEASUREMENTS;
    }
}
