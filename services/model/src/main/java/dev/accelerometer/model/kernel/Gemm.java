package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time of a (batched) GEMM C[M×N] = A[M×K]·B[K×N] on one device.
 *
 * <p>GPU: the output is cut into tiles; a tile that overhangs the matrix still costs a full tile (tile quantization);
 * tiles run in waves of one per SM (wave quantization: 109 tiles on 108 SMs take two waves). Compute time is
 * waves × one tile's FLOPs at one SM's share of peak, divided by the architecture's achievable ceiling. Operand reads
 * overlap the main loop; DRAM traffic assumes L2 shares operands within a wave: each wave streams K·(r·tileM + c·tileN)
 * elements for an r×c block of tiles. The epilogue (writing the output tile) follows the main loop of its tile, so each
 * wave also pays one tile's output write at the SM's share of bandwidth — what makes small-K GEMMs (attention
 * scores, K = head dim) slower than their FLOPs suggest.
 * The tile shape is chosen among the architecture's candidates (largest first) as cuBLAS' heuristics do: a smaller tile
 * only when it is at least {@link #SMALLER_TILE_GAIN} faster — small tiles re-read operands from L2 and shared memory
 * far more often (Dettmers' tile argument), a cost this model does not charge, so they must win clearly on waves.
 * An output of fewer tiles than SMs over a long K (a convolution's weight gradient) is split along K (split-K: fp32
 * partial outputs, then a reduction pass), as cuBLAS and cuDNN do; without it one tile would run the whole reduction on
 * one SM. The shallowest slice considered ({@link #MIN_SPLIT_K}) is an assumption.
 *
 * <p>TPU: a weight-stationary R×C systolic array; operands padded to the array; each fold of a K×N weight block costs
 * 2R + C + M − 2 cycles (fill, stream, drain — SCALE-Sim, Samajdar et al. 2018; reproduces 32,183 cycles for a
 * 512×768×768 GEMM on 128×128), folds spread over the chip's arrays in waves.
 *
 * <p>Both: time = max(compute, memory) + the kernel's fixed latency.
 */
public final class Gemm {
    /** CUTLASS threadblock shapes for tensor-op GEMMs on SM80/SM90 (default_gemm_configuration.h, cutlass 3.x). */
    static final int[][] TENSOR_TILES_LARGE = {{256, 128}, {128, 256}, {128, 128}, {128, 64}, {64, 128}, {64, 64}};
    /** Volta/Turing tensor-op threadblocks (CUTLASS SM70/SM75 configurations top out at 128×256/256×128). */
    static final int[][] TENSOR_TILES_VOLTA = {{128, 128}, {128, 64}, {64, 128}, {64, 64}};
    /** SIMT (non-tensor) threadblocks: CUTLASS default 128×128×8 down to 64×64. */
    static final int[][] SIMT_TILES = {{128, 128}, {128, 64}, {64, 128}, {64, 64}};
    /** GEMV-like shapes (M ≤ 32, e.g. decode with M = batch) run skinny kernels: see {@link #skinnyTile}. */
    public static final int SKINNY_MAX_M = 32;

    /**
     * What Volta's fp16 tensor-core GEMMs reach when they accumulate in fp32 — as PyTorch, TensorFlow and cuBLAS' default
     * compute type for fp16 run them — as a share of the fp16-accumulating GEMMs the default ceiling reproduces (Baidu
     * DeepBench's cublasGemmEx with compute type CUDA_R_16F, ledger dbg-01…13: median measured ÷ model 0.98). torch.mm in fp16
     * on a V100 SXM2 (ledger ptg-01…04, 2048³ to 10240³) reaches 0.76–0.88 of the model at the default ceiling, median 0.838;
     * NVIDIA rates both accumulations at 125 TFLOP/s, so the share is what cuBLAS' fp32-accumulating Volta kernels lose (twice
     * the accumulator registers per tile), not a datasheet rate. Derived in {@code GemmTest}; Turing and later are calibrated on
     * fp32-accumulating GEMMs directly.
     */
    public static final double VOLTA_FP32_ACCUMULATE_SHARE = 0.838;

    /**
     * What fp8 GEMMs reach on CDNA 3 (MI300X, MI325X) as a share of what the architecture's bf16-derived ceiling gives at the fp8
     * peak (twice bf16's): hipBLASLt's fp8 kernels on an MI300X, Azure's AI-benchmarking-guide sweep (hipblaslt-bench, fp8 inputs,
     * fp16 output, 2,000 iterations with a rotating buffer; ledger amd-22, amd-24, amd-26: 955.17 TFLOP/s at 4096³, 1,015.1 at
     * 16384³, 1,159.54 at 6144×12288×12288, read 2026-12-02), the geometric mean of measured ÷ the model without the share. The
     * chip's 750 W cap bites harder when every clock drives twice the multiply-adds: the one fp16 run in the ledger that logged its
     * clock ran at 1.07–1.10 GHz of the rated 2.1 (amd-15). Derived in {@code GemmTest}; the sweep's other shapes (amd-21, -23, -25,
     * -27), the other fp8 GEMMs (amd-09 … -13) and the fp8 training and serving runs on MI300X are held out.
     */
    public static final double CDNA3_FP8_SHARE = 0.6817;

    /**
     * What FP4 GEMMs (both operands NVFP4 or MXFP4, block scales applied in the tensor core) reach on datacenter Blackwell as a share
     * of what the architecture's bf16-derived ceiling gives at the FP4 peak (four times bf16's): cuBLASLt's NVFP4 kernels through
     * {@code torch._scaled_mm} on a B200, torchao's MX/NVFP4 GEMM benchmark in pytorch/ao PR #2427 (output printing "gpu_name: NVIDIA
     * B200"; ledger fp4-06, -07, -08: 4,460 TFLOP/s at 4096³, 5,500 at 6144³, 5,370 at 8192³, read 2026-12-03), the geometric mean of
     * measured ÷ the model without the share, its operands streamed at {@link #BLACKWELL_FP4_STREAM_SHARE} (4096³ re-reads enough
     * of them to feel it; 0.8637 before that share). Four times the multiply-adds per clock, a scale factor per 16 elements of each
     * operand read and applied, and the board's 1,000 W cap are what the share stands for; none was measured apart. Derived in
     * {@code GemmTest}; DeepGEMM's and cuBLASLt's MXFP4, FlashInfer's CUTLASS, cuDNN and TensorRT-LLM NVFP4 kernels on B200 and GB200
     * (ledger fp4-01 … -04, -11 … -21, -27, -28) are held out.
     */
    public static final double BLACKWELL_FP4_SHARE = 0.8748;

    /**
     * What block-scaled FP4 GEMMs on Blackwell stream from DRAM, as a share of what the architecture's other kernels stream
     * (datasheet × the calibration's bandwidth fraction), where the weights' reads bound them (decode: M up to a few hundred
     * rows). The memory-bound FP4 GEMMs published in 2025 fall far short of the bandwidth bf16's reach on the same board: CUTLASS's
     * grouped block-scaled example on a B200 at m = 16 per group × 32 groups, "not getting much higher than 3 TB/sec" where
     * MXFP8 reaches about 6 (NVIDIA/cutlass issue #2266; ledger fp4s-88 for N 2048 × K 7168, fp4s-89 for N 7168 × K 2048), and
     * FlashInfer's CUTLASS NVFP4 GEMV at 8192 × 8192, 1.78 TB/s of weights where fp16 reaches 5–6 (flashinfer issue #1732, ledger
     * fp4-34), read 2026-12-03: the geometric mean of the shares that reproduce the three, derived in {@code GemmTest}. The
     * sources do not say why (block scales read and staged beside the operands per 16 or 32 elements are one candidate); nor
     * does the share cover the fixed time, which stays the architecture's kernel latency. The three are 2025 kernels, as are the
     * TensorRT-LLM 1.0 serving runs the share is tested on; newer ones stream faster at batch 1 — FlashInfer's 2026 backends in vLLM's
     * SM100 sweep (vllm PR #42235, ledger fp4s-17 … -22: 16.5 MB of weights in 6.3 µs, what the model gives without the share) and
     * vLLM 0.22.1 with FlashInfer 0.6.11 decoding a dense 27B NVFP4 model on an RTX PRO 6000 at 0.52 or more of its datasheet
     * bandwidth where the share gives 0.37 (sch0tten/nvfp4-benchmark, read 2026-12-03), and TensorRT-LLM-gen's 2026 fused NVFP4 MoE on
     * a B200 (flashinfer PR #3976, ledger fp4g-23, -25, -27) at what the model gives without the share. Held out: FlashInfer's
     * NVFP4 GEMVs on an RTX 5090 (PR #3026, fp4-32, -33, fp4s-55 … -74), the one-GPU FP4 MoE serving runs (moe-190 … -228) and the FP4
     * dense serving runs, whose decode reads the weights through these kernels. With fewer tiles than SMs a kernel streams less
     * than this share of the chip: {@link #BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK}.
     */
    public static final double BLACKWELL_FP4_STREAM_SHARE = 0.4120;

    /**
     * Bytes one threadblock of a block-scaled FP4 GEMM on Blackwell streams per SM-clock at most: by Little's law, the bytes its
     * pipeline keeps in flight over the memory latency — a property of the kernel's tile and stages, not of the memory. A GEMV-like
     * FP4 GEMM with fewer output tiles than SMs (M = 1, N up to a few thousand) runs on as many SMs as it has tiles, each streaming
     * its K-long slice of the weights at this rate (the model then takes the narrowest tile, 64 columns, for the most SMs), so its
     * time follows K, not the bytes: FlashInfer's mm_fp4 on a GB200 (PR #2540, "GB200 Non-Autotune", read 2026-12-03) takes 9.3 µs
     * at N = 512 and 9.6 µs at N = 1,024 for K = 7,168 where twice the weights at the chip's FP4 stream rate
     * ({@link #BLACKWELL_FP4_STREAM_SHARE}) would be 0.7 µs apart. The geometric mean of what its
     * CUTLASS backend's four shapes imply (ledger fp4s-24, -28, -32, -36: N 512 to 1,792 on 4 to 14 tiles, K 5,120 to 8,192),
     * derived in {@code GemmTest}; held out: the same table's cuDNN, TensorRT-LLM and CuTe-DSL backends, its autotuned runs and
     * N = 2,560 (fp4-22). The 2026 kernels in vLLM's SM100 sweep (vllm PR #42235, ledger fp4s-17 … -19, no GPU named) stream faster
     * than this at N = 4,096; the GeForce Blackwell kernels (RTX 5090, PR #3026, fp4s-55) slower.
     */
    public static final double BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK = 23.60;

    /** A smaller tile must save this fraction of the time to be chosen over a larger one. */
    static final double SMALLER_TILE_GAIN = 0.05;
    /** Shallowest K slice split-K cuts (assumed: below 256 a 128×128 tile's main loop is mostly its prologue and epilogue). */
    static final long MIN_SPLIT_K = 256;
    /** Split-K partial sums are fp32. */
    static final double SPLIT_PARTIAL_BYTES = 4;

    private Gemm() {
    }

    /** Shape of one tile choice and its consequences, reported with the estimate. */
    public record Tiling(int tileM, int tileN, long tiles, long waves, double tileEfficiency, double waveEfficiency) {
    }

    public record Result(OpCost cost, Tiling tiling, double minimumBytes, double tileLoadBytes) {
    }

    public static Result estimate(Device device, Calibration cal, long m, long n, long k, long batch, Format format) {
        return estimate(device, cal, m, n, k, batch, format, format.inputBytes);
    }

    /**
     * As {@link #estimate(Device, Calibration, long, long, long, long, Format)} with the B operand (the weights) stored at
     * {@code weightBytes} per element — weight-only quantization: the kernel reads packed weights and their constants,
     * dequantizes in registers and computes in {@code format}.
     */
    public static Result estimate(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double weightBytes) {
        return estimate(device, cal, m, n, k, batch, format, weightBytes, 1.0, true, "gemm");
    }

    /**
     * The GEMM with its main loop at {@code computeScale} times the dense tensor rate (a sparse tensor-core kernel issues half
     * the MMAs), B read at {@code weightBytes} per element, and GEMV-like skinny tiles only when {@code skinnyTiles} (sparse
     * tensor-core kernels have none: a few rows pad to a full tile).
     */
    static Result estimate(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double weightBytes,
            double computeScale, boolean skinnyTiles, String name) {
        double peak = device.peak(format) * computeScale;
        double flops = 2.0 * m * n * k * batch;
        double minBytes = batch * (format.inputBytes * m * k + weightBytes * k * n + format.outputBytes * m * n);
        List<String> notes = new ArrayList<>();
        if (device.kind() == Device.Kind.TPU && device.hasSystolicArrays()) {
            return systolic(device, cal, m, n, k, batch, format, peak, flops, minBytes, notes);
        }
        if (formatShare(device, format) < 1) {
            notes.add(switch (device.architecture()) {
                case VOLTA -> "fp16 on Volta's tensor cores accumulating in fp32, as PyTorch and TensorFlow run it: " + VOLTA_FP32_ACCUMULATE_SHARE
                        + " of the fp16-accumulating rate (torch.mm on a V100 SXM2 against DeepBench's cuBLAS, ledger ptg-01…04, dbg-01…13)";
                case BLACKWELL -> "fp4 (NVFP4/MXFP4 operands) on Blackwell: " + BLACKWELL_FP4_SHARE + " of what the bf16-derived ceiling gives "
                        + "at the fp4 peak (cuBLASLt NVFP4 GEMMs on a B200, ledger fp4-06, -07, -08); operands streamed at "
                        + BLACKWELL_FP4_STREAM_SHARE + " of the bandwidth (memory-bound FP4 GEMMs on a B200: CUTLASS issue #2266, "
                        + "FlashInfer issue #1732; ledger fp4s-88, -89, fp4-34)";
                default -> "fp8 on CDNA 3: " + CDNA3_FP8_SHARE + " of what the bf16-derived ceiling gives at the fp8 peak (hipBLASLt fp8 GEMMs "
                        + "on an MI300X, ledger amd-22, amd-24, amd-26)";
            });
        }
        // A TPU's compute units are TensorCores, not SMs: without its systolic-array shape there is no tiling to model. Nor on the
        // other accelerators (Gaudi's MMEs beside its TPC vector cores, Trainium's NeuronCores): their computeUnits count cores
        // whose tiles a GPU's threadblock waves do not describe.
        if (device.computeUnits() == null || device.kind() != Device.Kind.GPU) {
            notes.add(device.kind() == Device.Kind.TPU ? "no systolic-array shape in the catalog for " + device.id()
                    + " (systolicArrayRows/Columns/Count): array fill and fold quantization not modelled"
                    : device.kind() == Device.Kind.OTHER ? device.name() + "'s matrix engines are not GPU SMs: tile and wave quantization "
                    + "not modelled (the calibrated ceiling carries what its GEMMs lose)"
                    : "no SM/CU count in the catalog for " + device.id() + ": tile and wave quantization not modelled");
            double compute = flops / (peak * cal.gemmCeiling() * formatShare(device, format));
            double memory = minBytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
            return new Result(OpCost.of(name, flops, minBytes, compute, memory, cal.kernelLatencySeconds(), notes),
                    null, minBytes, minBytes);
        }
        Result best = null;
        List<int[]> tiles = new ArrayList<>(List.of(candidates(device, format)));
        if (skinnyTiles && m <= SKINNY_MAX_M) {
            tiles.add(skinnyTile(m, format, device));
        }
        for (int[] tile : tiles) {
            Result r = tiled(device, cal, m, n, k, batch, format, weightBytes, peak, flops, minBytes, tile[0], tile[1], notes, name);
            if (best == null || r.cost().timeSeconds() < best.cost().timeSeconds() * (1 - SMALLER_TILE_GAIN)) {
                best = r;
            }
        }
        return best;
    }

    /** The estimate for one fixed GPU tile shape (what {@link #estimate} compares across candidates). */
    static Result withTile(Device device, Calibration cal, long m, long n, long k, long batch, Format format, int tileM, int tileN) {
        double flops = 2.0 * m * n * k * batch;
        double minBytes = batch * (format.inputBytes * (m * k + k * n) + format.outputBytes * m * n);
        return tiled(device, cal, m, n, k, batch, format, format.inputBytes, device.peak(format), flops, minBytes, tileM, tileN, new ArrayList<>(), "gemm");
    }

    /**
     * The tile of a GEMV-like kernel: M rounded up to a power of two — at least 16 on tensor cores, whose smallest MMA is
     * m16n8k16 (PTX ISA, mma shapes) — by 128 columns. A single row (M = 1: one token, batch-1 decode) is a matrix-vector
     * product, which runs on the CUDA cores unpadded: cuBLAS dispatches it to its gemv kernels, and the runtimes' batch-1
     * kernels (llama.cpp's mul_mat_vec and MMVQ with dp4a, ExLlamaV2's and gpt-fast's int4/int8 mat-vecs) are CUDA-core
     * reductions, not MMAs. Padding it to 16 rows charged the tensor rate for 16 tokens: on a GeForce card, whose fp16 tensor
     * rate with fp32 accumulation is half a workstation card's, that made a batch-1 token compute-bound. Unpadded, llama.cpp's
     * scoreboard (discussion #15013, Llama 2 7B Q4_0 tg128) on the 13 GDDR cards from Ampere to Blackwell implies one share of
     * the kernels' speed, 0.95–1.11 per card (ledger dec-67, -68, -71, -74 … -78, -82 … -86), where padded it spread 0.84–1.47.
     */
    static int[] skinnyTile(long m, Format format, Device device) {
        int rows = Integer.highestOneBit((int) Math.max(1, m - 1)) << (m > 1 ? 1 : 0);
        // Apple silicon's GEMV kernels (llama.cpp's and MLX's Metal mat-vec) run on the SIMD lanes, not the 8×8 simdgroup matrices:
        // a single token's row is not padded to a matrix tile.
        boolean matrixTile = format.onMatrixUnits() && !device.architecture().isAppleSilicon() && m > 1;
        return new int[] {matrixTile ? Math.max(16, rows) : Math.max(1, rows), 128};
    }

    /**
     * {@code cal} as it prices cuBLAS accumulating fp16 in fp16 (compute type CUDA_R_16F, what Baidu DeepBench measured) on
     * {@code device}: without {@link #VOLTA_FP32_ACCUMULATE_SHARE}; unchanged where fp16 pays no share.
     */
    public static Calibration fp16Accumulating(Device device, Calibration cal) {
        return withoutFormatShare(device, cal, Format.FP16, ", accumulating in fp16");
    }

    /** {@code cal} with its GEMM ceiling divided by {@code format}'s share on {@code device}: the model the share is derived against. */
    public static Calibration withoutFormatShare(Device device, Calibration cal, Format format, String why) {
        double share = formatShare(device, format);
        return share == 1 ? cal : dev.accelerometer.model.calibration.CalibrationParameter.GEMM_CEILING.with(cal, cal.gemmCeiling() / share,
                cal.gemmSource() + why);
    }

    /**
     * The share of the architecture's GEMM ceiling a format's GEMMs reach: {@link #VOLTA_FP32_ACCUMULATE_SHARE} for fp16 on Volta's
     * tensor cores, {@link #CDNA3_FP8_SHARE} for fp8 on CDNA 3, {@link #BLACKWELL_FP4_SHARE} for fp4 on Blackwell; 1 otherwise.
     */
    static double formatShare(Device device, Format format) {
        return switch (device.architecture()) {
            case VOLTA -> format == Format.FP16 ? VOLTA_FP32_ACCUMULATE_SHARE : 1;
            case CDNA_3 -> format == Format.FP8 ? CDNA3_FP8_SHARE : 1;
            case BLACKWELL -> format == Format.FP4 ? BLACKWELL_FP4_SHARE : 1;
            default -> 1;
        };
    }

    /** The share of the bandwidth a format's GEMMs stream their operands at: {@link #BLACKWELL_FP4_STREAM_SHARE} for fp4 on Blackwell, else 1. */
    static double streamShare(Device device, Format format) {
        return blockScaledFp4(device, format) ? BLACKWELL_FP4_STREAM_SHARE : 1;
    }

    /**
     * What one running tile of a format's GEMMs streams at most, bytes per second: {@link #BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK} ×
     * the boost clock for fp4 on Blackwell; unbounded otherwise (and without a clock in the catalog).
     */
    static double tileStreamBytesPerSecond(Device device, Format format) {
        return blockScaledFp4(device, format) && device.boostClockHertz() != null
                ? BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK * device.boostClockHertz() : Double.POSITIVE_INFINITY;
    }

    private static boolean blockScaledFp4(Device device, Format format) {
        return device.architecture() == Architecture.BLACKWELL && format == Format.FP4;
    }

    static int[][] candidates(Device device, Format format) {
        if (!format.onMatrixUnits()) {
            return SIMT_TILES;
        }
        return device.architecture().hasSmallTensorTiles() ? TENSOR_TILES_VOLTA : TENSOR_TILES_LARGE;
    }

    private static Result tiled(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double weightBytes,
            double peak, double flops, double minBytes, int tm, int tn, List<String> notes, String name) {
        int sms = device.computeUnits();
        long outputTiles = ceilDiv(m, tm) * ceilDiv(n, tn) * batch;
        // Split-K: an output of fewer tiles than SMs over a long reduction (a convolution's weight gradient: K × N filters
        // reduced over every output pixel of the batch) is cut along K into s slices run as separate tiles, their fp32
        // partial outputs summed by a second pass (cuBLAS' and cuDNN's split-K / "wgrad" kernels); s doubles while the slices
        // keep at least MIN_SPLIT_K deep and the tiles still fall short of the SMs. The fastest s is taken. A GEMV-like output
        // (either side at most SKINNY_MAX_M) is not split: its kernels spread the reduction over a block's threads instead.
        Result best = null;
        boolean splittable = m > SKINNY_MAX_M && n > SKINNY_MAX_M;
        for (int split = 1; ; split *= 2) {
            Result r = tiled(device, cal, m, n, k, batch, format, weightBytes, peak, flops, minBytes, tm, tn, split, notes, name);
            if (best == null || r.cost().timeSeconds() < best.cost().timeSeconds()) {
                best = r;
            }
            if (!splittable || outputTiles * split >= sms || k / (split * 2L) < MIN_SPLIT_K) {
                return best;
            }
        }
    }

    private static Result tiled(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double weightBytes,
            double peak, double flops, double minBytes, int tm, int tn, int split, List<String> notes, String name) {
        int sms = device.computeUnits();
        long tilesM = ceilDiv(m, tm);
        long tilesN = ceilDiv(n, tn);
        long tiles = tilesM * tilesN * batch * split;
        long waves = ceilDiv(tiles, sms);
        double perTileFlops = 2.0 * tm * tn * ceilDiv(k, split);
        double compute = waves * perTileFlops / (peak / sms) / (cal.gemmCeiling() * formatShare(device, format));
        // L2 reuse within a wave: the concurrently running tiles of one matrix form a roughly square r×c block of the
        // output, so each A row block is read once per column block of c tiles and each B column block once per row
        // block of r tiles.
        long active = Math.min(tilesM * tilesN, sms);
        long r = Math.min(tilesM, Math.max(1, (long) Math.ceil(Math.sqrt(active))));
        long c = Math.min(tilesN, ceilDiv(active, r));
        double outputBytes = batch * format.outputBytes * m * n;
        double readBytes = batch * k * (format.inputBytes * m * ceilDiv(tilesN, c) + weightBytes * n * ceilDiv(tilesM, r));
        double bandwidth = device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction();
        // Each tile writes its output (fp32 partial sums under split-K) after its main loop; the split partials are then read
        // back and summed into the output by a reduction pass.
        double epilogue = waves * tm * tn * (split > 1 ? SPLIT_PARTIAL_BYTES : format.outputBytes) / (bandwidth / sms);
        double reduction = split > 1 ? (batch * (double) m * n * (split * SPLIT_PARTIAL_BYTES + format.outputBytes)) / bandwidth
                + cal.kernelLatencySeconds() : 0;
        double trafficBytes = readBytes + outputBytes + (split > 1 ? 2.0 * split * batch * m * n * SPLIT_PARTIAL_BYTES : 0);
        // A kernel streams at the chip's rate only with enough tiles running: each pulls at most its Little's-law rate.
        double chipStream = bandwidth * streamShare(device, format);
        long running = Math.min(tiles, sms);
        double tilesStream = running * tileStreamBytesPerSecond(device, format);
        double memory = readBytes / Math.min(chipStream, tilesStream);
        double tileEfficiency = (double) m * n / ((double) tilesM * tm * tilesN * tn);
        double waveEfficiency = (double) tiles / ((double) waves * sms);
        List<String> tileNotes = split > 1 || tilesStream < chipStream ? new ArrayList<>(notes) : notes;
        if (tilesStream < chipStream) {
            tileNotes.add(running + " tiles on " + sms + " SMs stream " + BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK
                    + " bytes per SM-clock each (FlashInfer's NVFP4 GEMVs on a GB200, ledger fp4s-24, -28, -32, -36): "
                    + String.format(Locale.ROOT, "%.2f TB/s of the chip's %.2f", tilesStream / 1e12, chipStream / 1e12));
        }
        if (split > 1) {
            tileNotes.add("split-K: K cut into " + split + " slices of " + ceilDiv(k, split) + " (" + tilesM * tilesN * batch
                    + " output tiles for " + sms + " SMs), fp32 partial sums reduced in a second pass");
        }
        OpCost cost = OpCost.of(name, flops, trafficBytes, compute + epilogue + reduction, memory + epilogue + reduction,
                cal.kernelLatencySeconds(), tileNotes);
        return new Result(cost, new Tiling(tm, tn, tiles, waves, tileEfficiency, waveEfficiency), minBytes,
                tileLoadBytes(m, n, k, tm, tn, format));
    }

    private static Result systolic(Device device, Calibration cal, long m, long n, long k, long batch, Format format,
            double peak, double flops, double minBytes, List<String> notes) {
        int rows = device.systolicArrayRows();
        int cols = device.systolicArrayColumns();
        int arrays = device.systolicArrayCount();
        // Clock implied by the datasheet peak: peak = 2 · rows · cols · arrays · f.
        double clock = peak / (2.0 * rows * cols * arrays);
        long folds = ceilDiv(k, rows) * ceilDiv(n, cols) * batch;
        long foldWaves = ceilDiv(folds, arrays);
        double cyclesPerFold = 2.0 * rows + cols + m - 2;
        double compute = foldWaves * cyclesPerFold / clock / cal.gemmCeiling();
        double memory = minBytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
        double ideal = (double) m * n * k * batch / ((double) rows * cols * arrays);
        notes.add(String.format("systolic %dx%d x%d, %d folds in %d waves, %.0f cycles/fold; array utilisation %.1f%%",
                rows, cols, arrays, folds, foldWaves, cyclesPerFold, 100 * ideal / (foldWaves * cyclesPerFold)));
        OpCost cost = OpCost.of("gemm", flops, minBytes, compute, memory, cal.kernelLatencySeconds(), notes);
        double tileEff = (double) m * n * k / ((double) m * ceilDiv(n, cols) * cols * ceilDiv(k, rows) * rows);
        return new Result(cost, new Tiling(rows, cols, folds, foldWaves, tileEff, (double) folds / (foldWaves * arrays)),
                minBytes, tileLoadBytes(m, n, k, rows, cols, format));
    }

    /** SCALE-Sim cycle count of one GEMM on one weight-stationary array (no clock, no waves): folds × (2R + C + M − 2). */
    public static double systolicCycles(long m, long n, long k, int rows, int cols) {
        return (double) ceilDiv(k, rows) * ceilDiv(n, cols) * (2.0 * rows + cols + m - 2);
    }

    /**
     * Bytes loaded from global memory when every output tile reloads its A rows and B columns (no cache reuse):
     * Dettmers' tile-load argument — larger tiles (TPU 128×128) load fewer bytes than small GPU tiles (V100 96×96).
     */
    public static double tileLoadBytes(long m, long n, long k, int tileM, int tileN, Format format) {
        return format.inputBytes * ((double) m * k * ceilDiv(n, tileN) + (double) k * n * ceilDiv(m, tileM))
                + format.outputBytes * (double) m * n;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
