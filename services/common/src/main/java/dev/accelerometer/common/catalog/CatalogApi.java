package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** The catalog's REST API, as far as costing uses it (operationIds of openapi/catalog.yaml in the comments). */
@RegisterRestClient(configKey = "catalog")
@Path("/v1")
public interface CatalogApi {
    /** getAccelerator */
    @GET
    @Path("accelerators/{id}")
    CatalogAccelerator accelerator(@PathParam("id") String id);

    /** listAccelerators, with the catalog's own filter parameters. */
    @GET
    @Path("accelerators")
    Page<CatalogAccelerator> accelerators(@RestQuery Map<String, String> filters);

    /** getInterconnect */
    @GET
    @Path("interconnects/{id}")
    CatalogInterconnect interconnect(@PathParam("id") String id);

    /** getSystem */
    @GET
    @Path("systems/{id}")
    CatalogSystem system(@PathParam("id") String id);

    /** listSystems, with the catalog's own filter parameters (e.g. acceleratorId). */
    @GET
    @Path("systems")
    Page<CatalogSystem> systems(@RestQuery Map<String, String> filters);

    /** getModel */
    @GET
    @Path("models/{id}")
    CatalogModel model(@PathParam("id") String id);

    /** listMeasurements */
    @GET
    @Path("measurements")
    Page<CatalogMeasurement> measurements(@QueryParam("page") int page, @QueryParam("pageSize") int pageSize);

    /** listChanges */
    @GET
    @Path("changes")
    Changes changes(@QueryParam("after") long after, @QueryParam("limit") int limit);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items, int page, int pageSize, long totalItems, long totalPages) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Changes(long latestSequence, List<Change> changes, boolean more) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Change(long sequence, String collection, String id, long version, String operation) {
    }
}
