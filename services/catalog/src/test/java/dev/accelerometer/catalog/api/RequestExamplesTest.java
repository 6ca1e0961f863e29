package dev.accelerometer.catalog.api;

import static dev.accelerometer.catalog.api.Fixtures.uniqueId;
import static dev.accelerometer.catalog.api.Fixtures.writer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.accelerometer.testing.SpecExamples;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request-body examples of the served OpenAPI document are requests the catalog accepts: each document example is
 * created under a fresh id and then replaced; the import (its documents under fresh ids) and the workstation check are
 * sent as they are. What the test wrote is deleted again, so the seed counts other tests check stay as seeded.
 */
@QuarkusTest
class RequestExamplesTest {

    @Test
    void everyRequestExampleIsAccepted() {
        List<SpecExamples.Request> requests = SpecExamples.served();
        assertFalse(requests.isEmpty(), "the served spec has no request-body examples");
        List<String> written = new ArrayList<>();
        try {
            for (SpecExamples.Request r : requests) {
                if (r.operationId().startsWith("replace")) {
                    continue; // sent below, right after its create
                }
                if (r.operationId().startsWith("create")) {
                    Map<String, Object> document = renamed(r.body());
                    String location = r.path() + "/" + document.get("id");
                    SpecExamples.send(writer(), new SpecExamples.Request(r.method(), r.path(), r.operationId(), r.name(), document));
                    written.add(location);
                    SpecExamples.send(writer().header("If-Match", "\"0\""),
                            new SpecExamples.Request("PUT", location, r.operationId(), r.name(), document));
                } else if (r.operationId().equals("importCatalog")) {
                    Map<String, Object> bundle = new HashMap<>();
                    asMap(r.body()).forEach((collection, documents) -> bundle.put(collection, ((List<?>) documents).stream()
                            .map(RequestExamplesTest::renamed)
                            .peek(document -> written.add("/v1/" + collection + "/" + document.get("id")))
                            .toList()));
                    SpecExamples.send(writer(), new SpecExamples.Request(r.method(), r.path(), r.operationId(), r.name(), bundle));
                } else {
                    SpecExamples.send(writer(), r);
                }
            }
        } finally {
            Collections.reverse(written);
            written.forEach(location -> writer().header("If-Match", given().get(location).then().extract().header("ETag"))
                    .delete(location).then().statusCode(204));
        }
    }

    private static Map<String, Object> renamed(Object document) {
        Map<String, Object> copy = new HashMap<>(asMap(document));
        copy.put("id", uniqueId((String) copy.get("id")));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
