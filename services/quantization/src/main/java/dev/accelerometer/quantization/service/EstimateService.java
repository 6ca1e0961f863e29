package dev.accelerometer.quantization.service;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.costing.CostingFacts;
import dev.accelerometer.common.costing.ErrorBand;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.CalibrationTable;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.FineTuning;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.quantization.Guidance;
import dev.accelerometer.model.quantization.KvFormat;
import dev.accelerometer.model.quantization.Method;
import dev.accelerometer.model.quantization.Options;
import dev.accelerometer.model.quantization.WeightLayout;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.HybridDecode;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.model.workload.Prefill;
import dev.accelerometer.quantization.api.EstimateRequest;
import dev.accelerometer.quantization.api.EstimateResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Validates an estimate request and computes memory, fit, speed and guidance — speed in-process, with the same decode and
 * prefill model costing answers with and costing's calibration constants and decode error band.
 */
@ApplicationScoped
public class EstimateService {
    @Inject
    CatalogCache catalog;
    @Inject
    dev.accelerometer.common.energy.EnergyRegions energy;
    @Inject
    CostingFacts costing;

    public record Resolved(String modelId, Transformer shape, Method method, Options options, KvFormat kv, String mode, long batch,
            long context, List<String> warnings) {
    }

    public EstimateResult estimate(EstimateRequest r) {
        Resolved x = resolve(r);
        List<String> assumptions = new ArrayList<>();
        boolean sparse = r.sparsity() != null;
        if (sparse && !"inference".equals(x.mode())) {
            throw ApiException.invalidField("sparsity", "applies to mode inference (weights pruned once); leave it out for fine-tuning");
        }
        if (sparse && r.tensorParallel() != null && r.tensorParallel() > 1) {
            throw ApiException.invalidField("sparsity", "is not timed with tensorParallel; leave one of them out");
        }
        Double density = sparseDensity(r);
        WeightLayout.Result weights = density == null || "2:4".equals(r.sparsity()) ? WeightLayout.of(x.shape(), x.method(), x.options(), sparse)
                : WeightLayout.unstructured(x.shape(), x.method(), x.options(), density);
        if (sparse) {
            assumptions.add("2:4".equals(r.sparsity())
                    ? "2:4 sparse linear layers: half of each layer's " + x.method().id + " values stored, plus a 2-bit index per kept "
                            + "value (one bit per weight); scales as for the dense matrices; embeddings, head and norms dense"
                    : String.format(Locale.ROOT, "unstructured sparse linear layers at density %.3g: that share of each layer's %s values "
                            + "stored with a 16-bit column index each (32-bit where a layer's input exceeds 65,536) and two 32-bit words per "
                            + "output row (CSR); scales as for the dense matrices; embeddings, head and norms dense", density, x.method().id));
        }
        long kvBytes = (long) Math.ceil(x.kv().bytes(x.shape(), x.context()) * x.batch());
        long runtime = r.runtimeOverheadBytes() == null ? 0 : r.runtimeOverheadBytes();
        if (x.shape().moe() != null) {
            assumptions.add(String.format(java.util.Locale.ROOT, "mixture of experts: memory holds all %,d parameters (every expert, "
                    + "%s); a token computes with %,d; decode reads the experts a batch touches (E·(1 − (1 − k/E)^B) per block under uniform "
                    + "routing)", x.shape().parameters(), x.options().expertsOnly() ? "in " + x.method().id + ", the other linear layers in bf16"
                    : "quantized like the other linear layers", x.shape().activeParameters()));
        }
        if (x.shape().latentAttention() != null) {
            assumptions.add("multi-head latent attention: the KV cache holds the compressed latent and the rotary key per token and block ("
                    + (x.shape().latentAttention().keyValueRank() + x.shape().latentAttention().ropeDim()) + " elements), not per-head K and V");
        }
        EstimateResult.Memory memory;
        if ("inference".equals(x.mode())) {
            long activations = inferenceActivations(x.shape(), x.batch(), x.context());
            long total = total(weights.bytes(), kvBytes, activations, runtime);
            memory = new EstimateResult.Memory(weights.bytes(), parts(weights), kvBytes, activations, null, null, null, null, null,
                    runtime, total, total);
            assumptions.add("activations: the largest per-layer transient of a full-context prefill (hidden, QKV and FFN intermediate in "
                    + "16-bit) plus fp32 logits of one token per sequence");
        } else {
            memory = trainingMemory(r, x, weights, runtime, assumptions);
        }
        if (runtime == 0) {
            assumptions.add("runtime overhead (CUDA context, allocator fragmentation, framework buffers) not counted: pass runtimeOverheadBytes");
        }
        List<EstimateResult.Fit> fits = fits(r, x, weights, memory, assumptions);
        String cheapestList = fits.stream().filter(f -> f.totalListPriceUsd() != null)
                .min(Comparator.comparing(EstimateResult.Fit::totalListPriceUsd)).map(EstimateResult.Fit::acceleratorId).orElse(null);
        // Per token where decode is timed (an hourly price says nothing about how much a device generates in that hour).
        boolean perToken = fits.stream().anyMatch(f -> f.cloudUsdPerMillionTokens() != null);
        String cheapestCloud = perToken
                ? fits.stream().filter(f -> f.cloudUsdPerMillionTokens() != null)
                        .min(Comparator.comparing(EstimateResult.Fit::cloudUsdPerMillionTokens)).map(EstimateResult.Fit::acceleratorId).orElse(null)
                : fits.stream().filter(f -> f.totalCloudUsdPerHour() != null)
                        .min(Comparator.comparing(EstimateResult.Fit::totalCloudUsdPerHour)).map(EstimateResult.Fit::acceleratorId).orElse(null);
        Guidance.Result quality = Guidance.of(x.method(), x.options(), x.shape().parameters());
        if (r.sparsity() != null) {
            quality = withSparsity(quality, sparseSpec(r, null));
        }
        Guidance.Result kvQuality = Guidance.kvCache(x.kv());
        return new EstimateResult(null, Instant.now(),
                new EstimateResult.ModelInfo(x.modelId(), x.shape().name(), x.shape().parameters(), x.shape().publishedParameters(),
                        weights.linearParameters(), weights.highPrecisionParameters(),
                        x.shape().moe() == null ? null : x.shape().activeParameters()),
                new EstimateResult.FormatInfo(x.method().id, x.method().bits, x.options().group() > 0 ? x.options().group() : null,
                        x.method().layout == Method.Layout.BLOCKWISE4 ? x.options().doubleQuantization() : null,
                        x.method() == Method.INT8 ? x.options().vectorWise() : null,
                        x.method() == Method.LLM_INT8 ? x.options().outlierThreshold() : null,
                        weights.bitsPerLinearParameter(), weights.bitsPerParameter(), x.options().expertsOnly() ? "experts" : null,
                        x.options().expertsOnly() ? weights.split().bitsPerExpertParameter() : null),
                x.kv().id, x.mode(), x.batch(), x.context(), memory, fits, cheapestList, cheapestCloud, quality(quality), quality(kvQuality),
                assumptions, warnings(x), null);
    }

