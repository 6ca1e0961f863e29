package dev.accelerometer.model.workload;

import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.hardware.Pcie;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Plain data parallelism inside one link domain (the devices' own scale-up link, or PCIe through the host): the gradient
 * ring all-reduce of a step, 2(n−1)/n · S bytes per device in 2(n−1) hops at the bandwidth NCCL rings reach on that
 * link ({@link CollectiveEfficiency}), overlapped with the backward pass as PyTorch DDP does, so only the excess is
 * exposed. Multi-node networks and TPU tori are the planner's (see
 * {@link dev.accelerometer.model.parallel.StepTime}).
 */
public final class DataParallel {
    private DataParallel() {
    }

    /** The all-reduce, the part the backward pass does not hide, and the link it crossed. */
    public record AllReduce(double seconds, double exposedSeconds, double linkBandwidthBytesPerSecond, String linkName, LinkKind linkKind) {
        /** The share of the link's bandwidth rings reach on it. */
        public double efficiency() {
            return CollectiveEfficiency.ring(linkKind);
        }
    }

    /**
     * The gradient all-reduce of {@code gradientBytes} over {@code devices} devices, overlapped with {@code backwardSeconds};
     * empty when the catalog gives the device neither a scale-up link nor a PCIe host link.
     */
    public static Optional<AllReduce> gradientAllReduce(Device device, double gradientBytes, int devices, double backwardSeconds) {
        return gradientAllReduce(device, gradientBytes, devices, backwardSeconds, 1.0);
    }

    /** As above with the ring's bandwidth × {@code collectiveScale} (a calibration profile's intra-node collective scale). */
    public static Optional<AllReduce> gradientAllReduce(Device device, double gradientBytes, int devices, double backwardSeconds,
            double collectiveScale) {
        Double link = device.scaleUpBandwidthPerDirectionBytesPerSecond();
        String name = "scale-up link";
        LinkKind kind = device.scaleUpLinkKind() == null ? LinkKind.OTHER : device.scaleUpLinkKind();
        OptionalDouble pcie = Pcie.hostLink(device);
        if (link == null && pcie.isPresent()) {
            link = pcie.getAsDouble();
            name = Pcie.hostLinkName(device);
            kind = LinkKind.PCIE;
        }
        if (link == null) {
            return Optional.empty();
        }
        double seconds = Collectives.ringAllReduce(gradientBytes, devices, link * CollectiveEfficiency.ring(kind) * collectiveScale,
                CollectiveEfficiency.STEP_LATENCY_SECONDS);
        return Optional.of(new AllReduce(seconds, Math.max(0, seconds - backwardSeconds), link, name, kind));
    }
}
