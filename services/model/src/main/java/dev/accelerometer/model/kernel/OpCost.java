package dev.accelerometer.model.kernel;

import java.util.List;

/**
 * The cost of one operation (or a sum of them): FLOPs, DRAM bytes, and time split into its compute, memory and fixed
 * parts. {@code timeSeconds} is what the operation takes; {@code bound} names its largest part.
 */
public record OpCost(String name, double flops, double bytes, double timeSeconds, double computeSeconds,
        double memorySeconds, double fixedSeconds, Bound bound, double count, List<String> notes) {

    public static OpCost of(String name, double flops, double bytes, double computeSeconds, double memorySeconds,
            double fixedSeconds, List<String> notes) {
        double busy = Math.max(computeSeconds, memorySeconds);
        Bound bound = fixedSeconds > busy ? Bound.LATENCY : computeSeconds >= memorySeconds ? Bound.COMPUTE : Bound.MEMORY;
        return new OpCost(name, flops, bytes, busy + fixedSeconds, computeSeconds, memorySeconds, fixedSeconds, bound, 1, notes);
    }

    /** This operation repeated {@code times} (e.g. once per layer). */
    public OpCost times(double times) {
        return new OpCost(name, flops * times, bytes * times, timeSeconds * times, computeSeconds * times,
                memorySeconds * times, fixedSeconds * times, bound, count * times, notes);
    }

    /**
     * This operation with its compute part (for all its repetitions) at least {@code seconds} (work on another pipe that overlaps the memory
     * traffic, e.g. a kernel's dequantization instructions); the note says why when it is the larger.
     */
    public OpCost withCompute(double seconds, String note) {
        if (seconds <= computeSeconds) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        OpCost c = OpCost.of(name, flops, bytes, seconds, memorySeconds, fixedSeconds, more);
        return new OpCost(name, flops, bytes, c.timeSeconds, seconds, memorySeconds, fixedSeconds, c.bound, count, more);
    }

    /** This operation with {@code seconds} more of fixed time (kernel launches it pays besides its work). */
    public OpCost plusFixed(double seconds) {
        return new OpCost(name, flops, bytes, timeSeconds + seconds, computeSeconds, memorySeconds, fixedSeconds + seconds, bound, count, notes);
    }

    /** The same work taking {@code factor} times as long (a runtime that runs these kernels faster or slower than modelled). */
    public OpCost scaledTime(double factor) {
        return new OpCost(name, flops, bytes, timeSeconds * factor, computeSeconds * factor, memorySeconds * factor, fixedSeconds * factor, bound,
                count, notes);
    }

    public OpCost named(String newName) {
        return new OpCost(newName, flops, bytes, timeSeconds, computeSeconds, memorySeconds, fixedSeconds, bound, count, notes);
    }

    /** Operations run one after another: times add, and the bound is that of the largest part. */
    public static OpCost sequence(String name, List<OpCost> parts) {
        double flops = 0, bytes = 0, time = 0, compute = 0, memory = 0, fixed = 0;
        for (OpCost p : parts) {
            flops += p.flops;
            bytes += p.bytes;
            time += p.timeSeconds;
            compute += p.computeSeconds;
            memory += p.memorySeconds;
            fixed += p.fixedSeconds;
        }
        double computeShare = 0, memoryShare = 0, fixedShare = 0;
        for (OpCost p : parts) {
            switch (p.bound) {
                case COMPUTE -> computeShare += p.timeSeconds;
                case MEMORY -> memoryShare += p.timeSeconds;
                case LATENCY -> fixedShare += p.timeSeconds;
            }
        }
        Bound bound = fixedShare > Math.max(computeShare, memoryShare) ? Bound.LATENCY
                : computeShare >= memoryShare ? Bound.COMPUTE : Bound.MEMORY;
        return new OpCost(name, flops, bytes, time, compute, memory, fixed, bound, 1, List.of());
    }
}