    private List<String> warnings(Resolved x) {
        List<String> warnings = new ArrayList<>(x.warnings());
        var freshness = catalog.freshness();
        if (!freshness.catalogReachable()) {
            warnings.add("catalog unreachable: hardware and model facts served from this service's cache, last in sync with the catalog at "
                    + freshness.cacheSyncedAt());
        }
        return warnings;
    }

    /** The format's guidance with the sparsity's evidence after its own; the higher risk of the two. */
    static Guidance.Result withSparsity(Guidance.Result format, dev.accelerometer.model.kernel.SparseGemm.Spec spec) {
        boolean structured = spec.pattern() == dev.accelerometer.model.kernel.SparseGemm.Pattern.STRUCTURED_2_4;
        Guidance.Result sparse = structured ? dev.accelerometer.model.quantization.SparsityGuidance.structured(false)
                : dev.accelerometer.model.quantization.SparsityGuidance.unstructured(spec.density(), false);
        List<Guidance.Evidence> evidence = new ArrayList<>(format.evidence());
        evidence.addAll(sparse.evidence());
        Guidance.Risk risk = format.risk().compareTo(sparse.risk()) >= 0 ? format.risk() : sparse.risk();
        return new Guidance.Result(risk, format.summary() + " With " + spec.pattern().slug + " sparsity: " + sparse.summary(), evidence,
                format.highPrecisionParts());
    }

    /** The request's sparsity density: required for unstructured, 0.5 for 2:4 (another value contradicts it), null without sparsity. */
    static Double sparseDensity(EstimateRequest r) {
        if (r.sparsity() == null) {
            if (r.sparsityDensity() != null) {
                throw ApiException.invalidField("sparsityDensity", "applies with sparsity only; give sparsity or leave it out");
            }
            return null;
        }
        if ("2:4".equals(r.sparsity())) {
            if (r.sparsityDensity() != null && Math.abs(r.sparsityDensity() - 0.5) > 1e-9) {
                throw ApiException.invalidField("sparsityDensity", "2:4 sparsity keeps exactly half the weights: give 0.5 or leave it out");
            }
            return 0.5;
        }
        if (r.sparsityDensity() == null) {
            throw ApiException.invalidField("sparsityDensity", "is required with sparsity unstructured: the fraction of the weights kept, "
                    + "e.g. 0.1 for 90 % sparse");
        }
        return r.sparsityDensity();
    }

    /** The sparse kernel the request's sparsity runs on a device (the vendor's 2:4 library, or Sputnik for unstructured). */
    static dev.accelerometer.model.kernel.SparseGemm.Spec sparseSpec(EstimateRequest r, Device a) {
        var pattern = "2:4".equals(r.sparsity()) ? dev.accelerometer.model.kernel.SparseGemm.Pattern.STRUCTURED_2_4
                : dev.accelerometer.model.kernel.SparseGemm.Pattern.UNSTRUCTURED;
        var kernel = pattern == dev.accelerometer.model.kernel.SparseGemm.Pattern.UNSTRUCTURED ? dev.accelerometer.model.kernel.SparseGemm.Kernel.SPUTNIK
                : a == null ? dev.accelerometer.model.kernel.SparseGemm.Kernel.CUSPARSELT
                : dev.accelerometer.model.kernel.SparseGemm.Kernel.defaultFor(pattern, a);
        return new dev.accelerometer.model.kernel.SparseGemm.Spec(pattern, sparseDensity(r), null, kernel);
    }

    private static EstimateResult.Quality quality(Guidance.Result g) {
        return new EstimateResult.Quality(g.risk().name().toLowerCase(Locale.ROOT), g.summary(),
                g.evidence().stream().map(e -> new EstimateResult.Evidence(e.claim(), e.reference())).toList(), g.highPrecisionParts());
    }

    /**
     * Largest per-layer transient of a prefill over the whole context, 16-bit, plus fp32 logits for one token per sequence; in
     * floating point, so a batch × context too large to count saturates (and {@link #total} refuses it) instead of wrapping.
     */
    static long inferenceActivations(Transformer s, long batch, long context) {
        double tokens = (double) batch * context;
        double qkv = ((double) s.heads() + 2.0 * s.kvHeads()) * s.headDim();
        double ffn = (s.gatedFfn() ? 2.0 : 1.0) * s.ffn();
        return (long) Math.ceil(tokens * (s.hidden() + Math.max(qkv, ffn)) * 2 + (double) batch * s.vocab() * 4);
    }

    /** The largest memory total an answer states, bytes: an exbibyte, far beyond any machine, far inside 64-bit integers. */
    static final long MAX_MEMORY_BYTES = 1L << 60;

    /**
     * The memory parts' total — a 400 naming the request fields that make it, when it exceeds {@link #MAX_MEMORY_BYTES} (an
     * exbibyte: a batch × context or a runtime overhead no device holds), so no sum wraps past 64 bits into a negative size.
     */
    static long total(long... parts) {
        double sum = 0;
        for (long part : parts) {
            sum += part;
        }
        if (sum > MAX_MEMORY_BYTES) {
            throw ApiException.invalid(String.format(Locale.ROOT, "The estimate needs %.3g bytes of memory, beyond the 2^60 this service "
                    + "states: reduce batch, contextLength or runtimeOverheadBytes", sum), List.of(new FieldError("batch", "with contextLength, "
                    + "needs more than 2^60 bytes of KV cache and activations"), new FieldError("contextLength", "with batch, needs more than "
                    + "2^60 bytes of KV cache and activations")));
        }
        long exact = 0;
        for (long part : parts) {
            exact += part;
        }
        return exact;
    }

