package dev.accelerometer.costing.api;

import dev.accelerometer.costing.service.Rooflines;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.List;
import java.util.Locale;

/** Draws a log-log roofline (datasheet and achievable) with operating points, as a self-contained SVG. */
final class RooflineSvg {
    static final int WIDTH = 720;
    static final int HEIGHT = 460;
    private static final int LEFT = 80, RIGHT = 30, TOP = 50, BOTTOM = 60;
    private static final double MIN_INTENSITY_LOG = -1, MAX_INTENSITY_LOG = 4;

    private RooflineSvg() {
    }

    static String draw(Rooflines.Chart chart) {
        Device device = chart.device();
        Calibration cal = chart.calibration();
        Format format = chart.format();
        List<Rooflines.Point> points = chart.points();
        double peak = device.peak(format);
        double bandwidth = device.memoryBandwidthBytesPerSecond();
        double yMax = Math.ceil(Math.log10(peak) + 0.1);
        double yMin = yMax - 5;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<title>Roofline of %s (%s)</title>%n", escape(device.name()), format.slug()));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\">%s — %s roofline</text>%n", LEFT,
                escape(device.name()), format.slug()));
        // Grid and axis labels, one line per decade.
        for (int e = (int) MIN_INTENSITY_LOG; e <= MAX_INTENSITY_LOG; e++) {
            double x = x(Math.pow(10, e));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, HEIGHT - BOTTOM + 18, decade(e)));
        }
        for (int e = (int) yMin; e <= yMax; e++) {
            double y = y(Math.pow(10, e), yMin, yMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, flops(e)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">arithmetic intensity (FLOP/byte)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 18));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">FLOP/s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2));
        svg.append(roof(peak, bandwidth, yMin, yMax, "#1f4e9c", "", "datasheet"));
        svg.append(roof(peak * cal.gemmCeiling(), bandwidth * cal.bandwidthFraction(), yMin, yMax, "#d2691e", " stroke-dasharray=\"6 4\"",
                "achievable"));
        double ridge = peak / bandwidth;
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#1f4e9c\">ridge %.0f FLOP/B</text>%n",
                x(ridge) + 4, y(peak, yMin, yMax) - 6, ridge));
        for (Rooflines.Point p : points) {
            double cx = x(clamp(p.intensity(), Math.pow(10, MIN_INTENSITY_LOG), Math.pow(10, MAX_INTENSITY_LOG)));
            double cy = y(Math.max(p.flopsPerSecond(), Math.pow(10, yMin)), yMin, yMax);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#2e8b57\"><title>%s: %.3g FLOP/s at %.3g FLOP/B (%s-bound)</title></circle>%n",
                    cx, cy, escape(p.label()), p.flopsPerSecond(), p.intensity(), p.bound()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#2e8b57\">%s</text>%n", cx + 8, cy + 4, escape(p.label())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f4e9c\">— datasheet peak and bandwidth</text>%n", LEFT + 10, TOP + 16));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#d2691e\">- - achievable (%.0f%% of peak, %.0f%% of bandwidth)</text>%n",
                LEFT + 10, TOP + 32, cal.gemmCeiling() * 100, cal.bandwidthFraction() * 100));
        return svg.append("</svg>\n").toString();
    }

    private static String roof(double peak, double bandwidth, double yMin, double yMax, String colour, String dash, String name) {
        double ridge = peak / bandwidth;
        double left = Math.pow(10, MIN_INTENSITY_LOG);
        double right = Math.pow(10, MAX_INTENSITY_LOG);
        double knee = clamp(ridge, left, right);
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"><title>%s</title></polyline>%n",
                colour, dash, x(left), y(Math.max(bandwidth * left, Math.pow(10, yMin)), yMin, yMax), x(knee), y(Math.min(peak, bandwidth * knee), yMin, yMax),
                x(right), y(peak, yMin, yMax), name);
    }

    private static double x(double intensity) {
        double f = (Math.log10(intensity) - MIN_INTENSITY_LOG) / (MAX_INTENSITY_LOG - MIN_INTENSITY_LOG);
        return LEFT + f * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double flops, double yMin, double yMax) {
        double f = (Math.log10(flops) - yMin) / (yMax - yMin);
        return HEIGHT - BOTTOM - f * (HEIGHT - TOP - BOTTOM);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String decade(int e) {
        return e < 0 ? "0.1" : String.format(Locale.ROOT, "%.0f", Math.pow(10, e));
    }

    private static String flops(int e) {
        String[] units = {"", "k", "M", "G", "T", "P", "E"};
        int group = Math.max(0, Math.min(units.length - 1, e / 3));
        return String.format(Locale.ROOT, "%.0f %sFLOP/s", Math.pow(10, e - 3 * group), units[group]);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
