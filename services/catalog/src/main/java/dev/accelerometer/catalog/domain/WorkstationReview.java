package dev.accelerometer.catalog.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reviews a custom multi-GPU workstation the way Tim Dettmers' hardware guides do: PSU headroom over the summed
 * TDPs, CPU cores per GPU, RAM against GPU memory, PCIe lanes per GPU, slot spacing and cooling.
 * Plain Java: the rules and their sources live here, the resource only translates HTTP.
 */
public final class WorkstationReview {
    /** Tim Dettmers, "A Full Hardware Guide to Deep Learning" (2018-12-16), TL;DR section. */
    public static final String HARDWARE_GUIDE = "Tim Dettmers, 'A Full Hardware Guide to Deep Learning' (2018-12-16), TL;DR — https://timdettmers.com/2018/12/16/deep-learning-hardware-guide/";
    /** Tim Dettmers, "Which GPU(s) to Get for Deep Learning" (2023-01-30), questions on PCIe lanes, 3-slot cards and cooling. */
    public static final String WHICH_GPU = "Tim Dettmers, 'Which GPU(s) to Get for Deep Learning' (2023-01-30), FAQ on PCIe lanes, fitting 4 GPUs and cooling — https://timdettmers.com/2023/01/30/which-gpu-for-deep-learning/";

    /** "Add up watts of GPUs + CPU. Then multiply the total by 110% for required wattage." (hardware guide). */
    public static final double PSU_HEADROOM = 1.10;
    /** "CPU: 1-2 cores per GPU depending how you preprocess data." (hardware guide). */
    public static final double MIN_CORES_PER_GPU = 1.0;
    public static final double COMFORTABLE_CORES_PER_GPU = 2.0;
    /** "For a 4 GPU setup, I would prefer 8x lanes per GPU; 4x lanes ... decrease performance by around 5-10%." (which GPU). */
    public static final int PREFERRED_LANES_PER_GPU = 8;
    public static final int MIN_LANES_PER_GPU = 4;

    public enum Status {
        OK, WARNING, PROBLEM, NOT_CHECKED
    }

    public enum Cooling {
        OPEN_AIR, BLOWER, WATER
    }

    /** The build to review. GPU facts (TDP, memory) come from the catalog accelerator. */
    public record Build(String acceleratorName, int gpus, double gpuTdpWatts, Double gpuPowerLimitWatts, long gpuMemoryBytes,
            int cpuCores, double cpuTdpWatts, double otherComponentsWatts, long ramBytes, double psuWatts,
            int pcieLanesPerGpu, Integer cardWidthSlots, Integer slotSpacing, Cooling cooling) {
    }

    public record Finding(String check, Status status, Double measured, Double required, String unit, String message,
            String advice, String source) {
    }

    public record Verdict(Status status, String summary, List<Finding> findings) {
    }

    private WorkstationReview() {
    }

    public static Verdict review(Build b) {
        List<Finding> findings = new ArrayList<>();
        findings.add(power(b));
        findings.add(cpu(b));
        findings.add(ram(b));
        findings.add(lanes(b));
        findings.add(spacing(b));
        Status worst = findings.stream().map(Finding::status)
                .filter(s -> s != Status.NOT_CHECKED)
                .max(Comparator.naturalOrder()).orElse(Status.OK);
        long problems = findings.stream().filter(f -> f.status() == Status.PROBLEM).count();
        long warnings = findings.stream().filter(f -> f.status() == Status.WARNING).count();
        String summary = switch (worst) {
            case OK -> "The build passes every check.";
            case WARNING -> warnings + " warning(s): the build works, with the caveats listed.";
            default -> problems + " problem(s) to fix before buying" + (warnings > 0 ? ", and " + warnings + " warning(s)." : ".");
        };
        return new Verdict(worst, summary, findings);
    }

