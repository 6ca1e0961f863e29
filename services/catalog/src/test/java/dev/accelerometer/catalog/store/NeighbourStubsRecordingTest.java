package dev.accelerometer.catalog.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.StubRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Records the seeded catalog's answers for the services that call it (costing, planner, quantization), whose tests
 * replay them from WireMock instead of starting the catalog (testing's NeighbourStubs): every document of every
 * collection, the lists they read (systems for instance prices, the measurement ledger, the accelerator lists of their
 * examples), a quiet change feed, and the catalog's own 404 for an unknown id. Runs first, before other tests write.
 */
@QuarkusTest
@Order(1)
class NeighbourStubsRecordingTest {
    static final Path STUBS = Path.of("target", "stubs");
    /**
     * Collections the other services read document by document; the measurement ledger they read only as the list (recorded page
     * by page below), so its ~450 documents are not recorded one by one.
     */
    private static final List<String> COLLECTIONS = List.of("accelerators", "interconnects", "models", "systems");

    @Test
    void recordsWhatTheOtherServicesRead() {
        StubRecorder recorder = new StubRecorder();
        for (String collection : COLLECTIONS) {
            List<String> ids = given().queryParam("pageSize", 500).get("/v1/" + collection).then().statusCode(200).extract().path("items.id");
            assertTrue(ids.size() > 3, collection + ": " + ids.size());
            // The list answer above was checked against the spec with every document in it; the first GET by id checks the
            // operation's own answer, the rest are recorded unchecked (a spec check per document took most of this test).
            for (int i = 0; i < ids.size(); i++) {
                recorder.get("/v1/" + collection + "/" + ids.get(i), i == 0);
            }
            recorder.getAny("/v1/" + collection + "/[^/]+", "/v1/" + collection + "/not-in-the-catalog");
        }
        // The cost model reads the whole ledger, page by page (CatalogCache.measurements).
        int ledgerPages = ((Number) given().queryParam("page", 1).queryParam("pageSize", 500).get("/v1/measurements").then().statusCode(200)
                .extract().path("totalPages")).intValue();
        for (int page = 1; page <= ledgerPages; page++) {
            recorder.get("/v1/measurements?page=" + page + "&pageSize=500");
        }
        recorder.get("/v1/systems?pageSize=200")
                .get("/v1/accelerators?pageSize=200")
                .get("/v1/accelerators?pageSize=201")
                .get("/v1/accelerators?kind=gpu&format=bf16&pageSize=201"); // costing's comparison by filter: its cap of 200 and one more
        long latest = ((Number) given().queryParam("after", Long.MAX_VALUE - 1).queryParam("limit", 1).get("/v1/changes")
                .then().statusCode(200).extract().path("latestSequence")).longValue();
        recorder.getAny("/v1/changes", "/v1/changes?after=" + latest + "&limit=1000");
        recorder.write(STUBS, "catalog");
        assertTrue(recorder.size() > 150, "recorded " + recorder.size());
    }
}
