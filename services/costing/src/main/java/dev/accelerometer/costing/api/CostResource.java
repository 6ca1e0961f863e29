package dev.accelerometer.costing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.costing.api.Requests.ModelCost;
import dev.accelerometer.costing.service.CostService;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/costs")
@Tag(name = "costs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {
    @Inject
    CostService costs;

    @POST
    @Path("matmul")
    @Operation(operationId = "costMatmul", summary = "Cost a (batched) matrix multiplication",
            description = "Roofline on the format's peak and the bandwidth, plus tile and wave quantization (GPU), systolic-array "
                    + "padding, folds and fill/drain (TPU), a kernel latency floor, and the architecture's achievable ceiling.")
    public Responses.Estimate matmul(@Valid @NotNull Requests.Matmul request) {
        return costs.matmul(request);
    }

    @POST
    @Path("attention")
    @Operation(operationId = "costAttention", summary = "Cost an attention layer (MHA, GQA, MQA; standard, eager or flash)")
    public Responses.Estimate attention(@Valid @NotNull Requests.Attention request) {
        return costs.attention(request);
    }

    @POST
    @Path("conv2d")
    @Operation(operationId = "costConv2d", summary = "Cost a 2D convolution as an implicit GEMM")
    public Responses.Estimate conv2d(@Valid @NotNull Requests.Conv2d request) {
        return costs.conv2d(request);
    }

    @POST
    @Path("models/batch")
    @Operation(operationId = "costModels", summary = "Cost many whole-model workloads in one call",
            description = "Each item is a costModel request; each answer is an estimate or the problem that item raised (the others are "
                    + "unaffected). For callers such as the quantization service that cost one model on every accelerator.")
    public List<BatchItem> models(@Valid @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull ModelCost> requests,
            @Parameter(description = "Only the headline figures of each estimate (no breakdown, assumptions, calibration).")
            @QueryParam("brief") boolean brief) {
        return requests.stream().map(r -> {
            try {
                Responses.Estimate estimate = costs.model(r);
                return new BatchItem(brief ? estimate.brief() : estimate, null);
            } catch (ApiException e) {
                return new BatchItem(null, new Problem(Problem.type(e.typeSlug), e.title, e.status, e.getMessage(), null, e.violations));
            }
        }).toList();
    }

    /** One answer of a batch: an estimate, or the problem its request raised. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItem")
    public record BatchItem(Responses.Estimate estimate, Problem problem) {
    }

    @POST
    @Path("models")
    @Operation(operationId = "costModel", summary = "Cost a whole model: training step, prefill or decode, and the run on N devices",
            description = "A catalog model (modelId) or an inline transformer shape. Training times steps or tokens with plain data "
                    + "parallelism; the breakdown adds up to the total.")
    public Responses.Estimate model(@Valid @NotNull Requests.ModelCost request) {
        return costs.model(request);
    }
}
