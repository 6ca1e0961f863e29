package dev.accelerometer.costing.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Expensive;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.costing.service.ComparisonService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/comparisons")
@Tag(name = "comparisons")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {
    @Inject
    ComparisonService comparisons;

    @POST
    @Expensive
    @Operation(operationId = "createComparison", summary = "Compare one workload across accelerators and save the result",
            description = "Ranks by time, dollars (cloud price) and energy, with performance per list-price dollar and per cloud "
                    + "dollar-hour. Devices that cannot run the workload's format are listed with the reason, not dropped silently.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ComparisonResult.class)))
    public Response create(@Valid @NotNull Requests.Comparison request, @Context UriInfo uri) {
        ComparisonResult result = comparisons.create(request);
        return Created.at(uri, result.id().toString()).entity(result).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getComparison", summary = "Read a saved comparison")
    public ComparisonResult get(@PathParam("id") String id) {
        return comparisons.get(id);
    }

    @GET
    @Operation(operationId = "listComparisons", summary = "List saved comparisons, newest first")
    public PageOf<ComparisonResult.Summary> list(
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        return comparisons.list(page, pageSize);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteComparison", summary = "Delete a saved comparison (kept, marked deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        comparisons.delete(id);
        return Response.noContent().build();
    }
}
