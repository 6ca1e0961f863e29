package dev.accelerometer.common.catalog;

import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.hardware.MissingFactException;
import dev.accelerometer.model.parallel.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@link ClusterSpec} against the catalog into the model library's {@link Cluster} — the one place where a
 * system template, an explicit accelerator with links, or a TPU slice becomes devices, nodes, links and a torus, for
 * the planner's plans and collectives and costing's model runs alike. Every fact the cluster lacks is a 4xx naming the
 * field: {@code prefix} is where the spec sits in the request (e.g. {@code cluster}).
 */
@ApplicationScoped
public class Clusters {
    @Inject
    CatalogCache catalog;

    /**
     * The cluster {@code c} names: a catalog system (its accelerator, devices per node and links, each overridable) or an
     * explicit accelerator and links. {@code format}, when given, must be one the accelerator has (422 naming
     * {@code formatField} otherwise).
     */
    public Cluster resolve(ClusterSpec c, String prefix, Format format, String formatField, List<String> assumptions) {
        String acceleratorId = c.acceleratorId();
        Integer perNode = c.devicesPerNode();
        String intraId = c.intraNodeLinkId();
        String interId = c.interNodeLinkId();
        CatalogSystem system = null;
        if (c.systemId() != null) {
            system = catalog.system(c.systemId(), prefix + ".systemId");
            acceleratorId = acceleratorId != null ? acceleratorId : system.acceleratorId();
            perNode = perNode != null ? perNode : system.acceleratorsPerNode();
            intraId = intraId != null ? intraId : system.intraNodeLinkId();
            interId = interId != null ? interId : system.interNodeLinkId();
        }
        List<FieldError> errors = new ArrayList<>();
        if (acceleratorId == null) {
            errors.add(new FieldError(prefix + ".acceleratorId", "is required (or give " + prefix + ".systemId)"));
        }
        if (c.devices() == null) {
            errors.add(new FieldError(prefix + ".devices", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        Device device = catalog.device(acceleratorId, prefix + ".acceleratorId");
        if (format != null && !device.supports(format)) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format", device.name() + " has no " + format.slug()
                    + " mode in the catalog; choose a format it has (" + device.supportedFormats() + ").",
                    List.of(new Problem.Violation(formatField, "not supported by " + device.id())));
        }
        if (device.cloudPriceUsdPerHour() != null && catalog.accelerator(acceleratorId, prefix + ".acceleratorId").cloudPriceUsdPerHour() == null) {
            catalog.instancePrice(acceleratorId).ifPresent(price -> assumptions.add(price.note()));
        }
        int devicesPerNode = perNode == null ? Math.min(8, c.devices()) : perNode;
        Link intra = intraId == null ? null : catalog.link(intraId, prefix + ".intraNodeLinkId");
        usable(device, intra, prefix + (c.intraNodeLinkId() != null ? ".intraNodeLinkId" : ".systemId"));
        List<Integer> shape = c.requestedShape();
        List<Integer> torus = shape != null ? shape : system == null ? null : system.torusShape();
        if (shape != null) {
            slice(device, intra, shape, c.devices(), prefix);
            // A slice's chips all talk over the torus: hosts do not change the links.
            interId = interId != null ? interId : intraId;
        } else if (system != null && system.totalAccelerators() != null && "pod".equals(system.kind()) && c.devices() > system.totalAccelerators()) {
            throw ApiException.invalidField(prefix + ".devices", "is larger than " + system.id() + " (" + system.totalAccelerators()
                    + " chips); choose a larger slice or give " + prefix + ".torusShape");
        }
        if (c.devices() > devicesPerNode && c.devices() % devicesPerNode != 0) {
            throw ApiException.invalidField(prefix + ".devices", "must be a multiple of devicesPerNode (" + devicesPerNode
                    + ") for multi-node clusters");
        }
        if (c.devices() > devicesPerNode && interId == null) {
            throw ApiException.invalidField(prefix + ".interNodeLinkId", "is required for a cluster of more than one node");
        }
        Link inter = interId == null || c.devices() <= devicesPerNode ? null : catalog.link(interId, prefix + ".interNodeLinkId");
        try {
            return Cluster.of(device, c.devices(), devicesPerNode, intra, inter, system == null ? null : system.interNodeLinksPerNode(),
                    torus, shape != null ? "the requested slice" : system == null ? null : system.id(), assumptions);
        } catch (MissingFactException e) {
            throw ApiException.missingFact(e.getMessage() + " (or fill the catalog field " + e.fact + " of " + device.id() + ").",
                    prefix + ".intraNodeLinkId", "is required: " + e.getMessage());
        }
    }

    /**
     * A link the accelerator cannot use is refused, naming the field: a TPU's chips talk over ICI only; ICI, NVLink and
     * NVSwitch need an accelerator whose scale-up link is of that family (a PCIe-only GPU has no NVLink).
     */
    private static void usable(Device device, Link intra, String field) {
        if (intra == null) {
            return;
        }
        LinkKind own = device.scaleUpLinkKind();
        boolean tpu = own == LinkKind.ICI;
        boolean nvlinkDevice = own == LinkKind.NVLINK || own == LinkKind.NVSWITCH;
        String problem = null;
        if (tpu && intra.kind() != LinkKind.ICI) {
            problem = device.id() + " talks to other chips over ICI only, not " + intra.id();
        } else if (!tpu && intra.kind() == LinkKind.ICI) {
            problem = intra.id() + " is a TPU interconnect; " + device.id() + " cannot use it";
        } else if (intra.kind().isNvlink() && !nvlinkDevice) {
            problem = "the catalog gives " + device.id() + " no NVLink (scaleUpLinkKind is " + (own == null ? "empty" : own.slug())
                    + "); choose a PCIe link, or fill scaleUpLinkKind in the catalog if the card has NVLink";
        }
        if (problem != null) {
            throw ApiException.invalidField(field, "names a link the accelerator cannot use: " + problem);
        }
    }

    /** An explicit TPU slice: a TPU, on ICI, whose axes multiply to the device count. */
    private static void slice(Device device, Link intra, List<Integer> shape, int devices, String prefix) {
        if (device.scaleUpLinkKind() != LinkKind.ICI) {
            throw ApiException.invalidField(prefix + ".torusShape", "is for TPU slices; " + device.id() + " is not a TPU");
        }
        if (intra == null || intra.linksPerDevice() == null) {
            throw ApiException.invalidField(prefix + ".intraNodeLinkId", "is required with " + prefix
                    + ".torusShape: name the TPU's ICI link (e.g. tpu-ici-v4)");
        }
        long chips = 1;
        for (int axis : shape) {
            chips *= axis;
        }
        if (chips != devices) {
            throw ApiException.invalidField(prefix + ".torusShape", "has " + chips + " chips (" + shape + ") but " + prefix + ".devices is "
                    + devices + "; the axes must multiply to the device count");
        }
    }
}