    private EstimateResult.Memory trainingMemory(EstimateRequest r, Resolved x, WeightLayout.Result weights, long runtime, List<String> assumptions) {
        boolean qlora = "qlora".equals(x.mode());
        boolean full = "full-finetune".equals(x.mode());
        boolean checkpointing = r.gradientCheckpointing() != null ? r.gradientCheckpointing() : qlora;
        Optimizer optimizer = r.optimizer() != null ? Optimizer.fromSlug(r.optimizer()).orElseThrow()
                : qlora ? Optimizer.PAGED_ADAMW : Optimizer.ADAMW;
        long sequence = x.context();
        FineTuning.Result t;
        if (full) {
            if (x.method().bits > 16 || x.method().linearLayersOnly()) {
                throw ApiException.invalidField("weightFormat", "full fine-tuning trains 16-bit weights (mixed precision): use fp16 or bf16");
            }
            t = FineTuning.full(x.shape(), optimizer, x.batch(), sequence, checkpointing);
            assumptions.add(String.format(Locale.ROOT, "full fine-tuning in mixed precision: 16-bit weights and gradients, fp32 master weights "
                    + "and %s state: %d bytes per parameter in all (ZeRO §3.1)", optimizer.slug, 4 + optimizer.mixedPrecisionStateBytes()));
        } else {
            int rank = r.loraRank() == null ? 64 : r.loraRank();
            List<String> modules = r.loraTargetModules() == null || r.loraTargetModules().isEmpty() ? FineTuning.ALL_LINEAR : r.loraTargetModules();
            int adapterBytes = qlora ? 2 : 4;
            t = FineTuning.lora(x.shape(), new FineTuning.Adapter(rank, modules, adapterBytes), optimizer, x.batch(), sequence, checkpointing);
            assumptions.add(String.format(Locale.ROOT, "LoRA rank %d on %s; adapters in %s with %s states (%d bytes per adapter parameter); "
                    + "frozen base in %s", rank, modules, qlora ? "bf16 (QLoRA)" : "fp32 (PEFT default)", optimizer.slug, optimizer.stateBytes,
                    x.method().id));
        }
        assumptions.add("activations: Korthikanti et al. 2022 s·b·h·(34 + 5·a·s/h) bytes per layer"
                + (checkpointing ? ", gradient checkpointing keeps each layer's input plus one layer during recompute" : ", all kept"));
        long weightsTotal = full ? t.trainableBytes() : weights.bytes();
        long total = total(weightsTotal, t.gradientBytes(), t.optimizerBytes(), t.activationBytes(), runtime, full ? 0 : t.trainableBytes());
        long resident = t.optimizerPageable() ? total - t.optimizerBytes() : total;
        return new EstimateResult.Memory(weightsTotal, full ? null : parts(weights), 0, t.activationBytes(), t.trainableParameters(),
                t.trainableBytes(), t.gradientBytes(), t.optimizerBytes(), t.optimizerPageable(), runtime, total, resident);
    }

    static List<EstimateResult.WeightPart> parts(WeightLayout.Result weights) {
        return weights.parts().stream().map(p -> new EstimateResult.WeightPart(p.tensor(), p.parameters(), p.valueBytes(), p.constantBytes(),
                p.precision())).toList();
    }

    private List<EstimateResult.Fit> fits(EstimateRequest r, Resolved x, WeightLayout.Result weights, EstimateResult.Memory memory,
            List<String> assumptions) {
        Map<String, InstancePrice> prices = catalog.instancePrices();
        List<CatalogAccelerator> unpriced = accelerators(r);
        unpriced.stream().filter(a -> a.cloudPriceUsdPerHour() == null && prices.containsKey(a.id())).findFirst().ifPresent(a ->
                assumptions.add("cloud prices of devices the catalog does not price one by one (GPUs) come from the cheapest on-demand "
                        + "catalog instance holding them, instance USD/h ÷ its accelerators; e.g. " + prices.get(a.id()).note()));
        List<Device> devices = unpriced.stream().map(a -> CatalogMapping.device(InstancePrice.priced(a, prices))).toList();
        double headroom = r.memoryHeadroomFraction() == null ? 0 : r.memoryHeadroomFraction();
        boolean speed = (r.speed() != null ? r.speed() : true) && "inference".equals(x.mode());
        if (r.runtime() != null && !speed) {
            throw ApiException.invalidField("runtime", "applies to inference with its decode timed (mode inference, speed not false)");
        }
        int tensorParallel = r.tensorParallel() == null ? 1 : r.tensorParallel();
        if (tensorParallel > 1) {
            if (!"inference".equals(x.mode())) {
                throw ApiException.invalidField("tensorParallel", "applies to mode inference");
            }
            if (r.devices() != null && r.devices() != tensorParallel) {
                throw ApiException.invalidField("tensorParallel", "must equal devices (" + r.devices() + ") — the model is split over the "
                        + "tensor-parallel group — or leave devices out");
            }
            dev.accelerometer.common.api.TensorParallelChoice.check(x.shape(), tensorParallel, r.runtime());
        }
        HybridDecode.Placement placement = placement(r, x, weights, tensorParallel, assumptions);
        Streaming streaming = streaming(r, x, weights, tensorParallel, assumptions);
        Speed timing = null;
        if (speed && x.shape().kind() == dev.accelerometer.model.architecture.Transformer.Kind.ENCODER_DECODER) {
            speed = false;
            assumptions.add(x.shape().name() + " is an encoder-decoder: memory and fit are counted, decode and prefill speed are not timed "
                    + "(an encoder and a decoder with cross-attention are not modelled yet)");
        }
        if (speed) {
            // GGUF files are what llama.cpp runs: without a runtime named, their decode is llama.cpp's (one device; it has no tensor parallelism).
            Runtime runtime = r.runtime() != null ? Runtime.fromSlug(r.runtime()).orElseThrow()
                    : x.method().layout == Method.Layout.GGUF && tensorParallel <= 1 ? Runtime.LLAMA_CPP : Runtime.KERNELS;
            var profile = costing.profile(r.calibrationProfile(), "calibrationProfile");
            if (profile != null) {
                assumptions.add(profile.assumption());
            }
            if (tensorParallel > 1) {
                assumptions.add(tensorParallel + "-way tensor parallel (Megatron): decode and prefill are one rank's shard of the model plus two "
                        + "all-reduces per block of the tokens' hidden states over the accelerator's scale-up link (PCIe where it has none), "
                        + "priced by the collective model" + (x.method().decodeKernel().isPresent() ? "; the method's dequantizing kernel "
                        + "is not timed on the shards (its GEMVs are taken as bandwidth-bound: expect them slower)" : ""));
            }
            // Decode reads the routed experts' weights and the other linear layers' each at their own size (they differ when only the
            // experts are quantized); llama.cpp's rate per weight byte takes the linear layers' average.
            timing = new Speed(device -> costing.calibration(device, profile), x.options().expertsOnly()
                    ? weights.split().bitsPerOtherLinearParameter() / 8 : weights.bitsPerLinearParameter() / 8,
                    x.kv().bitsPerElement(x.shape()) / 8, x.method().decodeKernel().orElse(null), runtime,
                    x.options().expertsOnly() ? weights.split().bitsPerExpertParameter() / 8 : weights.bitsPerLinearParameter() / 8);
            assumptions.add("decode runtime: " + runtime.slug() + " — " + runtime.describe()
                    + (runtime.isLlamaCppOnCuda() ? "; on Apple silicon llama.cpp runs its Metal backend: " + Runtime.LLAMA_CPP_METAL.describe() : ""));
            if (runtime == Runtime.LLAMA_CPP || runtime == Runtime.LLAMA_CPP_METAL) {
                assumptions.add("prefill under llama-cpp: its prompt processing as costing times it (POST /v1/costs/models, mode prefill, "
                        + "runtime llama-cpp): the linear layers at llama.cpp's measured rate per SM-clock on NVIDIA GPUs from Pascal on "
                        + "and per GPU core-clock on Apple silicon; the kernels' prefill on other devices");
            }
            assumptions.add("decode and prefill from the same model and calibration as the costing service (its decode error band is "
                    + "quoted per accelerator); when the model needs several devices they are assumed to hold consecutive layers "
                    + "(pipeline), so a token still passes every layer one after another");
            assumptions.add(decodeKernelAssumption(x.method()));
        }
        List<EstimateResult.Fit> fits = new ArrayList<>();
        for (Device device : devices) {
            Native execution = nativeExecution(x.method(), r.computeFormat(), device, x.options().expertsOnly());
            fits.add(fit(r, x, memory, device, execution, headroom, timing, placement, streaming));
        }
        return fits.stream()
                .sorted(Comparator.comparing((EstimateResult.Fit f) -> !f.fits()).thenComparing(f -> f.devicesNeeded() == null ? Integer.MAX_VALUE : f.devicesNeeded())
                        .thenComparing(EstimateResult.Fit::acceleratorId))
                .toList();
    }

