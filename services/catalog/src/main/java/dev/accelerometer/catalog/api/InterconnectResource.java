package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Interconnect;
import dev.accelerometer.catalog.domain.Collection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/interconnects")
@Tag(name = "interconnects")
public class InterconnectResource extends DocumentResource<Interconnect> {
    @Override
    protected Collection collection() {
        return Collection.INTERCONNECTS;
    }
}
