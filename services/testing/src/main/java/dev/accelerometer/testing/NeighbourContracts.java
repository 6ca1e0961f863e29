package dev.accelerometer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.accelerometer.common.catalog.CatalogApi;
import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.costing.CostingApi;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clients a service calls the catalog and costing with (common's CatalogApi and CostingApi), against those
 * services' committed OpenAPI documents. A service's test class extends this to run both checks in its own build.
 */
public abstract class NeighbourContracts {
    /** The committed documents, as seen from a module directory (services/&lt;name&gt;). */
    static final Path DOCUMENTS = Path.of("..", "..", "openapi");

    @Test
    void readsOnlyWhatTheCatalogDocuments() {
        assertEquals(List.of(), ClientContract.against(DOCUMENTS.resolve("catalog.json")).check(CatalogApi.class));
    }

    @Test
    void readsOnlyWhatCostingDocuments() {
        assertEquals(List.of(), costingContract(ClientContract.against(DOCUMENTS.resolve("costing.json"))).check(CostingApi.class));
    }

    /** CostingApi's raw-response method and the entity it reads. */
    public static ClientContract costingContract(ClientContract contract) {
        return contract.entity("calibrations", new TypeReference<List<CalibrationConstants>>() { }.getType());
    }
}
