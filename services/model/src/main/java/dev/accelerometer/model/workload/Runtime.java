package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.kernel.OpCost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inference runtime around a decode step's kernels, each characterised by one derived constant from published
 * batch-1 decode measurements (catalog ledger dec-20 …, re-derived by the model test DecodeRuntimesTest): an eager
 * framework is host-bound — Python and the framework dispatch every operation, so a token takes a fixed host time per
 * layer whatever the GPU, unless the kernels take longer — while a compiled or graph-captured runtime is device-bound
 * and runs at its own multiple of the speed the model gives its kernels (above 1 where graph capture or compiled kernels
 * beat the per-kernel launch latency and bandwidth fraction the model charges). {@code KERNELS} is the kernels alone (the
 * default).
 */
public enum Runtime {
    KERNELS("kernels", 0, 1, 0, "the kernels alone: no framework time between them"),
    /** Hugging Face transformers generate() in eager PyTorch (2023): ledger dec-49 (A100) and dec-56 (RTX A6000). */
    HF_TRANSFORMERS("hf-transformers", Constants.HF_HOST_SECONDS_PER_LAYER, 1, 0,
            "eager PyTorch: host dispatch of every operation, %.2f ms per layer per token (ledger dec-49, dec-56)"),
    /** pytorch-labs gpt-fast, torch.compile with CUDA graphs: ledger dec-45 (A100, bf16). */
    GPT_FAST("gpt-fast", 0, Constants.GPT_FAST_SHARE, 0, "torch.compile with CUDA graphs: %.2f × the kernels' modelled speed (ledger dec-45)"),
    /**
     * llama.cpp as built in 2025 (CUDA graphs on by default since mid-2024, newer MMVQ kernels): ledger dec-71 (RTX 3090) and dec-68
     * (RTX 4090), Q4_0, from llama.cpp's CUDA scoreboard; the scoreboard's other rows held out (dec-67, dec-73 … dec-90: the 11
     * GDDR cards of Ampere, Ada and Blackwell within 10.4 %, median 5.0 %; Turing's 11–25 % and the T4's 44 % and the P100's 44 %
     * over, which this share does not know).
     */
    LLAMA_CPP("llama-cpp", 0, Constants.LLAMA_CPP_SHARE, 0, "llama.cpp (2025 builds, CUDA graphs): %.2f × the kernels' modelled speed "
            + "(ledger dec-68, dec-71)"),
    /** llama.cpp of April 2024 with CUDA graphs (NVIDIA's PR #6766): ledger dec-24 (RTX 3090) and dec-26 (RTX 4090), Q4_0. */
    LLAMA_CPP_2024("llama-cpp-2024", 0, Constants.LLAMA_CPP_2024_SHARE, 0, "llama.cpp of April 2024 with CUDA graphs: %.2f × the kernels' "
            + "modelled speed (ledger dec-24, dec-26)"),
    /**
     * llama.cpp launching every kernel from the host (builds before CUDA graphs, May 2024, and where llama.cpp turns them off):
     * the same kernels plus a launch time per layer per token, from the April 2024 pairs that differ only in graph capture
     * (ledger dec-23/24 on an RTX 3090, dec-25/26 on an RTX 4090).
     */
    LLAMA_CPP_NO_CUDA_GRAPHS("llama-cpp-no-cuda-graphs", 0, Constants.LLAMA_CPP_2024_SHARE, Constants.LLAMA_CPP_LAUNCH_SECONDS_PER_LAYER,
            "llama.cpp without CUDA graphs: %.2f × the kernels' modelled speed (ledger dec-24, dec-26) plus %.1f µs of kernel launches per "
                    + "layer per token (ledger pairs dec-23/24, dec-25/26)"),
    /**
     * llama.cpp's Metal backend on Apple silicon (the same engine, Metal kernels on the unified memory). Each weight format has
     * its own mat-vec kernel, and the block formats' dequantization on the SIMD lanes costs them more of the memory's pace: one
     * share per kernel ({@link #kernelShare(double)}) and one time per layer per token around the kernels, fitted together to the
     * M1 Max 32-core and the M2 Ultra 76-core rows of llama.cpp's Apple silicon table (discussion #4167): Q4_0 ledger apl-01/apl-13,
     * Q8_0 apl-02/apl-14, fp16 apl-03/apl-15; the table's other chips, M1 7-core to M4 Max 40-core, held out.
     */
    LLAMA_CPP_METAL("llama-cpp-metal", 0, Constants.LLAMA_CPP_METAL_SHARE, Constants.LLAMA_CPP_METAL_SECONDS_PER_LAYER, "llama.cpp on "
            + "Metal (Apple silicon): each weight format's mat-vec kernel at its share of the kernels' modelled speed — fp16 %.2f "
            + "(ledger apl-03, apl-15), Q8_0 and other 8-bit formats %.2f (apl-02, apl-14), Q4_0 %.2f (apl-01, apl-13), also assumed for "
            + "the other block formats (K-quants, Q5, Q6_K), which no run measures on Metal — plus %.1f µs per layer per token of "
            + "command encoding and dispatch (fitted with the shares to the same runs)"),
    /** ExLlamaV2 (GPTQ/EXL2 kernels): ledger dec-34 (RTX 4090, GPTQ 4-bit). */
    EXLLAMAV2("exllamav2", 0, Constants.EXLLAMAV2_SHARE, 0, "ExLlamaV2: %.2f × the kernels' modelled speed (ledger dec-34)"),
    /** MLC-LLM (TVM-compiled kernels): ledger dec-33 (RTX 4090, q4f16_1). */
    MLC_LLM("mlc-llm", 0, Constants.MLC_LLM_SHARE, 0, "MLC-LLM: %.2f × the kernels' modelled speed (ledger dec-33)");

