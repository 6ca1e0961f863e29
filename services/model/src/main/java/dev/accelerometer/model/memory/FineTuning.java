package dev.accelerometer.model.memory;

import dev.accelerometer.model.architecture.Transformer;
import java.util.List;

/**
 * Memory of fine-tuning on one device: trainable parameters with their gradients and optimizer states, and
 * activations (the frozen base, for LoRA, is the quantized weight layout's business).
 * <ul>
 * <li>Full fine-tuning in mixed precision: 2 (16-bit weights) + 2 (gradients) + the optimizer's master weights and state
 * ({@link Optimizer#mixedPrecisionStateBytes()}: 12 for AdamW, so 16 bytes per parameter as in ZeRO §3.1; 6 for 8-bit
 * AdamW, so 10).</li>
 * <li>LoRA: adapters A (r×in) and B (out×r) on the target modules, trained in their own dtype with optimizer state only
 * (no master copy: they are already in their training precision), e.g. 8 bytes of AdamW moments.</li>
 * <li>Activations: {@link Activations} on one device, scores stored (eager attention, the Hugging Face default); gradient
 * checkpointing = full recomputation.</li>
 * <li>Paged optimizers keep their states in unified memory that pages to the CPU: reported apart as pageable.</li>
 * </ul>
 */
public final class FineTuning {
    public static final List<String> ALL_LINEAR = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    private FineTuning() {
    }

    public record Adapter(int rank, List<String> targetModules, int bytesPerParameter) {
    }

    public record Result(long trainableParameters, long trainableBytes, long gradientBytes, long optimizerBytes,
            boolean optimizerPageable, long activationBytes) {
    }

    /** Trainable parameters of LoRA adapters: r·(in + out) for each target matrix in every layer. */
    public static long adapterParameters(Transformer shape, Adapter adapter) {
        return shape.linearLayers().stream().filter(m -> adapter.targetModules().contains(m.name()))
                .mapToLong(m -> (long) adapter.rank() * (m.in() + m.out()) * m.count()).sum();
    }

    public static long activationBytes(Transformer shape, long batch, long sequence, boolean checkpointing) {
        return (long) Math.ceil(Activations.stack(shape, shape.layers(), sequence, batch, 1, false,
                checkpointing ? Activations.Recompute.FULL : Activations.Recompute.NONE, true));
    }

    public static Result full(Transformer shape, Optimizer optimizer, long batch, long sequence, boolean checkpointing) {
        long p = shape.parameters();
        return new Result(p, 2 * p, 2 * p, (long) optimizer.mixedPrecisionStateBytes() * p, optimizer.paged,
                activationBytes(shape, batch, sequence, checkpointing));
    }

    public static Result lora(Transformer shape, Adapter adapter, Optimizer optimizer, long batch, long sequence, boolean checkpointing) {
        long p = adapterParameters(shape, adapter);
        return new Result(p, (long) adapter.bytesPerParameter() * p, (long) adapter.bytesPerParameter() * p, (long) optimizer.stateBytes * p,
                optimizer.paged, activationBytes(shape, batch, sequence, checkpointing));
    }
}