    static Finding power(Build b) {
        double perGpu = b.gpuPowerLimitWatts() != null ? b.gpuPowerLimitWatts() : b.gpuTdpWatts();
        double load = b.gpus() * perGpu + b.cpuTdpWatts() + b.otherComponentsWatts();
        double required = load * PSU_HEADROOM;
        if (b.psuWatts() >= required) {
            return new Finding("psu", Status.OK, b.psuWatts(), required, "watts",
                    String.format("%.0f W PSU covers %.0f W of GPUs, CPU and other parts with 10%% headroom (%.0f W needed).", b.psuWatts(), load, required),
                    null, HARDWARE_GUIDE);
        }
        double fittingLimit = (b.psuWatts() / PSU_HEADROOM - b.cpuTdpWatts() - b.otherComponentsWatts()) / b.gpus();
        String advice = fittingLimit > 0.5 * b.gpuTdpWatts()
                ? String.format("Buy a PSU of at least %.0f W, or power-limit each GPU to %.0f W (nvidia-smi -pl) — Dettmers reports power limiting costs little speed.", required, Math.floor(fittingLimit))
                : String.format("Buy a PSU of at least %.0f W (or two PSUs), or use fewer GPUs.", required);
        return new Finding("psu", Status.PROBLEM, b.psuWatts(), required, "watts",
                String.format("%.0f W PSU is short of the %.0f W needed: (%d × %.0f W GPU + %.0f W CPU + %.0f W other) × 1.10.",
                        b.psuWatts(), required, b.gpus(), perGpu, b.cpuTdpWatts(), b.otherComponentsWatts()),
                advice, HARDWARE_GUIDE);
    }

    static Finding cpu(Build b) {
        double perGpu = (double) b.cpuCores() / b.gpus();
        if (perGpu < MIN_CORES_PER_GPU) {
            return new Finding("cpuCoresPerGpu", Status.PROBLEM, perGpu, MIN_CORES_PER_GPU, "cores per GPU",
                    String.format("%d cores for %d GPUs is %.2f per GPU; each GPU needs a core to feed it.", b.cpuCores(), b.gpus(), perGpu),
                    String.format("Use a CPU with at least %d physical cores (%d for CPU-heavy data preprocessing).",
                            (int) Math.ceil(b.gpus() * MIN_CORES_PER_GPU), (int) Math.ceil(b.gpus() * COMFORTABLE_CORES_PER_GPU)),
                    HARDWARE_GUIDE);
        }
        if (perGpu < COMFORTABLE_CORES_PER_GPU) {
            return new Finding("cpuCoresPerGpu", Status.WARNING, perGpu, COMFORTABLE_CORES_PER_GPU, "cores per GPU",
                    String.format("%.2f cores per GPU is enough unless the input pipeline preprocesses on the CPU.", perGpu),
                    String.format("With CPU-side augmentation, prefer %d cores.", (int) Math.ceil(b.gpus() * COMFORTABLE_CORES_PER_GPU)),
                    HARDWARE_GUIDE);
        }
        return new Finding("cpuCoresPerGpu", Status.OK, perGpu, COMFORTABLE_CORES_PER_GPU, "cores per GPU",
                String.format("%.2f cores per GPU (1–2 recommended).", perGpu), null, HARDWARE_GUIDE);
    }

    static Finding ram(Build b) {
        double ramGiB = b.ramBytes() / (double) (1L << 30);
        double gpuGiB = b.gpuMemoryBytes() / (double) (1L << 30);
        if (b.ramBytes() < b.gpuMemoryBytes()) {
            return new Finding("ramVsGpuMemory", Status.PROBLEM, (double) b.ramBytes(), (double) b.gpuMemoryBytes(), "bytes",
                    String.format("%.0f GiB of RAM is less than the %.0f GiB of one %s.", ramGiB, gpuGiB, b.acceleratorName()),
                    String.format("Buy at least %.0f GiB of RAM (at least the memory of the largest GPU); clock rate does not matter.", Math.ceil(gpuGiB)),
                    HARDWARE_GUIDE);
        }
        return new Finding("ramVsGpuMemory", Status.OK, (double) b.ramBytes(), (double) b.gpuMemoryBytes(), "bytes",
                String.format("%.0f GiB of RAM covers the largest GPU's %.0f GiB.", ramGiB, gpuGiB), null, HARDWARE_GUIDE);
    }

