package dev.accelerometer.model.hardware;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * An accelerator generation, the one place where the catalog's free-text {@code architecture} ("Ampere", "Ada Lovelace",
 * "CDNA 3", "TPU v4") is read. What the models need to know about a generation — which tensor-core tiles its GEMM
 * libraries use, whether FlashAttention runs on it, whether its per-SM instruction throughputs are recorded — is a
 * method here, not a string match at the place that needs it. Unknown names map to {@link #UNKNOWN}, which the models
 * treat conservatively and the answers say so.
 */
public enum Architecture {
    KEPLER("Kepler"), MAXWELL("Maxwell"), PASCAL("Pascal"), VOLTA("Volta"), TURING("Turing"), AMPERE("Ampere"),
    ADA_LOVELACE("Ada Lovelace"), HOPPER("Hopper"), BLACKWELL("Blackwell"),
    CDNA("CDNA"), CDNA_2("CDNA 2"), CDNA_3("CDNA 3"), CDNA_4("CDNA 4"),
    GAUDI_2("Gaudi 2"), GAUDI_3("Gaudi 3"),
    TPU_V1("TPU v1"), TPU_V2("TPU v2"), TPU_V3("TPU v3"), TPU_V4("TPU v4"), TPU_V5E("TPU v5e"), TPU_V5P("TPU v5p"),
    TPU_V6E("TPU v6e"), TPU_V7("TPU v7"),
    /** Apple silicon GPUs (unified memory shared with the CPU): the M1, M2, M3 and M4 families' GPU cores. */
    APPLE_M1("Apple M1"), APPLE_M2("Apple M2"), APPLE_M3("Apple M3"), APPLE_M4("Apple M4"),
    UNKNOWN("unknown");

    /** FlashAttention-2 supports Ampere, Ada and Hopper GPUs (Dao 2023, README requirements), Blackwell, and MI300 via ROCm. */
    private static final Set<Architecture> FLASH = Set.of(AMPERE, ADA_LOVELACE, HOPPER, BLACKWELL, CDNA_3);
    /**
     * Generations whose per-SM instruction throughputs the dequantization model has: NVIDIA CUDA C++ Programming Guide,
     * "Throughput of Native Arithmetic Instructions", compute capabilities 7.0, 7.5, 8.0, 8.6, 8.9, 9.0.
     */
    private static final Set<Architecture> INSTRUCTION_TABLE = Set.of(VOLTA, TURING, AMPERE, ADA_LOVELACE, HOPPER);

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s_-]+");
    private static final java.util.Map<String, Architecture> BY_NAME = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(a -> normalise(a.catalogName), a -> a));

    /** The name the catalog uses. */
    public final String catalogName;

    Architecture(String catalogName) {
        this.catalogName = catalogName;
    }

    /** The generation a catalog architecture names (case and spacing ignored), or {@link #UNKNOWN}. */
    public static Architecture of(String catalogName) {
        if (catalogName == null) {
            return UNKNOWN;
        }
        return BY_NAME.getOrDefault(normalise(catalogName), UNKNOWN);
    }

    private static String normalise(String name) {
        return SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** Whether FlashAttention (fused attention that never materialises the scores) targets this generation. */
    public boolean runsFlashAttention() {
        return FLASH.contains(this);
    }

    /**
     * Volta and Turing tensor-op GEMMs top out at 128×128 threadblocks (CUTLASS SM70/SM75 configurations); later
     * generations use up to 256×128.
     */
    public boolean hasSmallTensorTiles() {
        return this == VOLTA || this == TURING;
    }

    /** Apple silicon's GPUs (what llama.cpp runs with its Metal backend). */
    public boolean isAppleSilicon() {
        return this == APPLE_M1 || this == APPLE_M2 || this == APPLE_M3 || this == APPLE_M4;
    }

    /**
     * Apple GPU family 9 and later (Apple's Metal feature set tables: M3-series and M4-series are Apple9, M1 Apple7, M2 Apple8;
     * developer.apple.com/metal/feature-sets, edition of 2026-05-21, read 2026-12-02): a newer GPU core (dynamic caching) whose
     * matrix kernels reach more per core-clock than the M1's and M2's.
     */
    public boolean isAppleFamily9OrLater() {
        return this == APPLE_M3 || this == APPLE_M4;
    }

    /** Whether per-SM instruction throughputs of this generation are recorded (see {@link #INSTRUCTION_TABLE}). */
    public boolean hasInstructionThroughputTable() {
        return INSTRUCTION_TABLE.contains(this);
    }
}