    /** The derived constants (their derivation: DecodeRuntimesTest). */
    public static final class Constants {
        private Constants() {
        }

        public static final double HF_HOST_SECONDS_PER_LAYER = 0.001248;
        public static final double GPT_FAST_SHARE = 0.9044;
        public static final double LLAMA_CPP_SHARE = 1.0115;
        public static final double LLAMA_CPP_2024_SHARE = 0.8028;
        /** llama.cpp's Metal Q4_0 mat-vec kernel (and the block formats no Metal run measures). */
        public static final double LLAMA_CPP_METAL_SHARE = 0.9932;
        /** llama.cpp's Metal Q8_0 mat-vec kernel. */
        public static final double LLAMA_CPP_METAL_Q8_0_SHARE = 1.0114;
        /** llama.cpp's Metal fp16 mat-vec kernel. */
        public static final double LLAMA_CPP_METAL_F16_SHARE = 0.9620;
        /**
         * llama.cpp's Metal backend's time per layer per token beside its kernels (command encoding and dispatch, which a bigger chip
         * does not shorten): fitted with the three shares above to the M1 Max 32-core and M2 Ultra 76-core rows of each format (two
         * memory bandwidths, 400 and 800 GB/s, separate a fixed time from the bytes' time; DecodeRuntimesTest.metalFit). With one
         * share per format and no such time, every chip was priced at the same fraction of its bandwidth, and the held-out table
         * (64 cells from the M1 7-core at 68 GB/s to the M4 Max 40-core at 546 GB/s, ledger apl-26 … apl-89) showed the small chips
         * 15–30 % faster than predicted and the Ultras 13–37 % slower: a token's fixed time is a small share of an M1's 70 ms and a
         * large one of an Ultra's 11 ms.
         */
        public static final double LLAMA_CPP_METAL_SECONDS_PER_LAYER = 118.82e-6;
        public static final double EXLLAMAV2_SHARE = 0.9544;
        public static final double MLC_LLM_SHARE = 1.1643;
        /** Per layer per token: (1/tokens/s without graphs − 1/with) ÷ 32 layers, geometric mean of the two pairs. */
        public static final double LLAMA_CPP_LAUNCH_SECONDS_PER_LAYER = 18.10e-6;
        /**
         * Bytes per clock per SM llama.cpp's CUDA mat-vec kernels pull from memory at most: by Little's law the bytes one SM keeps
         * in flight over the memory latency, a property of the kernel's launch geometry, not of the memory. Where SMs × clock ×
         * this is below what the memory delivers — the HBM cards (A100, V100, H100), whose bandwidth per SM is two to three times
         * a GeForce card's — a token takes its bytes over that rate: the scoreboard's A100 80 GB, V100 and P40 (ledger dec-73,
         * dec-79, dec-81, llama.cpp discussion #15013) reach 4.99, 4.66 and 5.08 bytes per SM-clock (geometric mean 4.90; each
         * predicted from the other two within 9 %), while the GDDR cards stay under the bound (DecodeRuntimesTest).
         */
        public static final double LLAMA_CPP_BYTES_PER_SM_CLOCK = 4.905;
        /**
         * Useful FLOP per SM per clock of llama.cpp's quantized matrix multiplication (MMQ) in prompt processing on Ampere and newer
         * (int8 tensor-core MMAs, asynchronous tile loads), consumer boards (the catalog's formFactor pcie-consumer: GeForce): the
         * geometric mean of what three pp512 runs of llama.cpp's CUDA scoreboard imply (Llama 2 7B Q4_0, flash attention off;
         * ledger pre-07 RTX 3090 Ti, pre-08 RTX 4080, pre-04 RTX 5080; costing's LlamaCppPrefillDerivationTest). The rate follows
         * SMs × clock (an H100 runs pp512 no faster than an RTX 4090 D), not the tensor peak, which is why the kernels' model,
         * priced at the tensor peak, put an H100 at five times its measured speed.
         */
        public static final double LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK = 606.4;
        /**
         * The same on data-centre and workstation boards of Ampere and newer: the A100 80 GB (pre-03) and RTX A6000 (pre-10) rows.
         * Per SM and rated boost clock they reach about three quarters of the consumer boards' rate — the same SMs: a consumer
         * board's rated boost is a typical clock it exceeds under load, where a professional board holds at or below its own. An
         * empirical split of the scoreboard's rows, not a measured clock: with one rate for both, the held-out professional boards
         * were 17–21 % slower than predicted and the consumer ones up to 10 % faster.
         */
        public static final double LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PROFESSIONAL = 446.3;
        /**
         * The same before Ampere (Turing's int8 MMAs, Volta's and Pascal's dp4a): the geometric mean of the scoreboard's V100 (ledger
         * pre-11), RTX 2080 Ti (pre-14) and Tesla P40 (pre-18) pp512 rows.
         */
        public static final double LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PRE_AMPERE = 354.7;
        /**
         * llama.cpp's Metal prompt processing (its simdgroup-matrix kernels on Apple silicon), useful FLOP per GPU core per clock by
         * weight format: the geometric mean of what the M1 Max 32-core and M2 Ultra 76-core pp512 rows of discussion #4167's table
         * imply (ledger aplp-01/13 Q4_0, aplp-02/14 Q8_0, aplp-03/15 fp16; costing's LlamaCppPrefillDerivationTest); the M2 Max 30-
         * and 38-core and M2 Ultra 60-core rows held out. The block formats, dequantized into the tiles, cost a little more of the
         * cores' rate than fp16.
         */
        public static final double LLAMA_CPP_METAL_PREFILL_Q4_0 = 163.0;
        public static final double LLAMA_CPP_METAL_PREFILL_Q8_0 = 164.9;
        public static final double LLAMA_CPP_METAL_PREFILL_F16 = 185.3;
        /**
         * The same on Apple GPU family 9 (M3 and M4: {@link Architecture#isAppleFamily9OrLater}), from the M3 Max 40-core and M4 Max
         * 40-core pp512 rows of the same table (ledger aplp-56/57/58, aplp-77/78/79; clocks measured with powermetrics, catalog V42 and
         * V64); the table's other M3 and M4 cells held out. At the M1/M2 rates the 24 M3/M4 cells were 10–15 % slower than measured
         * in Q4_0 and Q8_0, 2–8 % in fp16.
         */
        public static final double LLAMA_CPP_METAL_APPLE9_PREFILL_Q4_0 = 186.5;
        public static final double LLAMA_CPP_METAL_APPLE9_PREFILL_Q8_0 = 187.0;
        public static final double LLAMA_CPP_METAL_APPLE9_PREFILL_F16 = 193.2;
    }

