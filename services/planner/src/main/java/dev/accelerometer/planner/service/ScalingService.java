package dev.accelerometer.planner.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogInterconnect;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.costing.CostingFacts;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.SmallNetworkScaling;
import dev.accelerometer.model.workload.CnnStep;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Data vs model parallelism of a CNN over one link (Dettmers 2014, Krizhevsky 2014), with per-layer times from the CNN step. */
@ApplicationScoped
public class ScalingService {
    @Inject
    CatalogCache catalog;
    @Inject
    CostingFacts costing;

    public record Curve(Cnn model, Device device, CatalogInterconnect link, Format format, int batch, double singleDeviceStepSeconds,
            List<SmallNetworkScaling.Point> points, int devicesWorthBuying) {
    }

    public Curve curve(String modelId, String acceleratorId, String linkId, Integer batchSize, Integer maxDevices, String formatSlug) {
        Cnn cnn = CatalogMapping.cnn(catalog.model(modelId, "modelId"), "modelId");
        Device device = catalog.device(acceleratorId, "acceleratorId");
        CatalogInterconnect link = catalog.interconnect(linkId, "linkId");
        if (link.bandwidthPerDirectionBytesPerSecond() == null) {
            throw new ApiException(422, "missing-fact", "A fact the curve needs is missing", "the catalog has no bandwidthPerDirectionBytesPerSecond "
                    + "for interconnect " + linkId + "; fill it or name another link.", List.of(new Problem.Violation("linkId", "has no bandwidth")));
        }
        int batch = batchSize == null ? 128 : batchSize;
        Format format = Format.fromSlug(formatSlug == null ? "fp32" : formatSlug).orElseThrow();
        if (!device.supports(format)) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format", device.name() + " has no " + format.slug()
                    + " mode; it supports " + device.supportedFormats() + ".", List.of(new Problem.Violation("format", "not supported by " + device.id())));
        }
        var calibration = costing.calibrations().forArchitecture(device.architecture());
        CnnStep step = CnnStep.of(device, calibration, cnn, batch, format, true, Optimizer.SGD);
        double latency = link.latencySeconds() == null ? Cluster.DEFAULT_LATENCY_SECONDS : link.latencySeconds();
        List<SmallNetworkScaling.Point> points = SmallNetworkScaling.curve(step.layers(), maxDevices == null ? 16 : maxDevices, format.inputBytes,
                link.bandwidthPerDirectionBytesPerSecond(), latency);
        double single = step.layers().stream().mapToDouble(CnnStep.Layer::seconds).sum();
        return new Curve(cnn, device, link, format, batch, single, points, SmallNetworkScaling.devicesWorthBuying(points));
    }
}
