package dev.accelerometer.model.serving;

import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.LinkKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The serving runtime around a replica's kernels, characterised as {@link dev.accelerometer.model.workload.Runtime} does
 * for batch-1 decode: the share of the modelled kernel speed its iterations reach. What the share stands for is what the
 * iteration model does not price — sampling and detokenization, the scheduler, padding of CUDA-graph batch sizes, paged
 * attention's indirection, imperfect overlap — measured end to end on published offline (max-throughput) runs.
 * <p>
 * What a request spends before the engine sees it (the front end) is a second constant, derived from online runs.
 * {@code TENSORRT_LLM}'s share is derived from the TensorRT-LLM performance tables' 1000/1000-token rows (catalog ledger
 * srv-05, srv-07, srv-12, srv-14, srv-17, srv-22, srv-23, srv-27, srv-28, srv-30, moe-24, moe-27: A100 fp16 and H100/H200
 * fp8, 8B to 405B, one to eight GPUs, dense and Mixtral) as the geometric mean of measured ÷ modelled output throughput
 * (ServingRuntimesTest re-derives it); every other row of those tables, the online rows and the MLPerf and NIM runs are
 * held out. vLLM's share is derived the same way from its own offline runs (ledger V33); SGLang's few runs (DeepSeek-R1 on
 * 8 × H200) are not enough to derive one: it takes TensorRT-LLM's as an assumption, which the answer states, and quotes the
 * band of its own held-out runs.
 */
public enum ServingRuntime {
    KERNELS("kernels", 1, 0, false, false, "the kernels alone: no runtime time around them (an upper bound)"),
    TENSORRT_LLM("tensorrt-llm", Constants.TENSORRT_LLM_SHARE, Constants.TENSORRT_LLM_REQUEST_SECONDS, true, true,
            "TensorRT-LLM in-flight batching: %.3f × the kernels' modelled speed (derived from 12 offline runs of its performance tables), "
                    + "%.1f ms from a request's arrival to the engine (derived from 3 online runs)"),
    VLLM("vllm", Constants.VLLM_SHARE, Constants.TENSORRT_LLM_REQUEST_SECONDS, true, false,
            "vLLM: %.3f × the kernels' modelled speed (derived from 4 offline vLLM runs on H200 and MI300X), %.1f ms from arrival to the "
                    + "engine (TensorRT-LLM's front end, assumed)"),
    SGLANG("sglang", Constants.TENSORRT_LLM_SHARE, Constants.TENSORRT_LLM_REQUEST_SECONDS, false, false,
            "SGLang: assumed at TensorRT-LLM's %.3f × the kernels' modelled speed and %.1f ms from arrival to the engine (its ledger runs, "
                    + "DeepSeek-R1 on 8 × H200 only, are held out as its validation cases; their band is quoted)"),
    INTEL_GAUDI("intel-gaudi", Constants.INTEL_GAUDI_SHARE, Constants.TENSORRT_LLM_REQUEST_SECONDS, true, false,
            "Intel's Gaudi software (PyTorch with HPU graphs, static batches, as Intel's model-performance pages run it): %.3f × the kernels' "
                    + "modelled speed (derived from the 4 Llama 2 7B cells of its Gaudi 2 table), %.1f ms from arrival to the engine "
                    + "(TensorRT-LLM's front end, assumed)");

    /** The derived constants (their derivation: ServingRuntimesTest). */
    public static final class Constants {
        private Constants() {
        }

