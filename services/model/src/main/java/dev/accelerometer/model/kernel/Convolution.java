package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
/**
 * 2D convolution as an implicit GEMM (Dettmers, "Understanding Convolution in Deep Learning"; cuDNN's implicit GEMM):
 * M = N·Hout·Wout, N = Cout, K = Cin/groups · kh · kw, batched over groups. Training adds the data-gradient and
 * weight-gradient GEMMs of the same FLOPs.
 */
public final class Convolution {
    private Convolution() {
    }

    public record Shape(long batch, int inChannels, int outChannels, int inputHeight, int inputWidth, int kernelHeight,
            int kernelWidth, int stride, int padding, int groups) {
        public long outputHeight() {
            return (inputHeight + 2L * padding - kernelHeight) / stride + 1;
        }

        public long outputWidth() {
            return (inputWidth + 2L * padding - kernelWidth) / stride + 1;
        }

        /** The implicit GEMM's M: one row per output pixel of every image. */
        public long gemmM() {
            return batch * outputHeight() * outputWidth();
        }

        /** The implicit GEMM's N: output channels of one group. */
        public long gemmN() {
            return outChannels / groups;
        }

        /** The implicit GEMM's K: input channels of one group times the kernel window. */
        public long gemmK() {
            return (long) inChannels / groups * kernelHeight * kernelWidth;
        }
    }

    public static OpCost forward(Device device, Calibration cal, Shape s, Format format) {
        return Gemm.estimate(device, cal, s.gemmM(), s.gemmN(), s.gemmK(), s.groups(), format).cost().named("conv2d forward (implicit GEMM)");
    }

    /**
     * The forward pass with a sparse filter (2:4 along K = Cin/groups · kh · kw, as TensorRT's sparse convolutions prune it):
     * the implicit GEMM through {@link SparseGemm}, next to the dense one.
     */
    public static SparseGemm.Result sparseForward(Device device, Double structuredSparsityFactor, Calibration cal, Shape s, Format format,
            SparseGemm.Spec spec) {
        SparseGemm.Result gemm = SparseGemm.estimate(device, structuredSparsityFactor, cal, s.gemmM(), s.gemmN(), s.gemmK(), s.groups(), format, spec);
        OpCost unfold = unfolding(device, cal, s, format, spec);
        return unfold == null ? gemm : gemm.after(unfold, device, cal, s.gemmM(), s.gemmN(), s.gemmK(), s.groups(), format);
    }

    /**
     * The sparse forward's cost alone, without the dense comparison (what a CNN's layers add up, {@code CnnStep}): the implicit
     * GEMM through {@link SparseGemm}, preceded for unstructured filters by the input's unfolding.
     */
    public static OpCost sparseForwardCost(Device device, Double structuredSparsityFactor, Calibration cal, Shape s, Format format,
            SparseGemm.Spec spec) {
        OpCost gemm = SparseGemm.cost(device, structuredSparsityFactor, cal, s.gemmM(), s.gemmN(), s.gemmK(), s.groups(), format, spec);
        OpCost unfold = unfolding(device, cal, s, format, spec);
        return unfold == null ? gemm : OpCost.sequence(gemm.name(), java.util.List.of(unfold, gemm));
    }

    /** The unfolding a sparse kernel needs before it: {@link #im2col} for an unstructured (explicit SpMM) kernel, none for 2:4. */
    private static OpCost unfolding(Device device, Calibration cal, Shape s, Format format, SparseGemm.Spec spec) {
        return spec.pattern() == SparseGemm.Pattern.UNSTRUCTURED ? im2col(device, cal, s, format) : null;
    }

    /**
     * Unfolding the input into the GEMM's M × K matrix for a sparse kernel that has no implicit-GEMM form (Sputnik multiplies
     * explicit matrices): read the input, write the unfolded matrix, which the sparse GEMM then reads. Null for a 1×1, stride-1
     * convolution, whose input already is that matrix (channels-last).
     */
    public static OpCost im2col(Device device, Calibration cal, Shape s, Format format) {
        if (s.kernelHeight() * s.kernelWidth() == 1 && s.stride() == 1) {
            return null;
        }
        double unfolded = (double) s.gemmM() * s.gemmK() * s.groups();
        double input = (double) s.batch() * s.inChannels() * s.inputHeight() * s.inputWidth();
        return Streaming.op(device, cal, "im2col (unfold the input for the sparse GEMM)", (input + unfolded) * format.inputBytes, 0);
    }

    /**
     * Forward and backward of a convolution whose filter is unstructured-sparse and trained so (sparse momentum, RigL): the
     * forward and data-gradient GEMMs through the sparse kernel on unfolded matrices (im2col forward, its reverse col2im
     * backward), the weight gradient dense (sparse momentum regrows by the dense gradients' momentum).
     */
    public static OpCost[] sparseTraining(Device device, Calibration cal, Shape s, Format format, SparseGemm.Spec spec) {
        long m = s.gemmM();
        long n = s.gemmN();
        long k = s.gemmK();
        java.util.List<OpCost> backward = new java.util.ArrayList<>();
        OpCost unfold = im2col(device, cal, s, format);
        backward.add(SparseGemm.cost(device, null, cal, m, k, n, s.groups(), format, spec).named("conv2d data gradient (sparse)"));
        if (unfold != null) {
            backward.add(unfold.named("col2im (fold the data gradient back)"));
        }
        backward.add(Gemm.estimate(device, cal, k, n, m, s.groups(), format).cost().named("conv2d weight gradient"));
        return new OpCost[] {sparseForwardCost(device, null, cal, s, format, spec).named("conv2d forward (sparse)"),
                OpCost.sequence("conv2d backward (sparse)", backward)};
    }

    public static OpCost backward(Device device, Calibration cal, Shape s, Format format) {
        long m = s.gemmM();
        long n = s.gemmN();
        long k = s.gemmK();
        OpCost dgrad = Gemm.estimate(device, cal, m, k, n, s.groups(), format).cost().named("conv2d data gradient");
        OpCost wgrad = Gemm.estimate(device, cal, k, n, m, s.groups(), format).cost().named("conv2d weight gradient");
        return OpCost.sequence("conv2d backward", java.util.List.of(dgrad, wgrad));
    }
}
