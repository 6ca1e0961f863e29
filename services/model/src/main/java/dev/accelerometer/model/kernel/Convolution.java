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
        return SparseGemm.estimate(device, structuredSparsityFactor, cal, s.gemmM(), s.gemmN(), s.gemmK(), s.groups(), format, spec);
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
