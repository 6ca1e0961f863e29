package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A link between accelerators or hosts: PCIe, NVLink, NVSwitch, InfiniBand, RoCE, TPU ICI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Interconnect", description = "A link technology with its per-direction bandwidth, latency and topology.")
public record Interconnect(
        @Schema(example = "nvlink-4") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = Slug.MAX_LENGTH) String id,
        @Schema(example = "NVLink 4 (H100)") @NotBlank @Size(max = 120) String name,
        @NotNull Kind kind,
        @Schema(example = "4.0") @Size(max = 40) String generation,
        @Schema(description = "Per direction: for PCIe the x16 link, for NVLink/ICI the aggregate of one device, for NICs one port.", example = "4.5e11")
        @NotNull @jakarta.validation.constraints.DecimalMin(value = "1e6", message = "must be at least 1e6 bytes/s") @jakarta.validation.constraints.DecimalMax(value = "1e16", message = "must be at most 1e16 bytes/s") Double bandwidthPerDirectionBytesPerSecond,
        @Schema(description = "Number of PCIe lanes the bandwidth is quoted for.", example = "16") @Positive @Max(64) Integer lanes,
        @Schema(description = "Number of links per device (NVLink links per GPU, ICI links per chip).", example = "18") @Positive @Max(1024) Integer linksPerDevice,
        @Schema(description = "Typical one-way small-message latency, seconds.", example = "1e-6") @jakarta.validation.constraints.DecimalMin(value = "1e-10", message = "must be at least 1e-10 s") @jakarta.validation.constraints.DecimalMax(value = "1", message = "must be at most 1 s") Double latencySeconds,
        @Schema(example = "switched") @Size(max = 40) String topology,
        @Schema(description = "Year of release.", example = "2022") @Min(1990) @Max(2100) Integer releaseYear,
        @NotEmpty @Valid List<@NotNull @Valid Source> sources,
        @NotNull Map<@NotBlank String, @NotBlank String> fieldSources,
        @Size(max = 4000) String notes,
        @Schema(readOnly = true, description = "Revision index: 0 for the seed, one more per change; also sent as the ETag.") Long version,
        @Schema(readOnly = true, description = "Field name -> how its value was obtained (datasheet, measured, derived, estimated): "
                + "the confidence of the source fieldSources names for it.")
        Map<String, ValueConfidence> fieldConfidence) implements CatalogDocument {

    @Schema(name = "InterconnectKind")
    public enum Kind {
        PCIE, NVLINK, NVSWITCH, INFINIBAND, ROCE, ICI, ETHERNET, INFINITY_FABRIC;

        @JsonValue
        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public Interconnect stripped() {
        return presented(null);
    }

    @Override
    public Interconnect presented(long revision) {
        return presented(Long.valueOf(revision));
    }

    private Interconnect presented(Long revision) {
        return new Interconnect(id, name, kind, generation, bandwidthPerDirectionBytesPerSecond, lanes, linksPerDevice,
                latencySeconds, topology, releaseYear, sources, fieldSources, notes, revision,
                revision == null ? null : Provenance.fieldConfidence(this));
    }
}
