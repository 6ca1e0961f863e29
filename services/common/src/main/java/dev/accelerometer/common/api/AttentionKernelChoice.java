package dev.accelerometer.common.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.kernel.Attention;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The attention kernel a request names, checked against the device it runs on — the same rule in every service. */
public final class AttentionKernelChoice {
    private AttentionKernelChoice() {
    }

    /**
     * The kernel {@code slug} names (the request's pattern has admitted it), or {@code fallback} when absent; a kernel that
     * does not exist for the device is a 422 naming {@code field} and the kernels that do.
     */
    public static Attention.Kernel of(Device device, String slug, Attention.Kernel fallback, String field) {
        Attention.Kernel kernel = slug == null ? fallback : Attention.Kernel.fromSlug(slug)
                .orElseThrow(() -> ApiException.invalidField(field, Vocabulary.ATTENTION_KERNEL_MESSAGE));
        if (!kernel.runsOn(device)) {
            String runs = Arrays.stream(Attention.Kernel.values()).filter(k -> k.runsOn(device)).map(Attention.Kernel::slug)
                    .collect(Collectors.joining(", "));
            throw new ApiException(422, "unsupported-kernel", "Kernel not available on this accelerator", kernel.slug() + " does not run on "
                    + device.name() + " (" + device.architectureName() + "); choose one that does: " + runs + ".",
                    List.of(new Problem.Violation(field, "not available on " + device.id() + "; one of " + runs)));
        }
        return kernel;
    }
}
