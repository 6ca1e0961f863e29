package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Owning against renting through the API, on the catalog's recorded answers: the purchase from the catalog's list
 * prices, electricity and emissions from an energy region, rent from every priced instance, and what cannot be priced
 * named in the problem.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class OwnershipApiTest {
    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/ownership").then();
    }

    private static Map<String, Object> workstation() {
        Map<String, Object> body = new HashMap<>();
        body.put("acceleratorId", "nvidia-rtx-4090");
        body.put("hostPriceUsd", 1000);
        body.put("resaleUsd", 500);
        body.put("lifetimeYears", 3);
        body.put("utilization", 0.5);
        body.put("hostPowerWatts", 150);
        body.put("idlePowerWatts", 60);
        return body;
    }

    @Test
    void aWorkstationIsPricedFromTheCatalogAndTheRegion() {
        // Catalog: RTX 4090 list price $1,599 and TDP 450 W. Region us-average (energy-regions.json): $0.1241/kWh (EIA,
        // commercial 2022) and 367.4 gCO2/kWh (EIA 2023). Useful hours 3 × 8,766 × 0.5 = 13,149; energy
        // (600 × 13,149 + 60 × 13,149) / 1000 = 8,678.34 kWh.
        double kwh = (600 + 60) * 13_149 / 1000.0;
        post(workstation()).statusCode(200)
                .body("purchasePriceUsd", closeTo(2599.0, 1e-6))
                .body("purchasePriceBasis", containsString("list price of nvidia-rtx-4090"))
                .body("busyPowerWatts", closeTo(600.0, 1e-9))
                .body("region", equalTo("us-average"))
                .body("totalEnergyKwh", closeTo(kwh, 1e-6))
                .body("totalElectricityUsd", closeTo(kwh * 0.1241, 1e-6))
                .body("totalCo2eKilograms", closeTo(kwh * 367.4 / 1000, 1e-6))
                .body("totalOwnUsd", closeTo(2599 - 500 + kwh * 0.1241, 1e-6))
                .body("assumptions", hasItem(containsString("PUE 1")))
                .body("sources.url", hasItem(containsString("eia.gov")));
    }

    /**
     * Spot prices where the provider publishes one (issue 18): an RTX A6000 rents on demand from RunPod's secure cloud at $0.79/h
     * (spot $0.49, region US) and from Lambda at $1.09/h (us-east-1, no spot price) — catalog V27 rows, V45 spot and region.
     */
    @Test
    void rentingListsSpotBesideOnDemandWithTheRegion() {
        Map<String, Object> body = new HashMap<>(Map.of("acceleratorId", "nvidia-rtx-a6000", "hostPriceUsd", 1500, "utilization", 0.5));
        post(body).statusCode(200)
                .body("rent.usdPerDeviceHour", equalTo(List.of(0.49, 0.79, 1.09)))
                .body("rent.tier", equalTo(List.of("spot", "on-demand", "on-demand")))
                .body("rent.region", equalTo(List.of("US", "US", "us-east-1")))
                .body("rent.systemId", equalTo(List.of("runpod-1x-rtx-a6000", "runpod-1x-rtx-a6000", "lambda-1x-rtx-a6000")));
    }

    @Test
    void aSystemIsComparedWithEveryPricedInstanceOfItsAccelerator() {
        // Catalog: DGX A100 40 GB list price $199,000 (2020-05-14), system power 6,500 W, 8 × A100 SXM 40 GB; priced instances with that GPU:
        // AWS p4d.24xlarge $21.957642/h, Azure ND96asr v4 $27.1968/h, GCP a2-highgpu-8g $29.38708/h, 8 GPUs each.
        Map<String, Object> body = new HashMap<>(Map.of("systemId", "nvidia-dgx-a100-40gb", "utilization", 0.8, "pue", 1.56,
                "region", "us-virginia", "electricityUsdPerKwh", 0.0895));
        body.put("workload", Map.of("acceleratorId", "ignored", "devices", 8, "modelId", "bert-large", "mode", "training", "batch", 256,
                "sequenceLength", 128, "format", "fp16", "steps", 1000));
        var answer = post(body).statusCode(200)
                .body("devices", equalTo(8))
                .body("purchasePriceUsd", closeTo(199_000.0, 1e-6))
                .body("busyPowerWatts", closeTo(6500.0, 1e-9))
                .body("lifetimeYears", closeTo(5.0, 0))
                .body("assumptions", hasItem(containsString("lifetime 5 years")))
                .body("rent.systemId", equalTo(List.of("aws-p4d-24xlarge", "azure-nd96asr-v4", "gcp-a2-highgpu-8g")))
                .body("rent[0].usdPerDeviceHour", closeTo(21.957642 / 8, 1e-9))
                .body("perRun.devices", equalTo(8))
                .body("perRun.rentUsd", hasSize(3))
                .extract();
        // Break-even by hand for the AWS price: 199,000 / ((8 × 2.7447 − variable) × 730.5 × 0.8) months.
        double usefulHours = ((Number) answer.path("usefulHours")).doubleValue();
        double variable = ((Number) answer.path("totalElectricityUsd")).doubleValue() / usefulHours;
        double months = 199_000 / ((21.957642 - variable) * 730.5 * 0.8);
        assertEquals(months, ((Number) answer.path("rent[0].breakEvenMonths")).doubleValue(), months * 1e-5);
        // The run's own cost is its device-hours at the owned device-hour rate.
        double seconds = ((Number) answer.path("perRun.runTimeSeconds")).doubleValue();
        double perDeviceHour = ((Number) answer.path("ownUsdPerUsefulDeviceHour")).doubleValue();
        assertEquals(seconds / 3600 * 8 * perDeviceHour, ((Number) answer.path("perRun.ownUsd")).doubleValue(), 1e-6);
        assertTrue(seconds > 10 && seconds < 1000, "1,000 BERT-large steps: " + seconds + " s");
    }

    @Test
    void theRegionTableGivesEveryFigureWithItsSource() {
        given().get("/v1/energy-regions").then().statusCode(200)
                .body("regions.find { it.id == 'us-average' }.electricity.usdPerKwh", closeTo(0.1241, 1e-9))
                .body("regions.find { it.id == 'us-average' }.grid.gramsCo2ePerKwh", closeTo(367.4, 1e-9))
                .body("regions.find { it.id == 'france' }.grid.source.url", notNullValue())
                .body("pue.pue", hasItem(closeTo(1.56, 1e-9)));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "both                  | 400 | acceleratorId",
            "utilization 0         | 400 | utilization",
            "utilization 1.5       | 400 | utilization",
            "unknown region        | 400 | region",
            "resale above purchase | 400 | resaleUsd",
            "no host price         | 422 | hostPriceUsd",
            "no list price         | 422 | purchasePriceUsd",
            "region without price  | 422 | electricityUsdPerKwh",
            "bad workload          | 400 | workload.batch",
            "negative pue          | 400 | pue"})
    void badInputIsAProblemNamingTheField(String mutation, int status, String field) {
        Map<String, Object> body = workstation();
        switch (mutation) {
            case "both" -> body.put("systemId", "nvidia-dgx-a100-40gb");
            case "utilization 0" -> body.put("utilization", 0);
            case "utilization 1.5" -> body.put("utilization", 1.5);
            case "unknown region" -> body.put("region", "atlantis");
            case "resale above purchase" -> body.put("resaleUsd", 10_000);
            case "no host price" -> body.remove("hostPriceUsd");
            case "no list price" -> body.put("acceleratorId", "nvidia-h100-sxm");
            case "region without price" -> body.put("region", "world");
            case "bad workload" -> body.put("workload", Map.of("modelId", "bert-large", "mode", "training", "batch", 0, "sequenceLength", 128,
                    "format", "fp16"));
            case "negative pue" -> body.put("pue", -1);
            default -> throw new IllegalArgumentException(mutation);
        }
        post(body).statusCode(status).contentType("application/problem+json").body("violations.path", hasItem(field));
    }
}
