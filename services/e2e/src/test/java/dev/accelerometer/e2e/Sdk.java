package dev.accelerometer.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The generated SDK's clients, pointed at the running platform. Catalog writes carry the catalog's API key, and
 * costing, planner and quantization calls the key that owns saved results, the way an SDK user would add them: a
 * request interceptor on each ApiClient. An optional observer sees every answer (service name
 * and response) — how {@link EveryOperationIT} knows which operations were called.
 */
final class Sdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    final dev.accelerometer.sdk.catalog.api.AcceleratorsApi accelerators;
    final dev.accelerometer.sdk.catalog.api.InterconnectsApi interconnects;
    final dev.accelerometer.sdk.catalog.api.SystemsApi systems;
    final dev.accelerometer.sdk.catalog.api.ModelsApi models;
    final dev.accelerometer.sdk.catalog.api.MeasurementsApi measurements;
    final dev.accelerometer.sdk.catalog.api.ChangesApi changes;
    final dev.accelerometer.sdk.catalog.api.TransferApi transfer;
    final dev.accelerometer.sdk.costing.api.CostsApi costs;
    final dev.accelerometer.sdk.costing.api.ComparisonsApi comparisons;
    final dev.accelerometer.sdk.costing.api.RooflinesApi rooflines;
    final dev.accelerometer.sdk.costing.api.ValidationApi validation;
    final dev.accelerometer.sdk.costing.api.OwnershipApi ownership;
    final dev.accelerometer.sdk.costing.api.CalibrationProfilesApi calibrationProfiles;
    final dev.accelerometer.sdk.planner.api.PlansApi plans;
    final dev.accelerometer.sdk.planner.api.CollectivesApi collectives;
    final dev.accelerometer.sdk.planner.api.ServingPlansApi servingPlans;
    final dev.accelerometer.sdk.quantization.api.EstimatesApi estimates;
    final dev.accelerometer.sdk.quantization.api.FormatsApi formats;
    final ObjectMapper catalogJson;
    final ObjectMapper costingJson;
    final ObjectMapper plannerJson;
    final ObjectMapper quantizationJson;

    Sdk(Platform platform) {
        this(platform, (service, response) -> { });
    }

    Sdk(Platform platform, BiConsumer<String, HttpResponse<InputStream>> observer) {
        var catalog = new dev.accelerometer.sdk.catalog.client.ApiClient();
        catalog.updateBaseUri(platform.url("catalog"));
        catalog.setRequestInterceptor(request -> request.header("X-API-Key", Platform.API_KEY));
        catalog.setResponseInterceptor(response -> observer.accept("catalog", response));
        accelerators = new dev.accelerometer.sdk.catalog.api.AcceleratorsApi(catalog);
        interconnects = new dev.accelerometer.sdk.catalog.api.InterconnectsApi(catalog);
        systems = new dev.accelerometer.sdk.catalog.api.SystemsApi(catalog);
        models = new dev.accelerometer.sdk.catalog.api.ModelsApi(catalog);
        measurements = new dev.accelerometer.sdk.catalog.api.MeasurementsApi(catalog);
        changes = new dev.accelerometer.sdk.catalog.api.ChangesApi(catalog);
        transfer = new dev.accelerometer.sdk.catalog.api.TransferApi(catalog);
        catalogJson = catalog.getObjectMapper();

        var costing = new dev.accelerometer.sdk.costing.client.ApiClient();
        costing.updateBaseUri(platform.url("costing"));
        costing.setRequestInterceptor(request -> request.header("X-API-Key", Platform.USER_KEY));
        costing.setResponseInterceptor(response -> observer.accept("costing", response));
        costs = new dev.accelerometer.sdk.costing.api.CostsApi(costing);
        comparisons = new dev.accelerometer.sdk.costing.api.ComparisonsApi(costing);
        rooflines = new dev.accelerometer.sdk.costing.api.RooflinesApi(costing);
        validation = new dev.accelerometer.sdk.costing.api.ValidationApi(costing);
        ownership = new dev.accelerometer.sdk.costing.api.OwnershipApi(costing);
        calibrationProfiles = new dev.accelerometer.sdk.costing.api.CalibrationProfilesApi(costing);
        costingJson = costing.getObjectMapper();

        var planner = new dev.accelerometer.sdk.planner.client.ApiClient();
        planner.updateBaseUri(platform.url("planner"));
        planner.setRequestInterceptor(request -> request.header("X-API-Key", Platform.USER_KEY));
        planner.setResponseInterceptor(response -> observer.accept("planner", response));
        plans = new dev.accelerometer.sdk.planner.api.PlansApi(planner);
        collectives = new dev.accelerometer.sdk.planner.api.CollectivesApi(planner);
        servingPlans = new dev.accelerometer.sdk.planner.api.ServingPlansApi(planner);
        plannerJson = planner.getObjectMapper();

        var quantization = new dev.accelerometer.sdk.quantization.client.ApiClient();
        quantization.updateBaseUri(platform.url("quantization"));
        quantization.setRequestInterceptor(request -> request.header("X-API-Key", Platform.USER_KEY));
        quantization.setResponseInterceptor(response -> observer.accept("quantization", response));
        estimates = new dev.accelerometer.sdk.quantization.api.EstimatesApi(quantization);
        formats = new dev.accelerometer.sdk.quantization.api.FormatsApi(quantization);
        quantizationJson = quantization.getObjectMapper();
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
