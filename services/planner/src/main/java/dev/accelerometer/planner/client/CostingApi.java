package dev.accelerometer.planner.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The costing service's batch endpoint (operationId costModels), as the planner uses it: per-layer compute times. */
@RegisterRestClient(configKey = "costing")
@Path("/v1/costs")
public interface CostingApi {
    @POST
    @Path("models/batch")
    List<BatchItem> models(List<ModelCost> requests, @QueryParam("brief") boolean brief);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelCost(String acceleratorId, Integer devices, String modelId, InlineShape model, String mode, Long batch, Long sequenceLength,
            String format, String attentionKernel, String optimizer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InlineShape(String name, String kind, Integer layers, Integer hiddenSize, Integer attentionHeads, Integer kvHeads,
            Integer headDim, Integer ffnSize, String ffnKind, Integer vocabSize, Long parameterCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchItem(Estimate estimate, Problem problem) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(int status, String detail) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Estimate(double timeSeconds, List<Operation> breakdown, ErrorBand expectedError) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(String operation, double timeSeconds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBand(String category, Double medianAbsoluteErrorPercent, Double p90AbsoluteErrorPercent) {
    }
}
