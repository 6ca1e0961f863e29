package dev.accelerometer.costing.api;

import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.costing.service.ErrorBands;
import dev.accelerometer.costing.store.Calibrations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "validation")
@Produces(MediaType.APPLICATION_JSON)
public class ValidationResource {
    @Inject
    ErrorBands errorBands;
    @Inject
    dev.accelerometer.common.catalog.CatalogCache catalog;
    @Inject
    Calibrations calibrations;
    @Inject
    dev.accelerometer.costing.service.ProfileService profiles;

    @GET
    @Path("validation")
    @Operation(operationId = "getValidation", summary = "Run the validation ledger",
            description = "Every catalog measurement the model can express: predicted vs measured, error per case, and median / "
                    + "90th percentile / worst error per category; the rest with the reason it is not expressible. With "
                    + "calibrationProfile: only the cases on the profile's accelerators, predicted under its constants.")
    public Validation validation(@org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "A calibration profile's id: "
            + "the ledger cases on its accelerators under its fitted constants.") @jakarta.ws.rs.QueryParam("calibrationProfile") java.util.UUID calibrationProfile) {
        if (calibrationProfile == null) {
            return errorBands.refresh();
        }
        dev.accelerometer.costing.service.ProfileService.Use use = profiles.use(calibrationProfile);
        return errorBands.report(use, java.util.Set.copyOf(use.profile().acceleratorIds()));
    }

    @GET
    @Path("error-bands")
    @Operation(operationId = "listErrorBands", summary = "The expected error of each regime (gemm, attention, training, decode)",
            description = "The per-category statistics of the validation ledger that every estimate quotes as its expected error; other "
                    + "services quote them for estimates they compute with the same model. With acceleratorId: the bands an estimate on "
                    + "that accelerator quotes — its architecture's regime where the ledger holds five or more hold-out cases of it, the "
                    + "category's with fewer, the category's largest hold-out error where none.")
    public List<ErrorBand> errorBands(@Parameter(description = "A catalog accelerator: the bands of its architecture's regimes.")
            @jakarta.ws.rs.QueryParam("acceleratorId") @jakarta.validation.constraints.Size(max = 100) String acceleratorId) {
        if (acceleratorId == null) {
            return errorBands.all();
        }
        String architecture = catalog.device(acceleratorId, "acceleratorId").architectureName();
        return errorBands.all().stream().map(b -> errorBands.forRegime(b.category(), architecture)).toList();
    }

    @GET
    @Path("calibrations")
    @Operation(operationId = "listCalibrations", summary = "Efficiency constants per architecture with their sources",
            description = "The constants every estimate uses, one row per calibrated architecture and a default row. Sent with an ETag; "
                    + "a request with If-None-Match naming it is answered 304 while the constants are unchanged.")
    @APIResponse(responseCode = "200", description = "The constants", headers = @Header(name = "ETag", description = "Entity tag of the table.",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = CalibrationConstants.class)))
    @APIResponse(responseCode = "304", description = "Not modified: the constants are those of the entity tag in If-None-Match")
    public Response calibrations(@Parameter(description = "An entity tag from an earlier answer.") @HeaderParam("If-None-Match") String ifNoneMatch) {
        String etag = calibrations.etag();
        EntityTag tag = new EntityTag(etag.substring(1, etag.length() - 1));
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified(tag).build();
        }
        return Response.ok(calibrations.rows()).tag(tag).build();
    }
}
