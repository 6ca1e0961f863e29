package dev.accelerometer.catalog.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a value comes from. Every seeded or user-supplied value names one of these through {@code fieldSources}. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@Schema(description = "A document a value was taken from: datasheet, paper table, measurement or a derivation.")
public record Source(
        @Schema(description = "Slug unique within the owning document; fieldSources values refer to it.", example = "nvidia-h100-datasheet")
        @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = 80) String id,
        @Schema(example = "NVIDIA H100 Tensor Core GPU Datasheet") @NotBlank @Size(max = 500) String title,
        @Schema(example = "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet")
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @NotNull SourceKind kind,
        @Schema(description = "Date the value was taken from the source (ISO 8601).", example = "2026-11-21")
        @NotNull LocalDate retrievedOn,
        @Schema(description = "How the value was read or derived, e.g. 'dense = sparse / 2'.") @Size(max = 2000) String note,
        @Schema(description = "How far the values taken from this source can be trusted; when absent, what its kind implies: "
                + "datasheet for datasheet, vendor-page, price-list and paper (papers and reviews quote the vendor's figures), "
                + "measured for measured, derived for derived. 'estimated' marks a value no one published, worked out from a "
                + "related part or a ratio.")
        ValueConfidence confidence) {

    /** The stated confidence, or the one the kind implies. */
    public ValueConfidence effectiveConfidence() {
        return confidence != null ? confidence : kind == null ? null : ValueConfidence.implied(kind);
    }
}
