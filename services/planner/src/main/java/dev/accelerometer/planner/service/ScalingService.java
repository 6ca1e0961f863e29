package dev.accelerometer.planner.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.costing.CostingFacts;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.SmallNetworkScaling;
import dev.accelerometer.model.workload.CnnStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Data vs model parallelism of a CNN over one link (Dettmers 2014, Krizhevsky 2014), with per-layer times from the CNN step. */
@ApplicationScoped
public class ScalingService {
    @Inject
    CatalogCache catalog;
    @Inject
    CostingFacts costing;

    public record Curve(Cnn model, Device device, Link link, Integer devicesPerNode, Link interNodeLink,
            Format format, int batch, double singleDeviceStepSeconds, List<SmallNetworkScaling.Point> points, int devicesWorthBuying,
            List<String> assumptions) {
    }

    /**
     * The curve of {@code modelId} on 1…maxDevices of {@code acceleratorId}: all on {@code linkId}, or, with
     * {@code devicesPerNode}, in nodes joined by {@code interNodeLinkId}; collectives priced by the collective model.
     */
    public Curve curve(String modelId, String acceleratorId, String linkId, Integer batchSize, Integer maxDevices, String formatSlug,
            Integer devicesPerNode, String interNodeLinkId) {
        Cnn cnn = CatalogMapping.cnn(catalog.model(modelId, "modelId"), "modelId");
        Device device = catalog.device(acceleratorId, "acceleratorId");
        Link intra = catalog.link(linkId, "linkId");
        int max = maxDevices == null ? 16 : maxDevices;
        int perNode = devicesPerNode == null ? max : devicesPerNode;
        if (max > perNode && interNodeLinkId == null) {
            throw ApiException.invalidField("interNodeLinkId", "is required when maxDevices (" + max + ") exceeds devicesPerNode (" + perNode + ")");
        }
        Link inter = max > perNode ? catalog.link(interNodeLinkId, "interNodeLinkId") : null;
        int batch = batchSize == null ? 128 : batchSize;
        Format format = Format.fromSlug(formatSlug == null ? "fp32" : formatSlug).orElseThrow();
        if (!device.supports(format)) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format", device.name() + " has no " + format.slug()
                    + " mode; it supports " + device.supportedFormats() + ".", List.of(new Problem.Violation("format", "not supported by " + device.id())));
        }
        var calibration = costing.calibrations().forArchitecture(device.architecture());
        CnnStep step = CnnStep.of(device, calibration, cnn, batch, format, true, Optimizer.SGD);
        List<String> assumptions = new ArrayList<>();
        // The largest cluster says which efficiencies the curve uses; every device count gets its own.
        Cluster.of(device, max, Math.min(max, perNode), intra, inter, null, null, null, assumptions);
        IntFunction<Cluster> clusters = n -> Cluster.of(device, n, Math.min(n, perNode), intra, n > perNode ? inter : null, null, null, null,
                new ArrayList<>());
        List<SmallNetworkScaling.Point> points = SmallNetworkScaling.curve(step.layers(), max, format.inputBytes, clusters);
        double single = step.layers().stream().mapToDouble(CnnStep.Layer::seconds).sum();
        return new Curve(cnn, device, intra, devicesPerNode, inter, format, batch, single, points, SmallNetworkScaling.devicesWorthBuying(points),
                assumptions);
    }
}
