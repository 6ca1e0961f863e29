package dev.accelerometer.costing.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.client.Catalog;
import dev.accelerometer.costing.model.Calibration;
import dev.accelerometer.costing.model.Device;
import dev.accelerometer.costing.model.Format;
import dev.accelerometer.costing.model.Gemm;
import dev.accelerometer.costing.model.OpCost;
import dev.accelerometer.costing.store.Calibrations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/rooflines")
@Tag(name = "rooflines")
public class RooflineResource {
    private static final Pattern GEMM = Pattern.compile("^(\\d{1,8})x(\\d{1,8})x(\\d{1,8})$");

    @Inject
    Catalog catalog;
    @Inject
    Calibrations calibrations;
    @Inject
    CostService costs;

    @GET
    @Path("{file}")
    @Produces("image/svg+xml")
    @Operation(operationId = "getRoofline", summary = "Log-log roofline chart of an accelerator with GEMM operating points (SVG)",
            description = "GET /v1/rooflines/nvidia-h100-sxm.svg?format=bf16&gemm=8192x8192x8192&gemm=1x8192x8192 draws the datasheet "
                    + "and achievable roofs and each GEMM's estimated operating point.")
    public String roofline(@Parameter(description = "Accelerator id followed by .svg", example = "nvidia-h100-sxm.svg") @PathParam("file") String file,
            @Parameter(description = "Number format of the roof (default bf16, else the device's first format).") @QueryParam("format") String formatSlug,
            @Parameter(description = "GEMMs to place, as MxNxK; repeatable (at most 20).",
                    examples = @ExampleObject(name = "training-and-decode", value = "[\"8192x8192x8192\", \"1x8192x8192\"]"))
            @QueryParam("gemm") List<String> gemms) {
        if (!file.endsWith(".svg")) {
            throw ApiException.invalidField("acceleratorId", "the path must end in .svg, e.g. /v1/rooflines/nvidia-h100-sxm.svg");
        }
        String id = file.substring(0, file.length() - 4);
        if (!id.matches(Requests.ID)) {
            throw ApiException.invalidField("acceleratorId", Requests.ID_MESSAGE);
        }
        Device device = catalog.device(id);
        Format format = formatSlug != null ? costs.format(device, formatSlug)
                : device.supports(Format.BF16) ? Format.BF16 : device.peakPerSecond().keySet().iterator().next();
        Calibration cal = calibrations.forArchitecture(device.architecture());
        if (gemms != null && gemms.size() > 20) {
            throw ApiException.invalidField("gemm", "at most 20 points per chart");
        }
        List<RooflineSvg.Point> points = new ArrayList<>();
        for (String gemm : gemms == null ? List.<String>of() : gemms) {
            Matcher m = GEMM.matcher(gemm);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0 || Long.parseLong(m.group(2)) == 0 || Long.parseLong(m.group(3)) == 0) {
                throw ApiException.invalidField("gemm", "must be MxNxK with positive integers, e.g. 4096x4096x4096; got '" + gemm + "'");
            }
            OpCost cost = Gemm.estimate(device, cal, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), 1, format).cost();
            points.add(new RooflineSvg.Point(gemm, cost.flops() / cost.bytes(), cost.flops() / cost.timeSeconds(), CostService.bound(cost.bound())));
        }
        return RooflineSvg.draw(device, cal, format, points);
    }
}
