package dev.accelerometer.costing.service;

import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.KvCache;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.workload.Breakdown;
import dev.accelerometer.model.workload.CnnStep;
import dev.accelerometer.model.workload.DataParallel;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.Prefill;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whole-model estimates: a transformer or a CNN, training step / prefill / decode, and the run on N devices. */
final class ModelEstimates {
    private ModelEstimates() {
    }

    static Attention.Kernel kernel(Device device, String requested, List<String> assumptions) {
        if (requested != null) {
            return Attention.Kernel.fromSlug(requested).orElseThrow();
        }
        Attention.Kernel kernel = Attention.Kernel.defaultFor(device);
        assumptions.add("attention kernel: " + (kernel == Attention.Kernel.FLASH ? "flash (FlashAttention runs on this architecture)"
                : "standard (materialised scores with fused softmax; FlashAttention does not target this device)"));
        return kernel;
    }

    static Responses.Estimate transformer(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, List<String> assumptions) {
        Attention.Kernel kernel = kernel(device, r.attentionKernel(), assumptions);
        if ((r.weightBitsPerParameter() != null || r.kvCacheBitsPerElement() != null) && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("weightBitsPerParameter", "applies to mode decode only");
        }
        if (r.dequantization() != null && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("dequantization", "applies to mode decode only");
        }
        assumptions.add(String.format(Locale.ROOT, "%s: %,d parameters counted from the architecture%s", m.name(), m.parameters(),
                m.publishedParameters() == null ? "" : String.format(Locale.ROOT, " (published figure %,d)", m.publishedParameters())));
        return switch (r.mode()) {
            case "training" -> training(service, device, cal, format, m, r, devices, kernel, assumptions);
            case "prefill" -> prefill(service, device, cal, format, m, r, devices, kernel, assumptions);
            default -> decode(service, device, cal, format, m, r, devices, assumptions);
        };
    }

