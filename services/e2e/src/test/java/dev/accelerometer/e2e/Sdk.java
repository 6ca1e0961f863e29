package dev.accelerometer.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * The generated SDK's clients, pointed at the running platform. Catalog writes carry the API key the way an SDK user
 * would add it: a request interceptor on the catalog's ApiClient.
 */
final class Sdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    final dev.accelerometer.sdk.catalog.api.AcceleratorsApi accelerators;
    final dev.accelerometer.sdk.catalog.api.TransferApi transfer;
    final dev.accelerometer.sdk.costing.api.CostsApi costs;
    final dev.accelerometer.sdk.planner.api.PlansApi plans;
    final dev.accelerometer.sdk.quantization.api.EstimatesApi estimates;

    Sdk(Platform platform) {
        var catalog = new dev.accelerometer.sdk.catalog.client.ApiClient();
        catalog.updateBaseUri(platform.url("catalog"));
        catalog.setRequestInterceptor(request -> request.header("X-API-Key", Platform.API_KEY));
        accelerators = new dev.accelerometer.sdk.catalog.api.AcceleratorsApi(catalog);
        transfer = new dev.accelerometer.sdk.catalog.api.TransferApi(catalog);

        var costing = new dev.accelerometer.sdk.costing.client.ApiClient();
        costing.updateBaseUri(platform.url("costing"));
        costs = new dev.accelerometer.sdk.costing.api.CostsApi(costing);

        var planner = new dev.accelerometer.sdk.planner.client.ApiClient();
        planner.updateBaseUri(platform.url("planner"));
        plans = new dev.accelerometer.sdk.planner.api.PlansApi(planner);

        var quantization = new dev.accelerometer.sdk.quantization.client.ApiClient();
        quantization.updateBaseUri(platform.url("quantization"));
        estimates = new dev.accelerometer.sdk.quantization.api.EstimatesApi(quantization);
    }

    /** The first value of a response header, case-insensitively. */
    static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    /** An error answer as the SDK hands it over: status, headers and the problem+json body. */
    record Failure(int status, String contentType, String retryAfter, JsonNode problem) {
        static Failure of(int status, HttpHeaders headers, String body) {
            try {
                return new Failure(status, headers.firstValue("content-type").orElse(""), headers.firstValue("retry-after").orElse(null),
                        JSON.readTree(body == null ? "{}" : body));
            } catch (java.io.IOException e) {
                throw new AssertionError("error body is not JSON: " + body, e);
            }
        }
    }
}
