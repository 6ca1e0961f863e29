package dev.accelerometer.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.model.architecture.Transformer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The model an answer is about and its parameter count — counted exactly from the architecture by the one formula every
 * service uses (dev.accelerometer.model.architecture.Transformer.parameters()), beside the published figure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ModelParameters", description = "The model and its parameters, counted exactly from the architecture.")
public record ModelParameters(String id,
        @Schema(description = "Number of parameters, counted from the architecture (the released checkpoint's count).") long parameters,
        @Schema(description = "Published (often rounded) parameter count, where the catalog or the request has one.") Long publishedParameters,
        @Schema(description = "Mixtures of experts: number of parameters one token uses (all but the routed experts it is not sent to, "
                + "embeddings included), counted from the architecture.") Long activeParameters,
        @Schema(description = "Mixtures of experts: published number of active parameters, where the catalog has one (vendors differ on "
                + "whether it counts the input embedding).") Long publishedActiveParameters) {

    public ModelParameters(String id, long parameters, Long publishedParameters) {
        this(id, parameters, publishedParameters, null, null);
    }

    public static ModelParameters of(Transformer m) {
        return m.moe() == null ? new ModelParameters(m.name(), m.parameters(), m.publishedParameters())
                : new ModelParameters(m.name(), m.parameters(), m.publishedParameters(), m.activeParameters(), m.publishedActiveParameters());
    }
}
