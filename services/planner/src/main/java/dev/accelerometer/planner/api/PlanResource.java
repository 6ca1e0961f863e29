package dev.accelerometer.planner.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Expensive;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.planner.service.PlanSearches;
import dev.accelerometer.planner.service.PlanService;
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

@Path("/v1/plans")
@Tag(name = "plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    @Inject
    PlanService plans;
    @Inject
    PlanSearches searches;

    @POST
    @Path("evaluate")
    @Operation(operationId = "evaluatePlan", summary = "Evaluate one fully specified plan (not saved)",
            description = "Memory per device (model states by ZeRO stage, Korthikanti activations) and step time (layer compute from the "
                    + "same model and calibration as costing, tensor-parallel collectives, pipeline bubble and point-to-point, data-parallel "
                    + "reduction, optimizer).")
    public PlanResult.Evaluated evaluate(@Valid @NotNull PlanRequest request) {
        if (request.plan() == null) {
            throw ApiException.invalidField("plan", "is required to evaluate; POST /v1/plans searches instead");
        }
        PlanService.Context x = plans.context(request);
        Plan plan = plans.plan(x, request.plan());
        return plans.answer(plans.evaluate(x, plan), request.energy()).with(ModelParameters.of(x.job().model()), plans.catalogState(), x.assumptions());
    }

    @POST
    @Expensive
    @Operation(operationId = "createPlan", summary = "Search the plan space and save the answer",
            description = "Every legal data/tensor/pipeline split, micro-batch, interleaving, recomputation mode, sequence parallelism "
                    + "and ZeRO stage within the constraints, ranked by step time among those that fit; when none fits, the binding "
                    + "constraint and the shortfall in bytes.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlanResult.Search.class)))
    public Response create(@Valid @NotNull PlanRequest request, @Context UriInfo uri) {
        if (request.plan() != null) {
            throw ApiException.invalidField("plan", "a search takes constraints, not a plan; POST /v1/plans/evaluate evaluates one plan");
        }
        PlanResult.Search saved = searches.create(request);
        return Created.at(uri, saved.id().toString()).entity(saved).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPlan", summary = "Read a saved search (as computed then, with the facts it used)")
    public PlanResult.Search get(@PathParam("id") String id) {
        return searches.get(id);
    }

    @GET
    @Operation(operationId = "listPlans", summary = "List saved searches, newest first; filter by model or accelerator")
    public PageOf<PlanResult.Summary> list(@Parameter(description = "Model id (catalog) or inline model name.") @QueryParam("model") String model,
            @Parameter(description = "Accelerator id.") @QueryParam("acceleratorId") String accelerator,
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        return searches.list(model, accelerator, page, pageSize);
    }

    @POST
    @Path("{id}/compare/{otherId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "comparePlans", summary = "What differs between two saved plans and which terms explain the step-time gap",
            description = "Compares the best plans of two saved searches: dimensions that differ, step-time terms ordered by their share "
                    + "of the gap, and the memory difference.")
    public PlanComparison compare(@PathParam("id") String id, @PathParam("otherId") String otherId) {
        PlanResult.Search a = get(id);
        PlanResult.Search b = searches.get(otherId, "otherId");
        if (a.best() == null || b.best() == null) {
            throw ApiException.invalidField(a.best() == null ? "id" : "otherId", "names a search in which no plan fits: nothing to compare");
        }
        return PlanComparison.of(a.id(), a.best(), b.id(), b.best());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePlan", summary = "Delete a saved search (kept, marked deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        searches.delete(id);
        return Response.noContent().build();
    }
}
