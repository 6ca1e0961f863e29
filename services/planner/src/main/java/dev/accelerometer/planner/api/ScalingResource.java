package dev.accelerometer.planner.api;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCalls;
import dev.accelerometer.common.catalog.CatalogInterconnect;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.planner.client.CostingApi;
import dev.accelerometer.planner.model.SmallNetworkScaling;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@Path("/v1/plans/small-network-scaling")
@Tag(name = "plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScalingResource {
    @Inject
    CatalogCalls catalog;
    @Inject
    @RestClient
    CostingApi costing;

    @Schema(name = "ScalingRequest", description = "A CNN from the catalog on 1…N devices over one link.")
    public record Request(
            @Schema(example = "vgg-16") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String modelId,
            @Schema(example = "nvidia-rtx-3090") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String acceleratorId,
            @Schema(description = "The link between the devices.", example = "pcie-4") @NotBlank @Pattern(regexp = PlanRequest.ID, message = PlanRequest.ID_MESSAGE) String linkId,
            @Schema(description = "Samples per device per step (default 128).") @Positive @Max(65536) Integer batch,
            @Schema(description = "Largest device count (default 16).") @Positive @Max(1024) Integer maxDevices,
            @Schema(description = "Number format (default fp32, as in the 2014 posts).") @Pattern(regexp = "fp32|tf32|fp16|bf16",
                    message = "must be fp32, tf32, fp16 or bf16") String format) {
    }

    @Schema(name = "ScalingCurve")
    public record Curve(String modelId, String acceleratorId, String linkId,
            @Schema(description = "Step time on one device, seconds.") double singleDeviceStepSeconds, List<SmallNetworkScaling.Point> points,
            @Schema(description = "Largest number of devices N at which one more device still adds at least 0.1 of a device's throughput (best strategy).")
            int devicesWorthBuying, List<String> assumptions) {
    }

    @POST
    @Operation(operationId = "smallNetworkScaling", summary = "Data vs model parallel speedup of a CNN by device count (Dettmers 2014)",
            description = "Speedup of data, model and hybrid (conv data-parallel, FC model-parallel) parallelism over 1…N devices on "
                    + "one link, and where adding devices stops paying.")
    public Curve scaling(@Valid @NotNull Request r) {
        CatalogModel model = CatalogCalls.fetch(() -> catalog.model(r.modelId()), "model", "modelId", r.modelId());
        if (model.convolutionLayers() == null || model.convolutionLayers().isEmpty()) {
            throw ApiException.invalidField("modelId", "'" + r.modelId() + "' is not a CNN with layer lists in the catalog (try vgg-16 or resnet-50)");
        }
        CatalogAccelerator accelerator = CatalogCalls.fetch(() -> catalog.accelerator(r.acceleratorId()), "accelerator", "acceleratorId", r.acceleratorId());
        CatalogInterconnect link = CatalogCalls.fetch(() -> catalog.interconnect(r.linkId()), "interconnect", "linkId", r.linkId());
        int batch = r.batch() == null ? 128 : r.batch();
        String format = r.format() == null ? "fp32" : r.format();
        List<CostingApi.BatchItem> answer;
        try {
            answer = costing.models(List.of(new CostingApi.ModelCost(accelerator.id(), 1, model.id(), null, "training", (long) batch, 1L, format,
                    null, "sgd")), false);
        } catch (RuntimeException e) {
            throw new ApiException(503, "costing-unavailable", "Costing unavailable", "The costing service did not answer; retry shortly.", List.of());
        }
        if (answer.get(0).estimate() == null) {
            throw new ApiException(422, "not-costable", "Not costable", answer.get(0).problem().detail(),
                    List.of(new Problem.Violation("format", "see detail")));
        }
        Map<String, Double> seconds = new HashMap<>();
        for (CostingApi.Operation op : answer.get(0).estimate().breakdown()) {
            String name = op.operation().replaceAll(" (forward|backward)$", "");
            seconds.merge(name, op.timeSeconds(), Double::sum);
        }
        double bytes = format.equals("fp16") || format.equals("bf16") ? 2 : 4;
        List<SmallNetworkScaling.Layer> layers = new ArrayList<>();
        for (CatalogModel.ConvolutionLayer l : model.convolutionLayers()) {
            int count = l.count() == null ? 1 : l.count();
            int groups = l.groups() == null ? 1 : l.groups();
            int padding = l.padding() == null ? 0 : l.padding();
            long outH = (l.inputHeight() + 2L * padding - l.kernelHeight()) / l.stride() + 1;
            long outW = (l.inputWidth() + 2L * padding - l.kernelWidth()) / l.stride() + 1;
            double weights = (double) l.kernelHeight() * l.kernelWidth() * l.inChannels() / groups * l.outChannels() * count;
            layers.add(new SmallNetworkScaling.Layer(l.name(), false, seconds.getOrDefault(l.name(), 0.0), weights,
                    (double) batch * l.outChannels() * outH * outW * count));
        }
        for (CatalogModel.FullyConnectedLayer fc : model.fullyConnectedLayers() == null ? List.<CatalogModel.FullyConnectedLayer>of() : model.fullyConnectedLayers()) {
            layers.add(new SmallNetworkScaling.Layer(fc.name(), true, seconds.getOrDefault(fc.name(), 0.0), (double) fc.inFeatures() * fc.outFeatures(),
                    (double) batch * fc.outFeatures()));
        }
        double latency = link.latencySeconds() == null ? PlanService.DEFAULT_LATENCY : link.latencySeconds();
        int max = r.maxDevices() == null ? 16 : r.maxDevices();
        List<SmallNetworkScaling.Point> points = SmallNetworkScaling.curve(layers, max, bytes, link.bandwidthPerDirectionBytesPerSecond(), latency);
        int worth = 1;
        for (int i = 1; i < points.size(); i++) {
            if (best(points.get(i)) - best(points.get(i - 1)) >= 0.1) {
                worth = points.get(i).devices();
            } else {
                break;
            }
        }
        double single = layers.stream().mapToDouble(SmallNetworkScaling.Layer::seconds).sum();
        return new Curve(model.id(), accelerator.id(), link.id(), single, points, worth, List.of(
                "per-layer compute from the costing service for " + batch + " samples per device in " + format,
                "gradients and activations cross the " + link.name() + " at its per-direction bandwidth, ring collectives, no overlap with compute",
                "batch norm, ReLU and the optimizer are left out of the per-layer split (they scale like their layer)"));
    }

    private static double best(SmallNetworkScaling.Point p) {
        return Math.max(p.dataParallelSpeedup(), Math.max(p.modelParallelSpeedup(), p.hybridSpeedup()));
    }
}