    /**
     * The prefill under the runtime: llama.cpp's prompt processing (costing's, Prefill.llamaCpp: its MMQ kernels per SM-clock on
     * NVIDIA GPUs, its Metal kernels per GPU core-clock on Apple silicon) when the runtime is llama-cpp and the device is one it
     * was measured on; the kernels' prefill otherwise.
     */
    private static OpCost prefill(Device a, dev.accelerometer.model.calibration.Calibration cal, Resolved x, Format f, Speed timing) {
        Runtime runtime = timing.runtime().on(a);
        if (runtime == Runtime.LLAMA_CPP || runtime == Runtime.LLAMA_CPP_METAL) {
            try {
                return Prefill.llamaCpp(a, cal, x.shape(), x.batch(), x.context(), f, Attention.Kernel.defaultFor(a),
                        timing.weightBytesPerParameter()).total();
            } catch (IllegalArgumentException | dev.accelerometer.model.hardware.MissingFactException e) {
                // Not a device llama.cpp's prompt processing was measured on: the kernels' prefill stands.
            }
        }
        return Prefill.of(a, cal, x.shape(), x.batch(), x.context(), f, Attention.Kernel.defaultFor(a)).total();
    }

    /** What timing decode and prefill needs beyond the request: the calibration table, the stored sizes, the kernel, the runtime. */
    private record Speed(java.util.function.Function<Device, dev.accelerometer.model.calibration.Calibration> calibrations, double weightBytesPerParameter, double kvBytesPerElement,
            Dequantization kernel, Runtime runtime, double expertWeightBytesPerParameter) {
    }

    /**
     * Why sparse weights are not timed on a device (null when they are): no sparse kernel there (sparsity then saves memory only),
     * or weights stored below the compute format's size (a sparse dequantizing kernel, e.g. Sparse-Marlin, the model does not time).
     */
    private static String sparseRefusal(Device a, Double factor, dev.accelerometer.model.hardware.Format compute,
            dev.accelerometer.model.kernel.SparseGemm.Spec spec, Method method) {
        try {
            dev.accelerometer.model.kernel.SparseGemm.check(a, factor, compute, spec);
        } catch (dev.accelerometer.model.kernel.SparseGemm.UnsupportedException e) {
            return "not timed with " + spec.pattern().slug + ": " + e.getMessage();
        }
        if (Math.abs(method.bits / 8.0 - compute.inputBytes) > 0.01 * compute.inputBytes) {
            return "not timed with " + spec.pattern().slug + ": " + method.id + " weights are dequantized to " + compute.slug() + " in the "
                    + "kernel, and a sparse dequantizing kernel is not modelled; memory is counted";
        }
        return null;
    }

    /** What the answer assumes about the kernel that runs decode's GEMVs for this method. */
    private static String decodeKernelAssumption(Method method) {
        Optional<Dequantization> kernel = method.decodeKernel();
        if (kernel.isPresent()) {
            Dequantization k = kernel.get();
            return String.format(Locale.ROOT, "decode GEMVs run %s: per weight %.0f integer-to-float conversion, %.2f integer "
                    + "and %.0f FP32 operations, plus one FMA per sequence on the CUDA cores; timed with each GPU's "
                    + "instruction throughputs, each GEMV takes the longer of that and the weight reads (see decodeBound)", k.kernel(),
                    k.conversionsPerWeight(), k.integerOpsPerWeight(), k.floatOpsPerWeight());
        }
        if (method == Method.LLM_INT8) {
            return "LLM.int8() (bitsandbytes) runs extra kernels per linear layer (activation quantization, outlier-column extraction "
                    + "and their fp16 matmul, output dequantization) that are not timed here: its decode figures are a lower bound, and "
                    + "at small batch it runs slower than fp16 for small models (Dettmers et al. 2022, LLM.int8(): the decomposition's "
                    + "speed cost)";
        }
        if (method.linearLayersOnly()) {
            return "no instruction mix is recorded for " + method.id + "'s decode kernel: its GEMVs are timed as bandwidth-bound "
                    + "(any dequantization assumed hidden under the weight reads)";
        }
        return "decode GEMVs read " + method.id + " weights directly (no dequantization)";
    }

    private List<CatalogAccelerator> accelerators(EstimateRequest r) {
        boolean hasIds = r.acceleratorIds() != null && !r.acceleratorIds().isEmpty();
        // An empty filter is no filter: generated SDKs send empty maps and lists for fields the caller never set.
        if (hasIds && r.filter() != null && !r.filter().isEmpty()) {
            throw ApiException.invalidField("acceleratorIds", "give acceleratorIds or filter, not both");
        }
        if (hasIds) {
            return r.acceleratorIds().stream().distinct().map(id -> catalog.accelerator(id, "acceleratorIds")).toList();
        }
        Map<String, String> filter = new HashMap<>(r.filter() == null ? Map.of() : r.filter());
        filter.put("pageSize", "200");
        return catalog.accelerators(filter, "filter");
    }

