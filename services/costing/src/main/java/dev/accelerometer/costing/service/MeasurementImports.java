package dev.accelerometer.costing.service;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.api.CalibrationProfiles;
import dev.accelerometer.costing.api.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the output of tools people already run into calibration-profile measurements. {@code matmul-csv}: a header naming
 * the columns m, n, k, dtype, seconds (batch optional, in any order; extra columns ignored), then one timed matmul per line.
 */
public final class MeasurementImports {
    /** torch dtype names (and the API's own format slugs) to the API's formats. */
    static final Map<String, String> DTYPES = Map.ofEntries(Map.entry("float16", "fp16"), Map.entry("torch.float16", "fp16"),
            Map.entry("half", "fp16"), Map.entry("fp16", "fp16"), Map.entry("bfloat16", "bf16"), Map.entry("torch.bfloat16", "bf16"),
            Map.entry("bf16", "bf16"), Map.entry("float32", "fp32"), Map.entry("torch.float32", "fp32"), Map.entry("float", "fp32"),
            Map.entry("fp32", "fp32"), Map.entry("tf32", "tf32"), Map.entry("float8_e4m3fn", "fp8"), Map.entry("torch.float8_e4m3fn", "fp8"),
            Map.entry("fp8", "fp8"), Map.entry("int8", "int8"), Map.entry("torch.int8", "int8"));
    static final List<String> REQUIRED = List.of("m", "n", "k", "dtype", "seconds");

    private MeasurementImports() {
    }

    public static CalibrationProfiles.Imported read(CalibrationProfiles.ImportRequest request) {
        if ("nccl-tests".equals(request.format())) {
            return ncclTests(request);
        }
        if (request.cluster() != null) {
            throw ApiException.invalidField("cluster", "applies to format nccl-tests only");
        }
        String[] lines = request.text().split("\r?\n", -1);
        Map<String, Integer> columns = null;
        List<CalibrationProfiles.Measurement> measurements = new ArrayList<>();
        List<CalibrationProfiles.RejectedLine> rejected = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == null) {
                columns = header(cells);
                continue;
            }
            if (measurements.size() >= CalibrationProfiles.MAX_MEASUREMENTS) {
                rejected.add(new CalibrationProfiles.RejectedLine(i + 1, "past the " + CalibrationProfiles.MAX_MEASUREMENTS
                        + " measurements a profile holds"));
                continue;
            }
            try {
                measurements.add(measurement(cells, columns, request.acceleratorId(), i + 1));
            } catch (IllegalArgumentException e) {
                rejected.add(new CalibrationProfiles.RejectedLine(i + 1, e.getMessage()));
            }
        }
        if (columns == null) {
            throw ApiException.invalidField("text", "has no header line; the first line must name the columns m, n, k, dtype, seconds");
        }
        return new CalibrationProfiles.Imported(measurements, rejected);
    }

    /** Smallest all-reduce kept: below a mebibyte the per-step latency dominates, and the profile fits collective bandwidth. */
    static final double SMALLEST_MESSAGE_BYTES = 1 << 20;

    /**
     * all_reduce_perf's table: size (B), count, type, redop, [root,] then the out-of-place time (µs), algbw, busbw, #wrong and
     * the in-place columns (nccl-tests README, "Performance"); comment lines start with #. The out-of-place time is kept.
     */
    private static CalibrationProfiles.Imported ncclTests(CalibrationProfiles.ImportRequest request) {
        if (request.cluster() == null) {
            throw ApiException.invalidField("cluster", "is required for nccl-tests: the system or the devices and links the run used");
        }
        String[] lines = request.text().split("\r?\n", -1);
        List<CalibrationProfiles.Measurement> measurements = new ArrayList<>();
        List<CalibrationProfiles.RejectedLine> rejected = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s+");
            try {
                if (cells.length < 8) {
                    throw new IllegalArgumentException("not a row of all_reduce_perf's table (size count type redop [root] time algbw busbw …)");
                }
                double bytes = Long.parseLong(cells[0]);
                boolean root = cells.length >= 13 || cells[4].matches("-?\\d+") && cells.length >= 9;
                double micros = Double.parseDouble(cells[root ? 5 : 4]);
                if (!(micros > 0) || !Double.isFinite(micros)) {
                    throw new IllegalArgumentException("time must be a positive number of microseconds");
                }
                if (bytes < SMALLEST_MESSAGE_BYTES) {
                    rejected.add(new CalibrationProfiles.RejectedLine(i + 1, "below 1 MiB: latency-bound, and the profile fits collective bandwidth"));
                    continue;
                }
                measurements.add(new CalibrationProfiles.Measurement("nccl-" + (i + 1), request.acceleratorId(), null, null, null,
                        new CalibrationProfiles.AllReduce(request.cluster(), bytes), micros * 1e-6, cells[2] + " " + cells[3]));
            } catch (NumberFormatException e) {
                rejected.add(new CalibrationProfiles.RejectedLine(i + 1, "not a row of all_reduce_perf's table: " + e.getMessage()));
            } catch (IllegalArgumentException e) {
                rejected.add(new CalibrationProfiles.RejectedLine(i + 1, e.getMessage()));
            }
        }
        return new CalibrationProfiles.Imported(measurements, rejected);
    }

    private static Map<String, Integer> header(String[] cells) {
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < cells.length; c++) {
            columns.put(cells[c].strip().toLowerCase(Locale.ROOT), c);
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.invalidField("text", "header lacks the column(s) " + String.join(", ", missing)
                    + "; the first line must name m, n, k, dtype, seconds (batch optional)");
        }
        return columns;
    }

    private static CalibrationProfiles.Measurement measurement(String[] cells, Map<String, Integer> columns, String acceleratorId, int line) {
        long m = dimension(cell(cells, columns, "m"), "m");
        long n = dimension(cell(cells, columns, "n"), "n");
        long k = dimension(cell(cells, columns, "k"), "k");
        Long batch = columns.containsKey("batch") ? dimension(cell(cells, columns, "batch"), "batch") : null;
        String dtype = cell(cells, columns, "dtype").toLowerCase(Locale.ROOT);
        String format = DTYPES.get(dtype);
        if (format == null) {
            throw new IllegalArgumentException("dtype '" + dtype + "' is not one of " + String.join(", ", new java.util.TreeSet<>(DTYPES.keySet())));
        }
        double seconds;
        try {
            seconds = Double.parseDouble(cell(cells, columns, "seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seconds is not a number");
        }
        if (!(seconds > 0) || !Double.isFinite(seconds) || seconds > 1e7) {
            throw new IllegalArgumentException("seconds must be a positive finite number of seconds (at most 1e7)");
        }
        return new CalibrationProfiles.Measurement("csv-" + line, acceleratorId, new Requests.Matmul(acceleratorId, m, n, k, batch, format, null, null),
                null, null, null, seconds, null);
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        int c = columns.get(name);
        if (c >= cells.length) {
            throw new IllegalArgumentException("has no " + name + " column (" + cells.length + " cells)");
        }
        return cells[c].strip();
    }

    private static long dimension(String text, String name) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number");
        }
        if (value < 1 || value > 16_777_216L) {
            throw new IllegalArgumentException(name + " must be between 1 and 16777216");
        }
        return value;
    }
}
