package dev.accelerometer.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, with the fields a request got wrong. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(description = "Stable URI naming the kind of error.", example = "https://accelerometer.dev/problems/invalid-request") URI type,
        @Schema(example = "Invalid request") String title,
        @Schema(description = "HTTP status code, as on the response (a dimensionless code).", example = "400") int status,
        @Schema(description = "What went wrong and what to change.") String detail,
        @Schema(description = "The request path.") String instance,
        @Schema(description = "Each offending field with what to change.") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://accelerometer.dev/problems/";

    @Schema(name = "Violation")
    public record Violation(
            @Schema(description = "Where the problem is: the JSON path of the request body's field (e.g. training.globalBatchSize), or the name of the query parameter or header.", example = "memoryBytes") String path,
            @Schema(example = "must be greater than 0") String message) {
    }

    public static URI type(String slug) {
        return URI.create(BASE + slug);
    }
}
