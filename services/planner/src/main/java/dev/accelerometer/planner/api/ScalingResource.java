package dev.accelerometer.planner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.planner.service.ScalingService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/plans/small-network-scaling")
@Tag(name = "plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScalingResource {
    @Inject
    ScalingService scaling;

    @Schema(name = "ScalingRequest", description = "A CNN from the catalog on 1…N devices over one link.")
    public record Request(
            @Schema(example = "vgg-16") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String modelId,
            @Schema(example = "nvidia-rtx-3090") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String acceleratorId,
            @Schema(description = "The link between the devices.", example = "pcie-4") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String linkId,
            @Schema(description = "Samples per device per step (default 128).") @Positive @Max(65536) Integer batch,
            @Schema(description = "Largest device count (default 16).") @Positive @Max(1024) Integer maxDevices,
            @Schema(description = "Number format (default fp32, as in the 2014 posts).") @Pattern(regexp = "fp32|tf32|fp16|bf16",
                    message = "must be fp32, tf32, fp16 or bf16") String format,
            @Schema(description = "Number of devices per node on linkId, a count (default: all devices on linkId).", example = "4") @Positive @Max(1024) Integer devicesPerNode,
            @Schema(description = "The network between nodes; required when maxDevices exceeds devicesPerNode.", example = "infiniband-hdr")
            @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String interNodeLinkId) {
    }

    @Schema(name = "ScalingPoint")
    public record Point(@Schema(description = "Number of devices.") int devices,
            @Schema(description = "Data-parallel throughput over one device's, a ratio.") double dataParallelSpeedup,
            @Schema(description = "Model-parallel throughput over one device's, a ratio.") double modelParallelSpeedup,
            @Schema(description = "Hybrid (convolutions data-parallel, fully connected layers model-parallel) throughput over one device's, a ratio.")
            double hybridSpeedup,
            @Schema(description = "The fastest strategy at this device count.", enumeration = {"data", "model", "hybrid"}) String best) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScalingCurve")
    public record Curve(String modelId, String acceleratorId, String linkId,
            @Schema(description = "Number of devices per node on linkId, a count (absent: all devices on linkId).") Integer devicesPerNode,
            @Schema(description = "The network between nodes (absent: one node).") String interNodeLinkId,
            @Schema(description = "Step time on one device, seconds.") double singleDeviceStepSeconds, List<Point> points,
            @Schema(description = "Largest number of devices N at which one more device still adds at least 0.1 of a device's throughput (best strategy).")
            int devicesWorthBuying, List<String> assumptions) {
    }

    @POST
    @Operation(operationId = "smallNetworkScaling", summary = "Data vs model parallel speedup of a CNN by device count (Dettmers 2014)",
            description = "Speedup of data, model and hybrid (conv data-parallel, FC model-parallel) parallelism over 1…N devices on "
                    + "one link or in nodes joined by a network, and where adding devices stops paying.")
    public Curve scaling(@Valid @NotNull Request r) {
        ScalingService.Curve c = scaling.curve(r.modelId(), r.acceleratorId(), r.linkId(), r.batch(), r.maxDevices(), r.format(),
                r.devicesPerNode(), r.interNodeLinkId());
        List<Point> points = c.points().stream().map(p -> new Point(p.devices(), p.dataParallelSpeedup(), p.modelParallelSpeedup(),
                p.hybridSpeedup(), p.best().name().toLowerCase(Locale.ROOT))).toList();
        List<String> assumptions = new ArrayList<>(List.of(
                "per-layer compute from the CNN training step for " + c.batch() + " samples per device in " + c.format().slug()
                        + " (the same model and calibration as costing)",
                "gradients and activations cross " + (c.interNodeLink() == null ? "the " + c.link().name()
                        : c.link().name() + " inside nodes of " + c.devicesPerNode() + " and " + c.interNodeLink().name() + " between them")
                        + " as collectives priced by the planner's collective model (POST /v1/collectives), no overlap with compute",
                "batch norm, ReLU and the optimizer are left out of the per-layer split (they scale like their layer)"));
        assumptions.addAll(c.assumptions());
        return new Curve(c.model().name(), c.device().id(), c.link().id(), c.devicesPerNode(),
                c.interNodeLink() == null ? null : c.interNodeLink().id(), c.singleDeviceStepSeconds(), points, c.devicesWorthBuying(), assumptions);
    }
}
