package dev.accelerometer.common.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.architecture.Transformer;

/**
 * The rules a {@code tensorParallel} request field follows wherever it is taken (costing's model requests, quantization's
 * estimates): the ways must divide the heads, and only the modelled kernels run tensor-parallel.
 */
public final class TensorParallelChoice {
    private TensorParallelChoice() {
    }

    /** 400 naming {@code tensorParallel} or {@code runtime} when {@code t}-way tensor parallelism of {@code m} under {@code runtime} is not timed. */
    public static void check(Transformer m, int t, String runtime) {
        if (m.heads() % t != 0) {
            throw ApiException.invalidField("tensorParallel", "must divide the model's " + m.heads() + " attention heads");
        }
        if (runtime != null && !"kernels".equals(runtime)) {
            throw ApiException.invalidField("runtime", "with tensorParallel only 'kernels' (the modelled kernels and NCCL all-reduces, as "
                    + "TensorRT-LLM and vLLM run them): the other runtimes' constants were derived on one device; leave runtime out");
        }
    }
}
