package dev.accelerometer.common.costing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The costing service's API as planner and quantization use it (operationIds of openapi/costing.yaml in the comments). */
@RegisterRestClient(configKey = "costing")
@Path("/v1")
public interface CostingApi {
    /** listCalibrations: a list of {@link CalibrationConstants} with an ETag; 304 when {@code If-None-Match} still matches. */
    @GET
    @Path("calibrations")
    Response calibrations(@HeaderParam("If-None-Match") String etag);

    /** getCalibrationProfile: a saved profile's fitted constants (its other fields ignored). */
    @GET
    @Path("calibration-profiles/{id}")
    CalibrationProfile calibrationProfile(@jakarta.ws.rs.PathParam("id") java.util.UUID id);

    /** listErrorBands: each category's band, or (acceleratorId given) the bands an estimate on that accelerator quotes. */
    @GET
    @Path("error-bands")
    List<ErrorBand> errorBands(@jakarta.ws.rs.QueryParam("acceleratorId") String acceleratorId);
}
