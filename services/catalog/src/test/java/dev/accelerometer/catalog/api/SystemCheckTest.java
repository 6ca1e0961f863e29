package dev.accelerometer.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/systems/check on Dettmers' classic 4x RTX 3090 build. RTX 3090 TDP 350 W (NVIDIA GeForce RTX 3090 spec
 * page, seeded); rule: PSU >= (sum of GPU and CPU watts) x 1.10 (Dettmers, hardware guide TL;DR).
 */
@QuarkusTest
class SystemCheckTest {

    private static Map<String, Object> fourRtx3090s() {
        Map<String, Object> build = new HashMap<>();
        build.put("acceleratorId", "nvidia-rtx-3090");
        build.put("acceleratorCount", 4);
        build.put("cpuCores", 16);
        build.put("cpuTdpWatts", 280.0);
        build.put("ramBytes", 128L << 30);
        build.put("psuWatts", 1600.0);
        build.put("pcieLanesPerGpu", 16);
        build.put("cardWidthSlots", 3);
        build.put("slotSpacing", 2);
        build.put("cooling", "open-air");
        return build;
    }

    @Test
    void fourStockRtx3090sOverloadA1600WattPsuAndDoNotFit() {
        given().contentType(ContentType.JSON).body(fourRtx3090s())
                .when().post("/v1/systems/check")
                .then().statusCode(200)
                .body("status", equalTo("problem"))
                // (4 x 350 + 280) x 1.10 = 1848 W needed.
                .body("findings.find { it.check == 'psu' }.status", equalTo("problem"))
                .body("findings.find { it.check == 'psu' }.required", closeTo(1848.0, 0.01))
                // (1600 / 1.10 - 280) / 4 = 293.6 W: the power limit that makes it fit.
                .body("findings.find { it.check == 'psu' }.advice", containsString("293 W"))
                .body("findings.find { it.check == 'slotSpacingCooling' }.status", equalTo("problem"))
                .body("findings.find { it.check == 'cpuCoresPerGpu' }.status", equalTo("ok"))
                .body("findings.find { it.check == 'ramVsGpuMemory' }.status", equalTo("ok"));
    }

    @Test
    void powerLimitedBlowerCardsPass() {
        Map<String, Object> build = fourRtx3090s();
        build.put("gpuPowerLimitWatts", 280.0);
        build.put("cardWidthSlots", 2);
        build.put("cooling", "blower");
        given().contentType(ContentType.JSON).body(build)
                .when().post("/v1/systems/check")
                .then().statusCode(200)
                .body("status", equalTo("ok"))
                // (4 x 280 + 280) x 1.10 = 1540 W.
                .body("findings.find { it.check == 'psu' }.required", closeTo(1540.0, 0.01));
    }

    @Test
    void flagsTooLittleRamAndX4Lanes() {
        Map<String, Object> build = fourRtx3090s();
        build.put("ramBytes", 16L << 30);
        build.put("pcieLanesPerGpu", 4);
        given().contentType(ContentType.JSON).body(build)
                .when().post("/v1/systems/check")
                .then().statusCode(200)
                .body("findings.find { it.check == 'ramVsGpuMemory' }.status", equalTo("problem"))
                .body("findings.find { it.check == 'pcieLanesPerGpu' }.status", equalTo("warning"));
    }

    @Test
    void rejectsAnUnknownGpuAndBadFields() {
        Map<String, Object> build = fourRtx3090s();
        build.put("acceleratorId", "nvidia-rtx-9999");
        given().contentType(ContentType.JSON).body(build).post("/v1/systems/check")
                .then().statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("acceleratorId"));
        build = fourRtx3090s();
        build.put("psuWatts", -1);
        build.put("cooling", "liquid-nitrogen");
        given().contentType(ContentType.JSON).body(build).post("/v1/systems/check")
                .then().statusCode(400).body("violations.path", hasItem("psuWatts")).body("violations.path", hasItem("cooling"));
        // 1e308 W per GPU made the required PSU Infinity (fuzzing, 2026-12-03): watts are bounded.
        build = fourRtx3090s();
        build.put("gpuPowerLimitWatts", 1e308);
        build.put("cpuTdpWatts", 1e308);
        given().contentType(ContentType.JSON).body(build).post("/v1/systems/check")
                .then().statusCode(400).body("violations.path", hasItem("gpuPowerLimitWatts")).body("violations.path", hasItem("cpuTdpWatts"));
    }
}
