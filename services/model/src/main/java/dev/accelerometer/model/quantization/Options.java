package dev.accelerometer.model.quantization;

/**
 * Method parameters. {@code group}: block size (bitsandbytes 4-bit, fp8 block scaling, the microscaling formats' k) or group
 * size (GPTQ/AWQ), 0 for none (per-tensor or per-row scales). {@code vectorWise}: int8 with a scale per output row instead of
 * per tensor. {@code expertsOnly}: only a mixture of experts' routed experts are quantized, every other linear layer stays
 * 16-bit (bf16) — as gpt-oss ships, its MoE weights in MXFP4 and attention in bf16.
 */
public record Options(int group, boolean doubleQuantization, boolean vectorWise, double outlierThreshold, boolean expertsOnly) {
    /** LLM.int8()'s outlier threshold: feature magnitudes ≥ 6 go to the fp16 path (Dettmers et al. 2022, §3.2). */
    public static final double DEFAULT_OUTLIER_THRESHOLD = 6.0;
    /** Second-level block of double quantization (QLoRA §3). */
    public static final int DOUBLE_QUANT_BLOCK = 256;

    /** Every linear layer of the transformer blocks quantized. */
    public Options(int group, boolean doubleQuantization, boolean vectorWise, double outlierThreshold) {
        this(group, doubleQuantization, vectorWise, outlierThreshold, false);
    }

    public static Options defaults(Method method) {
        return new Options(method.defaultGroup(), method == Method.NF4, method == Method.LLM_INT8, DEFAULT_OUTLIER_THRESHOLD);
    }
}
