package dev.accelerometer.model.quantization;

import java.util.ArrayList;
import java.util.List;

/** Quality risk of a format for a model size, as a class plus the published evidence — never an invented perplexity. */
public final class Guidance {
    /** Scale from which systematic outlier features emerge and break naive 8-bit quantization (Dettmers et al. 2022; ledger mem-13). */
    public static final double OUTLIER_EMERGENCE_PARAMETERS = 6.7e9;

    public enum Risk { NEGLIGIBLE, LOW, MODERATE, HIGH, SEVERE }

    public record Evidence(String claim, String reference) {
    }

    public record Result(Risk risk, String summary, List<Evidence> evidence, String highPrecisionParts) {
    }

    static final String LLM_INT8 = "Dettmers, Lewis, Belkada, Zettlemoyer 2022, 'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale' (NeurIPS)";
    static final String KBIT = "Dettmers & Zettlemoyer 2023, 'The case for 4-bit precision: k-bit Inference Scaling Laws' (ICML)";
    static final String QLORA = "Dettmers, Pagnoni, Holtzman, Zettlemoyer 2023, 'QLoRA: Efficient Finetuning of Quantized LLMs' (NeurIPS)";
    static final String GPTQ = "Frantar, Ashkboos, Hoefler, Alistarh 2023, 'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers' (ICLR)";
    static final String AWQ = "Lin et al. 2024, 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration' (MLSys)";
    static final String FP8 = "Micikevicius et al. 2022, 'FP8 Formats for Deep Learning' (arXiv:2209.05433)";
    static final String MX = "Rouhani et al. 2023, 'Microscaling Data Formats for Deep Learning' (arXiv:2310.10537)";
    static final String NVFP4 = "NVIDIA Technical Blog 2025, 'Introducing NVFP4 for Efficient and Accurate Low-Precision Inference', Table 1 "
            + "(read 2026-12-03)";
    static final String GPT_OSS = "OpenAI 2025, gpt-oss-120b & gpt-oss-20b model card (quantization section, quoted in the model's Hugging Face "
            + "discussions; read 2026-12-03)";