    static Finding lanes(Build b) {
        double lanes = b.pcieLanesPerGpu();
        if (lanes < MIN_LANES_PER_GPU) {
            return new Finding("pcieLanesPerGpu", Status.PROBLEM, lanes, (double) MIN_LANES_PER_GPU, "lanes",
                    String.format("x%d per GPU starves data transfer and gradient exchange.", b.pcieLanesPerGpu()),
                    "Use a board/CPU that gives each GPU at least x4, preferably x8.", WHICH_GPU);
        }
        if (lanes < PREFERRED_LANES_PER_GPU && b.gpus() > 2) {
            return new Finding("pcieLanesPerGpu", Status.WARNING, lanes, (double) PREFERRED_LANES_PER_GPU, "lanes",
                    String.format("x%d per GPU with %d GPUs: expect about 5–10%% lower throughput when parallelising across all GPUs.", b.pcieLanesPerGpu(), b.gpus()),
                    "Prefer x8 lanes per GPU for 4-GPU data or model parallelism (e.g. a Threadripper/EPYC platform).", WHICH_GPU);
        }
        return new Finding("pcieLanesPerGpu", Status.OK, lanes, (double) (b.gpus() > 2 ? PREFERRED_LANES_PER_GPU : MIN_LANES_PER_GPU), "lanes",
                String.format("x%d per GPU is enough for %d GPU(s).", b.pcieLanesPerGpu(), b.gpus()), null, WHICH_GPU);
    }

    static Finding spacing(Build b) {
        if (b.gpus() == 1) {
            return new Finding("slotSpacingCooling", Status.OK, null, null, null, "A single GPU has no neighbour to heat.", null, WHICH_GPU);
        }
        if (b.cardWidthSlots() == null || b.slotSpacing() == null) {
            return new Finding("slotSpacingCooling", Status.NOT_CHECKED, null, null, "slots",
                    "Give cardWidthSlots and slotSpacing to check that the cards fit and can breathe.", null, WHICH_GPU);
        }
        int gap = b.slotSpacing() - b.cardWidthSlots();
        if (gap < 0) {
            return new Finding("slotSpacingCooling", Status.PROBLEM, (double) b.slotSpacing(), (double) b.cardWidthSlots(), "slots",
                    String.format("%d-slot-wide cards do not fit in slots %d apart.", b.cardWidthSlots(), b.slotSpacing()),
                    "Use 2-slot (blower or water-cooled) variants, or PCIe riser/extender cables to spread the cards out.", WHICH_GPU);
        }
        if (b.cooling() == Cooling.OPEN_AIR && gap == 0) {
            return new Finding("slotSpacingCooling", Status.PROBLEM, (double) gap, 1.0, "free slots between cards",
                    "Open-air coolers packed with no free slot between cards recirculate hot air and throttle.",
                    "Use blower-style cards for multi-GPU builds, water cooling, or PCIe extenders; otherwise leave a free slot between cards.",
                    HARDWARE_GUIDE);
        }
        if (b.cooling() == Cooling.OPEN_AIR && b.gpus() > 2) {
            return new Finding("slotSpacingCooling", Status.WARNING, (double) gap, 1.0, "free slots between cards",
                    String.format("%d open-air cards with %d free slot(s) between them will run hot under sustained load.", b.gpus(), gap),
                    "Prefer blower-style cards or water cooling for 3+ GPUs, and power-limit the cards.", WHICH_GPU);
        }
        return new Finding("slotSpacingCooling", Status.OK, (double) gap, 0.0, "free slots between cards",
                String.format("%d-slot cards %d slots apart with %s cooling.", b.cardWidthSlots(), b.slotSpacing(), b.cooling().name().toLowerCase().replace('_', '-')),
                null, WHICH_GPU);
    }
}
