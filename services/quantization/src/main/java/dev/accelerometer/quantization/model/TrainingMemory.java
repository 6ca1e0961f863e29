package dev.accelerometer.quantization.model;

import java.util.List;

/**
 * Memory of fine-tuning on one device: base weights, trainable parameters with their gradients and optimizer states,
 * and activations.
 * <ul>
 * <li>Full fine-tuning in mixed precision with AdamW: 2 (16-bit weights) + 2 (gradients) + 12 (fp32 master weights,
 * momentum, variance) = 16 bytes per parameter (Rajbhandari et al. 2020, ZeRO §3.1); 8-bit AdamW keeps momentum and
 * variance in 8 bits: 2 + 2 + 4 + 2 = 10 (Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization").</li>
 * <li>LoRA: frozen base in the weight format; adapters A (r×in) and B (out×r) on the target modules, trained in their
 * own dtype with AdamW states in fp32 (8 bytes: momentum and variance).</li>
 * <li>Activations per layer (Korthikanti et al. 2022, eq. 2, 16-bit activations with dropout masks):
 * s·b·h·(34 + 5·a·s/h) bytes. With gradient checkpointing only each layer's input (2·s·b·h bytes) is kept, plus one
 * layer's activations while it is recomputed.</li>
 * <li>Paged optimizers (QLoRA §3) keep optimizer states in unified memory that pages to the CPU under pressure: they
 * are reported apart as pageable.</li>
 * </ul>
 */
public final class TrainingMemory {
    public static final List<String> ALL_LINEAR = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    private TrainingMemory() {
    }

    public record Adapter(int rank, List<String> targetModules, int bytesPerParameter) {
    }

    public record Result(long trainableParameters, long trainableBytes, long gradientBytes, long optimizerBytes,
            boolean optimizerPageable, long activationBytes) {
    }

    /** Trainable parameters of LoRA adapters: r·(in + out) for each target matrix in every layer. */
    public static long adapterParameters(Shape shape, Adapter adapter) {
        return shape.linearLayers().stream().filter(m -> adapter.targetModules().contains(m.name()))
                .mapToLong(m -> (long) adapter.rank() * (m.in() + m.out()) * m.count()).sum();
    }

    public static long activationBytes(Shape shape, long batch, long sequence, boolean checkpointing) {
        double perLayer = (double) sequence * batch * shape.hidden() * (34 + 5.0 * shape.heads() * sequence / shape.hidden());
        if (checkpointing) {
            return (long) Math.ceil(shape.layers() * 2.0 * sequence * batch * shape.hidden() + perLayer);
        }
        return (long) Math.ceil(shape.layers() * perLayer);
    }

    public static Result fullFineTune(Shape shape, String optimizer, long batch, long sequence, boolean checkpointing) {
        long p = shape.parameters();
        long optimizerBytes = optimizer.contains("8bit") ? 6 * p : 12 * p;
        return new Result(p, 2 * p, 2 * p, optimizerBytes, optimizer.startsWith("paged"),
                activationBytes(shape, batch, sequence, checkpointing));
    }

    public static Result lora(Shape shape, Adapter adapter, String optimizer, long batch, long sequence, boolean checkpointing) {
        long p = adapterParameters(shape, adapter);
        long optimizerBytes = optimizer.contains("8bit") ? 2 * p : 8 * p;
        return new Result(p, (long) adapter.bytesPerParameter() * p, (long) adapter.bytesPerParameter() * p, optimizerBytes,
                optimizer.startsWith("paged"), activationBytes(shape, batch, sequence, checkpointing));
    }
}
