package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Optimizer;

/**
 * A training job on a cluster: the model, the batch of {@code globalBatch} sequences of {@code sequence} tokens per step,
 * the number format, the optimizer, gradients held at {@code gradientBytes} per parameter (4 when they accumulate in fp32,
 * Megatron-LM's default) and put on the wire at {@code wireGradientBytes} (1 when compressed to 8 bits, Dettmers 2016),
 * the attention kernel, and the device's calibration. {@code tokens} (may be null) is what the whole run trains on;
 * {@code headroom} the fraction of device memory kept free. {@code tensorParallelOverlap}: the framework runs each layer's
 * tensor-parallel collectives under its GEMMs ({@link TrainingFramework#overlapsTensorParallel}); {@code host}: the CPUs and
 * memory CPU offload uses; {@code expertCommunication}: how the expert-parallel all-to-alls run ({@link ExpertCommunication});
 * {@code parameterCount}: the model's exact parameter count, counted once here (0 to count it) because every plan of a search
 * needs it several times and counting walks the model's layer list.
 */
public record TrainingJob(Transformer model, Cluster cluster, Calibration calibration, Format format, long globalBatch, long sequence,
        Optimizer optimizer, double gradientBytes, double wireGradientBytes, Attention.Kernel kernel, Double tokens, double headroom,
        boolean tensorParallelOverlap, Host host, ExpertCommunication expertCommunication, long parameterCount) {

    public TrainingJob {
        if (parameterCount <= 0) {
            parameterCount = model.parameters();
        }
    }

    /** A job whose parameter count is counted from its model. */
    public TrainingJob(Transformer model, Cluster cluster, Calibration calibration, Format format, long globalBatch, long sequence,
            Optimizer optimizer, double gradientBytes, double wireGradientBytes, Attention.Kernel kernel, Double tokens, double headroom,
            boolean tensorParallelOverlap, Host host, ExpertCommunication expertCommunication) {
        this(model, cluster, calibration, format, globalBatch, sequence, optimizer, gradientBytes, wireGradientBytes, kernel, tokens, headroom,
                tensorParallelOverlap, host, expertCommunication, 0);
    }

    /** A job whose expert-parallel all-to-alls run as {@link ExpertCommunication#DEFAULT}. */
    public TrainingJob(Transformer model, Cluster cluster, Calibration calibration, Format format, long globalBatch, long sequence,
            Optimizer optimizer, double gradientBytes, double wireGradientBytes, Attention.Kernel kernel, Double tokens, double headroom,
            boolean tensorParallelOverlap, Host host) {
        this(model, cluster, calibration, format, globalBatch, sequence, optimizer, gradientBytes, wireGradientBytes, kernel, tokens, headroom,
                tensorParallelOverlap, host, ExpertCommunication.DEFAULT);
    }

    /** A job on hosts like the measured ones ({@link Host#MEASURED}). */
    public TrainingJob(Transformer model, Cluster cluster, Calibration calibration, Format format, long globalBatch, long sequence,
            Optimizer optimizer, double gradientBytes, double wireGradientBytes, Attention.Kernel kernel, Double tokens, double headroom,
            boolean tensorParallelOverlap) {
        this(model, cluster, calibration, format, globalBatch, sequence, optimizer, gradientBytes, wireGradientBytes, kernel, tokens, headroom,
                tensorParallelOverlap, Host.MEASURED);
    }

    /** A job whose tensor-parallel collectives run between the GEMMs (Megatron-LM 2021, PyTorch's tensor parallelism). */
    public TrainingJob(Transformer model, Cluster cluster, Calibration calibration, Format format, long globalBatch, long sequence,
            Optimizer optimizer, double gradientBytes, double wireGradientBytes, Attention.Kernel kernel, Double tokens, double headroom) {
        this(model, cluster, calibration, format, globalBatch, sequence, optimizer, gradientBytes, wireGradientBytes, kernel, tokens, headroom,
                false);
    }

    public double peakFlopsPerSecond() {
        return cluster.device().peak(format);
    }
}
