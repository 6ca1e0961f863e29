package dev.accelerometer.planner.api;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.accelerometer.common.openapi.Descriptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Ids;
import dev.accelerometer.planner.model.Plan;
import dev.accelerometer.planner.store.PlanRow;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/plans")
@Tag(name = "plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    @Inject
    PlanService service;
    @Inject
    ObjectMapper json;

    @POST
    @Path("evaluate")
    @Operation(operationId = "evaluatePlan", summary = "Evaluate one fully specified plan (not saved)",
            description = "Memory per device (model states by ZeRO stage, Korthikanti activations) and step time (compute from costing, "
                    + "tensor-parallel collectives, pipeline bubble and point-to-point, data-parallel reduction, optimizer).")
    public PlanResult.Evaluated evaluate(@Valid @NotNull PlanRequest request) {
        if (request.plan() == null) {
            throw ApiException.invalidField("plan", "is required to evaluate; POST /v1/plans searches instead");
        }
        PlanService.Context x = service.context(request);
        Plan plan = service.plan(x, request.plan());
        var costs = service.layerCosts(x, Set.of(List.of(plan.tensorParallel(), plan.microBatchSize())));
        return service.evaluate(x, plan, costs.get(PlanService.key(plan.tensorParallel(), plan.microBatchSize())));
    }

    @POST
    @Transactional
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
        PlanService.Context x = service.context(request);
        PlanResult.Search found = service.search(x, request.constraints());
        UUID id = UUID.randomUUID();
        PlanResult.Search saved = new PlanResult.Search(id, found.createdAt(), found.best(), found.candidates(), found.evaluated(),
                found.feasible(), found.searchMillis(), found.deadlineReached(), found.bindingConstraint(), found.shortfallBytes(),
                found.assumptions());
        PlanRow row = new PlanRow();
        row.id = id;
        row.createdAt = saved.createdAt();
        row.model = x.model().name();
        row.accelerator = x.cluster().acceleratorId();
        row.devices = x.cluster().devices();
        row.request = write(request);
        row.facts = write(Map.of("model", x.model(), "cluster", x.cluster()));
        row.result = write(saved);
        row.persist();
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(saved).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPlan", summary = "Read a saved search (as computed then, with the facts it used)")
    public PlanResult.Search get(@PathParam("id") String id) {
        try {
            return json.readValue(live(id).result, PlanResult.Search.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Operation(operationId = "listPlans", summary = "List saved searches, newest first; filter by model or accelerator")
    public List<Map<String, Object>> list(@QueryParam("model") String model, @QueryParam("acceleratorId") String accelerator,
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        StringBuilder query = new StringBuilder("deletedAt is null");
        Map<String, Object> params = new java.util.HashMap<>();
        if (model != null) {
            query.append(" and model = :model");
            params.put("model", model);
        }
        if (accelerator != null) {
            query.append(" and accelerator = :accelerator");
            params.put("accelerator", accelerator);
        }
        return PlanRow.<PlanRow>find(query + " order by createdAt desc", params).page(page - 1, pageSize).list().stream()
                .map(r -> Map.<String, Object>of("id", r.id, "createdAt", r.createdAt, "model", r.model, "acceleratorId", r.accelerator,
                        "devices", r.devices))
                .toList();
    }

    @POST
    @Path("{id}/compare/{otherId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "comparePlans", summary = "What differs between two saved plans and which terms explain the step-time gap",
            description = "Compares the best plans of two saved searches: dimensions that differ, step-time terms ordered by their share "
                    + "of the gap, and the memory difference.")
    public PlanComparison compare(@PathParam("id") String id, @PathParam("otherId") String otherId) {
        PlanResult.Search a = get(id);
        PlanResult.Search b = get(otherId);
        if (a.best() == null || b.best() == null) {
            throw ApiException.invalidField(a.best() == null ? "id" : "otherId", "names a search in which no plan fits: nothing to compare");
        }
        return PlanComparison.of(a.id(), a.best(), b.id(), b.best());
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deletePlan", summary = "Delete a saved search (kept, marked deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        live(id).deletedAt = Instant.now();
        return Response.noContent().build();
    }

    private PlanRow live(String id) {
        UUID uuid = Ids.uuid(id, "a plan");
        PlanRow row = PlanRow.findById(uuid);
        if (row == null || row.deletedAt != null) {
            throw ApiException.notFound("plan", id);
        }
        return row;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
