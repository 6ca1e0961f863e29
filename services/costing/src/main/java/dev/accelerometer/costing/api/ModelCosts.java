package dev.accelerometer.costing.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.costing.model.Attention;
import dev.accelerometer.costing.model.Calibration;
import dev.accelerometer.costing.model.Convolution;
import dev.accelerometer.costing.model.Dequantization;
import dev.accelerometer.costing.model.Device;
import dev.accelerometer.costing.model.Format;
import dev.accelerometer.costing.model.Gemm;
import dev.accelerometer.costing.model.OpCost;
import dev.accelerometer.costing.model.Streaming;
import dev.accelerometer.costing.model.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Whole-model estimates: a transformer or a CNN, training step / prefill / decode, and the run on N devices. */
final class ModelCosts {
    /** FlashAttention-2 supports Ampere, Ada and Hopper GPUs (Dao 2023, README requirements) and MI300 via ROCm. */
    private static final Set<String> FLASH_ARCHITECTURES = Set.of("ampere", "ada lovelace", "hopper", "blackwell", "cdna 3");
    /** Per-lane PCIe throughput per direction after 128b/130b encoding (PCI-SIG base specifications 3.0/4.0/5.0). */
    private static final double[] PCIE_LANE_BYTES_PER_SECOND = {0, 0.25e9, 0.5e9, 0.985e9, 1.969e9, 3.938e9, 7.877e9};
    /** Per-hop latency of a ring all-reduce step over NVLink/PCIe, assumed (NCCL small-message latency is a few µs). */
    private static final double HOP_LATENCY_SECONDS = 5e-6;

    private ModelCosts() {
    }

    static Transformer.Shape shape(CatalogModel m) {
        if (m.hiddenSize() == null || m.attentionHeads() == null || m.ffnSize() == null || m.vocabSize() == null) {
            throw ApiException.invalidField("modelId", "'" + m.id() + "' lacks a transformer shape in the catalog (hiddenSize, attentionHeads, ffnSize, vocabSize)");
        }
        int heads = m.attentionHeads();
        int headDim = m.headDim() != null ? m.headDim() : m.hiddenSize() / heads;
        boolean gated = "swiglu".equals(m.ffnKind()) || "geglu".equals(m.ffnKind());
        return new Transformer.Shape(m.id(), !"transformer-encoder".equals(m.kind()), m.layers(), m.hiddenSize(), heads,
                m.kvHeads() == null ? heads : m.kvHeads(), headDim, m.ffnSize(), gated, m.vocabSize(), m.parameterCount());
    }

    static Transformer.Shape shape(Requests.ModelShape m) {
        int heads = m.attentionHeads();
        int kv = m.kvHeads() == null ? heads : m.kvHeads();
        if (heads % kv != 0) {
            throw ApiException.invalidField("model.kvHeads", "must divide attentionHeads (" + heads + ")");
        }
        int headDim = m.headDim() != null ? m.headDim() : m.hiddenSize() / heads;
        boolean gated = "swiglu".equals(m.ffnKind()) || "geglu".equals(m.ffnKind());
        long h = m.hiddenSize();
        long perLayer = h * ((long) heads + 2L * kv) * headDim + (long) heads * headDim * h
                + h * (gated ? 2L : 1L) * m.ffnSize() + (long) m.ffnSize() * h + 4 * h;
        long parameters = m.parameterCount() != null ? m.parameterCount() : m.layers() * perLayer + (long) m.vocabSize() * h;
        return new Transformer.Shape(m.name(), "decoder".equals(m.kind()), m.layers(), m.hiddenSize(), heads, kv, headDim,
                m.ffnSize(), gated, m.vocabSize(), parameters);
    }

    static Attention.Kernel kernel(Device device, String requested, List<String> assumptions) {
        if (requested != null) {
            return Attention.Kernel.valueOf(requested.toUpperCase());
        }
        boolean flash = device.kind() == Device.Kind.GPU && device.architecture() != null
                && FLASH_ARCHITECTURES.contains(device.architecture().toLowerCase());
        assumptions.add("attention kernel: " + (flash ? "flash (FlashAttention runs on this architecture)"
                : "standard (materialised scores with fused softmax; FlashAttention does not target this device)"));
        return flash ? Attention.Kernel.FLASH : Attention.Kernel.STANDARD;
    }

