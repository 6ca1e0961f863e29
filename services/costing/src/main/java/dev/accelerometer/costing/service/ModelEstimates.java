package dev.accelerometer.costing.service;

import dev.accelerometer.common.api.AttentionKernelChoice;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.api.ModelShapes;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.parallel.Cluster;
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
import dev.accelerometer.model.workload.SparseLinears;
import dev.accelerometer.model.kernel.SparseGemm;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whole-model estimates: a transformer or a CNN, training step / prefill / decode, and the run on N devices. */
final class ModelEstimates {
    private ModelEstimates() {
    }

    static Attention.Kernel kernel(Device device, String requested, List<String> assumptions) {
        if (requested != null) {
            return AttentionKernelChoice.of(device, requested, null, "attentionKernel");
        }
        Attention.Kernel kernel = Attention.Kernel.defaultFor(device);
        assumptions.add("attention kernel: " + (kernel == Attention.Kernel.FLASH ? "flash (FlashAttention runs on this architecture)"
                : "standard (materialised scores with fused softmax; FlashAttention does not target this device)"));
        return kernel;
    }

    /**
     * How a run spreads over devices: {@code devices} data-parallel replicas (training) or serving replicas; the cluster
     * they run on when the request names one (null: one link domain); whether the replicas shard the weight update.
     */
    record Replicas(int devices, Cluster cluster, boolean shardedUpdate, double collectiveScale) {
        /** Replicas at the collectives' published bandwidth. */
        Replicas(int devices, Cluster cluster, boolean shardedUpdate) {
            this(devices, cluster, shardedUpdate, 1.0);
        }

        /** The replicas each update 1/devices of the weights, or all of them. */
        int updateShards() {
            return shardedUpdate ? devices : 1;
        }
    }

    static Responses.Estimate transformer(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, Replicas replicas, List<String> assumptions) {
        if (r.sequenceLength() == null) {
            throw ApiException.invalidField("sequenceLength", "is required for a transformer: tokens per sequence (training, prefill) or "
                    + "the KV-cache context (decode)");
        }
        int devices = replicas.devices();
        Attention.Kernel kernel = kernel(device, r.attentionKernel(), assumptions);
        boolean llamaCppPrefill = "prefill".equals(r.mode()) && Runtime.LLAMA_CPP.slug().equals(r.runtime());
        if (r.kvCacheBitsPerElement() != null && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("kvCacheBitsPerElement", "applies to mode decode only");
        }
        if (r.weightBitsPerParameter() != null && !"decode".equals(r.mode()) && !llamaCppPrefill) {
            throw ApiException.invalidField("weightBitsPerParameter", "applies to mode decode, and to prefill with runtime llama-cpp (its "
                    + "quantized matrix multiplications read the quantized weights)");
        }
        if (r.dequantization() != null && !"decode".equals(r.mode())) {
            throw ApiException.invalidField("dequantization", "applies to mode decode only");
        }
        if (r.runtime() != null && "prefill".equals(r.mode()) && !llamaCppPrefill && !Runtime.KERNELS.slug().equals(r.runtime())) {
            throw ApiException.invalidField("runtime", "for mode prefill, one of kernels (the default: the modelled kernels, as vLLM and "
                    + "TensorRT-LLM run them) or llama-cpp (its CUDA build's prompt processing); the other runtimes are modelled for decode only");
        }
        if (r.runtime() != null && "training".equals(r.mode())) {
            throw ApiException.invalidField("runtime", "applies to modes prefill and decode");
        }
        if (r.framework() != null && !"training".equals(r.mode())) {
            throw ApiException.invalidField("framework", "applies to mode training only");
        }
        if ("training".equals(r.mode())) {
            TrainingFramework.Framed framed = TrainingFramework.frame(r.framework(), TrainingFramework.PYTORCH, cal, service.table(device));
            assumptions.add(framed.assumption());
            cal = framed.calibration();
        }
        assumptions.add(String.format(Locale.ROOT, "%s: %,d parameters counted from the architecture%s", m.name(), m.parameters(),
                m.publishedParameters() == null ? "" : String.format(Locale.ROOT, " (published figure %,d)", m.publishedParameters())));
        ModelShapes.timed(m, r.model() != null ? "model.kind" : "modelId");
        assumptions.addAll(shapeAssumptions(m, "decode".equals(r.mode()) ? r.batch() : null));
        SparseLinears sparse = SparseEstimates.linears(service, device, format, r);
        if (r.tensorParallel() != null && r.tensorParallel() > 1) {
            return tensorParallel(service, device, cal, format, m, r, devices, kernel, assumptions);
        }
        return switch (r.mode()) {
            case "training" -> training(service, device, cal, format, m, r, replicas, kernel, assumptions, sparse);
            case "prefill" -> prefill(service, device, cal, format, m, r, devices, kernel, assumptions, sparse);
            default -> decode(service, device, cal, format, m, r, devices, assumptions, sparse);
        };
    }

