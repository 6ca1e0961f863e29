package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.SystemTemplate;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.WorkstationReview;
import dev.accelerometer.common.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/systems")
@Tag(name = "systems")
public class SystemResource extends DocumentResource<SystemTemplate> {
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkWorkstation", summary = "Review a custom workstation build",
            description = "Checks PSU headroom over the summed TDPs, CPU cores per GPU, RAM vs GPU memory, PCIe lanes per GPU and slot spacing for cooling, "
                    + "following Tim Dettmers' hardware guides, and says what to change.")
    public SystemCheck.Response check(@Valid @NotNull SystemCheck.Request request) {
        if (!store.exists(Collection.ACCELERATORS, request.acceleratorId())) {
            throw ApiException.invalidField("acceleratorId", "names no accelerator in the catalog: '" + request.acceleratorId() + "'; use an id from GET /v1/accelerators");
        }
        Accelerator gpu = store.read(store.live(Collection.ACCELERATORS, request.acceleratorId()), Accelerator.class);
        if (gpu.tdpWatts() == null) {
            throw ApiException.invalidField("acceleratorId", "'" + gpu.id() + "' has no tdpWatts in the catalog; the PSU check needs it — add it (with its source) first");
        }
        var verdict = WorkstationReview.review(new WorkstationReview.Build(gpu.name(), request.acceleratorCount(), gpu.tdpWatts(),
                request.gpuPowerLimitWatts(), gpu.memoryBytes(), request.cpuCores(), request.cpuTdpWatts(),
                request.otherComponentsWatts() == null ? 0 : request.otherComponentsWatts(), request.ramBytes(), request.psuWatts(),
                request.pcieLanesPerGpu(), request.cardWidthSlots(), request.slotSpacing(), request.coolingKind()));
        return new SystemCheck.Response(SystemCheck.slug(verdict.status()), verdict.summary(), gpu.id(),
                verdict.findings().stream().map(f -> new SystemCheck.Finding(f.check(), SystemCheck.slug(f.status()), f.measured(),
                        f.required(), f.unit(), f.message(), f.advice(), f.source())).toList());
    }

    @Override
    protected Collection collection() {
        return Collection.SYSTEMS;
    }
}