    static Responses.Estimate transformer(CostService service, Device device, Calibration cal, Format format, Transformer.Shape m,
            Requests.ModelCost r, int devices, List<String> assumptions) {
        Attention.Kernel kernel = kernel(device, r.attentionKernel(), assumptions);
        double weightBytes = m.parameters() * format.inputBytes;
        if ((r.weightBitsPerParameter() != null || r.kvCacheBitsPerElement() != null) && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("weightBitsPerParameter", "applies to mode decode only");
        }
        if (r.dequantization() != null && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("dequantization", "applies to mode decode only");
        }
        switch (r.mode()) {
            case "training" -> {
                long perDevice = ceilDiv(r.batch(), devices);
                if (r.batch() % devices != 0) {
                    assumptions.add("batch " + r.batch() + " does not divide over " + devices + " devices: each runs " + perDevice);
                }
                String optimizer = r.optimizer() == null ? "adamw" : r.optimizer();
                Transformer.Breakdown step = Transformer.trainingStep(device, cal, m, perDevice, r.sequenceLength(), format, kernel, optimizer);
                double comm = exposedAllReduce(device, step.operations(), m.parameters() * format.inputBytes, devices, assumptions);
                double stepTime = step.total().timeSeconds() + comm;
                long steps = steps(r, r.batch() * r.sequenceLength());
                double tokensPerSecond = r.batch() * r.sequenceLength() / stepTime;
                double mfu = step.total().flops() * devices / stepTime / (device.peak(format) * devices);
                assumptions.add("mixed precision with " + optimizer + ": " + Streaming.optimizerBytesPerParameter(optimizer)
                        + " bytes of optimizer traffic per parameter per step; activations kept (no recomputation)");
                Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, tokensPerSecond,
                        r.batch() / stepTime, mfu, comm, null, weightBytes, null, energy(device, steps * stepTime, devices),
                        cost(device, steps * stepTime, devices));
                OpCost total = comm > 0 ? OpCost.sequence("training step", withComm(step.operations(), comm)) : step.total();
                return service.estimate(device, cal, format, "training step of " + m.name(), total,
                        comm > 0 ? withComm(step.operations(), comm) : step.operations(), null, run, assumptions, "training", devices);
            }
            case "prefill" -> {
                Transformer.Breakdown pass = Transformer.prefill(device, cal, m, r.batch(), r.sequenceLength(), format, kernel);
                double kv = r.batch() * r.sequenceLength() * Transformer.kvCacheBytesPerToken(m, format);
                double t = pass.total().timeSeconds();
                Responses.Run run = new Responses.Run(devices, null, t, t, r.batch() * r.sequenceLength() / t, r.batch() / t,
                        null, null, kv, weightBytes, weightBytes + kv <= device.memoryBytes(), energy(device, t, 1), cost(device, t, 1));
                return service.estimate(device, cal, format, "prefill of " + m.name(), pass.total(), pass.operations(), null, run,
                        assumptions, "prefill", 1);
            }
            default -> {
                double weightBytesPerParameter = r.weightBitsPerParameter() == null ? format.inputBytes : r.weightBitsPerParameter() / 8;
                double kvBytesPerElement = r.kvCacheBitsPerElement() == null ? format.inputBytes : r.kvCacheBitsPerElement() / 8;
                Dequantization dequantization = r.dequantization() == null ? null : r.dequantization().model();
                Transformer.Breakdown step = Transformer.decodeStep(device, cal, m, r.batch(), r.sequenceLength(), format,
                        weightBytesPerParameter, kvBytesPerElement, dequantization);
                if (dequantization != null) {
                    assumptions.add(Dequantization.unsupported(device).orElseGet(() -> {
                        Dequantization.Pipe limiter = dequantization.limiter(device, r.batch());
                        return String.format(java.util.Locale.ROOT, "layer GEMVs run %s: %.4f SM clock cycles per weight, bound by %s "
                                + "(CUDA C++ Programming Guide instruction throughputs); each GEMV takes the longer of that and its weight reads",
                                dequantization.kernel(), limiter.cyclesPerWeight(), limiter.name());
                    }));
                }
                double kv = r.batch() * r.sequenceLength() * Transformer.kvCacheBytesPerToken(m, format) * kvBytesPerElement / format.inputBytes;
                weightBytes = m.parameters() * weightBytesPerParameter;
                if (r.weightBitsPerParameter() != null) {
                    assumptions.add(String.format("layer weights read at %.3f bits per parameter (weight-only quantization) and "
                            + "dequantized to %s in the kernel", r.weightBitsPerParameter(), format.slug()));
                }
                double t = step.total().timeSeconds();
                Double total = r.tokens() == null ? null : Math.ceil(r.tokens() / r.batch()) * t;
                assumptions.add("decode: KV cache in " + format.slug() + ", context " + r.sequenceLength()
                        + " tokens per sequence; weights read once per step");
                Responses.Run run = new Responses.Run(devices, null, t, total, r.batch() / t, null, null, null, kv, weightBytes,
                        weightBytes + kv <= device.memoryBytes(), total == null ? null : energy(device, total, 1),
                        total == null ? null : cost(device, total, 1));
                return service.estimate(device, cal, format, "decode step of " + m.name(), step.total(), step.operations(), null, run,
                        assumptions, "decode", 1);
            }
        }
    }

    static Responses.Estimate cnn(CostService service, Device device, Calibration cal, Format format, CatalogModel m,
            Requests.ModelCost r, int devices, List<String> assumptions) {
        if (m.convolutionLayers() == null || m.convolutionLayers().isEmpty()) {
            throw ApiException.invalidField("modelId", "'" + m.id() + "' has no convolution layers in the catalog");
        }
        if (!"training".equals(r.mode()) && !"prefill".equals(r.mode())) {
            throw ApiException.invalidField("mode", "a CNN runs training or prefill (inference forward pass), not decode");
        }
        boolean training = "training".equals(r.mode());
        long batch = ceilDiv(r.batch(), devices);
        List<OpCost> ops = new ArrayList<>();
        double activationBytes = 0;
        for (CatalogModel.ConvolutionLayer l : m.convolutionLayers()) {
            Convolution.Shape s = new Convolution.Shape(batch, l.inChannels(), l.outChannels(), l.inputHeight(), l.inputWidth(),
                    l.kernelHeight(), l.kernelWidth(), l.stride(), l.padding() == null ? 0 : l.padding(), l.groups() == null ? 1 : l.groups());
            int count = l.count() == null ? 1 : l.count();
            ops.add(Convolution.forward(device, cal, s, format).named(l.name() + " forward").times(count));
            if (training) {
                ops.add(Convolution.backward(device, cal, s, format).named(l.name() + " backward").times(count));
            }
            activationBytes += count * (double) batch * l.outChannels() * s.outputHeight() * s.outputWidth() * format.inputBytes;
        }
        if (m.fullyConnectedLayers() != null) {
            for (CatalogModel.FullyConnectedLayer fc : m.fullyConnectedLayers()) {
                ops.add(Gemm.estimate(device, cal, batch, fc.outFeatures(), fc.inFeatures(), 1, format).cost().named(fc.name() + " forward"));
                if (training) {
                    ops.add(OpCost.sequence(fc.name() + " backward", List.of(
                            Gemm.estimate(device, cal, batch, fc.inFeatures(), fc.outFeatures(), 1, format).cost(),
                            Gemm.estimate(device, cal, fc.inFeatures(), fc.outFeatures(), batch, 1, format).cost())));
                }
            }
        }
        // Batch norm and ReLU after each convolution: read and write the activations twice forward, twice that backward.
        ops.add(Streaming.op(device, cal, "batch norm and ReLU" + (training ? " forward and backward" : ""),
                activationBytes * 4 * (training ? 3 : 1), activationBytes / format.inputBytes * 6));
        if (training) {
            String optimizer = r.optimizer() == null ? "sgd" : r.optimizer();
            ops.add(Streaming.op(device, cal, "optimizer step", m.parameterCount() * Streaming.optimizerBytesPerParameter(optimizer),
                    10.0 * m.parameterCount()));
        }
        OpCost step = OpCost.sequence(training ? "training step" : "forward pass", ops);
        double comm = training ? exposedAllReduce(device, ops, m.parameterCount() * format.inputBytes, devices, assumptions) : 0;
        double stepTime = step.timeSeconds() + comm;
        long steps = training ? steps(r, r.batch()) : 1;
        Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, null, r.batch() / stepTime,
                step.flops() / step.timeSeconds() / device.peak(format), comm, null, m.parameterCount() * format.inputBytes, null,
                energy(device, steps * stepTime, devices), cost(device, steps * stepTime, devices));
        return service.estimate(device, cal, format, (training ? "training step of " : "forward pass of ") + m.id(), step, ops, null,
                run, assumptions, training ? "training" : "prefill", devices);
    }

    /** The exposed gradient all-reduce of a data-parallel training step, given the step's operations. */
    static double exposedAllReduce(Device device, List<OpCost> step, double gradientBytes, int devices, List<String> assumptions) {
        double backward = step.stream().filter(op -> op.name().contains("backward")).mapToDouble(OpCost::timeSeconds).sum();
        return exposedAllReduce(device, gradientBytes, devices, backward, assumptions);
    }

    /**
     * Ring all-reduce of the gradients over the devices' scale-up link (or PCIe): 2(n−1)/n · S bytes per device and
     * 2(n−1) hops; overlapped with the backward pass as PyTorch DDP does, so only the excess is exposed.
     */
    static double exposedAllReduce(Device device, double gradientBytes, int devices, double backwardSeconds, List<String> assumptions) {
        if (devices <= 1) {
            return 0;
        }
        Double link = device.scaleUpBandwidthPerDirectionBytesPerSecond();
        String linkName = "scale-up link";
        if (link == null && device.hostLinkPcieGeneration() != null && device.hostLinkPcieLanes() != null
                && device.hostLinkPcieGeneration() < PCIE_LANE_BYTES_PER_SECOND.length) {
            link = PCIE_LANE_BYTES_PER_SECOND[device.hostLinkPcieGeneration()] * device.hostLinkPcieLanes();
            linkName = "PCIe " + device.hostLinkPcieGeneration() + ".0 x" + device.hostLinkPcieLanes();
        }
        if (link == null) {
            assumptions.add("no link bandwidth for " + device.id() + " in the catalog: gradient all-reduce not costed");
            return 0;
        }
        double allReduce = 2.0 * (devices - 1) / devices * gradientBytes / link + 2.0 * (devices - 1) * HOP_LATENCY_SECONDS;
        double exposed = Math.max(0, allReduce - backwardSeconds);
        assumptions.add(String.format("data parallel over %d devices: ring all-reduce of %.2f GB of gradients over the %s takes %.3f s, "
                + "overlapped with the backward pass (%.3f s exposed); all devices on one link domain — multi-node networks are the planner's job",
                devices, gradientBytes / 1e9, linkName, allReduce, exposed));
        return exposed;
    }

    private static List<OpCost> withComm(List<OpCost> ops, double comm) {
        List<OpCost> all = new ArrayList<>(ops);
        all.add(OpCost.of("gradient all-reduce (exposed)", 0, 0, 0, comm, 0, List.of()));
        return all;
    }

    private static long steps(Requests.ModelCost r, long tokensPerStep) {
        if (r.steps() != null) {
            return r.steps();
        }
        if (r.tokens() != null) {
            return (long) Math.ceil(r.tokens() / tokensPerStep);
        }
        return 1;
    }

    /** Upper bound: every device at its TDP for the whole time; null without a catalog TDP. */
    static Double energy(Device device, double seconds, int devices) {
        return device.tdpWatts() == null ? null : device.tdpWatts() * seconds * devices;
    }

    /** At the catalog's on-demand price per device-hour; null without one. */
    static Double cost(Device device, double seconds, int devices) {
        return device.cloudPriceUsdPerHour() == null ? null : device.cloudPriceUsdPerHour() * seconds / 3600 * devices;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
