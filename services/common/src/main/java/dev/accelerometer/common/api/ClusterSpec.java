package dev.accelerometer.common.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The devices a job runs on, the same schema in the planner (plans, collectives) and costing (model runs on a
 * cluster): a catalog system template, an accelerator with its links, or a TPU slice; resolved in one place
 * ({@link dev.accelerometer.common.catalog.Clusters}).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@Schema(name = "ClusterSpec", description = "An accelerator and how many, with its links; or a catalog system template.")
public record ClusterSpec(@Pattern(regexp = Vocabulary.ID, message = ID_MESSAGE) String acceleratorId,
        @Schema(description = "Number of accelerators in the cluster.", example = "1024") @Positive @Max(1 << 20) Integer devices,
        @Schema(description = "Number of accelerators per node.", example = "8") @Positive @Max(1024) Integer devicesPerNode,
        @Schema(example = "nvswitch-gen2") @Pattern(regexp = Vocabulary.ID, message = ID_MESSAGE) String intraNodeLinkId,
        @Schema(example = "infiniband-hdr") @Pattern(regexp = Vocabulary.ID, message = ID_MESSAGE) String interNodeLinkId,
        @Schema(description = "Catalog system template (sets accelerator, devices per node and links).", example = "nvidia-dgx-a100-80gb")
        @Pattern(regexp = Vocabulary.ID, message = ID_MESSAGE) String systemId,
        @Schema(description = "A TPU slice's torus: the count of chips along each axis (e.g. [8, 8, 8] for a v4-1024 slice of 512 "
                + "chips); their product must be devices. Overrides the system's shape. TPUs only; an empty list is no shape.", example = "[4, 4, 4]")
        @Size(max = 3) List<@NotNull @Positive @Max(64) Integer> torusShape) {

    static final String ID_MESSAGE = "must be a catalog id such as 'nvidia-a100-sxm-80gb'";

    /** The same spec without a torus shape (the explicit accelerator-and-links form most callers use). */
    public ClusterSpec(String acceleratorId, Integer devices, Integer devicesPerNode, String intraNodeLinkId, String interNodeLinkId,
            String systemId) {
        this(acceleratorId, devices, devicesPerNode, intraNodeLinkId, interNodeLinkId, systemId, null);
    }

    /** The shape the caller set: generated SDKs send an empty list for a shape never set, and an empty list is no shape. */
    public List<Integer> requestedShape() {
        return torusShape == null || torusShape.isEmpty() ? null : torusShape;
    }
}
