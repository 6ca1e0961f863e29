package dev.accelerometer.catalog.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accelerometer.catalog.auth.Caller;
import dev.accelerometer.catalog.auth.RequiresApiKey;
import dev.accelerometer.catalog.store.CatalogTransfer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole catalog out and back in, as JSON or CSV; the round trip is lossless. */
@Path("/v1")
@Tag(name = "transfer")
public class TransferResource {
    public static final String CSV = "text/csv";

    @Inject
    CatalogTransfer transfer;
    @Inject
    Caller caller;

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportCatalog", summary = "Export the whole catalog as JSON",
            description = "An object with one array per collection (accelerators, interconnects, models, measurements, systems), documents as stored, with their sources.")
    @APIResponse(responseCode = "200", description = "The catalog", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CatalogBundle.class)))
    public ObjectNode exportJson() {
        return transfer.exportJson();
    }

    @GET
    @Path("export/csv")
    @Produces(CSV)
    @Operation(operationId = "exportCatalogCsv", summary = "Export the whole catalog as CSV",
            description = "Long form: one line per field, columns collection,id,field,value; value is the field's JSON.")
    public Response exportCsv() {
        return Response.ok(transfer.exportCsv(), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"accelerometer-catalog.csv\"").build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresApiKey
    @Operation(operationId = "importCatalog", summary = "Import a catalog export (JSON)",
            description = "Creates, updates or restores every document in the body, all or nothing; unchanged documents are left alone. Returns counts per collection.")
    public Map<String, CatalogTransfer.Outcome> importJson(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CatalogBundle.class))) JsonNode bundle) {
        return transfer.importJson(bundle, caller.name());
    }

    @POST
    @Path("import/csv")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresApiKey
    @Operation(operationId = "importCatalogCsv", summary = "Import a catalog export (CSV)",
            description = "The CSV written by exportCatalogCsv; all or nothing, like importCatalog.")
    public Map<String, CatalogTransfer.Outcome> importCsv(String csv) {
        return transfer.importCsv(csv, caller.name());
    }
}