    private static Responses.Estimate training(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, Attention.Kernel kernel, List<String> assumptions) {
        long perDevice = ceilDiv(r.batch(), devices);
        if (r.batch() % devices != 0) {
            assumptions.add("batch " + r.batch() + " does not divide over " + devices + " devices: each runs " + perDevice);
        }
        Optimizer optimizer = optimizer(r.optimizer(), Optimizer.ADAMW);
        TrainingStep step = TrainingStep.of(device, cal, m, perDevice, r.sequenceLength(), format, kernel, optimizer);
        double comm = exposedAllReduce(device, m.parameters() * format.inputBytes, devices, step.backwardSeconds(), assumptions);
        double stepTime = step.total().timeSeconds() + comm;
        long steps = steps(r, r.batch() * r.sequenceLength());
        double mfu = step.total().flops() / stepTime / device.peak(format);
        assumptions.add(String.format(Locale.ROOT, "mixed precision with %s: %.0f bytes of optimizer traffic per parameter per step; "
                + "activations kept (no recomputation)", optimizer.slug, optimizer.stepTrafficBytesPerParameter()));
        double weightBytes = m.parameters() * format.inputBytes;
        Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, r.batch() * r.sequenceLength() / stepTime,
                r.batch() / stepTime, mfu, comm, null, weightBytes, null, device.energyJoules(steps * stepTime, devices),
                device.costUsd(steps * stepTime, devices));
        List<OpCost> ops = withComm(step.operations(), comm);
        return service.estimate(device, cal, format, "training step of " + m.name(), ModelParameters.of(m), OpCost.sequence("training step", ops),
                ops, null, run,
                assumptions, "training", devices);
    }

    private static Responses.Estimate prefill(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, Attention.Kernel kernel, List<String> assumptions) {
        Breakdown pass = Prefill.of(device, cal, m, r.batch(), r.sequenceLength(), format, kernel);
        double kv = r.batch() * r.sequenceLength() * KvCache.bytesPerToken(m, format.inputBytes);
        double weightBytes = m.parameters() * format.inputBytes;
        double t = pass.total().timeSeconds();
        Responses.Run run = new Responses.Run(devices, null, t, t, r.batch() * r.sequenceLength() / t, r.batch() / t, null, null, kv,
                weightBytes, weightBytes + kv <= device.memoryBytes(), device.energyJoules(t, 1), device.costUsd(t, 1));
        return service.estimate(device, cal, format, "prefill of " + m.name(), ModelParameters.of(m), pass.total(), pass.operations(), null,
                run, assumptions,
                "prefill", 1);
    }

    private static Responses.Estimate decode(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, List<String> assumptions) {
        double weightBytesPerParameter = r.weightBitsPerParameter() == null ? format.inputBytes : r.weightBitsPerParameter() / 8;
        double kvBytesPerElement = r.kvCacheBitsPerElement() == null ? format.inputBytes : r.kvCacheBitsPerElement() / 8;
        Dequantization dequantization = r.dequantization() == null ? null : r.dequantization().model();
        Breakdown step = Decode.step(device, cal, m, r.batch(), r.sequenceLength(), format, weightBytesPerParameter, kvBytesPerElement,
                dequantization);
        if (dequantization != null) {
            assumptions.add(dequantizationAssumption(device, dequantization, r.batch()));
        }
        double kv = r.batch() * r.sequenceLength() * KvCache.bytesPerToken(m, kvBytesPerElement);
        double weightBytes = m.parameters() * weightBytesPerParameter;
        if (r.weightBitsPerParameter() != null) {
            assumptions.add(String.format(Locale.ROOT, "layer weights read at %.3f bits per parameter (weight-only quantization) and "
                    + "dequantized to %s in the kernel", r.weightBitsPerParameter(), format.slug()));
        }
        double t = step.total().timeSeconds();
        Double total = r.tokens() == null ? null : Math.ceil(r.tokens() / r.batch()) * t;
        assumptions.add("decode: KV cache in " + format.slug() + ", context " + r.sequenceLength()
                + " tokens per sequence; weights read once per step");
        Responses.Run run = new Responses.Run(devices, null, t, total, r.batch() / t, null, null, null, kv, weightBytes,
                weightBytes + kv <= device.memoryBytes(), total == null ? null : device.energyJoules(total, 1),
                total == null ? null : device.costUsd(total, 1));
        return service.estimate(device, cal, format, "decode step of " + m.name(), ModelParameters.of(m), step.total(), step.operations(),
                null, run, assumptions,
                "decode", 1);
    }

    /** What a decode answer says about a dequantizing kernel: the pipe that binds it, or why it is not timed. */
    static String dequantizationAssumption(Device device, Dequantization dequantization, long batch) {
        return Dequantization.unsupported(device).orElseGet(() -> {
            Dequantization.Pipe limiter = dequantization.limiter(device, batch);
            return String.format(Locale.ROOT, "layer GEMVs run %s: %.4f SM clock cycles per weight, bound by %s "
                    + "(CUDA C++ Programming Guide instruction throughputs); each GEMV takes the longer of that and its weight reads",
                    dequantization.kernel(), limiter.cyclesPerWeight(), limiter.name());
        });
    }

    static Responses.Estimate cnn(CostService service, Device device, Calibration cal, Format format, Cnn cnn, Requests.ModelCost r,
            int devices, List<String> assumptions) {
        if (!"training".equals(r.mode()) && !"prefill".equals(r.mode())) {
            throw ApiException.invalidField("mode", "a CNN runs training or prefill (inference forward pass), not decode");
        }
        boolean training = "training".equals(r.mode());
        long batch = ceilDiv(r.batch(), devices);
        Optimizer optimizer = optimizer(r.optimizer(), Optimizer.SGD);
        CnnStep step = CnnStep.of(device, cal, cnn, batch, format, training, optimizer);
        double comm = training ? exposedAllReduce(device, cnn.parameters() * format.inputBytes, devices, step.backwardSeconds(), assumptions)
                : 0;
        OpCost total = step.breakdown().total();
        double stepTime = total.timeSeconds() + comm;
        long steps = training ? steps(r, r.batch()) : 1;
        assumptions.add(String.format(Locale.ROOT, "%s: %,d parameters counted from its layer list", cnn.name(), cnn.parameters()));
        Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, null, r.batch() / stepTime,
                total.flops() / total.timeSeconds() / device.peak(format), comm, null, cnn.parameters() * format.inputBytes, null,
                device.energyJoules(steps * stepTime, devices), device.costUsd(steps * stepTime, devices));
        List<OpCost> ops = withComm(step.breakdown().operations(), comm);
        return service.estimate(device, cal, format, (training ? "training step of " : "forward pass of ") + cnn.name(),
                new ModelParameters(cnn.name(), cnn.parameters(), cnn.publishedParameters()), OpCost.sequence(total.name(), ops), ops, null, run,
                assumptions, training ? "training" : "prefill", devices);
    }

    /** The exposed part of the data-parallel gradient all-reduce; when the catalog gives no link, the answer says it is not costed. */
    static double exposedAllReduce(Device device, double gradientBytes, int devices, double backwardSeconds, List<String> assumptions) {
        if (devices <= 1) {
            return 0;
        }
        Optional<DataParallel.AllReduce> allReduce = DataParallel.gradientAllReduce(device, gradientBytes, devices, backwardSeconds);
        if (allReduce.isEmpty()) {
            assumptions.add("no link bandwidth for " + device.id() + " in the catalog (scaleUpBandwidthPerDirectionBytesPerSecond or "
                    + "hostLinkPcieGeneration/hostLinkPcieLanes): gradient all-reduce not costed");
            return 0;
        }
        DataParallel.AllReduce a = allReduce.get();
        assumptions.add(String.format(Locale.ROOT, "data parallel over %d devices: ring all-reduce of %.2f GB of gradients over the %s "
                + "(%.0f %% of its %.0f GB/s per direction, %s) takes %.3f s, overlapped with the "
                + "backward pass (%.3f s exposed); all devices on one link domain — multi-node networks and TPU tori are the planner's job "
                + "(POST /v1/plans/evaluate, POST /v1/collectives)", devices, gradientBytes / 1e9, a.linkName(), a.efficiency() * 100,
                a.linkBandwidthBytesPerSecond() / 1e9, CollectiveEfficiency.measured(a.linkKind()) ? "NCCL bus bandwidth on published systems"
                        : "assumed: no published collective measurement on " + a.linkKind().slug() + "; modelled as one ring over the device's links",
                a.seconds(), a.exposedSeconds()));
        return a.exposedSeconds();
    }

    static Optimizer optimizer(String slug, Optimizer fallback) {
        return slug == null ? fallback : Optimizer.fromSlug(slug).orElseThrow(() -> ApiException.invalidField("optimizer", Requests.OPTIMIZER_MESSAGE));
    }

    /** The operations with the exposed all-reduce as one more line when there is one. */
    private static List<OpCost> withComm(List<OpCost> ops, double comm) {
        if (comm <= 0) {
            return ops;
        }
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

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
