package dev.accelerometer.costing.service;

import dev.accelerometer.model.hardware.Format;
import java.util.Map;
import java.util.Optional;

/**
 * The shape and number format of one GEMM as a ledger entry's inputs state them (M, N, K as numbers and a format slug), read
 * once for every regime whose cases are single GEMMs (gemv, 2:4 and unstructured sparse kernels).
 */
record GemmInputs(long m, long n, long k, Format format) {

    /** The entry's GEMM, or empty when M, N or K is not a number or the format is not one the model knows. */
    static Optional<GemmInputs> of(Map<String, Object> in) {
        Optional<Format> format = Format.fromSlug(String.valueOf(in.get("format")));
        if (!(in.get("M") instanceof Number m) || !(in.get("N") instanceof Number n) || !(in.get("K") instanceof Number k) || format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GemmInputs(m.longValue(), n.longValue(), k.longValue(), format.get()));
    }
}
