package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Convolution;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.SparseGemm;
import dev.accelerometer.model.kernel.Streaming;
import dev.accelerometer.model.memory.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A CNN's training step (or forward pass) on {@code batch} images: each convolution as an implicit GEMM forward and, in
 * training, its data- and weight-gradient GEMMs; the fully connected layers; batch norm and ReLU after each convolution
 * (read and write the activations twice forward, twice that backward); the optimizer step. The per-layer times are kept
 * typed for the data-vs-model-parallel comparison.
 *
 * @param layers one entry per layer group: its compute seconds, weights and output activation elements
 * @param backwardSeconds what a data-parallel gradient reduction can overlap with
 */
public record CnnStep(Breakdown breakdown, List<Layer> layers, double activationBytes, double backwardSeconds) {

    /** One layer group: compute seconds per step for the batch on one device, weights, and output activation elements. */
    public record Layer(String name, boolean fullyConnected, double seconds, double weights, double outputElements) {
    }

    public static CnnStep of(Device device, Calibration cal, Cnn cnn, long batch, Format format, boolean training, Optimizer optimizer) {
        return of(device, cal, cnn, batch, format, training, optimizer, null, null);
    }

    /**
     * As above, a forward pass with 2:4 sparse filters when {@code sparse} is given (inference, pruned once): every convolution
     * whose input channels per group are a multiple of 4 runs its implicit GEMM through {@link SparseGemm} (2:4 along Cin·kh·kw); the
     * others (an RGB stem) and the fully connected layers stay dense.
     */
    public static CnnStep of(Device device, Calibration cal, Cnn cnn, long batch, Format format, boolean training, Optimizer optimizer,
            SparseGemm.Spec sparse, Double structuredSparsityFactor) {
        return of(device, cal, cnn, batch, format, training, optimizer, sparse, structuredSparsityFactor, MemoryFormat.CHANNELS_LAST);
    }

    /**
     * How the activations lie in memory. Tensor-core convolutions run channels-last (NHWC); on channels-first (NCHW, PyTorch's
     * default) tensors cuDNN transposes each convolution's input to NHWC before it and its output back after it ("the NCHW tensor
     * must be transposed to NHWC before the convolution and transposed back to NCHW after", MosaicML Composer's Channels Last
     * method card, read 2026-12-01; it reports about 30 % on ResNet-50 training on V100 and A100). CUDA-core (fp32) and TPU
     * convolutions take either layout as it is.
     */
    public enum MemoryFormat {
        CHANNELS_LAST("channels-last"), CHANNELS_FIRST("channels-first");

        private final String slug;

        MemoryFormat(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }

        public static java.util.Optional<MemoryFormat> fromSlug(String slug) {
            return java.util.Arrays.stream(values()).filter(f -> f.slug.equals(slug)).findFirst();
        }

        /** Whether {@code format}'s convolutions on {@code device} transpose around themselves in this layout. */
        public boolean transposesOn(Device device, Format format) {
            return this == CHANNELS_FIRST && format.onMatrixUnits() && device.kind() == Device.Kind.GPU;
        }
    }

