package dev.accelerometer.quantization.api;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.accelerometer.common.openapi.Descriptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Ids;
import dev.accelerometer.quantization.store.EstimateRow;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    ObjectMapper json;

    @POST
    @Transactional
    @Operation(operationId = "createEstimate", summary = "Estimate memory, fit, speed and quality of a model at a precision, and save it")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EstimateResult.class)))
    public Response create(@Valid @NotNull EstimateRequest request, @Context UriInfo uri) {
        EstimateResult computed = service.estimate(request);
        UUID id = UUID.randomUUID();
        EstimateResult result = withId(computed, id);
        EstimateRow row = new EstimateRow();
        row.id = id;
        row.createdAt = result.createdAt();
        row.model = result.model().name();
        row.weightFormat = result.weightFormat().id();
        row.request = write(request);
        row.result = write(result);
        row.persist();
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(result).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEstimate", summary = "Read a saved estimate")
    public EstimateResult get(@PathParam("id") String id) {
        return read(live(id).result, EstimateResult.class);
    }

    @GET
    @Operation(operationId = "listEstimates", summary = "List saved estimates, newest first")
    public EstimatePage list(@Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        var query = EstimateRow.find("deletedAt is null order by createdAt desc");
        long total = query.count();
        List<EstimatePage.Summary> items = query.page(page - 1, pageSize).<EstimateRow>list().stream()
                .map(r -> new EstimatePage.Summary(r.id, r.createdAt, r.model, r.weightFormat)).toList();
        return new EstimatePage(items, page, pageSize, total);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deleteEstimate", summary = "Delete a saved estimate (kept, marked deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        live(id).deletedAt = Instant.now();
        return Response.noContent().build();
    }

    @POST
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

    private EstimateRow live(String id) {
        UUID uuid = Ids.uuid(id, "an estimate");
        EstimateRow row = EstimateRow.findById(uuid);
        if (row == null || row.deletedAt != null) {
            throw ApiException.notFound("estimate", id);
        }
        return row;
    }

    private static EstimateResult withId(EstimateResult r, UUID id) {
        return new EstimateResult(id, r.createdAt(), r.model(), r.weightFormat(), r.kvCacheFormat(), r.mode(), r.batch(), r.contextLength(),
                r.memory(), r.fits(), r.cheapestByListPrice(), r.cheapestByCloudPrice(), r.quality(), r.kvCacheQuality(), r.assumptions(),
                r.warnings());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
