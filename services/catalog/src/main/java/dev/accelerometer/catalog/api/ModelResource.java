package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.ModelArchitecture;
import dev.accelerometer.catalog.domain.Collection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/models")
@Tag(name = "models")
public class ModelResource extends DocumentResource<ModelArchitecture> {
    @Override
    protected Collection collection() {
        return Collection.MODELS;
    }
}