    /**
     * As above in {@code memoryFormat}: on channels-first tensors each tensor-core convolution call (forward; data and weight
     * gradients in training) transposes its input-sized and output-sized operands to NHWC and back, a read and a write of each.
     */
    public static CnnStep of(Device device, Calibration cal, Cnn cnn, long batch, Format format, boolean training, Optimizer optimizer,
            SparseGemm.Spec sparse, Double structuredSparsityFactor, MemoryFormat memoryFormat) {
        if (training && sparse != null && sparse.pattern() == SparseGemm.Pattern.STRUCTURED_2_4) {
            throw new IllegalArgumentException("2:4 sparse filters are timed for the forward pass (inference) only");
        }
        Cnn.ConvolutionLayer stem = cnn.convolutions().isEmpty() ? null : cnn.convolutions().get(0);
        List<OpCost> ops = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        double activationBytes = 0;
        double backward = 0;
        double residualElements = 0;
        double transposedElements = 0;
        boolean transposes = memoryFormat.transposesOn(device, format);
        for (Cnn.ConvolutionLayer l : cnn.convolutions()) {
            Convolution.Shape s = l.shape(batch);
            boolean sparseHere = sparse != null && sparseFilter(l, sparse, l == stem);
            OpCost[] sparseTrained = sparseHere && training ? Convolution.sparseTraining(device, cal, s, format, sparse) : null;
            OpCost forward = (sparseTrained != null ? sparseTrained[0]
                    : sparseHere ? Convolution.sparseForwardCost(device, structuredSparsityFactor, cal, s, format, sparse)
                    : Convolution.forward(device, cal, s, format)).named(l.name() + " forward").times(l.count());
            ops.add(forward);
            double seconds = forward.timeSeconds();
            if (training) {
                OpCost back = (sparseTrained != null ? sparseTrained[1] : Convolution.backward(device, cal, s, format))
                        .named(l.name() + " backward").times(l.count());
                ops.add(back);
                seconds += back.timeSeconds();
                backward += back.timeSeconds();
            }
            double outputElements = (double) batch * l.outChannels() * s.outputHeight() * s.outputWidth() * l.count();
            activationBytes += outputElements * format.inputBytes;
            if (l.residualAdd()) {
                residualElements += outputElements;
            }
            if (transposes) {
                double inputElements = (double) batch * l.inChannels() * l.inputHeight() * l.inputWidth() * l.count();
                transposedElements += (training ? 3 : 1) * (inputElements + outputElements);
            }
            layers.add(new Layer(l.name(), false, seconds, l.weights(), outputElements));
        }
        for (Cnn.FullyConnectedLayer fc : cnn.fullyConnected()) {
            OpCost forward = Gemm.estimate(device, cal, batch, fc.outFeatures(), fc.inFeatures(), 1, format).cost().named(fc.name() + " forward");
            ops.add(forward);
            double seconds = forward.timeSeconds();
            if (training) {
                OpCost back = OpCost.sequence(fc.name() + " backward", List.of(
                        Gemm.estimate(device, cal, batch, fc.inFeatures(), fc.outFeatures(), 1, format).cost(),
                        Gemm.estimate(device, cal, fc.inFeatures(), fc.outFeatures(), batch, 1, format).cost()));
                ops.add(back);
                seconds += back.timeSeconds();
                backward += back.timeSeconds();
            }
            layers.add(new Layer(fc.name(), true, seconds, fc.weights(), (double) batch * fc.outFeatures()));
        }
        // Batch norm and ReLU after each convolution: read and write the activations twice forward, twice that backward.
        OpCost norms = Streaming.op(device, cal, "batch norm and ReLU" + (training ? " forward and backward" : ""),
                activationBytes * 4 * (training ? 3 : 1), activationBytes / format.inputBytes * 6);
        ops.add(norms);
        double e = format.inputBytes;
        if (residualElements > 0) {
            // The shortcut add (He et al. 2016, identity/projection shortcuts; torchvision's Bottleneck: out += identity, then the ReLU
            // counted above): read both summands, write the sum; backward the gradient reaching the block input through the shortcut is
            // added to the one through the convolutions (read two, write one).
            OpCost adds = Streaming.op(device, cal, "residual adds" + (training ? " forward and backward" : ""),
                    residualElements * e * 3 * (training ? 2 : 1), residualElements * (training ? 2 : 1));
            ops.add(adds);
            backward += training ? adds.timeSeconds() / 2 : 0;
        }
        if (transposedElements > 0) {
            OpCost layout = Streaming.op(device, cal, "NCHW-NHWC transposes around the tensor-core convolutions" + (training ? " and their gradients" : ""),
                    transposedElements * e * 2, 0);
            ops.add(layout);
            backward += training ? layout.timeSeconds() * 2 / 3 : 0;
        }
        if (training) {
            backward += norms.timeSeconds() * 2 / 3;
            long parameters = cnn.parameters();
            ops.add(Streaming.op(device, cal, "optimizer step", parameters * optimizer.stepTrafficBytesPerParameter(), 10.0 * parameters));
        }
        return new CnnStep(Breakdown.of(training ? "training step" : "forward pass", ops), List.copyOf(layers), activationBytes, backward);
    }

    /** Whether a convolution's filter can be 2:4 along Cin·kh·kw: its input channels per group a multiple of 4. */
    public static boolean sparseFilter(Cnn.ConvolutionLayer l) {
        return l.inChannels() / l.groups() % 4 == 0;
    }

    /**
     * Whether a convolution runs sparse under {@code spec}: 2:4 where {@link #sparseFilter(Cnn.ConvolutionLayer)}; unstructured
     * everywhere but the stem and grouped (depthwise) convolutions, as the sparse-from-scratch papers keep them (RigL's uniform
     * distribution and Sputnik's MobileNetV1 leave the first layer dense; Sputnik's depthwise convolutions stay dense).
     */
    public static boolean sparseFilter(Cnn.ConvolutionLayer l, SparseGemm.Spec spec, boolean stem) {
        return spec.pattern() == SparseGemm.Pattern.STRUCTURED_2_4 ? sparseFilter(l) : !stem && l.groups() == 1;
    }
}
