package dev.accelerometer.costing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Ids;
import dev.accelerometer.costing.client.Catalog;
import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.costing.store.ComparisonRow;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/comparisons")
@Tag(name = "comparisons")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {
    private static final String PLACEHOLDER = "compared-accelerator";

    @Inject
    CostService costs;
    @Inject
    Catalog catalog;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;

    @POST
    @Transactional
    @Operation(operationId = "createComparison", summary = "Compare one workload across accelerators and save the result",
            description = "Ranks by time, dollars (cloud price) and energy, with performance per list-price dollar and per cloud "
                    + "dollar-hour. Devices that cannot run the workload's format are listed with the reason, not dropped silently.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "Created",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ComparisonResult.class)))
    public Response create(@Valid @NotNull Requests.Comparison request, @jakarta.ws.rs.core.Context UriInfo uri) {
        List<String> ids = acceleratorIds(request);
        Requests.Workload w = request.workload();
        int given = (w.matmul() != null ? 1 : 0) + (w.attention() != null ? 1 : 0) + (w.model() != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalidField("workload", "give exactly one of matmul, attention or model");
        }
        validateWorkload(w);
        List<ComparisonResult.Entry> entries = new ArrayList<>();
        List<ComparisonResult.Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            try {
                Responses.Estimate e = run(w, id);
                entries.add(ComparisonResult.entry(e, catalog.pricedAccelerator(id)));
            } catch (ApiException e) {
                if (e.status == 503) {
                    throw e;
                }
                skipped.add(new ComparisonResult.Skipped(id, e.getMessage()));
            }
        }
        ComparisonResult result = ComparisonResult.rank(UUID.randomUUID(), Instant.now(), entries, skipped);
        ComparisonRow row = new ComparisonRow();
        row.id = result.id();
        row.createdAt = result.createdAt();
        row.request = write(request);
        row.result = write(result);
        row.persist();
        return Response.created(uri.getAbsolutePathBuilder().path(result.id().toString()).build()).entity(result).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getComparison", summary = "Read a saved comparison")
    public ComparisonResult get(@PathParam("id") String id) {
        UUID uuid = Ids.uuid(id, "a comparison");
        ComparisonRow row = ComparisonRow.findById(uuid);
        if (row == null) {
            throw ApiException.notFound("comparison", id);
        }
        try {
            return json.readValue(row.result, ComparisonResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> acceleratorIds(Requests.Comparison request) {
        boolean hasIds = request.acceleratorIds() != null && !request.acceleratorIds().isEmpty();
        // Generated SDKs send an empty map for a filter the caller never set: with ids, an empty filter is no filter;
        // alone, it is the whole catalog.
        boolean bothOrNeither = hasIds ? request.filter() != null && !request.filter().isEmpty() : request.filter() == null;
        if (bothOrNeither) {
            throw ApiException.invalidField("acceleratorIds", "give either acceleratorIds (1 to 50) or a catalog filter, not both or neither");
        }
        if (hasIds) {
            if (request.acceleratorIds().size() > 50) {
                throw ApiException.invalidField("acceleratorIds", "compare at most 50 accelerators at once");
            }
            return request.acceleratorIds().stream().distinct().toList();
        }
        Map<String, String> filter = new HashMap<>(request.filter());
        filter.put("pageSize", "50");
        List<String> ids = catalog.accelerators(filter).stream().map(CatalogAccelerator::id).toList();
        if (ids.isEmpty()) {
            throw ApiException.invalidField("filter", "matches no accelerator in the catalog");
        }
        return ids;
    }

    private void validateWorkload(Requests.Workload w) {
        Object body = w.matmul() != null ? w.matmul().on(PLACEHOLDER) : w.attention() != null ? w.attention().on(PLACEHOLDER) : w.model().on(PLACEHOLDER);
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private Responses.Estimate run(Requests.Workload w, String id) {
        if (w.matmul() != null) {
            return costs.matmul(w.matmul().on(id));
        }
        if (w.attention() != null) {
            return costs.attention(w.attention().on(id));
        }
        return costs.model(w.model().on(id));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<String> order(List<ComparisonResult.Entry> entries, Function<ComparisonResult.Entry, Double> key) {
        return entries.stream().filter(e -> key.apply(e) != null).sorted(Comparator.comparing(key)).map(ComparisonResult.Entry::acceleratorId).toList();
    }
}
