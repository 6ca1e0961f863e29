package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.accelerometer.common.problem.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A node or pod template: which accelerator, how many, which links inside and between nodes, and the host. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "System", description = "A node, pod slice, workstation or cloud instance built from catalog accelerators and interconnects.")
public record SystemTemplate(
        @Schema(example = "nvidia-dgx-h100") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = Slug.MAX_LENGTH) String id,
        @Schema(example = "NVIDIA DGX H100") @NotBlank @Size(max = 120) String name,
        @NotNull Kind kind,
        @Size(max = 80) String vendor,
        @Schema(description = "Catalog accelerator id.", example = "nvidia-h100-sxm") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) String acceleratorId,
        @Schema(description = "Number of accelerators in each node.", example = "8") @NotNull @Positive @Max(4096) Integer acceleratorsPerNode,
        @Schema(description = "Number of hosts in the template (1 for a single node).", example = "1") @Positive @Max(100000) Integer nodes,
        @Schema(description = "Number of accelerators in the whole template.", example = "8") @Positive Integer totalAccelerators,
        @Schema(description = "Catalog interconnect id linking accelerators inside a node.", example = "nvswitch-gen3") @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) String intraNodeLinkId,
        @Schema(description = "Catalog interconnect id linking nodes.", example = "infiniband-ndr") @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) String interNodeLinkId,
        @Schema(description = "Number of inter-node ports per node.", example = "8") @Positive @Max(1024) Integer interNodeLinksPerNode,
        @Schema(description = "Number of chips along each torus/mesh dimension of a TPU slice, e.g. [4,4,4].") List<@Positive Integer> torusShape,
        @Valid Host host,
        @Schema(description = "Maximum system power, watts.") @jakarta.validation.constraints.DecimalMin(value = "1", message = "must be at least 1 W") @jakarta.validation.constraints.DecimalMax(value = "1e8", message = "must be at most 1e8 W") Double systemPowerWatts,
        @Schema(description = "List price of the whole template, US dollars.") @jakarta.validation.constraints.DecimalMin(value = "0.01", message = "must be at least 0.01 USD") @jakarta.validation.constraints.DecimalMax(value = "1e10", message = "must be at most 1e10 USD") Double listPriceUsd,
        @Size(max = 10) @Pattern(regexp = "^\\d{4}-\\d{2}(-\\d{2})?$", message = "must be YYYY-MM or YYYY-MM-DD") String listPriceDate,
        @Schema(description = "On-demand price of the whole template per hour, US dollars.") @jakarta.validation.constraints.DecimalMin(value = "0.0001", message = "must be at least 0.0001 USD/h") @jakarta.validation.constraints.DecimalMax(value = "1e7", message = "must be at most 1e7 USD/h") Double cloudPriceUsdPerHour,
        @Size(max = 80) String cloudPriceProvider,
        @Size(max = 10) @Pattern(regexp = "^\\d{4}-\\d{2}(-\\d{2})?$", message = "must be YYYY-MM or YYYY-MM-DD") String cloudPriceDate,
        @Schema(description = "Spot (preemptible) price of the whole template per hour at the same provider, region and date as the on-demand "
                + "price, US dollars.") @jakarta.validation.constraints.DecimalMin(value = "0.0001", message = "must be at least 0.0001 USD/h") @jakarta.validation.constraints.DecimalMax(value = "1e7", message = "must be at most 1e7 USD/h") Double cloudSpotPriceUsdPerHour,
        @Schema(description = "The provider's region the cloud prices are quoted for.", example = "eastus") @Size(max = 40) String cloudRegion,
        @NotEmpty @Valid List<@NotNull @Valid Source> sources,
        @NotNull Map<@NotBlank String, @NotBlank String> fieldSources,
        @Size(max = 4000) String notes,
        @Schema(readOnly = true, description = "Revision index: 0 for the seed, one more per change; also sent as the ETag.") Long version,
        @Schema(readOnly = true, description = "Field name -> how its value was obtained (datasheet, measured, derived, estimated): "
                + "the confidence of the source fieldSources names for it.")
        Map<String, ValueConfidence> fieldConfidence) implements CatalogDocument {

    @Schema(name = "SystemKind")
    public enum Kind {
        NODE, POD, WORKSTATION, CLOUD_INSTANCE;

        @JsonValue
        public String slug() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** The host side of a node. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Host")
    public record Host(
            @Size(max = 120) String cpuModel,
            @Schema(description = "Number of CPU sockets.") @Positive @Max(16) Integer cpuSockets,
            @Schema(description = "Number of physical CPU cores in the node.") @Positive @Max(4096) Integer cpuCores,
            @Schema(description = "Host RAM, bytes.") @Positive @Max(1L << 50) Long ramBytes,
            @Schema(description = "Total power-supply capacity, watts.") @jakarta.validation.constraints.DecimalMin(value = "1", message = "must be at least 1 W") @jakarta.validation.constraints.DecimalMax(value = "1e8", message = "must be at most 1e8 W") Double psuWatts,
            @Schema(description = "Number of PCIe lanes wired to each accelerator slot.") @Positive @Max(32) Integer pcieLanesPerSlot) {
    }

    /** The whole template holds its nodes' accelerators: totalAccelerators, where given, is nodes (1 when absent) × acceleratorsPerNode. */
    public List<FieldError> countErrors() {
        if (acceleratorsPerNode == null) {
            return List.of();
        }
        long product = (long) (nodes == null ? 1 : nodes) * acceleratorsPerNode;
        return totalAccelerators == null || totalAccelerators == product ? List.of() : List.of(new FieldError("totalAccelerators", "is "
                + totalAccelerators + " but nodes (" + (nodes == null ? 1 : nodes) + ") × acceleratorsPerNode (" + acceleratorsPerNode + ") is "
                + product + "; give that product, change nodes or acceleratorsPerNode, or leave totalAccelerators out"));
    }

    /** A spot price is a discount on an on-demand price at the same provider and region: it needs that price and cannot exceed it. */
    public List<FieldError> priceErrors() {
        if (cloudSpotPriceUsdPerHour == null) {
            return List.of();
        }
        if (cloudPriceUsdPerHour == null) {
            return List.of(new FieldError("cloudSpotPriceUsdPerHour",
                    "a spot price needs the on-demand cloudPriceUsdPerHour of the same provider and region; give it or remove the spot price"));
        }
        return cloudSpotPriceUsdPerHour > cloudPriceUsdPerHour * (1 + 1e-9) ? List.of(new FieldError(
                "cloudSpotPriceUsdPerHour", "is above the on-demand cloudPriceUsdPerHour (" + cloudPriceUsdPerHour + "); a spot price is at most it"))
                : List.of();
    }

    @Override
    public SystemTemplate stripped() {
        return presented(null);
    }

    @Override
    public SystemTemplate presented(long revision) {
        return presented(Long.valueOf(revision));
    }

    private SystemTemplate presented(Long revision) {
        return new SystemTemplate(id, name, kind, vendor, acceleratorId, acceleratorsPerNode, nodes, totalAccelerators,
                intraNodeLinkId, interNodeLinkId, interNodeLinksPerNode, torusShape, host, systemPowerWatts, listPriceUsd,
                listPriceDate, cloudPriceUsdPerHour, cloudPriceProvider, cloudPriceDate, cloudSpotPriceUsdPerHour, cloudRegion, sources, fieldSources, notes, revision,
                revision == null ? null : Provenance.fieldConfidence(this));
    }
}
