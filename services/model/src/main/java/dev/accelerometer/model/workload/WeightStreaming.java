package dev.accelerometer.model.workload;

import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.parallel.HostOffload;

/**
 * Inference with the weights in pinned host memory, streamed to the GPU layer by layer for every forward pass (DeepSpeed
 * ZeRO-Inference; ZeRO-3's parameter offload): the next layer's fetch runs under the current layer's compute, so a pass
 * takes the longer of its streamed bytes over the PCIe host link at the host-to-device share pinned copies reach
 * ({@link HostOffload#HOST_TO_DEVICE_EFFICIENCY}, nvbandwidth on A100 and H100) and its compute on the GPU. Layers kept
 * resident are read from device memory as in any decode. Pageable copies (Hugging Face Accelerate's CPU offload) are
 * slower and not modelled.
 */
public final class WeightStreaming {
    private WeightStreaming() {
    }

    /** Bytes per second the device's host link streams weights at. */
    public static double hostToDeviceBandwidth(Device device) {
        return HostOffload.hostLinkBandwidth(device) * HostOffload.HOST_TO_DEVICE_EFFICIENCY;
    }

    /** One forward pass streaming {@code streamedBytes} whose GPU work (kernels and runtime) takes {@code gpuSeconds}. */
    public static double passSeconds(Device device, double streamedBytes, double gpuSeconds) {
        return Math.max(streamedBytes / hostToDeviceBandwidth(device), gpuSeconds);
    }
}