    private EstimateResult.Fit fit(EstimateRequest r, Resolved x, EstimateResult.Memory memory, Device a, Native n, double headroom,
            Speed timing, HybridDecode.Placement placement, Streaming streaming) {
        long usable = (long) Math.floor(a.memoryBytes() * (1 - headroom));
        long perDeviceRuntime = memory.runtimeOverheadBytes();
        long sharded = memory.residentBytes() - perDeviceRuntime;
        // Partial offload: the GPU holds its blocks, the head if offloaded, their share of the KV cache and the activations; the host the rest.
        Long hostBytes = null;
        if (placement != null) {
            double gpuShare = (double) placement.gpuBlocks() / placement.blocks();
            sharded = (long) Math.ceil(placement.gpuWeightBytes() + memory.kvCacheBytes() * gpuShare) + memory.activationBytes();
            hostBytes = (long) Math.ceil(placement.hostWeightBytes() + memory.kvCacheBytes() * (1 - gpuShare));
        }
        if (streaming != null) {
            // Streaming: the resident blocks and a two-block prefetch buffer of streamed ones, with the KV cache and activations.
            sharded = (long) Math.ceil(streaming.residentBytes() + 2 * streaming.blockBytes()) + memory.kvCacheBytes() + memory.activationBytes();
            hostBytes = (long) Math.ceil(streaming.streamedBytes());
        }
        int needed = (int) Math.max(1, Math.ceil((double) sharded / Math.max(1, usable - perDeviceRuntime)));
        boolean possible = usable > perDeviceRuntime;
        // `fits` answers "on one device", or on the fixed count when the request gives `devices` (or `tensorParallel`);
        // devicesNeeded is the minimum.
        int tensorParallel = r.tensorParallel() == null ? 1 : r.tensorParallel();
        int devices = placement != null || streaming != null ? 1 : tensorParallel > 1 ? tensorParallel : r.devices() != null ? r.devices()
                : possible ? needed : 1;
        long perDevice = (long) Math.ceil((double) sharded / devices) + perDeviceRuntime;
        boolean hostFits = hostBytes == null || r.host() == null || r.host().memoryBytes() == null || hostBytes <= r.host().memoryBytes();
        boolean fits = possible && perDevice <= usable && hostFits && n.computeFormat() != null
                && (placement != null || streaming != null || r.devices() != null || tensorParallel > 1 || needed == 1);
        Double decodeSeconds = null, tokensPerSecond = null, prefillSeconds = null;
        String decodeBound = null;
        String speedNote = n.computeFormat() == null ? n.note() : null;
        if (timing != null && n.computeFormat() != null) {
            var cal = timing.calibrations().apply(a);
            OpCost decode = null;
            OpCost prefill = null;
            if (tensorParallel > 1) {
                try {
                    var node = dev.accelerometer.model.workload.TensorParallel.node(a, cal, tensorParallel, new java.util.ArrayList<>());
                    decode = dev.accelerometer.model.workload.TensorParallel.decode(a, cal, x.shape(), node, x.batch(), x.context(),
                            n.computeFormat(), timing.weightBytesPerParameter(), timing.expertWeightBytesPerParameter(), timing.kvBytesPerElement()).total();
                    prefill = dev.accelerometer.model.workload.TensorParallel.prefill(a, cal, x.shape(), node, x.batch(), x.context(),
                            n.computeFormat(), Attention.Kernel.defaultFor(a)).total();
                } catch (dev.accelerometer.model.hardware.MissingFactException e) {
                    speedNote = "not timed: the catalog gives " + a.id() + " no scale-up or PCIe link for its tensor-parallel all-reduces ("
                            + e.fact + ")";
                }
            } else if (r.sparsity() != null) {
                Double factor = catalog.accelerator(a.id(), "acceleratorIds").structuredSparsityFactor();
                var spec = sparseSpec(r, a);
                String refused = sparseRefusal(a, factor, n.computeFormat(), spec, x.method());
                if (refused != null) {
                    speedNote = refused;
                } else {
                    var linears = new dev.accelerometer.model.workload.SparseLinears(spec, factor, true, true);
                    decode = timing.runtime().on(a).apply(Decode.step(a, cal, x.shape(), x.batch(), x.context(), n.computeFormat(),
                            x.method().bits / 8.0, timing.kvBytesPerElement(), null, linears), x.shape(), a, x.method().bits).total();
                    prefill = Prefill.of(a, cal, x.shape(), x.batch(), x.context(), n.computeFormat(), Attention.Kernel.defaultFor(a), linears)
                            .total();
                }
            } else {
                decode = timing.runtime().on(a).apply(Decode.step(a, cal, x.shape(), x.batch(), x.context(), n.computeFormat(),
                        timing.weightBytesPerParameter(), timing.expertWeightBytesPerParameter(), timing.kvBytesPerElement(), timing.kernel(), null),
                        x.shape(), a, 8 * timing.weightBytesPerParameter()).total();
                prefill = prefill(a, cal, x, n.computeFormat(), timing);
            }
            boolean hybrid = decode != null && placement != null && placement.hostWeightBytes() > placement.embeddingBytes();
            if (hybrid && x.batch() > 1) {
                decode = null;
                speedNote = "not timed: with layers on the host, decode beyond one sequence is bound by the host CPUs' compute, which the "
                        + "catalog does not give (batch 1 is bound by host memory bandwidth)";
            } else if (hybrid) {
                var split = HybridDecode.of(placement, decode.timeSeconds(), (double) memory.kvCacheBytes() / placement.blocks(),
                        r.host().memoryBandwidthBytesPerSecond());
                decodeSeconds = split.totalSeconds();
                decodeBound = "memory";
                tokensPerSecond = 1 / decodeSeconds;
                speedNote = String.format(Locale.ROOT, "decode with %d of %d blocks on the GPU: %.1f ms on it, %.1f ms reading %.2f GB on the "
                        + "host per token; prefill not timed (llama.cpp copies the host layers' weights over PCIe for prompt batches: not "
                        + "modelled). ", placement.gpuBlocks(), placement.blocks(), split.gpuSeconds() * 1e3, split.hostSeconds() * 1e3,
                        split.hostBytes() / 1e9)
                        + bandSentence(OFFLOAD_DECODE, a, "Partial-offload decode");
                decode = null;
            }
            if (decode != null && streaming != null) {
                try {
                    double link = dev.accelerometer.model.workload.WeightStreaming.hostToDeviceBandwidth(a);
                    double transfer = streaming.streamedBytes() / link;
                    decodeSeconds = dev.accelerometer.model.workload.WeightStreaming.passSeconds(a, streaming.streamedBytes(), decode.timeSeconds());
                    decodeBound = transfer >= decode.timeSeconds() ? "host-link" : decode.bound().name().toLowerCase(Locale.ROOT);
                    tokensPerSecond = x.batch() / decodeSeconds;
                    prefillSeconds = dev.accelerometer.model.workload.WeightStreaming.passSeconds(a, streaming.streamedBytes(), prefill.timeSeconds());
                    speedNote = String.format(Locale.ROOT, "weights streamed every pass: %.2f GB over %s at %.1f GB/s, %.0f ms, against "
                            + "%.0f ms of GPU work per decode step. ", streaming.streamedBytes() / 1e9,
                            dev.accelerometer.model.hardware.Pcie.hostLinkName(a), link / 1e9, transfer * 1e3, decode.timeSeconds() * 1e3)
                            + bandSentence(WEIGHT_STREAMING, a, "Weight-streaming");
                } catch (dev.accelerometer.model.hardware.MissingFactException e) {
                    speedNote = "not timed: streaming weights crosses the host link, and the catalog gives " + a.id() + " no " + e.fact;
                }
                decode = null;
            }
            if (decode != null) {
                decodeSeconds = decode.timeSeconds();
                decodeBound = decode.bound().name().toLowerCase(Locale.ROOT);
                tokensPerSecond = x.batch() / decodeSeconds;
                prefillSeconds = prefill.timeSeconds();
                speedNote = costing.errorBand("decode", a).filter(b -> b.medianAbsoluteErrorPercent() != null)
                        .map(b -> String.format(Locale.ROOT, "decode estimates on %s have been within %.0f %% (median) / %.0f %% (p90) of "
                                + "published measurements (costing's validation ledger: %s)", a.architectureName(), b.medianAbsoluteErrorPercent(),
                                b.p90AbsoluteErrorPercent(), b.note()))
                        .orElse("no error band: the costing service's validation ledger was not reachable");
            }
        }
        boolean priced = possible && n.computeFormat() != null;
        Double list = a.listPriceUsd() == null || !priced ? null : a.listPriceUsd() * devices;
        Double cloud = a.cloudPriceUsdPerHour() == null || !priced ? null : a.cloudPriceUsdPerHour() * devices;
        return new EstimateResult.Fit(a.id(), a.name(), a.memoryBytes(), fits, possible ? needed : null, devices, perDevice, n.isNative(),
                n.computeFormat() == null ? null : n.computeFormat().slug(), n.note(), decodeSeconds, tokensPerSecond, prefillSeconds, decodeBound,
                speedNote, computeBoundBatch(x, memory, a, n.computeFormat()), a.listPriceUsd(), a.cloudPriceUsdPerHour(), list, cloud,
                cloud == null || tokensPerSecond == null || tokensPerSecond <= 0 ? null : cloud / (tokensPerSecond * 3600) * 1e6,
                a.tdpWatts() == null || !priced || tokensPerSecond == null || tokensPerSecond <= 0 ? null
                        : energy.of(a.tdpWatts() * devices / tokensPerSecond * 1e6, r.energy(), "energy"),
                placement == null ? null : r.gpuLayers(), hostBytes);
    }

