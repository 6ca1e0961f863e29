package dev.accelerometer.quantization.api;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.InstancePrice;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.quantization.client.CostingApi;
import dev.accelerometer.quantization.client.Facts;
import dev.accelerometer.quantization.client.StaleFacts;
import dev.accelerometer.quantization.model.DecodeKernel;
import dev.accelerometer.quantization.model.Guidance;
import dev.accelerometer.quantization.model.KvFormat;
import dev.accelerometer.quantization.model.Method;
import dev.accelerometer.quantization.model.Options;
import dev.accelerometer.quantization.model.Shape;
import dev.accelerometer.quantization.model.TrainingMemory;
import dev.accelerometer.quantization.model.WeightMemory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Validates an estimate request, computes memory, fit, speed and guidance. */
@ApplicationScoped
public class EstimateService {
    private static final Logger LOG = Logger.getLogger(EstimateService.class);

    @Inject
    Facts facts;
    @Inject
    StaleFacts stale;

    public record Resolved(String modelId, Shape shape, Method method, Options options, KvFormat kv, String mode, long batch,
            long context, List<String> warnings) {
    }

    public EstimateResult estimate(EstimateRequest r) {
        Resolved x = resolve(r);
        List<String> assumptions = new ArrayList<>();
        WeightMemory.Result weights = WeightMemory.of(x.shape(), x.method(), x.options());
        long kvBytes = x.kv().bytesPerToken(x.shape()) * x.batch() * x.context();
        long runtime = r.runtimeOverheadBytes() == null ? 0 : r.runtimeOverheadBytes();
        EstimateResult.Memory memory;
        if ("inference".equals(x.mode())) {
            long activations = inferenceActivations(x.shape(), x.batch(), x.context());
            long total = weights.bytes() + kvBytes + activations + runtime;
            memory = new EstimateResult.Memory(weights.bytes(), weights.parts(), kvBytes, activations, null, null, null, null, null,
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
        String cheapestCloud = fits.stream().filter(f -> f.totalCloudUsdPerHour() != null)
                .min(Comparator.comparing(EstimateResult.Fit::totalCloudUsdPerHour)).map(EstimateResult.Fit::acceleratorId).orElse(null);
        Guidance.Result quality = Guidance.of(x.method(), x.options(), x.shape().parameters());
        Guidance.Result kvQuality = Guidance.kvCache(x.kv());
        return new EstimateResult(null, Instant.now(),
                new EstimateResult.ModelInfo(x.modelId(), x.shape().name(), x.shape().parameters(), x.shape().publishedParameters(),
                        weights.linearParameters(), weights.highPrecisionParameters()),
                new EstimateResult.FormatInfo(x.method().id, x.method().bits, x.options().group() > 0 ? x.options().group() : null,
                        x.method().layout == Method.Layout.BLOCKWISE4 ? x.options().doubleQuantization() : null,
                        x.method() == Method.INT8 ? x.options().vectorWise() : null,
                        x.method() == Method.LLM_INT8 ? x.options().outlierThreshold() : null,
                        weights.bitsPerLinearParameter(), weights.bitsPerParameter()),
                x.kv().id, x.mode(), x.batch(), x.context(), memory, fits, cheapestList, cheapestCloud, quality(quality), quality(kvQuality),
                assumptions, warnings(x));
    }

    private List<String> warnings(Resolved x) {
        List<String> warnings = new ArrayList<>(x.warnings());
        warnings.addAll(stale.notices());
        return warnings;
    }

    private static EstimateResult.Quality quality(Guidance.Result g) {
        return new EstimateResult.Quality(g.risk().name().toLowerCase(), g.summary(), g.evidence(), g.highPrecisionParts());
    }

    /** Largest per-layer transient of a prefill over the whole context, 16-bit, plus fp32 logits for one token per sequence. */
    static long inferenceActivations(Shape s, long batch, long context) {
        long tokens = batch * context;
        long qkv = ((long) s.heads() + 2L * s.kvHeads()) * s.headDim();
        long ffn = (s.gatedFfn() ? 2L : 1L) * s.ffn();
        return tokens * (s.hidden() + Math.max(qkv, ffn)) * 2 + batch * (long) s.vocab() * 4;
    }

    private EstimateResult.Memory trainingMemory(EstimateRequest r, Resolved x, WeightMemory.Result weights, long runtime, List<String> assumptions) {
        boolean qlora = "qlora".equals(x.mode());
        boolean checkpointing = r.gradientCheckpointing() != null ? r.gradientCheckpointing() : qlora;
        String optimizer = r.optimizer() != null ? r.optimizer() : qlora ? "paged-adamw" : "adamw";
        long sequence = x.context();
        TrainingMemory.Result t;
        long base;
        if ("full-finetune".equals(x.mode())) {
            if (x.method().bits > 16 || x.method().linearLayersOnly()) {
                throw ApiException.invalidField("weightFormat", "full fine-tuning trains 16-bit weights (mixed precision): use fp16 or bf16");
            }
            t = TrainingMemory.fullFineTune(x.shape(), optimizer, x.batch(), sequence, checkpointing);
            base = 0;
            assumptions.add("full fine-tuning in mixed precision: 16-bit weights and gradients, " + (optimizer.contains("8bit")
                    ? "fp32 master weights and 8-bit AdamW states (10 bytes/parameter in all)" : "fp32 master weights, momentum and variance (16 bytes/parameter in all, ZeRO §3.1)"));
        } else {
            int rank = r.loraRank() == null ? 64 : r.loraRank();
            List<String> modules = r.loraTargetModules() == null || r.loraTargetModules().isEmpty() ? TrainingMemory.ALL_LINEAR : r.loraTargetModules();
            int adapterBytes = qlora ? 2 : 4;
            t = TrainingMemory.lora(x.shape(), new TrainingMemory.Adapter(rank, modules, adapterBytes), optimizer, x.batch(), sequence, checkpointing);
            base = weights.bytes();
            assumptions.add(String.format("LoRA rank %d on %s; adapters in %s with %s states; frozen base in %s", rank, modules,
                    qlora ? "bf16 (QLoRA)" : "fp32 (PEFT default)", optimizer.contains("8bit") ? "8-bit" : "fp32 AdamW", x.method().id));
        }
        assumptions.add("activations: Korthikanti et al. 2022 s·b·h·(34 + 5·a·s/h) bytes per layer"
                + (checkpointing ? ", gradient checkpointing keeps each layer's input plus one layer during recompute" : ", all kept"));
        long weightsTotal = "full-finetune".equals(x.mode()) ? t.trainableBytes() : base;
        long total = weightsTotal + t.gradientBytes() + t.optimizerBytes() + t.activationBytes() + runtime
                + ("full-finetune".equals(x.mode()) ? 0 : t.trainableBytes());
        long resident = t.optimizerPageable() ? total - t.optimizerBytes() : total;
        return new EstimateResult.Memory(weightsTotal, "full-finetune".equals(x.mode()) ? null : weights.parts(), 0, t.activationBytes(),
                t.trainableParameters(), t.trainableBytes(), t.gradientBytes(), t.optimizerBytes(), t.optimizerPageable(), runtime, total, resident);
    }

    private List<EstimateResult.Fit> fits(EstimateRequest r, Resolved x, WeightMemory.Result weights, EstimateResult.Memory memory,
            List<String> assumptions) {
        Map<String, InstancePrice> prices = facts.instancePrices();
        List<CatalogAccelerator> unpriced = accelerators(r);
        List<CatalogAccelerator> accelerators = unpriced.stream().map(a -> InstancePrice.priced(a, prices)).toList();
        unpriced.stream().filter(a -> a.cloudPriceUsdPerHour() == null && prices.containsKey(a.id())).findFirst().ifPresent(a ->
                assumptions.add("cloud prices of devices the catalog does not price one by one (GPUs) come from the cheapest on-demand "
                        + "catalog instance holding them, instance USD/h ÷ its accelerators; e.g. " + prices.get(a.id()).note()));
        double headroom = r.memoryHeadroomFraction() == null ? 0 : r.memoryHeadroomFraction();
        boolean speed = (r.speed() != null ? r.speed() : true) && "inference".equals(x.mode());
        List<Native> natives = accelerators.stream().map(a -> nativeExecution(x.method(), r.computeFormat(), a)).toList();
        List<CostingApi.BatchItem> times = speed ? speed(x, accelerators, natives, weights) : null;
        if (speed) {
            assumptions.add("decode and prefill from the costing service (POST /v1/costs/models/batch); when the model needs several devices "
                    + "they are assumed to hold consecutive layers (pipeline), so a token still passes every layer one after another");
            assumptions.add(decodeKernelAssumption(x.method()));
        }
        List<EstimateResult.Fit> fits = new ArrayList<>();
        for (int i = 0; i < accelerators.size(); i++) {
            CostingApi.BatchItem decode = times == null ? null : times.get(2 * i);
            CostingApi.BatchItem prefill = times == null ? null : times.get(2 * i + 1);
            fits.add(fit(r, x, memory, accelerators.get(i), natives.get(i), headroom, decode, prefill));
        }
        return fits.stream()
                .sorted(Comparator.comparing((EstimateResult.Fit f) -> !f.fits()).thenComparing(f -> f.devicesNeeded() == null ? Integer.MAX_VALUE : f.devicesNeeded())
                        .thenComparing(EstimateResult.Fit::acceleratorId))
                .toList();
    }

    /** What the answer assumes about the kernel that runs decode's GEMVs for this method. */
    private static String decodeKernelAssumption(Method method) {
        java.util.Optional<DecodeKernel> kernel = DecodeKernel.of(method);
        if (kernel.isPresent()) {
            DecodeKernel k = kernel.get();
            return String.format(java.util.Locale.ROOT, "decode GEMVs run %s: per weight %.0f integer-to-float conversion, %.2f integer "
                    + "and %.0f FP32 operations, plus one FMA per sequence on the CUDA cores; costing times these with each GPU's "
                    + "instruction throughputs and takes the longer of that and the weight reads (see decodeBound)", k.kernel(),
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

    /** One costing call for every accelerator's decode and prefill (pairs, in accelerator order); null items where the device cannot run it. */
    private List<CostingApi.BatchItem> speed(Resolved x, List<CatalogAccelerator> accelerators, List<Native> natives, WeightMemory.Result weights) {
        List<CostingApi.ModelCost> requests = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < accelerators.size(); i++) {
            if (natives.get(i).computeFormat() != null) {
                positions.add(i);
                requests.add(request(x, accelerators.get(i), natives.get(i).computeFormat(), "decode", weights));
                requests.add(request(x, accelerators.get(i), natives.get(i).computeFormat(), "prefill", weights));
            }
        }
        List<CostingApi.BatchItem> answers = new ArrayList<>(java.util.Collections.nCopies(2 * accelerators.size(), (CostingApi.BatchItem) null));
        if (requests.isEmpty()) {
            return answers;
        }
        List<CostingApi.BatchItem> costed;
        try {
            costed = facts.cost(requests);
        } catch (RuntimeException e) {
            LOG.warnf("costing unavailable: %s", e);
            CostingApi.BatchItem failed = new CostingApi.BatchItem(null, new CostingApi.Problem(503, "the costing service did not answer; retry for speed figures"));
            for (int i : positions) {
                answers.set(2 * i, failed);
                answers.set(2 * i + 1, failed);
            }
            return answers;
        }
        for (int j = 0; j < positions.size(); j++) {
            answers.set(2 * positions.get(j), costed.get(2 * j));
            answers.set(2 * positions.get(j) + 1, costed.get(2 * j + 1));
        }
        return answers;
    }

    private List<CatalogAccelerator> accelerators(EstimateRequest r) {
        boolean hasIds = r.acceleratorIds() != null && !r.acceleratorIds().isEmpty();
        // An empty filter is no filter: generated SDKs send empty maps and lists for fields the caller never set.
        if (hasIds && r.filter() != null && !r.filter().isEmpty()) {
            throw ApiException.invalidField("acceleratorIds", "give acceleratorIds or filter, not both");
        }
        if (hasIds) {
            return r.acceleratorIds().stream().distinct().map(facts::accelerator).toList();
        }
        Map<String, String> filter = new HashMap<>(r.filter() == null ? Map.of() : r.filter());
        filter.put("pageSize", "200");
        return facts.accelerators(filter);
    }

    private EstimateResult.Fit fit(EstimateRequest r, Resolved x, EstimateResult.Memory memory, CatalogAccelerator a, Native n,
            double headroom, CostingApi.BatchItem decode, CostingApi.BatchItem prefill) {
        long usable = (long) Math.floor(a.memoryBytes() * (1 - headroom));
        long perDeviceRuntime = memory.runtimeOverheadBytes();
        long sharded = memory.residentBytes() - perDeviceRuntime;
        int needed = (int) Math.max(1, Math.ceil((double) sharded / Math.max(1, usable - perDeviceRuntime)));
        boolean possible = usable > perDeviceRuntime;
        // `fits` answers "on one device", or on the fixed count when the request gives `devices`; devicesNeeded is the minimum.
        int devices = r.devices() != null ? r.devices() : needed;
        long perDevice = (long) Math.ceil((double) sharded / devices) + perDeviceRuntime;
        boolean fits = possible && perDevice <= usable && n.computeFormat() != null && (r.devices() != null || needed == 1);
        Double decodeSeconds = null, tokensPerSecond = null, prefillSeconds = null;
        String decodeBound = null;
        String speedNote = n.computeFormat() == null ? n.note() : null;
        if (decode != null && decode.estimate() != null && prefill != null && prefill.estimate() != null) {
            decodeSeconds = decode.estimate().timeSeconds();
            decodeBound = decode.estimate().bound() == null ? null : decode.estimate().bound().toLowerCase(java.util.Locale.ROOT);
            tokensPerSecond = x.batch() / decodeSeconds;
            prefillSeconds = prefill.estimate().timeSeconds();
            CostingApi.ErrorBand band = decode.estimate().expectedError();
            if (band != null && band.medianAbsoluteErrorPercent() != null) {
                speedNote = String.format("costing's decode estimates have been within %.0f %% (median) / %.0f %% (p90) of published measurements",
                        band.medianAbsoluteErrorPercent(), band.p90AbsoluteErrorPercent());
            }
        } else if (decode != null && decode.problem() != null) {
            speedNote = "costing could not time this case: " + decode.problem().detail();
        }
        boolean priced = possible && n.computeFormat() != null;
        Double list = a.listPriceUsd() == null || !priced ? null : a.listPriceUsd() * devices;
        Double cloud = a.cloudPriceUsdPerHour() == null || !priced ? null : a.cloudPriceUsdPerHour() * devices;
        return new EstimateResult.Fit(a.id(), a.name(), a.memoryBytes(), fits, possible ? needed : null, devices, perDevice, n.isNative(),
                n.computeFormat(), n.note(), decodeSeconds, tokensPerSecond, prefillSeconds, decodeBound, speedNote,
                computeBoundBatch(x, memory, a, n.computeFormat()), a.listPriceUsd(), a.cloudPriceUsdPerHour(), list, cloud);
    }

    /**
     * Roofline crossover of decode: time to read weights (W) and the KV cache (k per sequence) equals the matmul time,
     * W/bw + B·k/bw = 2·P·B/peak, so B* = (W/bw) / (2P/peak − k/bw); no crossover when k/bw ≥ 2P/peak.
     */
    static Long computeBoundBatch(Resolved x, EstimateResult.Memory memory, CatalogAccelerator a, String computeFormat) {
        Double peak = computeFormat == null ? null : a.peak(computeFormat);
        if (peak == null || !"inference".equals(x.mode())) {
            return null;
        }
        double bandwidth = a.memoryBandwidthBytesPerSecond();
        double kvPerSequence = (double) memory.kvCacheBytes() / x.batch();
        double perSequence = 2.0 * x.shape().parameters() / peak - kvPerSequence / bandwidth;
        if (perSequence <= 0) {
            return null;
        }
        return (long) Math.ceil(memory.weightBytes() / bandwidth / perSequence);
    }

    private static CostingApi.ModelCost request(Resolved x, CatalogAccelerator a, String computeFormat, String mode, WeightMemory.Result weights) {
        Shape s = x.shape();
        CostingApi.InlineShape inline = x.modelId() != null ? null : new CostingApi.InlineShape(s.name(), "decoder", s.layers(), s.hidden(),
                s.heads(), s.kvHeads(), s.headDim(), s.ffn(), s.gatedFfn() ? "swiglu" : "gelu", s.vocab(), s.parameters());
        boolean decode = "decode".equals(mode);
        return new CostingApi.ModelCost(a.id(), 1, x.modelId(), inline, mode, x.batch(), x.context(), computeFormat,
                decode ? weights.bitsPerLinearParameter() : null, decode ? x.kv().bitsPerElement(s) : null,
                decode ? DecodeKernel.of(x.method()).orElse(null) : null);
    }

    /** Whether the device computes in the weights' format, and what it computes in otherwise. */
    public record Native(boolean isNative, String computeFormat, String note) {
    }

    static Native nativeExecution(Method method, String requestedCompute, CatalogAccelerator a) {
        String nativeFormat = method.computeFormat() != null && a.peak(method.computeFormat()) != null ? method.computeFormat() : null;
        if (nativeFormat != null && (requestedCompute == null || requestedCompute.equals(nativeFormat))) {
            return new Native(true, nativeFormat, "runs " + method.id + " matmuls natively (the catalog lists a " + nativeFormat + " peak)");
        }
        String fallback = requestedCompute != null ? requestedCompute
                : List.of("fp16", "bf16", "fp32").stream().filter(f -> a.peak(f) != null).findFirst().orElse(null);
        boolean hasFallback = fallback != null && a.peak(fallback) != null;
        if (!hasFallback) {
            return new Native(false, null, a.name() + " has no " + (requestedCompute != null ? requestedCompute : "16-bit or fp32")
                    + " mode to compute " + method.id + " weights in");
        }
        String why = method.computeFormat() == null
                ? method.id + " is weight-only quantization"
                : a.name() + " has no " + method.id + " tensor-core mode";
        return new Native(false, fallback, why + ": weights are dequantized to " + fallback + " in the kernel — memory saved, no compute speed-up");
    }

    public Resolved resolve(EstimateRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if ((r.modelId() == null) == (r.model() == null)) {
            errors.add(new FieldError("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)"));
        }
        Method method = Method.fromId(r.weightFormat()).orElse(null);
        if (method == null) {
            errors.add(new FieldError("weightFormat", "'" + r.weightFormat() + "' is not a format; see GET /v1/formats"));
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
        Shape shape = modelId != null ? shape(facts.model(modelId)) : shape(r.model());
        List<String> warnings = new ArrayList<>();
        if (shape.maxSequenceLength() != null && r.contextLength() > shape.maxSequenceLength()) {
            if (!Boolean.TRUE.equals(r.allowLongContext())) {
                throw ApiException.invalidField("contextLength", "is " + r.contextLength() + ", beyond " + shape.name() + "'s maximum of "
                        + shape.maxSequenceLength() + " tokens; set allowLongContext to true to estimate it anyway");
            }
            warnings.add("contextLength " + r.contextLength() + " exceeds the model's trained maximum of " + shape.maxSequenceLength()
                    + " tokens: quality beyond it is not covered by the guidance");
        }
        String mode = r.mode() == null ? "inference" : r.mode();
        if ("qlora".equals(mode) && method.layout != Method.Layout.BLOCKWISE4) {
            warnings.add("QLoRA is defined on a 4-bit NormalFloat base (nf4); " + method.id + " is estimated as a LoRA on that base");
        }
        return new Resolved(modelId, shape, method, options, kv, mode, r.batch() == null ? 1 : r.batch(), r.contextLength(), warnings);
    }

    static Options options(EstimateRequest r, Method method, List<FieldError> errors) {
        Options defaults = Options.defaults(method);
        boolean blockwise = method.layout == Method.Layout.BLOCKWISE4 || method.layout == Method.Layout.FP8;
        boolean grouped = method.layout == Method.Layout.GPTQ || method.layout == Method.Layout.AWQ;
        if (r.blockSize() != null && !blockwise) {
            errors.add(new FieldError("blockSize", "is defined for int4, fp4, nf4 and fp8 block scaling, not " + method.id + (grouped ? " (use groupSize)" : "")));
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
                || method.layout == Method.Layout.BLOCKWISE4) && !List.of("fp16", "bf16", "fp32").contains(r.computeFormat())) {
            errors.add(new FieldError("computeFormat", method.id + " kernels dequantize to fp16/bf16; " + r.computeFormat() + " is not a combination the method defines"));
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
                r.outlierThreshold() != null ? r.outlierThreshold() : defaults.outlierThreshold());
    }

    static Shape shape(CatalogModel m) {
        if (m.hiddenSize() == null || m.attentionHeads() == null || m.ffnSize() == null || m.vocabSize() == null) {
            throw ApiException.invalidField("modelId", "'" + m.id() + "' is not a transformer with a full shape in the catalog");
        }
        int heads = m.attentionHeads();
        boolean gated = "swiglu".equals(m.ffnKind()) || "geglu".equals(m.ffnKind());
        return new Shape(m.id(), m.layers(), m.hiddenSize(), heads, m.kvHeads() == null ? heads : m.kvHeads(),
                m.headDim() != null ? m.headDim() : m.hiddenSize() / heads, m.ffnSize(), gated, m.vocabSize(),
                Boolean.TRUE.equals(m.tiedEmbeddings()), m.maxSequenceLength(), m.parameterCount());
    }

    static Shape shape(EstimateRequest.ModelShape m) {
        int heads = m.attentionHeads();
        int kv = m.kvHeads() == null ? heads : m.kvHeads();
        if (heads % kv != 0) {
            throw ApiException.invalidField("model.kvHeads", "must divide attentionHeads (" + heads + ")");
        }
        boolean gated = "swiglu".equals(m.ffnKind()) || "geglu".equals(m.ffnKind());
        return new Shape(m.name(), m.layers(), m.hiddenSize(), heads, kv, m.headDim() != null ? m.headDim() : m.hiddenSize() / heads,
                m.ffnSize(), gated, m.vocabSize(), Boolean.TRUE.equals(m.tiedEmbeddings()), m.maxSequenceLength(), null);
    }
}
