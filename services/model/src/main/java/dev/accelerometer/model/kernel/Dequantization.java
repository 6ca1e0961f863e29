package dev.accelerometer.model.kernel;

import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The instruction work of a weight-only dequantizing matrix-vector kernel, per weight: unpacking (integer shifts and
 * masks), integer→float conversions, scale/zero arithmetic and shared-memory loads, plus — when the kernel multiplies
 * on the CUDA cores rather than tensor cores — one FP32 FMA and one shared-memory load of the input per weight per
 * sequence. At batch 1 such a kernel can be bound by an instruction pipe rather than by DRAM bandwidth: GPTQ's
 * 2022 3-bit kernel converts every weight with an I2F instruction, which runs at a quarter of the FP32 rate.
 *
 * <p>Per-SM throughputs per clock, NVIDIA CUDA C++ Programming Guide, "Throughput of Native Arithmetic Instructions"
 * (compute capabilities 7.0, 7.5, 8.0, 8.6, 8.9, 9.0): 32-bit integer add/shift/logical 64, "all other type
 * conversions" 16; FP32 lanes per SM from the catalog (FP32 peak ÷ 2 ÷ SMs ÷ boost clock: 64 on GV100/TU10x/GA100,
 * 128 on GA10x/AD10x/GH100); shared memory 32 banks of 32 bits per clock ("Shared Memory", same guide), so one
 * warp-wide 32-bit load per clock; issue 4 warp schedulers × 32 lanes per clock (Volta, Ampere and Hopper architecture
 * whitepapers: four processing blocks per SM, one warp instruction per clock each). The kernel takes the longest of
 * the pipes and the issue slots; the GEMV then takes the longer of this and its DRAM time (the two overlap).
 */
public record Dequantization(String kernel, double conversionsPerWeight, double integerOpsPerWeight, double floatOpsPerWeight,
        double sharedLoadsPerWeight, boolean multipliesOnCudaCores) {

    /** Per-SM, per-clock lanes of the CUDA guide's table for the architectures this model knows. */
    static final int INTEGER_LANES = 64;
    static final int CONVERSION_LANES = 16;
    static final int SHARED_LOAD_LANES = 32;
    static final int ISSUE_LANES = 128;

    /** Why a device's dequantization work cannot be timed, or empty when it can. */
    public static Optional<String> unsupported(Device d) {
        if (d.kind() != Device.Kind.GPU || !d.architecture().hasInstructionThroughputTable()) {
            return Optional.of(d.name() + ": per-SM instruction throughputs are recorded for NVIDIA Volta, Turing, Ampere, Ada "
                    + "Lovelace and Hopper only; dequantization work not timed (bandwidth-bound)");
        }
        if (d.computeUnits() == null || d.boostClockHertz() == null || !d.supports(Format.FP32)) {
            return Optional.of(d.name() + ": the catalog lacks its SM count, boost clock or FP32 peak; dequantization work not timed");
        }
        return Optional.empty();
    }

    /** FP32 lanes per SM implied by the catalog: peak = 2 (FMA) × lanes × SMs × clock. */
    static double floatLanes(Device d) {
        return d.peak(Format.FP32) / (2.0 * d.computeUnits() * d.boostClockHertz());
    }

    /** One instruction pipe's cycles per weight on one SM. */
    public record Pipe(String name, double cyclesPerWeight) {
    }

    /** The pipes the kernel's instructions occupy, and issue itself, at {@code batch} sequences. */
    List<Pipe> pipes(Device d, long batch) {
        double perSequence = multipliesOnCudaCores ? batch : 0;
        double floats = floatOpsPerWeight + perSequence;
        double shared = sharedLoadsPerWeight + perSequence;
        double instructions = conversionsPerWeight + integerOpsPerWeight + floats + shared;
        double floatLanes = floatLanes(d);
        return List.of(
                new Pipe("integer-to-float conversions (16 per SM per clock)", conversionsPerWeight / CONVERSION_LANES),
                new Pipe("integer unpacking (64 per SM per clock)", integerOpsPerWeight / INTEGER_LANES),
                new Pipe(String.format(Locale.ROOT, "FP32 arithmetic (%.0f per SM per clock)", floatLanes), floats / floatLanes),
                new Pipe("shared-memory loads (32 per SM per clock)", shared / SHARED_LOAD_LANES),
                new Pipe(String.format(Locale.ROOT, "instruction issue (%.2f instructions per weight, 128 per SM per clock)", instructions),
                        instructions / ISSUE_LANES));
    }

    /** The pipe that bounds the kernel: the busiest pipe, or issue if that is tighter. */
    public Pipe limiter(Device d, long batch) {
        return pipes(d, batch).stream().max(Comparator.comparingDouble(Pipe::cyclesPerWeight)).orElseThrow();
    }

    /**
     * Seconds the whole device needs for {@code weights} weights at the pace of the kernel's {@link #limiter}; call only
     * when {@link #unsupported} is empty.
     */
    public static double seconds(Device d, double weights, Pipe limiter) {
        return weights * limiter.cyclesPerWeight() / (d.computeUnits() * d.boostClockHertz());
    }
}