    /**
     * llama.cpp's Metal kernels by weight format — fp16 (16 bits per weight and more), Q8_0 and the other 8-bit formats (8 to 16
     * bits), Q4_0 and every narrower block format (below 8 bits: Q4_0's kernels are the ones measured) — each with its decode share
     * and its prompt-processing rates per GPU core-clock on Apple GPU families 7–8 and 9.
     */
    public enum MetalKernel {
        F16("fp16", Constants.LLAMA_CPP_METAL_F16_SHARE, Constants.LLAMA_CPP_METAL_PREFILL_F16, Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_F16),
        Q8_0("Q8_0", Constants.LLAMA_CPP_METAL_Q8_0_SHARE, Constants.LLAMA_CPP_METAL_PREFILL_Q8_0,
                Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_Q8_0),
        Q4_0("Q4_0", Constants.LLAMA_CPP_METAL_SHARE, Constants.LLAMA_CPP_METAL_PREFILL_Q4_0, Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_Q4_0);

        public final String label;
        final double decodeShare;
        private final double prefillFlopsPerCoreClock;
        private final double apple9PrefillFlopsPerCoreClock;

        MetalKernel(String label, double decodeShare, double prefillFlopsPerCoreClock, double apple9PrefillFlopsPerCoreClock) {
            this.label = label;
            this.decodeShare = decodeShare;
            this.prefillFlopsPerCoreClock = prefillFlopsPerCoreClock;
            this.apple9PrefillFlopsPerCoreClock = apple9PrefillFlopsPerCoreClock;
        }