    private static Responses.Estimate training(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, Replicas replicas, Attention.Kernel kernel, List<String> assumptions, SparseLinears sparse) {
        int devices = replicas.devices();
        long perDevice = ceilDiv(r.batch(), devices);
        if (r.batch() % devices != 0) {
            assumptions.add("batch " + r.batch() + " does not divide over " + devices + " devices: each runs " + perDevice);
        }
        Optimizer optimizer = optimizer(r.optimizer(), Optimizer.ADAMW);
        TrainingStep step = TrainingStep.of(device, cal, m, perDevice, r.sequenceLength(), format, kernel, optimizer, replicas.updateShards(),
                TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, sparse);
        double comm = exposedAllReduce(device, m.parameters() * format.inputBytes, replicas, step.backwardSeconds(), assumptions);
        double stepTime = step.total().timeSeconds() + comm;
        long steps = steps(r, r.batch() * r.sequenceLength());
        double mfu = step.total().flops() / stepTime / device.peak(format);
        assumptions.add(String.format(Locale.ROOT, "mixed precision with %s: %.0f bytes of optimizer traffic per parameter per step; "
                + "activations kept (no recomputation)", optimizer.slug, optimizer.stepTrafficBytesPerParameter()));
        // Sparse training keeps the dense weights and the two compressed copies (the weights and their transposes) beside them.
        double weightBytes = m.parameters() * format.inputBytes
                + (sparse == null ? 0 : 2.0 * sparse.parameters(m) * dev.accelerometer.model.kernel.SparseGemm.structuredBytesPerElement(format));
        Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, r.batch() * r.sequenceLength() / stepTime,
                r.batch() / stepTime, mfu, comm, null, weightBytes, null, device.energyJoules(steps * stepTime, devices),
                device.costUsd(steps * stepTime, devices));
        List<OpCost> ops = withComm(step.operations(), comm);
        Responses.Estimate estimate = service.estimate(device, cal, format, "training step of " + m.name(), ModelParameters.of(m),
                OpCost.sequence("training step", ops), ops, null, run, SparseEstimates.trainingAssumptions(assumptions, device, m, sparse, format),
                sparse == null ? trainingCategory(device, m) : SparseEstimates.MODEL_CATEGORY, devices);
        return sparse == null ? estimate : SparseEstimates.compared(estimate, device, m, format, sparse, comm + TrainingStep.of(device, cal, m,
                perDevice, r.sequenceLength(), format, kernel, optimizer, replicas.updateShards()).total().timeSeconds(), true);
    }

    private static Responses.Estimate prefill(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, Attention.Kernel kernel, List<String> assumptions, SparseLinears sparse) {
        if (Runtime.LLAMA_CPP.slug().equals(r.runtime())) {
            return llamaCppPrefill(service, device, cal, format, m, r, devices, kernel, assumptions, sparse);
        }
        Breakdown pass = Prefill.of(device, cal, m, r.batch(), r.sequenceLength(), format, kernel, sparse);
        double kv = r.batch() * KvCache.bytes(m, r.sequenceLength(), format.inputBytes);
        double weightBytes = SparseEstimates.weightBytes(m, format.inputBytes, sparse, format);
        double t = pass.total().timeSeconds();
        Responses.Run run = new Responses.Run(devices, null, t, t, r.batch() * r.sequenceLength() / t, r.batch() / t, null, null, kv,
                weightBytes, weightBytes + kv <= device.memoryBytes(), device.energyJoules(t, 1), device.costUsd(t, 1));
        Responses.Estimate estimate = service.estimate(device, cal, format, "prefill of " + m.name(), ModelParameters.of(m), pass.total(),
                pass.operations(), null, run, SparseEstimates.assumptions(assumptions, device, m, sparse, format), sparse == null ? "prefill"
                        : SparseEstimates.MODEL_CATEGORY, 1);
        return sparse == null ? estimate : SparseEstimates.compared(estimate, device, m, format, sparse,
                Prefill.of(device, cal, m, r.batch(), r.sequenceLength(), format, kernel).total().timeSeconds(), false);
    }

    /**
     * Prompt processing as llama.cpp's CUDA build runs it ({@link Prefill#llamaCpp}): its MMQ kernels at their measured rate per
     * SM-clock, the weights at {@code weightBitsPerParameter} (default: Q4_0's 4.5, the scoreboard's format). Quoted with the band of
     * the ledger's llama.cpp prompt-processing runs.
     */
    private static Responses.Estimate llamaCppPrefill(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, Attention.Kernel kernel, List<String> assumptions, SparseLinears sparse) {
        if (sparse != null) {
            throw ApiException.invalidField("sparsity", "llama.cpp has no sparse kernels: leave sparsity out with runtime llama-cpp");
        }
        double bits = r.weightBitsPerParameter() == null ? LLAMA_CPP_DEFAULT_BITS : r.weightBitsPerParameter();
        Breakdown pass;
        try {
            pass = Prefill.llamaCpp(device, cal, m, r.batch(), r.sequenceLength(), format, kernel, bits / 8);
        } catch (dev.accelerometer.model.hardware.MissingFactException e) {
            throw ApiException.missingFact(e.getMessage() + " (catalog field " + e.fact + ").", "acceleratorId",
                    "needs " + e.fact + " in the catalog for llama.cpp's prompt processing");
        } catch (IllegalArgumentException e) {
            throw unsupportedRuntime(e.getMessage());
        }
        assumptions.add(device.architecture().isAppleSilicon()
                ? "runtime: llama-cpp — runs as llama-cpp-metal on " + device.name() + ": prompt processing in llama.cpp's Metal backend, "
                        + "the linear layers at a rate per GPU core per clock by weight format derived from discussion #4167's pp512 runs "
                        + "(Llama 2 7B); the whole prompt in one batch (llama-bench's pp)"
                : bits >= 16 ? "runtime: llama-cpp — unquantized weights: llama.cpp's CUDA build multiplies them with cuBLAS, priced as "
                        + "the kernels' prefill (its quantized matrix multiplications, MMQ, are for the block formats)"
                : "runtime: llama-cpp — prompt processing in llama.cpp's CUDA build: the linear layers as its quantized matrix "
                        + "multiplications (MMQ) at a rate per SM per clock derived from its CUDA scoreboard's pp512 runs (Llama 2 7B Q4_0, "
                        + "assumed for the other block formats), not at the datasheet's tensor peak; the whole prompt in one batch "
                        + "(llama-bench's pp, a ubatch of at least the prompt)");
        assumptions.add(String.format(Locale.ROOT, "layer weights at %.3f bits per parameter%s", bits, r.weightBitsPerParameter() == null
                ? " (Q4_0, the scoreboard's format; give weightBitsPerParameter for another)" : ""));
        double kv = r.batch() * KvCache.bytes(m, r.sequenceLength(), format.inputBytes);
        double weightBytes = m.parameters() * bits / 8;
        double t = pass.total().timeSeconds();
        Responses.Run run = new Responses.Run(devices, null, t, t, r.batch() * r.sequenceLength() / t, r.batch() / t, null, null, kv,
                weightBytes, weightBytes + kv <= device.memoryBytes(), device.energyJoules(t, 1), device.costUsd(t, 1));
        return service.estimate(device, cal, format, "prefill of " + m.name() + (device.architecture().isAppleSilicon() ? " (llama.cpp, Metal)"
                : " (llama.cpp)"), ModelParameters.of(m), pass.total(),
                pass.operations(), null, run, assumptions, LlamaCppPrefillRuns.CATEGORY, 1);
    }

    /** 422 naming {@code runtime}: the device cannot run the runtime as modelled (the request itself is well formed). */
    private static ApiException unsupportedRuntime(String detail) {
        return new ApiException(422, "unsupported-runtime", "Runtime not modelled on this device", detail,
                List.of(new dev.accelerometer.common.problem.Problem.Violation("runtime", detail)));
    }

    /** Q4_0: 4 bits and an fp16 scale per block of 32 weights (llama.cpp's ggml-common.h, block_q4_0). */
    static final double LLAMA_CPP_DEFAULT_BITS = 4.5;

    private static Responses.Estimate decode(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int devices, List<String> assumptions, SparseLinears sparse) {
        double weightBytesPerParameter = r.weightBitsPerParameter() == null ? format.inputBytes : r.weightBitsPerParameter() / 8;
        double kvBytesPerElement = r.kvCacheBitsPerElement() == null ? format.inputBytes : r.kvCacheBitsPerElement() / 8;
        Dequantization dequantization = r.dequantization() == null ? null : r.dequantization().model();
        Runtime named = r.runtime() == null ? Runtime.KERNELS : Runtime.fromSlug(r.runtime()).orElseThrow();
        Runtime runtime = named.on(device);
        if (runtime != named) {
            assumptions.add("runtime " + named.slug() + " runs as " + runtime.slug() + " on " + device.name()
                    + (runtime == Runtime.LLAMA_CPP_METAL ? " (llama.cpp's Metal backend on Apple silicon)" : " (Metal is Apple silicon's only)"));
        }
        Breakdown step = runtime.apply(Decode.step(device, cal, m, r.batch(), r.sequenceLength(), format, weightBytesPerParameter, kvBytesPerElement,
                dequantization, sparse), m, device, 8 * weightBytesPerParameter);
        assumptions.add("runtime: " + runtime.slug() + " — " + runtime.describe());
        if (dequantization != null) {
            assumptions.add(dequantizationAssumption(device, dequantization, r.batch()));
        }
        double kv = r.batch() * KvCache.bytes(m, r.sequenceLength(), kvBytesPerElement);
        double weightBytes = SparseEstimates.weightBytes(m, weightBytesPerParameter, sparse, format);
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
        Responses.Estimate estimate = service.estimate(device, cal, format, "decode step of " + m.name(), ModelParameters.of(m), step.total(),
                step.operations(), null, run, SparseEstimates.assumptions(assumptions, device, m, sparse, format),
                sparse == null ? "decode" : SparseEstimates.MODEL_CATEGORY, 1);
        return sparse == null ? estimate : SparseEstimates.compared(estimate, device, m, format, sparse, runtime.apply(Decode.step(device, cal, m,
                r.batch(), r.sequenceLength(), format, weightBytesPerParameter, kvBytesPerElement, dequantization), m, device, 8 * weightBytesPerParameter)
                .total().timeSeconds(),
                false);
    }

    /**
     * Prefill or decode on t devices of a node in Megatron tensor parallelism: one rank's shard of the model
     * ({@link Transformer#shard}: heads, K/V heads — at least one per rank —, FFN and vocabulary split t ways) timed by the
     * same prefill and decode models, plus the two all-reduces per block of the tokens' hidden states (16-bit) over the
     * accelerator's scale-up link, priced by the collective model — the serving simulator's iteration (model
     * ServingIteration), validated on the ledger's tensor-parallel TensorRT-LLM runs.
     */
    private static Responses.Estimate tensorParallel(CostService service, Device device, Calibration cal, Format format, Transformer m,
            Requests.ModelCost r, int replicas, Attention.Kernel kernel, List<String> assumptions) {
        int t = r.tensorParallel();
        if ("training".equals(r.mode())) {
            throw ApiException.invalidField("tensorParallel", "applies to modes prefill and decode; tensor parallelism in training is the "
                    + "planner's search (POST /v1/plans on the planner)");
        }
        dev.accelerometer.common.api.TensorParallelChoice.check(m, t, r.runtime());
        if (r.dequantization() != null) {
            throw ApiException.invalidField("dequantization", "is not timed with tensorParallel; leave one of them out");
        }
        Cluster node;
        try {
            node = dev.accelerometer.model.workload.TensorParallel.node(device, cal, t, assumptions);
        } catch (dev.accelerometer.model.hardware.MissingFactException e) {
            throw ApiException.missingFact("tensor parallelism over " + t + " devices needs the link between them: " + e.getMessage()
                    + " (catalog field " + e.fact + ").", "tensorParallel", "needs the accelerator's scale-up or PCIe link in the catalog");
        }
        Transformer shard = m.shard(t);
        boolean decode = "decode".equals(r.mode());
        long tokens = decode ? r.batch() : r.batch() * r.sequenceLength();
        double allReduce = dev.accelerometer.model.workload.TensorParallel.allReduceSeconds(node, m, tokens);
        double comm = dev.accelerometer.model.workload.TensorParallel.communicationSeconds(node, m, tokens);
        double weightBytesPerParameter = r.weightBitsPerParameter() == null ? format.inputBytes : r.weightBitsPerParameter() / 8;
        double kvBytesPerElement = r.kvCacheBitsPerElement() == null ? format.inputBytes : r.kvCacheBitsPerElement() / 8;
        Breakdown pass = decode
                ? dev.accelerometer.model.workload.TensorParallel.decode(device, cal, m, node, r.batch(), r.sequenceLength(), format,
                        weightBytesPerParameter, kvBytesPerElement)
                : dev.accelerometer.model.workload.TensorParallel.prefill(device, cal, m, node, r.batch(), r.sequenceLength(), format, kernel);
        List<OpCost> ops = pass.operations();
        OpCost total = pass.total();
        double seconds = total.timeSeconds();
        assumptions.add(String.format(Locale.ROOT, "%d-way tensor parallel (Megatron): each device runs 1/%d of the heads, FFN and vocabulary "
                + "(%d K/V head%s per device) and two all-reduces per block of %d tokens' hidden states, %.1f µs each — %.3f ms per %s",
                t, t, shard.kvHeads(), shard.kvHeads() == 1 ? "" : "s", tokens, allReduce * 1e6, comm * 1e3, decode ? "step" : "prefill"));
        double kv = r.batch() * KvCache.bytes(m, r.sequenceLength(), decode ? kvBytesPerElement : format.inputBytes);
        double weightBytes = m.parameters() * (decode ? weightBytesPerParameter : format.inputBytes);
        double perDevice = (weightBytes + kv) / t;
        int devices = t * replicas;
        Responses.Run run;
        if (decode) {
            Double all = r.tokens() == null ? null : Math.ceil(r.tokens() / r.batch()) * seconds;
            run = new Responses.Run(devices, null, seconds, all, r.batch() / seconds, null, null, comm, kv, weightBytes,
                    perDevice <= device.memoryBytes(), all == null ? null : device.energyJoules(all, t), all == null ? null : device.costUsd(all, t));
        } else {
            run = new Responses.Run(devices, null, seconds, seconds, r.batch() * r.sequenceLength() / seconds, r.batch() / seconds, null, comm, kv,
                    weightBytes, perDevice <= device.memoryBytes(), device.energyJoules(seconds, t), device.costUsd(seconds, t));
        }
        return service.estimate(device, cal, format, (decode ? "decode step of " : "prefill of ") + m.name() + " on " + t + " devices", ModelParameters.of(m),
                total, ops, null, run, assumptions, decode ? "decode" : "prefill", t);
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
            Replicas replicas, List<String> assumptions) {
        int devices = replicas.devices();
        if (!"training".equals(r.mode()) && !"prefill".equals(r.mode())) {
            throw ApiException.invalidField("mode", "a CNN runs training or prefill (inference forward pass), not decode");
        }
        if (r.framework() != null) {
            throw ApiException.invalidField("framework", "names a transformer training framework (megatron-core, pytorch); leave it out for a CNN");
        }
        boolean training = "training".equals(r.mode());
        SparseGemm.Spec sparse = SparseEstimates.cnnFilters(service, device, format, r);
        Double factor = sparse == null ? null : service.catalog.accelerator(device.id(), "acceleratorId").structuredSparsityFactor();
        long batch = ceilDiv(r.batch(), devices);
        Optimizer optimizer = optimizer(r.optimizer(), Optimizer.SGD);
        CnnStep.MemoryFormat layout = r.memoryFormat() == null ? CnnStep.MemoryFormat.CHANNELS_LAST
                : CnnStep.MemoryFormat.fromSlug(r.memoryFormat()).orElseThrow();
        assumptions.add("activations " + layout.slug() + (r.memoryFormat() == null ? " (default: memoryFormat)" : "")
                + (layout.transposesOn(device, format)
                        ? ": each tensor-core convolution transposes its input to NHWC and its output back (forward and both gradients)" : ""));
        CnnStep step = CnnStep.of(device, cal, cnn, batch, format, training, optimizer, sparse, factor, layout);
        double comm = training ? exposedAllReduce(device, cnn.parameters() * format.inputBytes, replicas, step.backwardSeconds(), assumptions)
                : 0;
        OpCost total = step.breakdown().total();
        double stepTime = total.timeSeconds() + comm;
        long steps = training ? steps(r, r.batch()) : 1;
        assumptions.add(String.format(Locale.ROOT, "%s: %,d parameters counted from its layer list", cnn.name(), cnn.parameters()));
        Responses.Run run = new Responses.Run(devices, steps, stepTime, steps * stepTime, null, r.batch() / stepTime,
                total.flops() / total.timeSeconds() / device.peak(format), comm, null, cnn.parameters() * format.inputBytes, null,
                device.energyJoules(steps * stepTime, devices), device.costUsd(steps * stepTime, devices));
        List<OpCost> ops = withComm(step.breakdown().operations(), comm);
        Responses.Estimate estimate = service.estimate(device, cal, format, (training ? "training step of " : "forward pass of ") + cnn.name(),
                new ModelParameters(cnn.name(), cnn.parameters(), cnn.publishedParameters()), OpCost.sequence(total.name(), ops), ops, null, run,
                SparseEstimates.cnnAssumptions(assumptions, cnn, sparse), training ? cnnTrainingCategory(device)
                        : sparse == null ? CnnRuns.CNN_INFERENCE : SparseEstimates.MODEL_CATEGORY, devices);
        return sparse == null ? estimate : SparseEstimates.comparedCnn(estimate, device, cnn, format, sparse,
                CnnStep.of(device, cal, cnn, batch, format, training, optimizer, null, null, layout).breakdown().total().timeSeconds() + comm, training);
    }

    /**
     * The exposed part of the data-parallel gradient reduction: on a named cluster by the collective model (an all-reduce, or
     * with a sharded update a reduce-scatter and an all-gather of the same volume), else a ring over the device's own link
     * domain; when the catalog gives no link, the answer says it is not costed.
     */
    static double exposedAllReduce(Device device, double gradientBytes, Replicas replicas, double backwardSeconds, List<String> assumptions) {
        int devices = replicas.devices();
        if (devices <= 1) {
            return 0;
        }
        String sharding = replicas.shardedUpdate() ? "; the weight update is sharded over the replicas (each updates 1/" + devices
                + " of the weights, Xu et al. 2020): the reduction is a reduce-scatter of the gradients and an all-gather of the updated "
                + "weights, the same bytes as the all-reduce" : "";
        if (replicas.cluster() != null) {
            Cluster c = replicas.cluster();
            CollectiveModel.Estimate e = CollectiveModel.estimate(c, Collective.ALL_REDUCE, gradientBytes);
            double exposed = Math.max(0, e.seconds() - backwardSeconds);
            assumptions.add(String.format(Locale.ROOT, "data parallel over %d devices (%d node%s of %d%s): all-reduce of %.2f GB of gradients "
                    + "by %s at %.0f GB/s bus bandwidth takes %.3f s, overlapped with the backward pass (%.3f s exposed)%s", devices, c.nodes(),
                    c.nodes() == 1 ? "" : "s", c.devicesPerNode(), c.torus() == null ? "" : ", torus " + Arrays.toString(c.torus().axes()),
                    gradientBytes / 1e9, e.algorithm().name().toLowerCase(Locale.ROOT).replace('_', ' '), e.busBandwidth() / 1e9, e.seconds(),
                    exposed, sharding));
            return exposed;
        }
        Optional<DataParallel.AllReduce> allReduce = DataParallel.gradientAllReduce(device, gradientBytes, devices, backwardSeconds,
                replicas.collectiveScale());
        if (allReduce.isEmpty()) {
            throw ApiException.missingFact("the catalog has no link bandwidth for "
                    + device.id() + " (scaleUpBandwidthPerDirectionBytesPerSecond, or hostLinkPcieGeneration and hostLinkPcieLanes), so the "
                    + "gradient all-reduce over " + devices + " devices cannot be costed; fill the catalog field, or name the links in cluster "
                    + "(cluster.intraNodeLinkId, or cluster.systemId).",
                    "cluster", "is required: the catalog gives " + device.id() + " no link bandwidth");
        }
        DataParallel.AllReduce a = allReduce.get();
        assumptions.add(String.format(Locale.ROOT, "data parallel over %d devices: ring all-reduce of %.2f GB of gradients over the %s "
                + "(%.0f %% of its %.0f GB/s per direction, %s) takes %.3f s, overlapped with the "
                + "backward pass (%.3f s exposed); all devices on one link domain — name the nodes and network in cluster for a multi-node "
                + "run or a TPU slice%s", devices, gradientBytes / 1e9, a.linkName(), a.efficiency() * 100,
                a.linkBandwidthBytesPerSecond() / 1e9, CollectiveEfficiency.measured(a.linkKind()) ? "NCCL bus bandwidth on published systems"
                        : "assumed: no published collective measurement on " + a.linkKind().slug() + "; modelled as one ring over the device's links",
                a.seconds(), a.exposedSeconds(), sharding));
        return a.exposedSeconds();
    }

    /**
     * What the answer assumes about a shape beyond a dense decoder: experts (uniform routing, grouped GEMMs at the uniform
     * share, what a decode batch touches), latent attention (the cache and the absorbed decode), sliding windows.
     */
    static List<String> shapeAssumptions(Transformer m, Long decodeBatch) {
        List<String> lines = new ArrayList<>();
        Transformer.Mixture moe = m.moe();
        if (moe != null) {
            lines.add(String.format(Locale.ROOT, "mixture of experts: %d of %d routed experts per token%s in %d of %d blocks; %,d of %,d "
                    + "parameters active per token; the experts run as one grouped GEMM per block, each on its uniform share k·tokens/E of "
                    + "the tokens%s, and the router (h × %d) is costed", moe.expertsPerToken(), moe.experts(),
                    moe.sharedExperts() > 0 ? " plus " + moe.sharedExperts() + " shared" : "", m.moeBlocks(), m.blocks(), m.activeParameters(),
                    m.parameters(), moe.capacityFactor() == null ? " (dropless router, balanced load)"
                            : String.format(Locale.ROOT, " × the capacity factor %.2f", moe.capacityFactor()), moe.experts()));
            if (decodeBatch != null) {
                lines.add(String.format(Locale.ROOT, "decode: a batch of %d tokens touches E·(1 − (1 − k/E)^B) = %.2f of %d experts per MoE "
                        + "block under uniform routing; their weights are read once per step", decodeBatch,
                        moe.expectedExpertsTouched(decodeBatch), moe.experts()));
            }
        }
        Transformer.LatentAttention mla = m.latentAttention();
        if (mla != null) {
            lines.add(String.format(Locale.ROOT, "multi-head latent attention: the KV cache holds the %d-element latent and the %d-element "
                    + "rotary key per token and block; decode attends in the absorbed form (scores over %d, values over %d per head); "
                    + "prefill and training rebuild per-head keys and values", mla.keyValueRank(), mla.ropeDim(),
                    mla.keyValueRank() + mla.ropeDim(), mla.keyValueRank()));
        }
        if (m.slidingWindow() != null) {
            lines.add(String.format(Locale.ROOT, "sliding-window attention over %d tokens in %d of %d blocks (the others attend to the whole "
                    + "context); those blocks cache at most the window", m.slidingWindow().window(), m.localBlocks(), m.blocks()));
        }
        return lines;
    }

    /**
     * The validation category whose band a training answer quotes: TPU runs (ledger tpu-*), MoE runs (moe-*) and encoders
     * (BERT pretraining, bertp-*) have their own; {@code model} null for a CNN.
     */
    static String trainingCategory(Device device, Transformer model) {
        return device.kind() == Device.Kind.TPU ? ValidationCases.TPU_TRAINING : model != null && model.moe() != null ? MoeRuns.MOE_TRAINING
                : model != null && model.kind() == Transformer.Kind.ENCODER ? BertRuns.ENCODER_TRAINING : "training";
    }

    /** A CNN training answer quotes the band of CNN training runs (a TPU's, the TPU training band). */
    static String cnnTrainingCategory(Device device) {
        return device.kind() == Device.Kind.TPU ? ValidationCases.TPU_TRAINING : CnnRuns.CNN_TRAINING;
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
