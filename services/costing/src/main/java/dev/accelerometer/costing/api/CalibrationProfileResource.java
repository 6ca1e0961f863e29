package dev.accelerometer.costing.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.PageOf;
import dev.accelerometer.common.auth.Expensive;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.costing.service.MeasurementImports;
import dev.accelerometer.costing.service.ProfileService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/calibration-profiles")
@Tag(name = "calibration-profiles")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CalibrationProfileResource {
    @Inject
    ProfileService profiles;

    @POST
    @Expensive
    @Operation(operationId = "createCalibrationProfile", summary = "Fit the model to your own measurements and save the profile",
            description = "Each measurement is predicted by the same code the cost endpoints answer with; per accelerator, the constants "
                    + "of the regimes the measurements touch (GEMM ceiling, attention ceiling, bandwidth fraction, kernel latency, "
                    + "training-step efficiency) are fitted by robust least squares in log space against a prior around the calibration "
                    + "table, so one measurement moves only what it informs. Needs an API key (X-API-Key): the profile belongs to it. "
                    + "Name it in calibrationProfile on cost requests and GET /v1/validation.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CalibrationProfiles.Profile.class)))
    public Response create(@Valid @NotNull CalibrationProfiles.Create request, @Context UriInfo uri) {
        CalibrationProfiles.Profile profile = profiles.create(request);
        return Created.at(uri, profile.id().toString()).entity(profile).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCalibrationProfile", summary = "Read a calibration profile and its fit",
            description = "The profile as created: per accelerator, each parameter's default and fitted value with its uncertainty and "
                    + "the measurements that moved it; every measurement before, after and left out. Readable by anyone with its id.")
    public CalibrationProfiles.Profile get(@PathParam("id") String id) {
        return profiles.get(id);
    }

    @GET
    @Operation(operationId = "listCalibrationProfiles", summary = "List your calibration profiles, newest first (needs an API key)",
            description = "The profiles the calling API key saved and has not deleted: id, name, accelerators and measurement count.")
    public PageOf<CalibrationProfiles.Summary> list(
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        return profiles.list(page, pageSize);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteCalibrationProfile", summary = "Delete a calibration profile (kept, marked deleted; needs its owner's API key)",
            description = "Answers naming the profile afterwards are a 400 naming calibrationProfile (within a minute on other instances).")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        profiles.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("imports")
    @Operation(operationId = "importMeasurements", summary = "Turn a tool's output into profile measurements",
            description = "Reads the text a benchmark you already run prints (a torch.matmul sweep as CSV) and answers the measurements, "
                    + "ready for POST /v1/calibration-profiles; lines it cannot read are listed with why. Saves nothing.")
    public CalibrationProfiles.Imported importMeasurements(@Valid @NotNull CalibrationProfiles.ImportRequest request) {
        return MeasurementImports.read(request);
    }
}
