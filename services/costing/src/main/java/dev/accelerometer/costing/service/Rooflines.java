package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A device's roofs and the operating points of GEMMs on it, for the roofline chart. */
@ApplicationScoped
public class Rooflines {
    private static final Pattern GEMM = Pattern.compile("^(\\d{1,8})x(\\d{1,8})x(\\d{1,8})$");
    static final int MAX_POINTS = 20;

    @Inject
    CatalogCache catalog;
    @Inject
    Calibrations calibrations;

    /** One GEMM on the chart: its arithmetic intensity (FLOP/byte), achieved FLOP/s and bound. */
    public record Point(String label, double intensity, double flopsPerSecond, String bound) {
    }

    public record Chart(Device device, Calibration calibration, Format format, List<Point> points) {
    }

    public Chart chart(String acceleratorId, String formatSlug, List<String> gemms) {
        Device device = catalog.device(acceleratorId, "acceleratorId");
        Format format = formatSlug != null ? CostService.format(device, formatSlug)
                : device.supports(Format.BF16) ? Format.BF16 : device.peakPerSecond().keySet().iterator().next();
        Calibration cal = calibrations.table().forArchitecture(device.architecture());
        if (gemms != null && gemms.size() > MAX_POINTS) {
            throw ApiException.invalidField("gemm", "at most " + MAX_POINTS + " points per chart");
        }
        List<Point> points = new ArrayList<>();
        for (String gemm : gemms == null ? List.<String>of() : gemms) {
            Matcher m = GEMM.matcher(gemm);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0 || Long.parseLong(m.group(2)) == 0 || Long.parseLong(m.group(3)) == 0) {
                throw ApiException.invalidField("gemm", "must be MxNxK with positive integers, e.g. 4096x4096x4096; got '" + gemm + "'");
            }
            OpCost cost = Gemm.estimate(device, cal, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), 1, format)
                    .cost();
            points.add(new Point(gemm, cost.flops() / cost.bytes(), cost.flops() / cost.timeSeconds(), CostService.bound(cost.bound())));
        }
        return new Chart(device, cal, format, points);
    }
}
