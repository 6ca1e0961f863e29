package dev.accelerometer.model.architecture;

import dev.accelerometer.model.kernel.Convolution;
import java.util.List;

/**
 * A convolutional network as its layer list: identical 2D convolutions (each an implicit GEMM) and fully connected
 * layers. Parameters: convolution weights (kh·kw·Cin/groups·Cout), a bias per output channel where no batch norm
 * follows (VGG; Simonyan & Zisserman 2015) or two batch-norm parameters per output channel where one does (ResNet; He et
 * al. 2016, torchvision's 25,557,032), and the fully connected weights and biases.
 */
public record Cnn(String name, List<ConvolutionLayer> convolutions, List<FullyConnectedLayer> fullyConnected, boolean batchNorm,
        Long publishedParameters) {

    public record ConvolutionLayer(String name, int count, int inChannels, int outChannels, int kernelHeight, int kernelWidth,
            int stride, int padding, int inputHeight, int inputWidth, int groups, boolean residualAdd) {

        /** A convolution whose output is not added to a shortcut. */
        public ConvolutionLayer(String name, int count, int inChannels, int outChannels, int kernelHeight, int kernelWidth, int stride,
                int padding, int inputHeight, int inputWidth, int groups) {
            this(name, count, inChannels, outChannels, kernelHeight, kernelWidth, stride, padding, inputHeight, inputWidth, groups, false);
        }

        /** The convolution on {@code batch} images. */
        public Convolution.Shape shape(long batch) {
            return new Convolution.Shape(batch, inChannels, outChannels, inputHeight, inputWidth, kernelHeight, kernelWidth, stride,
                    padding, groups);
        }

        public double weights() {
            return (double) kernelHeight * kernelWidth * inChannels / groups * outChannels * count;
        }
    }

    public record FullyConnectedLayer(String name, int inFeatures, int outFeatures) {
        public double weights() {
            return (double) inFeatures * outFeatures;
        }
    }

    public long parameters() {
        double total = 0;
        for (ConvolutionLayer c : convolutions) {
            total += c.weights() + (batchNorm ? 2.0 : 1.0) * c.outChannels() * c.count();
        }
        for (FullyConnectedLayer f : fullyConnected) {
            total += f.weights() + f.outFeatures();
        }
        return Math.round(total);
    }
}
