package dev.accelerometer.model.quantization;

/**
 * Method parameters. {@code group}: block size (bitsandbytes 4-bit, fp8 block scaling) or group size (GPTQ/AWQ), 0 for
 * none (per-tensor or per-row scales). {@code vectorWise}: int8 with a scale per output row instead of per tensor.
 */
public record Options(int group, boolean doubleQuantization, boolean vectorWise, double outlierThreshold) {
    /** LLM.int8()'s outlier threshold: feature magnitudes ≥ 6 go to the fp16 path (Dettmers et al. 2022, §3.2). */
    public static final double DEFAULT_OUTLIER_THRESHOLD = 6.0;
    /** Second-level block of double quantization (QLoRA §3). */
    public static final int DOUBLE_QUANT_BLOCK = 256;

    public static Options defaults(Method method) {
        return new Options(method.defaultGroup(), method == Method.NF4, method == Method.LLM_INT8, DEFAULT_OUTLIER_THRESHOLD);
    }
}