    /** One sentence on how far {@code what} estimates have been off: costing's band for {@code category} on {@code a}'s architecture. */
    private String bandSentence(String category, Device a, String what) {
        return costing.errorBand(category, a).filter(b -> b.medianAbsoluteErrorPercent() != null)
                .map(b -> String.format(Locale.ROOT, "%s estimates have been within %.0f %% (median) / %.0f %% (p90) of published runs "
                        + "(costing's validation ledger: %s)", what, b.medianAbsoluteErrorPercent(), b.p90AbsoluteErrorPercent(), b.note()))
                .orElse("No error band: the costing service's validation ledger was not reachable");
    }

    /** The category of weight-streaming inference in costing's validation ledger (costing WeightStreamingRuns). */
    static final String WEIGHT_STREAMING = "weight-streaming";

    /** Weights streamed from host memory: bytes of a block, of the resident blocks, and of everything streamed every pass. */
    private record Streaming(double blockBytes, double residentBytes, double streamedBytes) {
    }

    /**
     * The streamed and resident bytes with {@code streamWeights} (null without it), after checking it applies: inference on one
     * GPU, not a GGUF file, no gpuLayers, tensor parallelism or sparsity; at most the blocks resident. A block's bytes are the
     * weights' bytes × its share of the parameters.
     */
    private static Streaming streaming(EstimateRequest r, Resolved x, WeightLayout.Result weights, int tensorParallel, List<String> assumptions) {
        if (!Boolean.TRUE.equals(r.streamWeights())) {
            if (r.residentLayers() != null) {
                throw ApiException.invalidField("residentLayers", "applies with streamWeights true; leave it out or stream the weights");
            }
            return null;
        }
        if (!"inference".equals(x.mode())) {
            throw ApiException.invalidField("streamWeights", "applies to mode inference");
        }
        if (x.method().layout == Method.Layout.GGUF) {
            throw ApiException.invalidField("streamWeights", "streams weights to the GPU (DeepSpeed ZeRO-Inference); llama.cpp computes the "
                    + "layers it leaves on the host with the CPUs instead: use gpuLayers for a GGUF file");
        }
        if (r.gpuLayers() != null || tensorParallel > 1 || (r.devices() != null && r.devices() != 1) || r.sparsity() != null) {
            throw ApiException.invalidField("streamWeights", "streams one GPU's weights; leave gpuLayers, devices, tensorParallel and sparsity out");
        }
        Transformer m = x.shape();
        Transformer.ParameterCount count = m.parameterCount();
        int resident = r.residentLayers() == null ? 0 : r.residentLayers();
        if (resident > m.blocks()) {
            throw ApiException.invalidField("residentLayers", "must be at most the model's blocks (" + m.blocks() + ")");
        }
        double blockBytes = (double) weights.bytes() * (m.parameters() - count.tokenEmbedding() - count.outputHead()) / m.parameters() / m.blocks();
        double residentBytes = blockBytes * resident;
        assumptions.add(String.format(Locale.ROOT, "weights streamed (DeepSpeed ZeRO-Inference): %d of %d blocks resident on the GPU, the rest, "
                + "the embeddings and the head (%.2f GB) in pinned host memory, fetched layer by layer every forward pass under the previous "
                + "layer's compute at %.3f of the PCIe host link (nvbandwidth on A100 and H100, ledger off2-13/15); the GPU keeps two "
                + "streamed blocks in flight", resident, m.blocks(), (weights.bytes() - residentBytes) / 1e9,
                dev.accelerometer.model.parallel.HostOffload.HOST_TO_DEVICE_EFFICIENCY));
        return new Streaming(blockBytes, residentBytes, weights.bytes() - residentBytes);
    }

    /** The category of partial-offload decode in costing's validation ledger (costing OffloadDecodeRuns). */
    static final String OFFLOAD_DECODE = "offload-decode";

