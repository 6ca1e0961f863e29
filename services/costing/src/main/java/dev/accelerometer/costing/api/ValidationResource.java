package dev.accelerometer.costing.api;

import dev.accelerometer.costing.model.Calibration;
import dev.accelerometer.costing.store.Calibrations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "validation")
@Produces(MediaType.APPLICATION_JSON)
public class ValidationResource {
    @Inject
    ErrorBands errorBands;
    @Inject
    Calibrations calibrations;

    @GET
    @Path("validation")
    @Operation(operationId = "getValidation", summary = "Run the validation ledger",
            description = "Every catalog measurement the model can express: predicted vs measured, error per case, and median / "
                    + "90th percentile / worst error per category; the rest with the reason it is not expressible.")
    public Validation validation() {
        return errorBands.refresh();
    }

    @GET
    @Path("calibrations")
    @Operation(operationId = "listCalibrations", summary = "Efficiency constants per architecture with their sources")
    public List<Calibration> calibrations() {
        return calibrations.all();
    }
}