        public static final double TENSORRT_LLM_SHARE = 0.795;
        /**
         * vLLM's share, derived from its own decode-dominated offline runs (costing ServingCalibrationTest re-derives it from
         * ledger vsr-01, vsr-09, vsr-13, vsr-17: DeepSeek-R1 on 8 × H200 under vLLM 0.8.4, Llama 3.1 70B/405B fp8 on 8 × MI300X
         * under AMD's ROCm vLLM 0.9.1 and Oracle's run, MI300X's fp8 GEMMs at Gemm.CDNA3_FP8_SHARE); its spread there is
         * 0.58–0.68. It mixes vLLM with what those runs' hardware and kernels add (ROCm on MI300X, DeepSeek's MLA and experts),
         * which the answer's band states. Each run is costed as launched: the batch limit AMD's table states (max-num-seqs) and, for
         * DeepSeek-R1 under vLLM 0.8.4, its bf16 KV cache and 8,192-token iterations (catalog V74; 0.625 before, with fp8 caches and
         * the validation's own limits; 0.619 before costing V20 priced the MI300X's memory-bound work at CDNA 3's measured bandwidth
         * fraction; 0.6248 before tensor-parallel all-reduces ran on vLLM's custom all-reduce, {@link #VLLM_CUSTOM_ALL_REDUCE_SECONDS}).
         */
        public static final double VLLM_SHARE = 0.6119;
        /**
         * Front-end time per request (Triton's HTTP/gRPC, tokenization, hand-off to the engine), measured as the TTFT the
         * model misses on TensorRT-LLM's low-load online runs srv-32, srv-38 and srv-43; the other online runs are held out (5.5 ms
         * before the 4-way tensor-parallel prefill of srv-32 ran its all-reduces on TensorRT-LLM's custom kernels).
         */
        public static final double TENSORRT_LLM_REQUEST_SECONDS = 0.0059;
        /**
         * Intel's Gaudi software stack as its model-performance pages run inference (Intel Gaudi software 1.18, PyTorch 2.4; the page
         * names no serving framework): the geometric mean of measured ÷ modelled output throughput over the Llama 2 7B fp8 cells of
         * its Gaudi 2 table (ledger gdi-01 … gdi-04: 128/128, 128/2048, 2048/128 and 2048/2048 tokens at static batches of 1,230, 163,
         * 94 and 81; costing ServingCalibrationTest re-derives it), with Gaudi 2's GEMM ceiling (costing V14). Its other models, its
         * multi-card cells and the whole Gaudi 3 table are held out (category gaudi-serving-throughput).
         */
        public static final double INTEL_GAUDI_SHARE = 0.870;
        /**
         * Message sizes of the custom all-reduce tables below, bytes: 512, 4,096, 32,768, 262,144, 524,288 and 1,048,576 bf16 elements
         * (the sizes of sgl-project/sglang's custom all-reduce unit test, test_trt_reduce.py: "1KB to 1MB" for the first five).
         */
        static final double[] CUSTOM_ALL_REDUCE_BYTES = {1024, 8192, 65536, 524288, 1048576, 2097152};
        /**
         * vLLM's custom all-reduce on H100s over NVLink, seconds per message size, in tensor-parallel groups of 2, 4 and 8: the "vllm"
         * table of sgl-project/sglang PR #2904 ("unit test performance in H100 (without cuda graph)", read 2026-12-03), as printed.
         */
        static final double[][] VLLM_CUSTOM_ALL_REDUCE_SECONDS = {
                {9.5e-6, 8.8e-6, 8.7e-6, 12.9e-6, 17.7e-6, 26.6e-6},
                {9.1e-6, 8.5e-6, 9.2e-6, 20.6e-6, 26.9e-6, 40.2e-6},
                {10.1e-6, 9.3e-6, 11.8e-6, 24.1e-6, 30.4e-6, 45.0e-6}};
        /**
         * The same for TensorRT-LLM's custom all-reduce kernels as SGLang runs them (the same PR's "custom allreduce" table: SGLang's
         * adoption of "tensorrt llm kernel"s).
         */
        static final double[][] TENSORRT_LLM_CUSTOM_ALL_REDUCE_SECONDS = {
                {3.7e-6, 3.9e-6, 4.5e-6, 7.9e-6, 12.5e-6, 19.9e-6},
                {4.8e-6, 3.7e-6, 4.8e-6, 13.9e-6, 20.2e-6, 31.1e-6},
                {5.9e-6, 5.7e-6, 7.8e-6, 16.7e-6, 22.1e-6, 33.8e-6}};
    }

    private final String slug;
    private final double kernelShare;
    private final double requestSeconds;
    private final boolean calibrated;
    private final boolean cacheOfFreeMemory;
    private final String description;

    ServingRuntime(String slug, double kernelShare, double requestSeconds, boolean calibrated, boolean cacheOfFreeMemory, String description) {
        this.slug = slug;
        this.kernelShare = kernelShare;
        this.requestSeconds = requestSeconds;
        this.cacheOfFreeMemory = cacheOfFreeMemory;
        this.calibrated = calibrated;
        this.description = description;
    }

    public String slug() {
        return slug;
    }

    /** The share of the modelled kernel speed the runtime's iterations reach. */
    public double kernelShare() {
        return kernelShare;
    }

    /** Seconds from a request's arrival until the engine's scheduler sees it (front end, tokenization). */
    public double requestSeconds() {
        return requestSeconds;
    }

    /**
     * Whether the memory fraction the runtime is given applies to what the weights and workspace leave (TensorRT-LLM's
     * free_gpu_memory_fraction) rather than to the whole device (vLLM's gpu_memory_utilization, SGLang's mem_fraction_static).
     */
    public boolean cacheOfFreeMemory() {
        return cacheOfFreeMemory;
    }

    /** Whether the share was derived from this runtime's own measurements. */
    public boolean calibrated() {
        return calibrated;
    }

    /**
     * Before a validation category of mixtures of experts' runs (costing's moe-serving-throughput, ahead of any runtime's prefix):
     * their band is their own, and a MoE answer quotes it.
     */
    public static final String MOE_VALIDATION_PREFIX = "moe-";