    /**
     * llama.cpp's placement of the GGUF file with {@code gpuLayers} (null without it), after checking it applies: inference,
     * a GGUF weight format, a llama.cpp runtime, one GPU, no sparsity; the host's bandwidth where layers stay on the host.
     */
    private static HybridDecode.Placement placement(EstimateRequest r, Resolved x, WeightLayout.Result weights, int tensorParallel,
            List<String> assumptions) {
        if (r.gpuLayers() == null) {
            if (r.host() != null && (r.host().memoryBandwidthBytesPerSecond() != null || r.host().memoryBytes() != null)) {
                throw ApiException.invalidField("host", "describes the host for gpuLayers; give gpuLayers or leave host out");
            }
            return null;
        }
        if (!"inference".equals(x.mode())) {
            throw ApiException.invalidField("gpuLayers", "applies to mode inference (llama.cpp's -ngl)");
        }
        if (x.method().layout != Method.Layout.GGUF) {
            throw ApiException.invalidField("gpuLayers", "places a GGUF file's layers (llama.cpp's -ngl); give a llama.cpp weight format "
                    + "(q4_0, q4_k_m, q8_0 …) or leave gpuLayers out");
        }
        if (r.runtime() != null && !Runtime.fromSlug(r.runtime()).map(Runtime::isLlamaCpp).orElse(false)) {
            throw ApiException.invalidField("gpuLayers", "is llama.cpp's -ngl; with runtime " + r.runtime() + " leave it out");
        }
        if (tensorParallel > 1 || (r.devices() != null && r.devices() != 1)) {
            throw ApiException.invalidField("gpuLayers", "splits a model between one GPU and the host; leave devices and tensorParallel out");
        }
        if (r.sparsity() != null) {
            throw ApiException.invalidField("gpuLayers", "is not combined with sparsity; leave one of them out");
        }
        HybridDecode.Placement p = HybridDecode.place(x.shape(), weights, r.gpuLayers());
        if (p.gpuBlocks() < p.blocks() || !p.headOnGpu()) {
            if (r.host() == null || r.host().memoryBandwidthBytesPerSecond() == null) {
                throw ApiException.invalidField("host.memoryBandwidthBytesPerSecond", "is required when gpuLayers (" + r.gpuLayers() + ") leaves "
                        + (p.blocks() - p.gpuBlocks()) + " of " + p.blocks() + " blocks" + (p.headOnGpu() ? "" : " or the output head")
                        + " on the host: its peak memory bandwidth in bytes/s (channels × transfers/s × 8; dual-channel DDR4-2400: 38.4e9)");
            }
            assumptions.add(String.format(Locale.ROOT, "partial offload (llama.cpp -ngl %d): %d of %d blocks%s on the GPU; %s in host memory, "
                    + "computed by the CPUs at %.3f of the host's %.1f GB/s peak (llama.cpp's CPU decode on a desktop with dual-channel DDR4, "
                    + "ledger ioff-23/30/31, HybridDecode); a token passes the GPU's and the host's layers one after the other",
                    r.gpuLayers(), p.gpuBlocks(), p.blocks(), p.headOnGpu() ? " and the output head" : "",
                    p.headOnGpu() ? "the other blocks and the token embedding" : "the other blocks, the output head and the token embedding",
                    HybridDecode.HOST_DECODE_EFFICIENCY, r.host().memoryBandwidthBytesPerSecond() / 1e9)
                    + (r.host().memoryBytes() == null ? "; host memory not checked (give host.memoryBytes)" : ""));
        }
        return p;
    }

    /**
     * Roofline crossover of decode: time to read weights (W) and the KV cache (k per sequence) equals the matmul time,
     * W/bw + B·k/bw = 2·P·B/peak, so B* = (W/bw) / (2P/peak − k/bw); no crossover when k/bw ≥ 2P/peak.
     */
    static Long computeBoundBatch(Resolved x, EstimateResult.Memory memory, Device a, Format computeFormat) {
        if (computeFormat == null || !a.supports(computeFormat) || !"inference".equals(x.mode())) {
            return null;
        }
        double peak = a.peak(computeFormat);
        double bandwidth = a.memoryBandwidthBytesPerSecond();
        double kvPerSequence = (double) memory.kvCacheBytes() / x.batch();
        // Compute per token follows the parameters a token uses (all of them for a dense model, the active ones for a MoE).
        double perSequence = 2.0 * x.shape().activeParameters() / peak - kvPerSequence / bandwidth;
        if (perSequence <= 0) {
            return null;
        }
        return (long) Math.ceil(memory.weightBytes() / bandwidth / perSequence);
    }

    /** Whether the device computes in the weights' format, and what it computes in otherwise. */
    public record Native(boolean isNative, Format computeFormat, String note) {
    }

    /**
     * How the device runs the method's matmuls. FP4 experts alone (gpt-oss as released) leave attention's GEMMs in bf16, whose
     * activations an FP4 GEMM does not take: the model is computed in 16 bits (a conservative price for the experts' FP4 GEMMs).
     */
    static Native nativeExecution(Method method, String requestedCompute, Device a, boolean expertsOnly) {
        Format requested = requestedCompute == null ? null : Format.fromSlug(requestedCompute).orElseThrow();
        boolean fp4ExpertsOnly = expertsOnly && method.fp4TensorCoreFormat() && a.supports(Format.FP4);
        Format nativeFormat = fp4ExpertsOnly ? null : method.computeFormat().filter(a::supports).orElse(null);
        if (nativeFormat != null && (requested == null || requested == nativeFormat)) {
            return new Native(true, nativeFormat, "runs " + method.id + " matmuls natively (the catalog lists a " + nativeFormat.slug() + " peak)");
        }
        Format fallback = requested != null ? requested
                : List.of(Format.FP16, Format.BF16, Format.FP32).stream().filter(a::supports).findFirst().orElse(null);
        if (fallback == null || !a.supports(fallback)) {
            return new Native(false, null, a.name() + " has no " + (requested != null ? requested.slug() : "16-bit or fp32")
                    + " mode to compute " + method.id + " weights in");
        }
        String why = fp4ExpertsOnly
                ? "only the routed experts are in " + method.id + "; attention's GEMMs stay 16-bit, and the model is priced computing in "
                + fallback.slug() + " throughout (the experts' FP4 GEMMs would be faster)"
                : method.fp4TensorCoreFormat()
                ? a.name() + (a.architecture() == dev.accelerometer.model.hardware.Architecture.BLACKWELL
                        ? " has no FP4 tensor-core peak in the catalog (peakFp4FlopsPerSecond): its tensor cores take " + method.id
                        + " natively, so its prefill and large batches run faster than priced here"
                        : " has no FP4 tensor cores")
                : method.computeFormat().isEmpty()
                ? method.id + " is weight-only quantization"
                : a.name() + " has no " + method.id + " tensor-core mode";
        return new Native(false, fallback, why + ": weights are dequantized to " + fallback.slug() + " in the kernel — memory saved, no compute speed-up");
    }

