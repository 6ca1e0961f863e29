package dev.accelerometer.model;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.architecture.Transformer.FfnKind;
import dev.accelerometer.model.architecture.Transformer.Kind;
import dev.accelerometer.model.architecture.Transformer.Layout;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.LinkKind;
import java.util.Map;

/**
 * Devices, calibrations and models for the model tests, with the catalog's seeded datasheet values (sources in the
 * catalog seed V2: NVIDIA A100/H100 datasheets and Ampere/Hopper whitepapers, NVIDIA V100 datasheet, AMD MI300X data
 * sheet, Google Cloud TPU v2/v4 system architecture pages) and the costing migrations' calibration rows.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static final Device A100_SXM_80GB = new Device("nvidia-a100-sxm-80gb", "A100 SXM 80GB", Device.Kind.GPU, Architecture.AMPERE,
            "Ampere", 80L << 30, 2.039e12, Map.of(Format.FP64, 19.5e12, Format.FP32, 19.5e12, Format.TF32, 156e12, Format.FP16, 312e12,
            Format.BF16, 312e12, Format.INT8, 624e12, Format.INT4, 1248e12), 108, 1.41e9, 40L << 20, null, null, null, 400.0, null, null,
            LinkKind.NVLINK, 3.0e11, 4, 16);
    public static final Device A100_PCIE_80GB = new Device("nvidia-a100-pcie-80gb", "A100 PCIe 80GB", Device.Kind.GPU, Architecture.AMPERE,
            "Ampere", 80L << 30, 1.935e12, A100_SXM_80GB.peakPerSecond(), 108, 1.41e9, 40L << 20, null, null, null, 300.0, null, null,
            LinkKind.NVLINK, 3.0e11, 4, 16);
    public static final Device H100_SXM = new Device("nvidia-h100-sxm", "H100 SXM", Device.Kind.GPU, Architecture.HOPPER, "Hopper",
            80L << 30, 3.35e12, Map.of(Format.FP64, 67e12, Format.FP32, 67e12, Format.TF32, 494.5e12, Format.FP16, 989.5e12,
            Format.BF16, 989.5e12, Format.FP8, 1979e12, Format.INT8, 1979e12), 132, 1.98e9, 50L << 20, null, null, null, 700.0, null, null,
            LinkKind.NVLINK, 4.5e11, 5, 16);
    public static final Device V100_SXM2_32GB = new Device("nvidia-v100-sxm2-32gb", "V100 SXM2 32GB", Device.Kind.GPU, Architecture.VOLTA,
            "Volta", 32L << 30, 0.9e12, Map.of(Format.FP64, 7.8e12, Format.FP32, 15.7e12, Format.FP16, 125e12), 80, 1.53e9, 6L << 20,
            null, null, null, 300.0, null, null, LinkKind.NVLINK, 1.5e11, 3, 16);
    /** Catalog nvidia-v100-pcie-16gb (V2; V100 datasheet): 900 GB/s, 80 SMs at 1.38 GHz. */
    public static final Device V100_PCIE_16GB = new Device("nvidia-v100-pcie-16gb", "V100 PCIe 16GB", Device.Kind.GPU, Architecture.VOLTA,
            "Volta", 16L << 30, 0.9e12, Map.of(Format.FP64, 7e12, Format.FP32, 14e12, Format.FP16, 112e12), 80, 1.38e9, 6L << 20,
            null, null, null, 250.0, null, null, null, null, 3, 16);
    /** Catalog nvidia-tesla-p40 (V7; P40 datasheet): 346 GB/s, 30 SMs at 1.531 GHz, no FP16 peak (FP32 and INT8 only). */
    public static final Device TESLA_P40 = new Device("nvidia-tesla-p40", "Tesla P40", Device.Kind.GPU, Architecture.PASCAL, "Pascal",
            24L << 30, 346e9, Map.of(Format.FP32, 12e12, Format.INT8, 47e12), 30, 1.531e9, null, null, null, null, 250.0, null, null, null,
            null, 3, 16);
    public static final Device MI300X = new Device("amd-mi300x", "MI300X", Device.Kind.GPU, Architecture.CDNA_3, "CDNA 3", 192L << 30, 5.3e12,
            Map.of(Format.FP64, 163.4e12, Format.FP32, 163.4e12, Format.TF32, 653.7e12, Format.FP16, 1307.4e12, Format.BF16, 1307.4e12,
            Format.FP8, 2614.9e12, Format.INT8, 2614.9e12), 304, 2.1e9, 32L << 20, null, null, null, 750.0, null, null,
            LinkKind.INFINITY_FABRIC, 4.48e11, 5, 16);
    /**
     * Intel Gaudi 2 (catalog: 96 GB HBM2e at 2.45 TB/s, MME peaks 432 TFLOP/s bf16 and 865 fp8, 24 TPCs; kind other: its matrix
     * engines are not SMs).
     */
    public static final Device GAUDI_2 = new Device("intel-gaudi2", "Intel Gaudi 2 (HL-225H OAM)", Device.Kind.OTHER, Architecture.GAUDI_2,
            "Gaudi 2", 96L << 30, 2.45e12, Map.of(Format.BF16, 432e12, Format.FP8, 865e12), 24, null, null, null, null, null, 600.0, null, null,
            null, null, 4, 16);
    /**
     * Intel Gaudi 3 (catalog: 128 GB HBM2e at 3.7 TB/s, MME peaks 1,835 TFLOP/s in both bf16 and fp8, 64 TPCs; kind other, as Gaudi 2).
     */
    public static final Device GAUDI_3 = new Device("intel-gaudi3", "Intel Gaudi 3 (HL-325L OAM)", Device.Kind.OTHER, Architecture.GAUDI_3,
            "Gaudi 3", 128L << 30, 3.7e12, Map.of(Format.BF16, 1835e12, Format.FP8, 1835e12), 64, null, null, null, null, null, 900.0, null, null,
            null, null, 5, 16);
    /** AMD Instinct MI355X (catalog: 288 GB HBM3E at 8 TB/s, 2.5 PFLOP/s bf16 dense, 5 fp8, 256 CUs at 2.4 GHz). */
    public static final Device MI355X = new Device("amd-mi355x", "MI355X", Device.Kind.GPU, Architecture.CDNA_4, "CDNA 4", 288L << 30, 8e12,
            Map.of(Format.FP16, 2.5e15, Format.BF16, 2.5e15, Format.FP8, 5e15), 256, 2.4e9, 32L << 20, null, null, null, 1400.0, null, null,
            LinkKind.INFINITY_FABRIC, null, 5, 16);
    /** One GCD of an AMD Instinct MI250X (catalog: 64 GB HBM2e at 1.6 TB/s, 191.5 TFLOP/s fp16/bf16, 110 CUs at 1.7 GHz). */
    public static final Device MI250X_GCD = new Device("amd-mi250x-gcd", "MI250X (one GCD)", Device.Kind.GPU, Architecture.CDNA_2, "CDNA 2",
            64L << 30, 1.6e12, Map.of(Format.FP16, 191.488e12, Format.BF16, 191.488e12), 110, 1.7e9, 8L << 20, null, null, null, null, null,
            null, LinkKind.INFINITY_FABRIC, null, 4, 16);
    /** One GCD of an AMD Instinct MI250 (catalog V71: 64 GB HBM2e at 1.6 TB/s, 181.05 TFLOP/s fp16/bf16, 104 CUs at 1.7 GHz). */
    public static final Device MI250_GCD = new Device("amd-mi250-gcd", "MI250 (one GCD)", Device.Kind.GPU, Architecture.CDNA_2, "CDNA 2",
            64L << 30, 1.6e12, Map.of(Format.FP16, 181.05e12, Format.BF16, 181.05e12), 104, 1.7e9, 8L << 20, null, null, null, 280.0, null,
            null, LinkKind.INFINITY_FABRIC, null, 4, 16);
    /** AMD Instinct MI210 (catalog: 64 GB HBM2e at 1.6 TB/s, 181 TFLOP/s fp16/bf16, 104 CUs at 1.7 GHz; one GCD on a PCIe card). */
    public static final Device MI210 = new Device("amd-mi210", "MI210", Device.Kind.GPU, Architecture.CDNA_2, "CDNA 2",
            64L << 30, 1.6e12, Map.of(Format.FP16, 181e12, Format.BF16, 181e12), 104, 1.7e9, 8L << 20, null, null, null, 300.0, null,
            null, LinkKind.INFINITY_FABRIC, null, 4, 16);
    public static final Device TPU_V2 = new Device("google-tpu-v2", "TPU v2", Device.Kind.TPU, Architecture.TPU_V2, "TPU v2", 16L << 30,
            0.7e12, Map.of(Format.BF16, 45e12), 2, null, null, 128, 128, 2, null, null, null, LinkKind.ICI, null, null, null);
    public static final Device TPU_V4 = new Device("google-tpu-v4", "TPU v4", Device.Kind.TPU, Architecture.TPU_V4, "TPU v4", 32L << 30,
            1.2e12, Map.of(Format.BF16, 275e12, Format.INT8, 275e12), 2, null, null, 128, 128, 8, null, null, 3.22, LinkKind.ICI, null, null,
            null);

    /** GeForce RTX 3090 (catalog: 936 GB/s, 71 TFLOP/s fp16 tensor, 82 SMs at 1.695 GHz, 6 MiB L2). */
    public static final Device RTX_3090 = new Device("nvidia-rtx-3090", "RTX 3090", Device.Kind.GPU, Architecture.AMPERE, "Ampere", 24L << 30,
            0.936e12, Map.of(Format.FP32, 35.6e12, Format.FP16, 71e12, Format.BF16, 71e12, Format.INT8, 284e12), 82, 1.695e9, 6L << 20, null, null,
            null, 350.0, null, null, LinkKind.NVLINK, 5.625e10, 4, 16);
    /** GeForce RTX 4090 (catalog: 1,008 GB/s, 165.2 TFLOP/s fp16 tensor, 128 SMs at 2.52 GHz, 72 MiB L2). */
    public static final Device RTX_4090 = new Device("nvidia-rtx-4090", "RTX 4090", Device.Kind.GPU, Architecture.ADA_LOVELACE, "Ada Lovelace",
            24L << 30, 1.008e12, Map.of(Format.FP32, 82.6e12, Format.FP16, 165.2e12, Format.BF16, 165.2e12, Format.INT8, 660.6e12), 128, 2.52e9,
            72L << 20, null, null, null, 450.0, null, null, null, null, 4, 16);
    /** Apple M1 Max, 32-core GPU (catalog V35: 400 GB/s unified memory, 10.617 TFLOP/s fp32 = fp16, 32 cores at 1.296 GHz, 64 GB). */
    public static final Device APPLE_M1_MAX = new Device("apple-m1-max-32c", "Apple M1 Max (32-core GPU)", Device.Kind.GPU, Architecture.APPLE_M1,
            "Apple M1", 64L << 30, 400e9, Map.of(Format.FP32, 10.617e12, Format.FP16, 10.617e12), 32, 1.296e9, null, null, null, null, null, null,
            null, null, null, null, null);
    /** Apple M2 Ultra, 76-core GPU (catalog V35: 800 GB/s, 27.2 TFLOP/s fp32 = fp16 derived from the M2 Max's, 76 cores at 1.398 GHz, 192 GB). */
    public static final Device APPLE_M2_ULTRA = new Device("apple-m2-ultra-76c", "Apple M2 Ultra (76-core GPU)", Device.Kind.GPU,
            Architecture.APPLE_M2, "Apple M2", 192L << 30, 800e9, Map.of(Format.FP32, 27.2e12, Format.FP16, 27.2e12), 76, 1.398e9, null, null, null,
            null, null, null, null, null, null, null, null);
    /** RTX A6000 (catalog: 768 GB/s, 154.8 TFLOP/s fp16 tensor, 84 SMs at 1.8 GHz, 6 MiB L2). */
    public static final Device RTX_A6000 = new Device("nvidia-rtx-a6000", "RTX A6000", Device.Kind.GPU, Architecture.AMPERE, "Ampere", 48L << 30,
            0.768e12, Map.of(Format.FP32, 38.7e12, Format.FP16, 154.8e12, Format.BF16, 154.8e12, Format.INT8, 309.7e12), 84, 1.8e9, 6L << 20, null,
            null, null, 300.0, null, null, LinkKind.NVLINK, 5.625e10, 4, 16);
    /**
     * NVIDIA B200 (HGX, 1,000 W): 2,250 TFLOP/s bf16, 9,000 fp4, 8 TB/s; 148 SMs at 1.85 GHz (the peak's clock, FlashAttention-4
     * paper), 126.5 MiB L2 (pytorch/ao PR #4002) — catalog V2, V31 and V83.
     */
    public static final Device B200 = new Device("nvidia-b200", "B200", Device.Kind.GPU, Architecture.BLACKWELL, "Blackwell", 180L << 30, 8e12,
            Map.of(Format.FP16, 2250e12, Format.BF16, 2250e12, Format.FP8, 4500e12, Format.FP4, 9000e12), 148, 1.85e9, 132_644_864L, null, null, null, 1000.0, null,
            null, LinkKind.NVLINK, 9e11, 5, 16);
    /**
     * NVIDIA GB200 (one Blackwell GPU of a GB200 NVL72): 2,500 TFLOP/s bf16, 5,000 fp8, 10,000 fp4, 186 GB at 8 TB/s (catalog V29,
     * V83); 152 SMs at 2.062 GHz (ByteDance-Seed/VeOmni PR #986), L2 assumed B200's (V31).
     */
    public static final Device GB200 = new Device("nvidia-gb200", "GB200", Device.Kind.GPU, Architecture.BLACKWELL, "Blackwell", 186_000_000_000L,
            8e12, Map.of(Format.FP16, 2500e12, Format.BF16, 2500e12, Format.FP8, 5000e12, Format.FP4, 10000e12), 152, 2.062e9, 132_644_864L, null, null, null, 1200.0,
            null, null, LinkKind.NVLINK, 9e11, 5, 16);
    /** Google Cloud TPU v3 page: 123 TFLOP/s bf16, 900 GB/s, 2 TensorCores of 2 MXUs (128 × 128). */
    public static final Device TPU_V3 = new Device("google-tpu-v3", "TPU v3", Device.Kind.TPU, Architecture.TPU_V3, "TPU v3", 32L << 30,
            0.9e12, Map.of(Format.BF16, 123e12), 2, null, null, 128, 128, 4, 262.0, null, 2.0, LinkKind.ICI, 4e11, null, null);
    /** Google Cloud TPU v5e page: 197 TFLOP/s bf16, 819 GB/s, 1 TensorCore of 4 MXUs (128 × 128). */
    public static final Device TPU_V5E = new Device("google-tpu-v5e", "TPU v5e", Device.Kind.TPU, Architecture.TPU_V5E, "TPU v5e", 16L << 30,
            0.819e12, Map.of(Format.BF16, 197e12, Format.INT8, 393e12), 1, null, null, 128, 128, 4, null, null, 1.2, LinkKind.ICI, 2e11, null, null);
    /** Google Cloud TPU v5p page: 459 TFLOP/s bf16, 2,765 GB/s, 2 TensorCores of 4 MXUs. */
    public static final Device TPU_V5P = new Device("google-tpu-v5p", "TPU v5p", Device.Kind.TPU, Architecture.TPU_V5P, "TPU v5p", 95L << 30,
            2.765e12, Map.of(Format.BF16, 459e12), 2, null, null, 128, 128, 8, null, null, 4.2, LinkKind.ICI, 6e11, null, null);
    /** Google Cloud TPU v6e page: 918 TFLOP/s bf16, 1,638 GB/s, 1 TensorCore of two 256 × 256 MXUs. */
    public static final Device TPU_V6E = new Device("google-tpu-v6e", "TPU v6e", Device.Kind.TPU, Architecture.TPU_V6E, "TPU v6e", 32L << 30,
            1.638e12, Map.of(Format.BF16, 918e12, Format.INT8, 1836e12), 1, null, null, 256, 256, 2, null, null, 2.7, LinkKind.ICI, 4e11, 5,
            null);
    /** Google Cloud TPU7x page: 2,307 TFLOP/s bf16, 4,614 fp8, 7,380 GB/s; no trusted MXU shape (catalog V13). */
    public static final Device TPU_V7 = new Device("google-tpu-v7", "TPU7x (Ironwood)", Device.Kind.TPU, Architecture.TPU_V7, "TPU v7",
            192L << 30, 7.38e12, Map.of(Format.BF16, 2307e12, Format.FP8, 4614e12), 2, null, null, null, null, null, null, null, null,
            LinkKind.ICI, 6e11, null, null);

    /** Costing migrations V7, V11, V12 and V13 (re-derived by TrainingStepEfficiencyTest there). */
    public static final double TRAINING_STEP_EFFICIENCY = 0.8692;
    /** Costing V19's CDNA 2 fused-attention ceiling (AttentionKernelsTest derives it from ledger amd-67 and amd-68). */
    public static final double CDNA2_FUSED_ATTENTION = 0.3563;
    /** Costing V16's Gaudi training-step efficiency (GaudiTrainingEfficiencyTest derives it from ledger gdi-35). */
    public static final double GAUDI_TRAINING_STEP_EFFICIENCY = 0.6953;
    /** Costing V18's Gaudi 3 GEMM ceiling (GemmTest derives it from ledger gdi-90 and gdi-91). */
    public static final double GAUDI3_GEMM_CEILING = 0.6899;

    /** The rows of costing's migrations V1, V2 and V7 (fused-attention ceilings re-derived with the exponential term) (ceilings derived with the Calibrator; CalibratorTest re-derives them). */
    public static final Calibration AMPERE = new Calibration(Architecture.AMPERE, "Ampere", 0.9299, "gemm-01", 0.9726, "attn-05", 0.90,
            "DOMAIN.md §1", 4e-6, "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", true);
    public static final Calibration HOPPER = new Calibration(Architecture.HOPPER, "Hopper", 0.9130, "gemm-03", 0.9639, "attn-24, attn-37, attn-32", 0.90,
            "DOMAIN.md §1", 4e-6, "assumption", 0.6096, "train-17, fp8-17, fp8-23, fp8-25, fp8-27", true);
    /**
     * Costing V20: streaming benchmarks on MI300Xs (ledger amd-28, amd-29, amd-36, mbw-01) reach 0.7723 of the datasheet's 5.3 TB/s
     * through the streaming model, and on an MI210 (mbw-02, mbw-03) 0.7831 of its 1.6 TB/s (StreamingTest re-derives both), not the
     * 0.90 DOMAIN.md assumes for every architecture.
     */
    public static final double CDNA3_BANDWIDTH_FRACTION = 0.7723;
    public static final double CDNA2_BANDWIDTH_FRACTION = 0.7831;
    public static final Calibration CDNA3 = new Calibration(Architecture.CDNA_3, "CDNA 3", 0.6433, "gemm-05", 0.2406, "amd-16, amd-17",
            CDNA3_BANDWIDTH_FRACTION, "amd-28, amd-29, amd-36", 4e-6, "assumption", 0.5143, "fp8-19", true);
    /**
     * Costing V14: Gaudi 2's GEMM ceiling from four bf16 matmuls (gdi-55, -57, -59, -61); V16: its training-step efficiency; the rest
     * the default row's.
     */
    public static final Calibration GAUDI2 = new Calibration(Architecture.GAUDI_2, "Gaudi 2", 0.9301, "gdi-55, gdi-57, gdi-59, gdi-61", 0.9683,
            "default", 0.90, "DOMAIN.md §1", 4e-6, "assumption", GAUDI_TRAINING_STEP_EFFICIENCY, "gdi-35", true);
    /** Costing V18: Gaudi 3's GEMM ceiling from its two MAMF rows (gdi-90 bf16, gdi-91 fp8); Gaudi 2's training-step efficiency. */
    public static final Calibration GAUDI3 = new Calibration(Architecture.GAUDI_3, "Gaudi 3", GAUDI3_GEMM_CEILING, "gdi-90, gdi-91", 0.9683,
            "default", 0.90, "DOMAIN.md §1", 4e-6, "assumption", GAUDI_TRAINING_STEP_EFFICIENCY, "Gaudi 2 (gdi-35)", true);
    /**
     * Costing V17: CDNA 4's and CDNA 2's GEMM ceilings from their MAMF rows; CDNA 3's step efficiency (and, for CDNA 4, attention)
     * across generations. V19: CDNA 2's own fused-attention ceiling.
     */
    public static final Calibration CDNA4 = new Calibration(Architecture.CDNA_4, "CDNA 4", 0.6569, "amd-46", 0.2406, "CDNA 3",
            CDNA3_BANDWIDTH_FRACTION, "CDNA 3", 4e-6, "assumption", 0.5143, "CDNA 3", true);
    public static final Calibration CDNA2 = new Calibration(Architecture.CDNA_2, "CDNA 2", 0.7736, "amd-48", CDNA2_FUSED_ATTENTION, "amd-67, amd-68",
            CDNA2_BANDWIDTH_FRACTION, "mbw-02, mbw-03", 4e-6, "assumption", 0.5143, "CDNA 3", true);
    public static final Calibration BLACKWELL = new Calibration(Architecture.BLACKWELL, "Blackwell", 0.8563, "bwk-01, bwk-03", 0.7099,
            "bwk-12, bwk-13, bwk-17, bwk-19", 0.90, "DOMAIN.md §1", 4e-6, "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", true);
    public static final Calibration DEFAULT = new Calibration(null, "default", 0.9130, "median", 0.9683, "mean", 0.90, "DOMAIN.md §1", 4e-6,
            "assumption", TRAINING_STEP_EFFICIENCY, "attn-01, train-18", false);

    /** BERT-large: 24 layers, hidden 1024, 16 heads, FFN 4096, vocab 30,522, 512 positions (Devlin et al. 2019; bert_config.json). */
    public static final Transformer BERT_LARGE = new Transformer("bert-large", Kind.ENCODER, 24, 1024, 16, 16, 64, 4096, FfnKind.GELU, 30522,
            512, Layout.bert(512), 340_000_000L);
    /** BERT-base: 12 layers, hidden 768, 12 heads, FFN 3072. */
    public static final Transformer BERT_BASE = new Transformer("bert-base", Kind.ENCODER, 12, 768, 12, 12, 64, 3072, FfnKind.GELU, 30522,
            512, Layout.bert(512), 110_000_000L);
    /** GPT-2 small: 12 layers, 768, 12 heads, vocab 50,257, 1,024 positions (Radford et al. 2019; openai/gpt-2 hparams). */
    public static final Transformer GPT2_SMALL = new Transformer("gpt-2-small", Kind.DECODER, 12, 768, 12, 12, 64, 3072, FfnKind.GELU,
            50257, 1024, Layout.gpt(1024), 117_000_000L);
    /** GPT-3 2.7B: Brown et al. 2020, Table 2.1 (32 layers, d_model 2560, 32 heads of 80, d_ff = 4·d_model), vocab 50,257. */
    public static final Transformer GPT3_2_7B = new Transformer("gpt-3-2.7b", Kind.DECODER, 32, 2560, 32, 32, 80, 10240, FfnKind.GELU,
            50257, 2048, Layout.gpt(2048), 2_700_000_000L);
    /** GPT-3 175B: 96 layers, 12288, 96 heads of 128 (Brown et al. 2020, Table 2.1). */
    public static final Transformer GPT3_175B = new Transformer("gpt-3-175b", Kind.DECODER, 96, 12288, 96, 96, 128, 49152, FfnKind.GELU,
            50257, 2048, Layout.gpt(2048), 175_000_000_000L);
    /** OPT-175B: 96 layers, d 12288, 96 heads, FFN 49152, vocab 50272, tied, 2048 + 2 learned positions (Zhang et al. 2022). */
    public static final Transformer OPT_175B = new Transformer("opt-175b", Kind.DECODER, 96, 12288, 96, 96, 128, 49152, FfnKind.RELU, 50272,
            2048, Layout.gpt(2050), 175_000_000_000L);
    /** OPT-66B shape: Zhang et al. 2022, Table 1 (64 layers, d_model 9216, 72 heads, FFN 4·d); vocab 50272. */
    public static final Transformer OPT_66B = new Transformer("opt-66b", Kind.DECODER, 64, 9216, 72, 72, 128, 36864, FfnKind.RELU, 50272,
            2048, Layout.gpt(2050), 66_000_000_000L);
    /** MPT-7B: MosaicML model card (d_model 4096, 32 heads, 32 layers, expansion ratio 4, vocab 50432; ALiBi, no biases, LayerNorm). */
    public static final Transformer MPT_7B = new Transformer("mpt-7b", Kind.DECODER, 32, 4096, 32, 32, 128, 16384, FfnKind.GELU, 50432,
            2048, new Layout(Transformer.Norm.LAYERNORM, Transformer.NormPlacement.PRE, false, 0, 0, false, false, true), 6_700_000_000L);
    /** Llama-2-7B: 32 layers, d 4096, 32 heads, FFN 11008 (SwiGLU), vocab 32000, untied (Touvron et al. 2023; HF config). */
    public static final Transformer LLAMA_2_7B = new Transformer("llama-2-7b", Kind.DECODER, 32, 4096, 32, 32, 128, 11008, FfnKind.SWIGLU,
            32000, 4096, Layout.LLAMA, 7_000_000_000L);
    /** Llama-3-8B: 32 layers, d 4096, 32 heads, 8 KV heads, FFN 14336, vocab 128256, untied (Meta Llama 3 config). */
    public static final Transformer LLAMA_3_8B = new Transformer("llama-3-8b", Kind.DECODER, 32, 4096, 32, 8, 128, 14336, FfnKind.SWIGLU,
            128256, 8192, Layout.LLAMA, 8_000_000_000L);
    /** LLaMA-65B: 80 layers, d 8192, 64 heads, FFN 22016, vocab 32000 (Touvron et al. 2023, Table 2; HF config). */
    public static final Transformer LLAMA_65B = new Transformer("llama-65b", Kind.DECODER, 80, 8192, 64, 64, 128, 22016, FfnKind.SWIGLU,
            32000, 2048, Layout.LLAMA, 65_200_000_000L);
    /** Korthikanti et al. 2022, Table 3: the 22B model (48 layers, h 6144, 64 heads, FFN 4h, vocab 51,200), Megatron GPT layout. */
    public static final Transformer GPT_22B = new Transformer("gpt-22b", Kind.DECODER, 48, 6144, 64, 64, 96, 24576, FfnKind.GELU, 51200,
            2048, Layout.gpt(2048), 22_000_000_000L);

    /** Mixtral 8x7B and DeepSeek-V3 as their configs give them (catalog V16, read 2026-11-29). */
    public static final Transformer MIXTRAL_8X7B = new Transformer("mixtral-8x7b", Kind.DECODER, 32, 4096, 32, 8, 128, 14336, FfnKind.SWIGLU, 32000,
            32768, Transformer.Layout.LLAMA, 46_700_000_000L, new Transformer.Mixture(8, 2, 0, 14336, 14336, 0, 1, null), null, null, false, 0,
            12_900_000_000L);

    public static final Transformer DEEPSEEK_V3 = new Transformer("deepseek-v3", Kind.DECODER, 61, 7168, 128, 128, 128, 18432, FfnKind.SWIGLU, 129280,
            163840, Transformer.Layout.LLAMA, 671_000_000_000L, new Transformer.Mixture(256, 8, 1, 2048, 2048, 3, 1, null),
            new Transformer.LatentAttention(1536, 512, 128, 64, 128), null, false, 0, 37_000_000_000L);

    /** openai/gpt-oss gpt_oss/torch/model.py and the 120b config: 36 blocks, 128 experts, 4 per token, alternate 128-token windows. */
    public static final Transformer GPT_OSS_120B = new Transformer("gpt-oss-120b", Kind.DECODER, 36, 2880, 64, 8, 64, 2880, FfnKind.SWIGLU, 201088,
            131072, new Transformer.Layout(Transformer.Norm.RMSNORM, Transformer.NormPlacement.PRE, true, 0, 0, false, false, false), null,
            new Transformer.Mixture(128, 4, 0, 2880, 2880, 0, 1, null), null, new Transformer.SlidingWindow(128, 2), false, 0, null);

}