    /**
     * Before a validation category of mixtures of experts' runs served expert parallel (attention data parallel over an expert-parallel
     * group: costing's moe-ep-serving-throughput, moe-ep-sglang-serving-latency, …): an expert-parallel answer quotes it.
     */
    public static final String EXPERT_PARALLEL_VALIDATION_PREFIX = "moe-ep-";

    /**
     * The prefix of the validation categories this runtime's published runs are kept in (costing's vllm-serving-throughput,
     * gaudi-serving-latency, …), so that an answer under it quotes their band; empty for TensorRT-LLM's, the unprefixed categories,
     * and for the kernels alone.
     */
    public String validationPrefix() {
        return switch (this) {
            case VLLM, SGLANG -> slug + "-";
            case INTEL_GAUDI -> "gaudi-";
            default -> "";
        };
    }

    /**
     * The KV cache's element format when a request does not name one. vLLM's and SGLang's {@code --kv-cache-dtype} defaults to
     * {@code auto}, the model's own 16-bit dtype whatever the weights' format (vLLM v0.8.4 engine arguments: "If \"auto\", will use
     * model data type"; SGLang v0.4.5 server_args.py the same; an FP8 checkpoint such as DeepSeek-R1 declares bf16; catalog V74);
     * TensorRT-LLM's FP8 checkpoints quantize the cache with the weights, and the other runtimes are modelled so: fp8 with fp8
     * weights, and with fp4 weights too (NVIDIA's FP4 checkpoints quantize the cache to fp8). 16-bit weights keep a cache of their own
     * format.
     */
    public Format defaultKvCache(Format weights) {
        if (!weights.gemmOnly()) {
            return weights;
        }
        return this == VLLM || this == SGLANG ? Format.BF16 : Format.FP8;
    }

    /**
     * The custom all-reduce this runtime's tensor-parallel group of {@code t} devices runs over {@code link} for a message of a given
     * size (bytes → seconds), taken where faster than NCCL's ring: TensorRT-LLM's kernels under TensorRT-LLM, SGLang and the kernels
     * alone, vLLM's under vLLM, over NVLink and NVSwitch in groups of up to 8 (a group of 3 takes 4's table, 5 to 7 take 8's): the
     * measured H100 table ({@link Constants#CUSTOM_ALL_REDUCE_BYTES}), linear between its sizes, its first value below them and its
     * last slope beyond. vLLM's also over AMD's Infinity Fabric, where its ROCm build runs its custom all-reduce — assumed at its
     * NVLink times. Empty elsewhere: NCCL's (or HCCL's) ring.
     */
    public Optional<DoubleUnaryOperator> customAllReduceSeconds(int t, LinkKind link) {
        boolean nvlink = link == LinkKind.NVLINK || link == LinkKind.NVSWITCH;
        double[][] table = switch (this) {
            case TENSORRT_LLM, SGLANG, KERNELS -> nvlink ? Constants.TENSORRT_LLM_CUSTOM_ALL_REDUCE_SECONDS : null;
            case VLLM -> nvlink || link == LinkKind.INFINITY_FABRIC ? Constants.VLLM_CUSTOM_ALL_REDUCE_SECONDS : null;
            default -> null;
        };
        if (table == null || t < 2 || t > 8) {
            return Optional.empty();
        }
        double[] seconds = table[t <= 2 ? 0 : t <= 4 ? 1 : 2];
        double[] sizes = Constants.CUSTOM_ALL_REDUCE_BYTES;
        return Optional.of(bytes -> {
            int i = 1;
            while (i < sizes.length - 1 && bytes > sizes[i]) {
                i++;
            }
            double slope = (seconds[i] - seconds[i - 1]) / (sizes[i] - sizes[i - 1]);
            return bytes <= sizes[0] ? seconds[0] : seconds[i - 1] + (bytes - sizes[i - 1]) * slope;
        });
    }

    public static Optional<ServingRuntime> fromSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }

    /** What the answer says about the runtime. */
    public String describe() {
        String text = this == KERNELS ? description : String.format(Locale.ROOT, description, kernelShare, requestSeconds * 1e3);
        return switch (this) {
            case TENSORRT_LLM, SGLANG, KERNELS -> text + "; tensor-parallel all-reduces over NVLink by TensorRT-LLM's custom all-reduce "
                    + "kernels where faster than NCCL's ring (their H100 times per message size, sglang PR #2904)";
            case VLLM -> text + "; tensor-parallel all-reduces over NVLink by vLLM's custom all-reduce where faster than NCCL's ring (its H100 "
                    + "times per message size, sglang PR #2904; over Infinity Fabric assumed the same)";
            default -> text;
        };
    }
}
