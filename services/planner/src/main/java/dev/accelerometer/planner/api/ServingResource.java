package dev.accelerometer.planner.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Expensive;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.planner.service.ServingService;
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

@Path("/v1/serving-plans")
@Tag(name = "serving-plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServingResource {
    @Inject
    ServingService serving;

    @POST
    @Path("evaluate")
    @Operation(operationId = "evaluateServingPlan", summary = "Evaluate one serving deployment at a workload (not saved)",
            description = "Simulates continuous batching on one replica (iteration-level scheduling, chunked prefill, paged KV cache with "
                    + "preemption, queueing) with iteration times from the costing model, and answers throughput, goodput, TTFT/TPOT/ITL/"
                    + "end-to-end percentiles, memory per device, cost per million tokens and energy per token.")
    public ServingPlanResult.Evaluation evaluate(@Valid @NotNull ServingRequest request) {
        if (request.configuration() == null) {
            throw ApiException.invalidField("configuration", "is required to evaluate; POST /v1/serving-plans searches instead");
        }
        return serving.evaluate(request);
    }

    @POST
    @Expensive
    @Operation(operationId = "createServingPlan", summary = "Search serving deployments and save the answer",
            description = "Every tensor-parallel size that fits, batch limit and per-iteration token limit, each at the fewest replicas "
                    + "that meet the latency objectives (bisection on the replica count); the plans that meet them, cheapest first, the "
                    + "throughput-per-device against TPOT Pareto frontier, and when none meets them the closest and why (200, not an error).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServingPlanResult.Search.class)))
    public Response create(@Valid @NotNull ServingRequest request, @Context UriInfo uri) {
        if (request.configuration() != null) {
            throw ApiException.invalidField("configuration", "a search takes bounds (search), not a deployment; POST /v1/serving-plans/evaluate "
                    + "evaluates one");
        }
        ServingPlanResult.Search saved = serving.create(request);
        return Created.at(uri, saved.id().toString()).entity(saved).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getServingPlan", summary = "Read a saved serving search (as computed then)",
            description = "The search as it was answered, with the assumptions and error bands it quoted; readable by id by anyone, "
                    + "until it expires when saved without an API key.")
    public ServingPlanResult.Search get(@PathParam("id") String id) {
        return serving.get(id);
    }

    @GET
    @Operation(operationId = "listServingPlans", summary = "List saved serving searches, newest first; filter by model or accelerator",
            description = "The caller's own saved serving searches (API key required), a page at a time, each with the devices of its cheapest "
                    + "plan.")
    public PageOf<ServingPlanResult.Summary> list(
            @Parameter(description = "Model id (catalog) or inline model name.") @QueryParam("model") String model,
            @Parameter(description = "Accelerator id.") @QueryParam("acceleratorId") String accelerator,
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        return serving.list(model, accelerator, page, pageSize);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteServingPlan", summary = "Delete a saved serving search (kept, marked deleted)",
            description = "Only the API key that saved the search may delete it; the row is kept and marked deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        serving.delete(id);
        return Response.noContent().build();
    }
}
