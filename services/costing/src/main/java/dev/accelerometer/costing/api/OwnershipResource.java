package dev.accelerometer.costing.api;

import dev.accelerometer.common.energy.Energy;
import dev.accelerometer.costing.service.OwnershipService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "ownership")
@Produces(MediaType.APPLICATION_JSON)
public class OwnershipResource {
    @Inject
    OwnershipService ownership;

    @POST
    @Path("ownership")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "estimateOwnership", summary = "Own or rent: the lifetime cost of owning accelerators against every cloud price",
            description = "Purchase (the catalog's list prices or given) less resale, plus the electricity of every hour at the devices' TDP "
                    + "and the host's power times the PUE, plus running costs, per useful hour; against renting the same useful hours at "
                    + "each cloud price the catalog holds for the accelerator, with the month owning breaks even; and a workload's run "
                    + "priced both ways. Defaults (lifetime, electricity price, grid intensity) come from GET /v1/energy-regions, with "
                    + "their sources; every default used is stated. Not saved.")
    public Ownership.Result estimate(@Valid @NotNull Ownership.Request request) {
        return ownership.estimate(request);
    }

    @GET
    @Path("energy-regions")
    @Operation(operationId = "listEnergyRegions", summary = "Electricity prices and grid carbon intensities by region, with sources",
            description = "The table ownership answers take their defaults from, and reference PUE and server-lifetime figures.")
    public Energy.Regions regions() {
        return ownership.regions();
    }
}
