package dev.accelerometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.sdk.catalog.model.CatalogBundle;
import dev.accelerometer.sdk.catalog.model.WorkstationBuild;
import dev.accelerometer.sdk.costing.model.AttentionRequest;
import dev.accelerometer.sdk.costing.model.CalibrationProfileRequest;
import dev.accelerometer.sdk.costing.model.MeasurementImportRequest;
import dev.accelerometer.sdk.costing.model.ComparisonRequest;
import dev.accelerometer.sdk.costing.model.Conv2dRequest;
import dev.accelerometer.sdk.costing.model.MatmulRequest;
import dev.accelerometer.sdk.costing.model.ModelCostRequest;
import dev.accelerometer.sdk.costing.model.OwnershipRequest;
import dev.accelerometer.sdk.planner.model.CollectiveRequest;
import dev.accelerometer.sdk.planner.model.PlanRequest;
import dev.accelerometer.sdk.planner.model.ScalingRequest;
import dev.accelerometer.sdk.planner.model.ServingRequest;
import dev.accelerometer.sdk.quantization.model.CompareFormatsRequest;
import dev.accelerometer.sdk.quantization.model.EstimateRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every committed OpenAPI document, called at least once through the SDK generated from it, with
 * the headers the generator sends (DELETE, the CSV export and the SVG roofline ask for {@code application/problem+json}
 * only, which the services once refused with 406). The SDK's response observer records what was answered; the test
 * fails naming any operation of openapi/*.json that no call reached with a 2xx — so a new operation without an SDK
 * call here fails the suite. Request bodies are the specs' own examples, read into the SDK's model classes.
 */
class EveryOperationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("catalog", "costing", "planner", "quantization");
    private static final List<Answer> ANSWERS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, JsonNode> SPECS = new java.util.HashMap<>();
    private static Platform platform;
    private static Sdk sdk;

    record Answer(String service, String method, String path, int status) {
    }

    record Operation(String service, String method, Pattern path, String operationId) {
    }

    @BeforeAll
    static void platform() {
        platform = Platform.get();
        sdk = new Sdk(platform, (service, response) -> ANSWERS.add(new Answer(service, response.request().method(),
                response.uri().getRawPath(), response.statusCode())));
    }

    @Test
    void everyOperationOfEverySpecAnswersTheGeneratedSdk() throws Exception {
        catalog();
        costing();
        planner();
        quantization();

        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            operations.addAll(operations(service));
        }
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        for (Answer answer : List.copyOf(ANSWERS)) {
            operations.stream()
                    .filter(o -> o.service.equals(answer.service) && o.method.equalsIgnoreCase(answer.method)
                            && o.path.matcher(answer.path).matches())
                    // A literal path (/v1/plans/evaluate) wins over a template that also matches it (/v1/plans/{id}).
                    .min(Comparator.comparingInt(o -> o.path.pattern().length() - o.path.pattern().replace("[^/]+", "").length()))
                    .ifPresent(o -> statuses.computeIfAbsent(o.operationId, k -> new TreeSet<>()).add(answer.status));
        }
        List<String> missed = operations.stream()
                .map(Operation::operationId)
                .filter(id -> statuses.getOrDefault(id, Set.of()).stream().noneMatch(s -> s >= 200 && s < 300))
                .toList();
        assertEquals(List.of(), missed, "operations no SDK call reached with a 2xx; answered: " + statuses);
        assertTrue(operations.size() >= 70, "the four specs declare " + operations.size() + " operations");
    }

    private static void catalog() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        crud("Accelerator", "Accelerators", sdk.accelerators, unique);
        crud("Interconnect", "Interconnects", sdk.interconnects, unique);
        crud("System", "Systems", sdk.systems, unique);
        crud("Model", "Models", sdk.models, unique);
        crud("Measurement", "Measurements", sdk.measurements, unique);

        assertTrue(sdk.accelerators.listCloudPrices().stream().anyMatch(p -> "nvidia-h100-sxm".equals(p.getAcceleratorId())));
        var comparison = sdk.accelerators.compareAccelerators(null, "nvidia-h100-sxm,nvidia-a100-sxm-80gb");
        assertNotNull(comparison);
        assertFalse(sdk.changes.listChanges(null, 5).getChanges().isEmpty());
        var review = sdk.systems.checkWorkstation(example(sdk.catalogJson, "catalog", "checkWorkstation", WorkstationBuild.class));
        assertNotNull(review);

        CatalogBundle exported = sdk.transfer.exportCatalog();
        CatalogBundle one = new CatalogBundle();
        one.setAccelerators(List.of(exported.getAccelerators().get(0)));
        assertFalse(sdk.transfer.importCatalog(one).isEmpty());

        sdk.transfer.exportCatalogCsv(); // the SDK discards text/csv; the call is what matters: it was a 406
        String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url("catalog") + "/v1/export/csv")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String id = exported.getAccelerators().get(0).getId();
        String rows = csv.lines().filter(line -> line.startsWith("collection,") || line.startsWith("accelerators," + id + ","))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
        assertFalse(sdk.transfer.importCatalogCsv(rows).isEmpty());
    }

    /**
     * list, get, history, create (a copy of the first listed document under a new id), replace, delete, restore and
     * delete again, with If-Match from the ETags the SDK returns. The collection's API is called by operationId.
     */
    private static void crud(String singular, String plural, Object api, String unique) throws Exception {
        Object page = invoke(api, "list" + plural);
        List<?> items = (List<?>) page.getClass().getMethod("getItems").invoke(page);
        assertFalse(items.isEmpty(), plural + " are seeded");
        String seeded = (String) items.get(0).getClass().getMethod("getId").invoke(items.get(0));
        Object copy = invoke(api, "get" + singular, seeded);
        assertFalse(((List<?>) invoke(api, "get" + singular + "History", seeded)).isEmpty());

        String id = "e2e-" + singular.toLowerCase() + "-" + unique;
        copy.getClass().getMethod("setId", String.class).invoke(copy, id);
        invoke(api, "create" + singular, copy);
        invoke(api, "replace" + singular, id, etag(api, singular, id), copy);
        invoke(api, "delete" + singular, id, etag(api, singular, id));
        invoke(api, "restore" + singular, id);
        invoke(api, "delete" + singular, id, etag(api, singular, id));
    }

    private static String etag(Object api, String singular, String id) throws Exception {
        Object response = invoke(api, "get" + singular + "WithHttpInfo", id);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) response.getClass().getMethod("getHeaders").invoke(response);
        return Sdk.header(headers, "ETag");
    }

    private static void costing() throws Exception {
        ObjectMapper json = sdk.costingJson;
        assertFalse(sdk.validation.listCalibrations(null).isEmpty());
        assertFalse(sdk.validation.listErrorBands(null).isEmpty());
        // Per accelerator: the bands an estimate on a B200 quotes (Blackwell's training regime from the ledger's NVIDIA rows).
        assertTrue(sdk.validation.listErrorBands("nvidia-b200").stream()
                .anyMatch(b -> "training".equals(b.getCategory()) && b.getNote() != null && b.getNote().contains("on Blackwell")));
        assertNotNull(sdk.validation.getValidation(null));
        java.io.File svg = sdk.rooflines.getRoofline("nvidia-h100-sxm.svg", null, List.of("8192x8192x8192"));
        assertTrue(Files.readString(svg.toPath()).startsWith("<svg"));
        assertNotNull(sdk.costs.costMatmul(example(json, "costing", "costMatmul", MatmulRequest.class)).getTimeSeconds());
        assertNotNull(sdk.costs.costAttention(example(json, "costing", "costAttention", AttentionRequest.class)).getTimeSeconds());
        assertNotNull(sdk.costs.costConv2d(example(json, "costing", "costConv2d", Conv2dRequest.class)).getTimeSeconds());
        assertNotNull(sdk.costs.costModel(example(json, "costing", "costModel", ModelCostRequest.class)).getTimeSeconds());
        List<ModelCostRequest> batch = Arrays.asList(example(json, "costing", "costModels", ModelCostRequest[].class));
        assertEquals(batch.size(), sdk.costs.costModels(batch, true).size());

        var comparison = sdk.comparisons.createComparison(example(json, "costing", "createComparison", ComparisonRequest.class));
        String id = comparison.getId().toString();
        assertTrue(sdk.comparisons.listComparisons(null, null).getTotalItems() >= 1);
        assertEquals(comparison.getId(), sdk.comparisons.getComparison(id).getId());
        sdk.comparisons.deleteComparison(id);

        // A calibration profile from the spec's example (FlashAttention-2 on H100) and a matmul sweep read from CSV; a cost answer
        // and the validation view under it; then deleted.
        var imported = sdk.calibrationProfiles.importMeasurements(example(json, "costing", "importMeasurements", MeasurementImportRequest.class));
        assertEquals(3, imported.getMeasurements().size());
        CalibrationProfileRequest profileRequest = example(json, "costing", "createCalibrationProfile", CalibrationProfileRequest.class);
        profileRequest.getMeasurements().addAll(imported.getMeasurements());
        var profile = sdk.calibrationProfiles.createCalibrationProfile(profileRequest);
        assertTrue(profile.getAccelerators().get(0).getParameters().stream().anyMatch(p -> Boolean.TRUE.equals(p.getFitted())));
        String profileId = profile.getId().toString();
        assertEquals(profile.getId(), sdk.calibrationProfiles.getCalibrationProfile(profileId).getId());
        assertTrue(sdk.calibrationProfiles.listCalibrationProfiles(null, null).getTotalItems() >= 1);
        MatmulRequest underProfile = example(json, "costing", "costMatmul", MatmulRequest.class).acceleratorId("nvidia-h100-sxm")
                .calibrationProfile(profile.getId());
        assertTrue(sdk.costs.costMatmul(underProfile).getCalibrationProfile().getApplied());
        assertFalse(sdk.validation.getValidation(profile.getId()).getCases().isEmpty());
        sdk.calibrationProfiles.deleteCalibrationProfile(profileId);

        assertFalse(sdk.ownership.listEnergyRegions().getRegions().isEmpty());
        var owned = sdk.ownership.estimateOwnership(example(json, "costing", "estimateOwnership", OwnershipRequest.class));
        assertTrue(owned.getTotalOwnUsd() > owned.getPurchasePriceUsd() - owned.getResaleUsd());
    }

    private static void planner() throws Exception {
        ObjectMapper json = sdk.plannerJson;
        PlanRequest request = example(json, "planner", "createPlan", PlanRequest.class);
        String first = sdk.plans.createPlan(request).getId().toString();
        String second = sdk.plans.createPlan(request).getId().toString();
        assertNotNull(sdk.plans.comparePlans(first, second));
        assertTrue(sdk.plans.listPlans(null, null, null, null).getTotalItems() >= 2);
        assertEquals(first, sdk.plans.getPlan(first).getId().toString());
        assertNotNull(sdk.plans.evaluatePlan(example(json, "planner", "evaluatePlan", PlanRequest.class)));
        assertNotNull(sdk.plans.smallNetworkScaling(example(json, "planner", "smallNetworkScaling", ScalingRequest.class)));
        assertFalse(sdk.collectives.estimateCollective(example(json, "planner", "estimateCollective", CollectiveRequest.class)).getPoints().isEmpty());
        sdk.plans.deletePlan(second);
        // Serving plans quote costing's serving bands, computed by the real costing from the real catalog's ledger.
        var serving = sdk.servingPlans.createServingPlan(example(json, "planner", "createServingPlan", ServingRequest.class));
        assertFalse(serving.getPlans().isEmpty());
        assertTrue(serving.getErrorBands().stream().anyMatch(b -> "serving-throughput".equals(b.getCategory()) && b.getCases() > 0));
        assertEquals(serving.getId(), sdk.servingPlans.getServingPlan(serving.getId().toString()).getId());
        assertTrue(sdk.servingPlans.listServingPlans(null, null, null, null).getTotalItems() >= 1);
        assertTrue(sdk.servingPlans.evaluateServingPlan(example(json, "planner", "evaluateServingPlan", ServingRequest.class)).getEvaluation()
                .getOutputTokensPerSecond() > 0);
        sdk.servingPlans.deleteServingPlan(serving.getId().toString());
    }

    private static void quantization() throws Exception {
        ObjectMapper json = sdk.quantizationJson;
        assertFalse(sdk.formats.listFormats().isEmpty());
        var estimate = sdk.estimates.createEstimate(example(json, "quantization", "createEstimate", EstimateRequest.class));
        String id = estimate.getId().toString();
        assertTrue(sdk.estimates.listEstimates(null, null).getTotalItems() >= 1);
        assertEquals(estimate.getId(), sdk.estimates.getEstimate(id).getId());
        assertFalse(sdk.estimates.compareFormats(example(json, "quantization", "compareFormats", CompareFormatsRequest.class)).isEmpty());
        sdk.estimates.deleteEstimate(id);
    }

    /** The first request-body example of {@code operationId} in the committed spec, as the SDK's type. */
    private static <T> T example(ObjectMapper sdkJson, String service, String operationId, Class<T> type) throws Exception {
        JsonNode paths = paths(service);
        for (JsonNode item : paths) {
            for (JsonNode operation : item) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    Iterator<JsonNode> media = operation.path("requestBody").path("content").elements();
                    JsonNode examples = media.next().path("examples");
                    return sdkJson.treeToValue(examples.elements().next().get("value"), type);
                }
            }
        }
        throw new AssertionError(operationId + " has no request example in openapi/" + service + ".json");
    }

    /** The {@code paths} of a committed spec, read once per service. */
    private static JsonNode paths(String service) throws Exception {
        JsonNode paths = SPECS.get(service);
        if (paths == null) {
            paths = JSON.readTree(Files.readString(platform.spec(service))).get("paths");
            SPECS.put(service, paths);
        }
        return paths;
    }

    /** The operations of a committed spec, their path templates as patterns. */
    private static List<Operation> operations(String service) throws Exception {
        JsonNode paths = paths(service);
        List<Operation> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getValue().has("operationId")) {
                String pattern = Arrays.stream(path.getKey().split("/"))
                        .map(segment -> segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment))
                        .collect(Collectors.joining("/"));
                operations.add(new Operation(service, method.getKey(), Pattern.compile(pattern), method.getValue().get("operationId").asText()));
            }
        }));
        return operations;
    }

    /** Calls the SDK method named {@code name} whose parameters are not the extra-headers overload; missing arguments are null. */
    private static Object invoke(Object api, String name, Object... arguments) throws Exception {
        Method method = Arrays.stream(api.getClass().getMethods())
                .filter(m -> m.getName().equals(name))
                .filter(m -> m.getParameterCount() == 0 || m.getParameterTypes()[m.getParameterCount() - 1] != Map.class)
                .findFirst()
                .orElseThrow(() -> new AssertionError(api.getClass().getSimpleName() + " has no " + name));
        Object[] all = Arrays.copyOf(arguments, method.getParameterCount());
        try {
            return method.invoke(api, all);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