        /** The kernel that runs weights at {@code weightBitsPerParameter}. */
        public static MetalKernel of(double weightBitsPerParameter) {
            return weightBitsPerParameter >= 16 ? F16 : weightBitsPerParameter >= 8 ? Q8_0 : Q4_0;
        }

        /** Its prompt-processing rate per GPU core-clock on {@code architecture} (Apple GPU family 9 has its own). */
        double prefillFlopsPerCoreClock(Architecture architecture) {
            return architecture.isAppleFamily9OrLater() ? apple9PrefillFlopsPerCoreClock : prefillFlopsPerCoreClock;
        }
    }

    /** Architectures llama.cpp's MMQ reaches {@link Constants#LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK} on. */
    static final java.util.Set<Architecture> MMQ_AMPERE_AND_NEWER = java.util.EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE,
            Architecture.HOPPER, Architecture.BLACKWELL);
    /** Older NVIDIA architectures MMQ runs on (dp4a needs compute capability 6.1; Kepler and Maxwell have none). */
    static final java.util.Set<Architecture> MMQ_PRE_AMPERE = java.util.EnumSet.of(Architecture.PASCAL, Architecture.VOLTA, Architecture.TURING);

    /**
     * llama.cpp's prompt-processing rate per SM (GPU core on Apple silicon) per clock on {@code device} with weights at
     * {@code weightBitsPerParameter}; a device it was not measured on (not an NVIDIA GPU from Pascal on or Apple silicon, or one
     * whose SM count or clock the catalog lacks) is refused, naming what to change. CUDA's MMQ rate was measured on Q4_0 and is
     * assumed for the other formats.
     */
    public static double prefillFlopsPerSmClock(Device device, double weightBitsPerParameter) {
        boolean apple = device.architecture().isAppleSilicon();
        boolean newer = MMQ_AMPERE_AND_NEWER.contains(device.architecture());
        if (!apple && !newer && !MMQ_PRE_AMPERE.contains(device.architecture())) {
            throw new IllegalArgumentException("llama.cpp's prompt processing is modelled on NVIDIA GPUs from Pascal to Blackwell (its CUDA "
                    + "scoreboard's pp512 runs) and on Apple silicon (its Metal table), not on " + device.name() + " ("
                    + device.architectureName() + "): leave runtime out for the kernels' prefill, or choose one of those");
        }
        // Pascal's dp4a, which MMQ multiplies with before Turing, is compute capability 6.1 only (GP102/104/106, whose int8 rate the
        // catalog lists); GP100 (Tesla P100, 6.0) has none, and the scoreboard's P100 (ledger pre-17) runs at a third of the P40's
        // rate per SM-clock.
        if (device.architecture() == Architecture.PASCAL && !device.supports(dev.accelerometer.model.hardware.Format.INT8)) {
            throw new IllegalArgumentException("llama.cpp's prompt processing on Pascal is modelled with dp4a (compute capability 6.1, an "
                    + "int8 rate in the catalog); " + device.name() + " lists none (GP100, compute capability 6.0, has no dp4a and runs "
                    + "a slower fallback the model does not price): leave runtime out for the kernels' prefill");
        }
        if (device.computeUnits() == null || device.boostClockHertz() == null) {
            String missing = device.computeUnits() == null ? "computeUnits" : "boostClockHertz";
            throw new dev.accelerometer.model.hardware.MissingFactException(missing, "llama.cpp's " + (apple ? "Metal " : "")
                    + "prompt processing runs at a rate per " + (apple ? "GPU core" : "SM") + " per clock, and the catalog lacks " + missing
                    + " for " + device.id() + ": fill it in the catalog");
        }
        if (apple) {
            return MetalKernel.of(weightBitsPerParameter).prefillFlopsPerCoreClock(device.architecture());
        }
        if (!newer) {
            return Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PRE_AMPERE;
        }
        return device.consumerBoard() ? Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK : Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PROFESSIONAL;
    }

    /** Where {@link #prefillFlopsPerSmClock} comes from on {@code device}. */
    static String prefillSource(Device device) {
        if (device.architecture().isAppleFamily9OrLater()) {
            return "llama.cpp's Metal backend on Apple GPU family 9 (M3, M4): discussion #4167's pp512 on an M3 Max and M4 Max, per weight "
                    + "format (fp16, Q8_0; Q4_0 also for the other block formats)";
        }
        if (device.architecture().isAppleSilicon()) {
            return "llama.cpp's Metal backend: discussion #4167's pp512 on an M1 Max and M2 Ultra, per weight format (fp16, Q8_0; Q4_0 "
                    + "also for the other block formats)";
        }
        if (MMQ_AMPERE_AND_NEWER.contains(device.architecture())) {
            return device.consumerBoard() ? "a consumer board: llama.cpp's CUDA scoreboard pp512 on an RTX 3090 Ti, 4080 and 5080"
                    : "a data-centre or workstation board: llama.cpp's CUDA scoreboard pp512 on an A100 and RTX A6000";
        }
        return "llama.cpp's CUDA scoreboard pp512 on a V100, RTX 2080 Ti and Tesla P40";
    }

    private final String slug;
    private final double hostSecondsPerLayer;
    private final double kernelShare;
    private final double launchSecondsPerLayer;
    private final String description;

    Runtime(String slug, double hostSecondsPerLayer, double kernelShare, double launchSecondsPerLayer, String description) {
        this.slug = slug;
        this.hostSecondsPerLayer = hostSecondsPerLayer;
        this.kernelShare = kernelShare;
        this.launchSecondsPerLayer = launchSecondsPerLayer;
        this.description = description;
    }

    public String slug() {
        return slug;
    }

    public static Optional<Runtime> fromSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }

    /**
     * A decode token's time under this runtime, from its kernels' time: the host's dispatch or the kernels at the runtime's
     * share, and the launches a runtime without graph capture adds between them. Without the device's bytes per SM-clock bound:
     * the derivation of the shares only (DecodeRuntimesTest); answers go through {@link #apply(Breakdown, Transformer, Device)}.
     */
    double tokenSeconds(double kernelSeconds, Transformer m) {
        return Math.max(kernelSeconds / kernelShare, m.layers() * hostSecondsPerLayer) + m.layers() * launchSecondsPerLayer;
    }

    /**
     * A decode step's breakdown under this runtime: a device-bound runtime's kernels at its speed; an eager runtime's kernels
     * plus the host dispatch they do not hide, as a line of its own. Package-private: without the device it cannot apply
     * llama.cpp's bytes per SM-clock bound, so every caller outside goes through {@link #apply(Breakdown, Transformer, Device, double)}.
     */
    Breakdown apply(Breakdown kernels, Transformer m, double weightBitsPerParameter) {
        if (this == KERNELS) {
            return kernels;
        }
        double share = kernelShare(weightBitsPerParameter);
        List<OpCost> ops = new ArrayList<>();
        if (hostSecondsPerLayer > 0) {
            ops.addAll(kernels.operations());
            double extra = m.layers() * hostSecondsPerLayer - kernels.total().timeSeconds();
            if (extra > 0) {
                ops.add(OpCost.of("host dispatch not hidden by the kernels (" + slug + ")", 0, 0, 0, 0, extra,
                        List.of(describe())));
            }
        } else {
            kernels.operations().forEach(op -> ops.add(op.scaledTime(1 / share)));
        }
        if (launchSecondsPerLayer > 0) {
            String what = this == LLAMA_CPP_METAL ? "Metal command encoding and dispatch per layer" : "kernel launches from the host, no CUDA graphs";
            ops.add(OpCost.of(what + " (" + slug + ")", 0, 0, 0, 0, m.layers() * launchSecondsPerLayer, List.of(describe())));
        }
        return Breakdown.of(kernels.total().name(), ops);
    }

    /**
     * A decode step's breakdown under this runtime on {@code device}, the weights at {@code weightBitsPerParameter}: {@link #apply(Breakdown, Transformer, double)}, and for llama.cpp's
     * CUDA builds the kernels' bytes at no more than {@link Constants#LLAMA_CPP_BYTES_PER_SM_CLOCK} per SM and clock, the excess as
     * a line of its own. A device whose SM count or clock the catalog lacks gets no such bound, and the line says so.
     */
    public Breakdown apply(Breakdown kernels, Transformer m, Device device, double weightBitsPerParameter) {
        Breakdown run = apply(kernels, m, weightBitsPerParameter);
        if (!isLlamaCppOnCuda()) {
            return run;
        }
        List<OpCost> ops = new ArrayList<>(run.operations());
        if (device.computeUnits() == null || device.boostClockHertz() == null) {
            ops.add(OpCost.of("llama.cpp mat-vec bound per SM not applied", 0, 0, 0, 0, 0, List.of("the catalog has no computeUnits or "
                    + "boostClockHertz for " + device.id() + ": llama.cpp's bytes per SM-clock bound (an HBM card's token time) is not "
                    + "charged; fill them to have it")));
            return Breakdown.of(run.total().name(), ops);
        }
        double rate = device.computeUnits() * device.boostClockHertz() * Constants.LLAMA_CPP_BYTES_PER_SM_CLOCK;
        double kernelSeconds = kernels.total().timeSeconds() / kernelShare;
        double extra = kernels.total().bytes() / rate - kernelSeconds;
        if (extra > 0) {
            // Concatenation, not String.format: this line is on every HBM card's llama.cpp decode estimate (ModelBenchmark).
            ops.add(OpCost.of("llama.cpp mat-vec memory parallelism (" + slug + ")", 0, 0, 0, extra, 0, List.of("llama.cpp's CUDA mat-vec "
                    + "kernels pull at most " + Constants.LLAMA_CPP_BYTES_PER_SM_CLOCK + " bytes per SM-clock (ledger dec-73, dec-79, dec-81): "
                    + device.computeUnits() + " SMs at " + Math.round(device.boostClockHertz() / 1e7) / 100.0 + " GHz read "
                    + Math.round(rate / 1e9) + " GB/s, below the " + Math.round(kernels.total().bytes() / kernelSeconds / 1e9)
                    + " GB/s the kernels' bandwidth share gives")));
        }
        return Breakdown.of(run.total().name(), ops);
    }

    /**
     * The runtime as it runs on {@code device}: llama.cpp on Apple silicon is its Metal backend, whatever build was named; the
     * Metal backend elsewhere is llama.cpp's CUDA one. Every other runtime is itself.
     */
    public Runtime on(Device device) {
        boolean apple = device.architecture().isAppleSilicon();
        if (apple && isLlamaCppOnCuda()) {
            return LLAMA_CPP_METAL;
        }
        return !apple && this == LLAMA_CPP_METAL ? LLAMA_CPP : this;
    }

    /** A llama.cpp build on CUDA: what runs as {@link #LLAMA_CPP_METAL} on Apple silicon. */
    public boolean isLlamaCppOnCuda() {
        return this == LLAMA_CPP || this == LLAMA_CPP_2024 || this == LLAMA_CPP_NO_CUDA_GRAPHS;
    }

    /** Any llama.cpp build, CUDA or Metal. */
    public boolean isLlamaCpp() {
        return isLlamaCppOnCuda() || this == LLAMA_CPP_METAL;
    }

    /**
     * The share of the kernels' modelled speed this runtime reaches with weights at {@code weightBitsPerParameter}: llama.cpp's
     * Metal backend has one per mat-vec kernel ({@link MetalKernel}); every other runtime one for all formats.
     */
    double kernelShare(double weightBitsPerParameter) {
        return this == LLAMA_CPP_METAL ? MetalKernel.of(weightBitsPerParameter).decodeShare : kernelShare;
    }

    /** What the answer says about the runtime. */
    public String describe() {
        if (this == LLAMA_CPP_METAL) {
            return String.format(Locale.ROOT, description, Constants.LLAMA_CPP_METAL_F16_SHARE, Constants.LLAMA_CPP_METAL_Q8_0_SHARE,
                    Constants.LLAMA_CPP_METAL_SHARE, launchSecondsPerLayer * 1e6);
        }
        return hostSecondsPerLayer > 0 ? String.format(Locale.ROOT, description, hostSecondsPerLayer * 1e3)
                : launchSecondsPerLayer > 0 ? String.format(Locale.ROOT, description, kernelShare, launchSecondsPerLayer * 1e6)
                : this != KERNELS ? String.format(Locale.ROOT, description, kernelShare) : description;
    }
}
