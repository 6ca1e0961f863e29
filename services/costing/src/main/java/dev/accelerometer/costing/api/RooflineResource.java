package dev.accelerometer.costing.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.service.Rooflines;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/rooflines")
@Tag(name = "rooflines")
public class RooflineResource {
    @Inject
    Rooflines rooflines;

    @GET
    @Path("{file}")
    @Produces("image/svg+xml")
    @Operation(operationId = "getRoofline", summary = "Log-log roofline chart of an accelerator with GEMM operating points (SVG)",
            description = "GET /v1/rooflines/nvidia-h100-sxm.svg?format=bf16&gemm=8192x8192x8192&gemm=1x8192x8192 draws the datasheet "
                    + "and achievable roofs and each GEMM's estimated operating point.")
    // A file, not a JSON string: generated SDKs then hand over the bytes instead of parsing the SVG as JSON.
    @APIResponse(responseCode = "200", description = "The chart, an SVG document",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public String roofline(@Parameter(description = "Accelerator id followed by .svg", example = "nvidia-h100-sxm.svg") @PathParam("file") String file,
            @Parameter(description = "Number format of the roof (default bf16, else the device's first format).") @QueryParam("format") String formatSlug,
            @Parameter(description = "GEMMs to place, as MxNxK; repeatable (at most 20).",
                    examples = @ExampleObject(name = "training-and-decode", value = "[\"8192x8192x8192\", \"1x8192x8192\"]"))
            @QueryParam("gemm") List<String> gemms) {
        if (!file.endsWith(".svg")) {
            throw ApiException.invalidField("file", "the path must end in .svg, e.g. /v1/rooflines/nvidia-h100-sxm.svg");
        }
        String id = file.substring(0, file.length() - 4);
        if (!id.matches(Requests.ID)) {
            throw ApiException.invalidField("file", "is an accelerator id followed by .svg; the id: " + Requests.ID_MESSAGE);
        }
        Rooflines.Chart chart = rooflines.chart(id, formatSlug, gemms);
        return RooflineSvg.draw(chart);
    }
}
