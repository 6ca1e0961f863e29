package dev.accelerometer.quantization.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Expensive;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.quantization.service.EstimateService;
import dev.accelerometer.quantization.service.Estimates;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/estimates")
@Tag(name = "estimates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EstimateResource {
    @Inject
    EstimateService service;
    @Inject
    Estimates estimates;

    @POST
    @Operation(operationId = "createEstimate", summary = "Estimate memory, fit, speed and quality of a model at a precision, and save it")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EstimateResult.class)))
    public Response create(@Valid @NotNull EstimateRequest request, @Context UriInfo uri) {
        EstimateResult result = estimates.create(request);
        return Created.at(uri, result.id().toString()).entity(result).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEstimate", summary = "Read a saved estimate")
    public EstimateResult get(@PathParam("id") String id) {
        return estimates.get(id);
    }

    @GET
    @Operation(operationId = "listEstimates", summary = "List saved estimates, newest first")
    public PageOf<EstimateResult.Summary> list(
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        return estimates.list(page, pageSize);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteEstimate", summary = "Delete a saved estimate (kept, marked deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        estimates.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Expensive
    @Path("compare")
    @Operation(operationId = "compareFormats", summary = "One model across several formats, side by side (not saved)")
    public List<EstimateResult> compare(@Valid @NotNull CompareRequest request) {
        return request.weightFormats().stream().distinct().map(format -> service.estimate(request.base().withWeightFormat(format))).toList();
    }

    @Schema(name = "CompareFormatsRequest")
    public record CompareRequest(
            @Schema(description = "The estimate to repeat; its weightFormat and format parameters are replaced per entry.") @Valid @NotNull EstimateRequest base,
            @Schema(example = "[\"fp16\", \"llm.int8\", \"nf4\", \"gptq-3bit\"]") @NotEmpty @Size(max = 14) List<String> weightFormats) {
    }
}
