package dev.accelerometer.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness, metrics and the OpenAPI document an operator and an SDK generator rely on. */
@QuarkusTest
class OperationsTest {
    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/v1/accelerators/nvidia-h100-sxm").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiHasStableOperationIds() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/accelerators'.get.operationId", equalTo("listAccelerators"))
                .body("paths.'/v1/accelerators/{id}'.put.responses.'412'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/v1/systems/check'.post.operationId", equalTo("checkWorkstation"));
    }
}
