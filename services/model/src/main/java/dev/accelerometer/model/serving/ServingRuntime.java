package dev.accelerometer.model.serving;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The serving runtime around a replica's kernels, characterised as {@link dev.accelerometer.model.workload.Runtime} does
 * for batch-1 decode: the share of the modelled kernel speed its iterations reach. What the share stands for is what the
 * iteration model does not price — sampling and detokenization, the scheduler, padding of CUDA-graph batch sizes, paged
 * attention's indirection, imperfect overlap — measured end to end on published offline (max-throughput) runs.
 * <p>
 * {@code TENSORRT_LLM}'s share is derived from the TensorRT-LLM performance tables' 1000/1000-token rows (catalog ledger
 * srv-05, srv-07, srv-12, srv-14, srv-17, srv-22, srv-23, srv-27, srv-28, srv-30, moe-24, moe-27: A100 fp16 and H100/H200
 * fp8, 8B to 405B, one to eight GPUs, dense and Mixtral) as the geometric mean of measured ÷ modelled output throughput
 * (ServingRuntimesTest re-derives it); every other row of those tables, the online rows and the MLPerf and NIM runs are
 * held out. vLLM and SGLang have no offline run with stated lengths in the ledger: they take TensorRT-LLM's share as an
 * assumption, which the answer states and whose band is widened.
 */
public enum ServingRuntime {
    KERNELS("kernels", 1, false, "the kernels alone: no runtime time around them (an upper bound)"),
    TENSORRT_LLM("tensorrt-llm", Constants.TENSORRT_LLM_SHARE, true,
            "TensorRT-LLM in-flight batching: %.3f × the kernels' modelled speed (derived from 12 offline runs of its performance tables)"),
    VLLM("vllm", Constants.TENSORRT_LLM_SHARE, false,
            "vLLM: assumed at TensorRT-LLM's %.3f × the kernels' modelled speed (no vLLM offline run with stated lengths in the ledger; wider band)"),
    SGLANG("sglang", Constants.TENSORRT_LLM_SHARE, false,
            "SGLang: assumed at TensorRT-LLM's %.3f × the kernels' modelled speed (no SGLang offline run with stated lengths in the ledger; wider band)");

    /** The derived constants (their derivation: ServingRuntimesTest). */
    public static final class Constants {
        private Constants() {
        }

        public static final double TENSORRT_LLM_SHARE = 0.805;
    }

    private final String slug;
    private final double kernelShare;
    private final boolean calibrated;
    private final String description;

    ServingRuntime(String slug, double kernelShare, boolean calibrated, String description) {
        this.slug = slug;
        this.kernelShare = kernelShare;
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

    /** Whether the share was derived from this runtime's own measurements. */
    public boolean calibrated() {
        return calibrated;
    }

    public static Optional<ServingRuntime> fromSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }

    /** What the answer says about the runtime. */
    public String describe() {
        return this == KERNELS ? description : String.format(Locale.ROOT, description, kernelShare);
    }
}