    public static Result of(Method method, Options options, long parameters) {
        List<Evidence> evidence = new ArrayList<>();
        Risk risk;
        String summary;
        switch (method.layout) {
            case FLOAT -> {
                risk = Risk.NEGLIGIBLE;
                summary = method.bits >= 16 ? "16/32-bit floating point: the reference precision." : "";
                evidence.add(new Evidence("16-bit (fp16/bf16) inference is the baseline the quantization papers compare against", LLM_INT8));
            }
            case FP8 -> {
                risk = Risk.LOW;
                summary = "8-bit floating point with scaling: post-training fp8 matches 16-bit accuracy on the evaluated models.";
                evidence.add(new Evidence("fp8 (e4m3 weights/activations, e5m2 gradients) matches 16-bit results for inference and training across "
                        + "the studied networks, including LLMs up to 175B", FP8));
            }
            case INT8 -> {
                boolean large = parameters >= OUTLIER_EMERGENCE_PARAMETERS;
                risk = large ? Risk.HIGH : Risk.LOW;
                summary = large
                        ? "Naive absmax int8 breaks down at this scale: systematic outlier features emerge from about 6.7B parameters."
                        : "Absmax int8 holds below about 6.7B parameters, before outlier features emerge.";
                evidence.add(new Evidence("outlier features with magnitudes up to 20× emerge systematically in all layers from ~6.7B parameters; "
                        + "vector-wise/absmax int8 then loses accuracy sharply (ledger mem-13)", LLM_INT8));
            }
            case LLM_INT8 -> {
                risk = Risk.NEGLIGIBLE;
                summary = "LLM.int8(): no degradation at any scale — outlier dimensions (|x| ≥ " + options.outlierThreshold() + ") run in fp16.";
                evidence.add(new Evidence("mixed-precision decomposition keeps ~0.1 % of feature dimensions in fp16 and matches 16-bit perplexity "
                        + "and zero-shot accuracy up to 175B parameters", LLM_INT8));
            }
            case BLOCKWISE4, GPTQ, AWQ -> {
                int group = options.group();
                if (method.bits == 4) {
                    risk = group > 128 ? Risk.MODERATE : Risk.LOW;
                    summary = "4-bit with small blocks is the accuracy-per-bit optimum for a fixed memory budget"
                            + (group > 128 ? "; blocks above 128 lose some of that accuracy." : ".");
                    evidence.add(new Evidence("across model families and scales, 4-bit precision with block size ≤ 128 maximises zero-shot accuracy "
                            + "for a given total model bits", KBIT));
                    if (method == Method.NF4) {
                        evidence.add(new Evidence("NF4 is information-theoretically optimal for normally distributed weights and beats FP4 and Int4; "
                                + "4-bit QLoRA matches 16-bit full fine-tuning", QLORA));
                    }
                    if (method.layout == Method.Layout.GPTQ) {
                        evidence.add(new Evidence("4-bit GPTQ keeps OPT/BLOOM-175B perplexity within a few tenths of fp16", GPTQ));
                    }
                    if (method.layout == Method.Layout.AWQ) {
                        evidence.add(new Evidence("protecting ~1 % salient weight channels (activation-aware scaling) keeps 4-bit accuracy close to fp16", AWQ));
                    }
                } else if (method.bits == 3) {
                    risk = Risk.MODERATE;
                    summary = "3-bit degrades measurably, more for smaller models.";
                    evidence.add(new Evidence("below 4 bits accuracy per bit drops: 3-bit is dominated by 4-bit at equal memory", KBIT));
                    evidence.add(new Evidence("3-bit GPTQ stays usable on 175B models but loses more perplexity on small ones", GPTQ));
                } else {
                    risk = Risk.SEVERE;
                    summary = "2-bit collapses accuracy except, partly, on the largest models with small groups.";
                    evidence.add(new Evidence("2-bit GPTQ only approaches usable perplexity on the largest models with very small groups", GPTQ));
                    evidence.add(new Evidence("2-bit sits far below the 4-bit accuracy-per-bit optimum", KBIT));
                }
            }
            case GGUF -> {
                risk = Risk.LOW;
                summary = String.format(java.util.Locale.ROOT, "llama.cpp %s: %s-bit blocks of %d weights with their own scales%s; block-wise k-bit "
                        + "weights at 4 bits and above sit at or beyond the accuracy-per-bit optimum.", method.id, method.bits,
                        Gguf.base(method).elements, method == Method.Q4_K_M || method == Method.Q5_K_M
                                ? ", the attention V and FFN down projections of about half the layers and the output head at 6 bits (Q6_K)" : "");
                evidence.add(new Evidence("across model families and scales, 4-bit precision with block size ≤ 128 maximises zero-shot accuracy "
                        + "for a given total model bits; more bits per weight add memory faster than accuracy", KBIT));
            }
            case MICROSCALING -> {
                if (method == Method.MXFP8) {
                    risk = Risk.LOW;
                    summary = "MXFP8: fp8 values with a power-of-two scale per 32 weights — a drop-in for 16-bit inference.";
                    evidence.add(new Evidence("MX formats are a drop-in replacement for FP32 inference and training across over two dozen "
                            + "benchmarks with low user friction (direct cast at 8 bits)", MX));
                } else if (method == Method.NVFP4) {
                    risk = Risk.LOW;
                    summary = "NVFP4: 4-bit floats with an fp8 scale per 16 weights and a per-tensor fp32 scale; NVIDIA rates its accuracy "
                            + "risk against FP8 lower than MXFP4's.";
                    evidence.add(new Evidence("NVFP4's finer blocks (16) and fp8 scales lower the risk of a noticeable accuracy drop against "
                            + "FP8, where FP4 and MXFP4 risk one", NVFP4));
                    evidence.add(new Evidence("4-bit weights with blocks of at most 128 maximise accuracy for a given total model bits", KBIT));
                } else {
                    risk = Risk.MODERATE;
                    summary = "MXFP4: 4-bit floats with a power-of-two scale per 32 weights. Cast from a 16-bit model it risks a noticeable "
                            + "accuracy drop against FP8; a model post-trained in it (gpt-oss's MoE weights) is released that way.";
                    evidence.add(new Evidence("FP4 and MXFP4 risk a noticeable accuracy drop compared to FP8", NVFP4));
                    evidence.add(new Evidence("gpt-oss is post-trained with its MoE weights quantized to MXFP4 (4.25 bits per parameter), "
                            + "90+ % of its parameters, so the 120b model fits on a single 80 GB GPU", GPT_OSS));
                }
            }
            default -> throw new IllegalStateException(method.layout.name());
        }
        String highPrecision = method.layout == Method.Layout.GGUF
                ? "token embedding and output head quantized too (the head at Q6_K unless the file is Q8_0); norms and biases 32-bit"
                : options.expertsOnly()
                ? "only the routed experts are quantized: attention, routers, shared experts, embeddings, output head and norms stay 16-bit"
                : method.linearLayersOnly()
                ? "embeddings, output head and norms stay in 16-bit; only the transformer blocks' linear layers are quantized"
                : "every tensor in " + method.id;
        return new Result(risk, summary, evidence, highPrecision);
    }

    /** Risk of a KV-cache format. */
    public static Result kvCache(KvFormat format) {
        return switch (format) {
            case FP32, FP16, BF16 -> new Result(Risk.NEGLIGIBLE, "16/32-bit KV cache: the reference.", List.of(), "");
            case FP8, INT8 -> new Result(Risk.LOW, "8-bit KV cache with scaling loses little.",
                    List.of(new Evidence("8-bit formats preserve accuracy where values are scaled per tensor or per token", FP8)), "");
            case INT4 -> new Result(Risk.MODERATE, "4-bit KV cache needs per-token or per-channel scales and loses some accuracy.",
                    List.of(new Evidence("below 8 bits accuracy depends on fine-grained scaling", KBIT)), "");
        };
    }
}