    public Resolved resolve(EstimateRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if ((r.modelId() == null) == (r.model() == null)) {
            errors.add(new FieldError("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)"));
        }
        Method method = Method.fromId(r.weightFormat()).orElse(null);
        if (method == null) {
            String near = "fp8".equals(r.weightFormat()) ? " (fp8 weights: fp8-e4m3, or fp8-e5m2)" : "";
            errors.add(new FieldError("weightFormat", "'" + r.weightFormat() + "' is not a format" + near + "; one of "
                    + java.util.Arrays.stream(Method.values()).map(m -> m.id).collect(java.util.stream.Collectors.joining(", "))
                    + " (GET /v1/formats describes each)"));
        }
        KvFormat kv = r.kvCacheFormat() == null ? KvFormat.FP16 : KvFormat.fromId(r.kvCacheFormat()).orElse(null);
        if (kv == null) {
            errors.add(new FieldError("kvCacheFormat", "must be fp32, fp16, bf16, fp8, int8 or int4"));
        }
        Options options = method == null ? null : options(r, method, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        String modelId = r.modelId();
        Transformer shape = modelId != null ? CatalogMapping.transformer(catalog.model(modelId, "modelId"), "modelId")
                : r.model().toTransformer("model");
        List<String> warnings = new ArrayList<>();
        if (r.model() != null && r.model().layoutAssumption() != null) {
            warnings.add(r.model().layoutAssumption());
        }
        if (shape.maxSequenceLength() != null && r.contextLength() > shape.maxSequenceLength()) {
            if (!Boolean.TRUE.equals(r.allowLongContext())) {
                throw ApiException.invalidField("contextLength", "is " + r.contextLength() + ", beyond " + shape.name() + "'s maximum of "
                        + shape.maxSequenceLength() + " tokens; set allowLongContext to true to estimate it anyway");
            }
            warnings.add("contextLength " + r.contextLength() + " exceeds the model's trained maximum of " + shape.maxSequenceLength()
                    + " tokens: quality beyond it is not covered by the guidance");
        }
        if (options.expertsOnly() && shape.moe() == null) {
            throw ApiException.invalidField("quantizedLayers", "experts applies to mixtures of experts; " + shape.name()
                    + " has no routed experts: leave quantizedLayers out (every linear layer quantized)");
        }
        String mode = r.mode() == null ? "inference" : r.mode();
        if (method.layout == Method.Layout.GGUF && !"inference".equals(mode)) {
            throw ApiException.invalidField("weightFormat", method.id + " is a llama.cpp GGUF file type for inference; fine-tune in nf4 "
                    + "(QLoRA) or 16-bit and convert the result to GGUF, or use mode inference");
        }
        if ("qlora".equals(mode) && method.layout != Method.Layout.BLOCKWISE4) {
            warnings.add("QLoRA is defined on a 4-bit NormalFloat base (nf4); " + method.id + " is estimated as a LoRA on that base");
        }
        return new Resolved(modelId, shape, method, options, kv, mode, r.batch() == null ? 1 : r.batch(), r.contextLength(), warnings);
    }

    static Options options(EstimateRequest r, Method method, List<FieldError> errors) {
        Options defaults = Options.defaults(method);
        boolean blockwise = method.layout == Method.Layout.BLOCKWISE4 || method.layout == Method.Layout.FP8;
        boolean grouped = method.layout == Method.Layout.GPTQ || method.layout == Method.Layout.AWQ;
        if (r.blockSize() != null && method.layout == Method.Layout.MICROSCALING) {
            errors.add(new FieldError("blockSize", method.id + "'s block is fixed by the format (" + method.defaultGroup() + " weights); leave it out"));
        } else if (r.blockSize() != null && !blockwise) {
            errors.add(new FieldError("blockSize", "is defined for int4, fp4, nf4 and fp8 block scaling, not " + method.id + (grouped ? " (use groupSize)" : "")));
        }
        boolean expertsOnly = "experts".equals(r.quantizedLayers());
        if (expertsOnly && !method.linearLayersOnly()) {
            errors.add(new FieldError("quantizedLayers", "experts applies to formats that quantize the blocks' linear layers; " + method.id
                    + (method.layout == Method.Layout.GGUF ? " is a GGUF file type, whose quantizer picks each tensor's type itself"
                    : " stores every tensor as it is") + ": leave quantizedLayers out"));
        }
        if (r.groupSize() != null && !grouped) {
            errors.add(new FieldError("groupSize", "is defined for gptq-* and awq-4bit, not " + method.id + (blockwise ? " (use blockSize)" : "")));
        }
        if (r.doubleQuantization() != null && method.layout != Method.Layout.BLOCKWISE4) {
            errors.add(new FieldError("doubleQuantization", "is defined for int4, fp4 and nf4 (QLoRA), not " + method.id));
        }
        if (r.vectorWise() != null && method != Method.INT8) {
            errors.add(new FieldError("vectorWise", "is defined for int8 only"));
        }
        if (r.outlierThreshold() != null && method != Method.LLM_INT8) {
            errors.add(new FieldError("outlierThreshold", "is defined for llm.int8 only"));
        }
        if (r.computeFormat() != null && method.linearLayersOnly() && (method.layout == Method.Layout.GPTQ || method.layout == Method.Layout.AWQ
                || method.layout == Method.Layout.BLOCKWISE4 || method.fp4TensorCoreFormat()) && !List.of("fp16", "bf16", "fp32").contains(r.computeFormat())
                && !(method.fp4TensorCoreFormat() && "fp4".equals(r.computeFormat()))) {
            errors.add(new FieldError("computeFormat", method.id + " kernels dequantize to fp16/bf16" + (method.fp4TensorCoreFormat()
                    ? ", or compute in fp4 on FP4 tensor cores" : "") + "; " + r.computeFormat() + " is not a combination the method defines"));
        }
        if ("fp4".equals(r.computeFormat()) && !method.fp4TensorCoreFormat()) {
            errors.add(new FieldError("computeFormat", "fp4 takes block-scaled FP4 weights: weightFormat nvfp4 or mxfp4"));
        }
        int group = defaults.group();
        Integer asked = r.blockSize() != null ? r.blockSize() : r.groupSize();
        if (asked != null) {
            if (Integer.bitCount(asked) != 1 || asked < 2) {
                errors.add(new FieldError(r.blockSize() != null ? "blockSize" : "groupSize", "must be a power of two ≥ 2; got " + asked));
            }
            group = asked;
        }
        return new Options(group, r.doubleQuantization() != null ? r.doubleQuantization() : defaults.doubleQuantization(),
                r.vectorWise() != null ? r.vectorWise() : defaults.vectorWise(),
                r.outlierThreshold() != null ? r.outlierThreshold() : defaults.outlierThreshold(), expertsOnly);
    }
}
