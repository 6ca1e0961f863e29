package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model run's energy as electricity: the energy upper bound × PUE in kWh, its cost and emissions under the request's
 * terms or its region's (energy-regions.json: us-average $0.1241/kWh, EIA commercial 2022, and 367.4 gCO2/kWh, EIA 2023;
 * France €0.1785/kWh non-household 2024-H2 = $0.1931 at the Federal Reserve's 2023 rate, and 56.04 g, Our World in Data 2023 via CodeCarbon's data file).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class ElectricityApiTest {
    private static Map<String, Object> bert() {
        Map<String, Object> body = new HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "devices", 8, "modelId", "bert-large",
                "mode", "training", "batch", 256, "sequenceLength", 128, "format", "fp16", "steps", 1000));
        return body;
    }

    @Test
    void aRunsEnergyIsPricedAtTheDefaultRegion() {
        var answer = given().contentType(ContentType.JSON).body(bert()).post("/v1/costs/models").then().statusCode(200)
                .body("electricity.region", equalTo("us-average"))
                .body("electricity.pue", closeTo(1.0, 0))
                .body("electricity.usdPerKwh", closeTo(0.1241, 1e-12))
                .body("electricity.gramsCo2ePerKwh", closeTo(367.4, 1e-9)).extract();
        double joules = ((Number) answer.path("runEnergyJoules")).doubleValue();
        assertEquals(joules / 3.6e6, ((Number) answer.path("electricity.totalEnergyKwh")).doubleValue(), 1e-9);
        assertEquals(joules / 3.6e6 * 0.1241, ((Number) answer.path("electricity.totalElectricityUsd")).doubleValue(), 1e-9);
        assertEquals(joules / 3.6e6 * 367.4 / 1000, ((Number) answer.path("electricity.totalCo2eKilograms")).doubleValue(), 1e-9);
    }

    @Test
    void theRequestsTermsWinOverTheRegionsAndPueScalesTheEnergy() {
        Map<String, Object> body = bert();
        body.put("energy", Map.of("region", "france", "pue", 1.2, "usdPerKwh", 0.05));
        var answer = given().contentType(ContentType.JSON).body(body).post("/v1/costs/models").then().statusCode(200)
                .body("electricity.region", equalTo("france"))
                .body("electricity.usdPerKwh", closeTo(0.05, 1e-12))
                .body("electricity.gramsCo2ePerKwh", closeTo(56.04, 1e-9)).extract();
        double joules = ((Number) answer.path("runEnergyJoules")).doubleValue();
        assertEquals(joules / 3.6e6 * 1.2, ((Number) answer.path("electricity.totalEnergyKwh")).doubleValue(), 1e-9);
    }

    @Test
    void anUnknownRegionOrAPueBelowOneIsAProblemNamingTheField() {
        Map<String, Object> body = bert();
        body.put("energy", Map.of("region", "atlantis"));
        given().contentType(ContentType.JSON).body(body).post("/v1/costs/models").then().statusCode(400)
                .body("violations.path", hasItem("energy.region"));
        body.put("energy", Map.of("pue", 0.5));
        given().contentType(ContentType.JSON).body(body).post("/v1/costs/models").then().statusCode(400)
                .body("violations.path", hasItem("energy.pue"));
    }
}
