package dev.accelerometer.quantization.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The costing service's model endpoint (operationId costModel in openapi/costing.yaml), as quantization uses it. */
@RegisterRestClient(configKey = "costing")
@Path("/v1/costs")
public interface CostingApi {
    @POST
    @Path("models")
    Estimate model(ModelCost request);

    /** costModels: many requests in one call; each answer is an estimate or a problem. */
    @POST
    @Path("models/batch")
    java.util.List<BatchItem> models(java.util.List<ModelCost> requests, @jakarta.ws.rs.QueryParam("brief") boolean brief);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchItem(Estimate estimate, Problem problem) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(int status, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelCost(String acceleratorId, Integer devices, String modelId, InlineShape model, String mode, Long batch,
            Long sequenceLength, String format, Double weightBitsPerParameter, Double kvCacheBitsPerElement,
            dev.accelerometer.quantization.model.DecodeKernel dequantization) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InlineShape(String name, String kind, Integer layers, Integer hiddenSize, Integer attentionHeads, Integer kvHeads,
            Integer headDim, Integer ffnSize, String ffnKind, Integer vocabSize, Long parameterCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Estimate(double timeSeconds, String bound, Run run, ErrorBand expectedError) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Run(Double tokensPerSecond, Double stepTimeSeconds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBand(String category, Double medianAbsoluteErrorPercent, Double p90AbsoluteErrorPercent, String note) {
    }
}
