package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request-body examples of the OpenAPI document the service under test serves (the one the build writes to
 * openapi/), so a test can send each to its operation: an example that the schema accepts but the API refuses is a
 * broken example.
 */
public final class SpecExamples {
    private SpecExamples() {
    }

    /** One example: the operation it belongs to and the body to send. */
    public record Request(String method, String path, String operationId, String name, Object body) {
        @Override
        public String toString() {
            return method + " " + path + " (" + operationId + ", example '" + name + "')";
        }
    }

    /** Every application/json request-body example of the served spec, in path order. */
    @SuppressWarnings("unchecked")
    public static List<Request> served() {
        Map<String, Object> spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().as(Map.class);
        List<Request> requests = new ArrayList<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !(operation.get("requestBody") instanceof Map<?, ?> body)) {
                return;
            }
            Map<String, Object> media = (Map<String, Object>) ((Map<String, Object>) body.get("content")).get("application/json");
            if (media == null || !(media.get("examples") instanceof Map<?, ?> examples)) {
                return;
            }
            examples.forEach((name, example) -> requests.add(new Request(method.toUpperCase(), path,
                    (String) operation.get("operationId"), (String) name, ((Map<String, Object>) example).get("value"))));
        }));
        return requests;
    }

    /** Sends every served example as it is and expects a 2xx answer to each; there must be at least one. */
    public static void assertEveryExampleAccepted() {
        List<Request> requests = served();
        assertFalse(requests.isEmpty(), "the served spec has no request-body examples");
        requests.forEach(r -> send(given(), r));
    }

    /** Sends one example with {@code spec} (headers, credentials) and expects a 2xx answer. */
    public static void send(RequestSpecification spec, Request r) {
        spec.contentType(ContentType.JSON).body(r.body()).request(r.method(), r.path())
                .then().log().ifValidationFails()
                .statusCode(allOf(greaterThanOrEqualTo(200), lessThan(300)));
    }
}
