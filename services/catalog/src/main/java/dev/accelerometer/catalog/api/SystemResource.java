package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.SystemTemplate;
import dev.accelerometer.catalog.domain.Collection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/systems")
@Tag(name = "systems")
public class SystemResource extends DocumentResource<SystemTemplate> {
    @Override
    protected Collection collection() {
        return Collection.SYSTEMS;
    }
}
