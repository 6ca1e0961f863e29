package dev.accelerometer.model.parallel;

import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.MissingFactException;
import dev.accelerometer.model.hardware.Pcie;
import dev.accelerometer.model.memory.Offload;

/**
 * What CPU offload adds to a step (Ren et al. 2021, "ZeRO-Offload", §4.1's data flow, as DeepSpeed runs it):
 * <ul>
 * <li>the update on the host: the rank's partition through the host's optimizer rate ({@link Host}), which the node's
 * ranks share — not overlapped with the next step (DeepSpeed's one-step delayed update is off by default);</li>
 * <li>each micro-batch's 16-bit gradients to the host (under stage 1 or 2 with accumulation, the accumulated ones back
 * and forth after the first), under that micro-batch's backward pass; what exceeds it is exposed;</li>
 * <li>the updated 16-bit weights back to the device after the update (stage_1_and_2.py copies them after the step), unless
 * the weights live on the host;</li>
 * <li>with the weights on the host, every forward and backward pass fetches the partition again, prefetched under that
 * pass.</li>
 * </ul>
 * Copies run over the device's PCIe host link at the share of its per-direction rate pinned copies reach
 * ({@link #HOST_TO_DEVICE_EFFICIENCY}, {@link #DEVICE_TO_HOST_EFFICIENCY}).
 */
public final class HostOffload {
    /** PCIe 4.0 x16 and 5.0 x16 per direction (Pcie: 1.969 and 3.938 GB/s per lane), bytes/s. */
    private static final double PCIE4_X16 = 1.969e9 * 16;
    private static final double PCIE5_X16 = 3.938e9 * 16;
    /**
     * Host-to-device pinned copies, NVIDIA nvbandwidth's host_to_device_memcpy_sm (ledger off2-13, off2-15, read
     * 2026-11-30): 25.13 GB/s on an A100-SXM4-40GB (PCIe 4.0 x16, 512 MiB buffers) and 35.19 GB/s on an 8 × H100 node
     * (PCIe 5.0 x16): 0.798 and 0.559 of the link, mean 0.678.
     */
    public static final double HOST_TO_DEVICE_EFFICIENCY = (25.13e9 / PCIE4_X16 + 35.19e9 / PCIE5_X16) / 2;
    /** Device-to-host pinned copies: 52.77 GB/s on the same H100 node (off2-16), 0.838 of PCIe 5.0 x16. */
    public static final double DEVICE_TO_HOST_EFFICIENCY = 52.77e9 / PCIE5_X16;

    private HostOffload() {
    }

    /**
     * Per-direction rate of a device's PCIe host link, before the copy efficiency.
     *
     * @throws MissingFactException when the catalog lacks the device's PCIe generation or lanes
     */
    public static double hostLinkBandwidth(Device device) {
        return Pcie.hostLink(device).orElseThrow(() -> device.hostLinkPcieGeneration() == null || device.hostLinkPcieLanes() == null
                ? new MissingFactException(device.hostLinkPcieGeneration() == null ? "hostLinkPcieGeneration" : "hostLinkPcieLanes",
                        "CPU offload copies over the host link: the catalog has no PCIe " + (device.hostLinkPcieGeneration() == null
                                ? "generation" : "lane count") + " for " + device.id())
                : new MissingFactException("hostLinkPcieGeneration", "PCIe generation " + device.hostLinkPcieGeneration() + " of "
                        + device.id() + " is not one the model knows (1 to 6)"));
    }

    /** The host's update of {@code partition} parameters, with the node's other ranks updating theirs on the same CPUs. */
    static double optimizerSeconds(TrainingJob job, double partition) {
        int ranksPerHost = Math.min(job.cluster().devices(), job.cluster().devicesPerNode());
        return partition * ranksPerHost / job.host().optimizerParametersPerSecond();
    }

    /**
     * Host-link time not hidden under the passes, for {@code micro} micro-batches whose forward and backward (with any
     * recomputation) take {@code forward} and {@code backward} seconds on this rank.
     */
    static double transferSeconds(TrainingJob job, Plan plan, double partition, long micro, double forward, double backward) {
        double link = hostLinkBandwidth(job.cluster().device());
        double toDevice = Offload.WIRE_BYTES * partition / (link * HOST_TO_DEVICE_EFFICIENCY);
        double toHost = Offload.WIRE_BYTES * partition / (link * DEVICE_TO_HOST_EFFICIENCY);
        boolean accumulateOnHost = micro > 1 && plan.zeroStage() < 3;
        double gradients = Math.max(0, toHost - backward) + (micro - 1) * Math.max(0, toHost + (accumulateOnHost ? toDevice : 0) - backward);
        if (plan.offload().parametersOnHost()) {
            return gradients + micro * (Math.max(0, toDevice - forward) + Math.max(0, toDevice - backward));
        }
        return gradients + toDevice;
    }
}
