package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.Collection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/accelerators")
@Tag(name = "accelerators")
public class AcceleratorResource extends DocumentResource<Accelerator> {
    @Override
    protected Collection collection() {
        return Collection.ACCELERATORS;
    }
}
