package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published benchmark result with its inputs: the ledger other services calibrate and validate against. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Measurement", description = "A published measurement (GEMM throughput, training throughput, decode latency, memory, collectives).")
public record Measurement(
        @Schema(example = "gemm-01") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = Slug.MAX_LENGTH) String id,
        @Schema(example = "gemm") @NotBlank @Pattern(regexp = "^[a-z0-9_]+$", message = "must be a lowercase category such as 'gemm' or 'llm_training_throughput'") String category,
        @NotBlank @Size(max = 1000) String description,
        @Schema(description = "The inputs of the measurement (hardware, shape, precision, software...).") @NotNull Map<String, Object> inputs,
        @Schema(description = "The measured value, in `unit` (e.g. TFLOP/s, GB per GPU, tokens/s, seconds per iteration).", example = "267.9") @NotNull Double value,
        @Schema(example = "TFLOP/s") @NotBlank @Size(max = 200) String unit,
        @Schema(example = "measured") @NotBlank @Size(max = 60) String measurementType,
        @Schema(example = "high") @Size(max = 40) String confidence,
        @NotEmpty @Valid List<@NotNull @Valid Source> sources,
        @Schema(description = "Must map `value` to a source id.") @NotNull Map<@NotBlank String, @NotBlank String> fieldSources,
        @Size(max = 4000) String notes,
        @Schema(readOnly = true, description = "Revision index: 0 for the seed, one more per change; also sent as the ETag.") Long version) implements CatalogDocument {

    @Override
    public Measurement stripped() {
        return presented(null);
    }

    @Override
    public Measurement presented(long revision) {
        return presented(Long.valueOf(revision));
    }

    private Measurement presented(Long revision) {
        return new Measurement(id, category, description, inputs, value, unit, measurementType, confidence, sources,
                fieldSources, notes, revision);
    }
}
