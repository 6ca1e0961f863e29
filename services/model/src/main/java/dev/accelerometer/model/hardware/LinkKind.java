package dev.accelerometer.model.hardware;

import java.util.Arrays;
import java.util.Locale;

/** Link technologies, as the catalog's interconnect {@code kind} and an accelerator's {@code scaleUpLinkKind} name them. */
public enum LinkKind {
    PCIE, NVLINK, NVSWITCH, INFINIBAND, ROCE, ETHERNET, ICI, INFINITY_FABRIC, OTHER;

    /** The kind a catalog slug names ("nvlink-3" and "nvlink" are both NVLink; "infinity-fabric"); OTHER when unknown. */
    public static LinkKind of(String slug) {
        if (slug == null) {
            return OTHER;
        }
        String s = slug.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> s.equals(k.slug()) || s.startsWith(k.slug() + "-")).findFirst().orElse(OTHER);
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** NVLink and NVSwitch: the links whose NCCL collective efficiency the ledger measures (comm-01). */
    public boolean isNvlink() {
        return this == NVLINK || this == NVSWITCH;
    }
}
