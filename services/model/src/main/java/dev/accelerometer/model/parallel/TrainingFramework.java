package dev.accelerometer.model.parallel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The framework a training step runs under, where published runs show it changes what the step spends outside its
 * kernels (the training-step efficiency). The calibration table's Hopper value (0.6096) comes from PyTorch FSDP runs —
 * llm-foundry and torchtitan on 8 H100s (costing migrations V7, V11, V12) — while NVIDIA's NeMo recipes on Megatron-Core (Transformer Engine's
 * fused layers, communication overlapped with compute) keep far more of a step in its kernels: the Megatron-Core value
 * per architecture is derived from those recipes' bf16 runs (costing MegatronEfficiencyTest). Where no architecture value
 * is derived, or the calibration is a profile fitted to the user's own runs, the calibration stays as given.
 */
public enum TrainingFramework {
    /**
     * Megatron-Core (NeMo, Megatron-LM, Megatron-Bridge): tensor, pipeline, context and expert parallelism, its tensor-parallel
     * collectives overlapped with the GEMMs by Transformer Engine's userbuffers — NVIDIA's performance recipes set it
     * (Megatron-Bridge scripts/performance Llama 3.1 405B configs: cfg.comm_overlap.tp_comm_overlap_cfg =
     * userbuffers_bf16_h100_h16384_tp8_cp2_mbs1_seqlen8192 on H100, userbuffers_*_b200_h16384_tp4_cp2_* on B200/GB200/GB300;
     * NeMo's llama31_405b recipe the same through MegatronCommOverlapCallback(tp_comm_overlap=True); read 2026-11-30).
     */
    MEGATRON_CORE("megatron-core", Map.of(Architecture.HOPPER, new Derived(Constants.HOPPER_MEGATRON_CORE, Constants.HOPPER_SOURCE, true),
            Architecture.BLACKWELL, new Derived(Constants.HOPPER_MEGATRON_CORE, Constants.BLACKWELL_SOURCE, true),
            Architecture.AMPERE, new Derived(Constants.AMPERE_MEGATRON_LM, Constants.AMPERE_SOURCE, false))),
    /** PyTorch data parallelism, FSDP or DDP (torchtitan, llm-foundry): the calibration table's efficiencies, derived from such runs. */
    PYTORCH("pytorch", Map.of());

    /** The derived constants (their derivation: costing MegatronEfficiencyTest). */
    public static final class Constants {
        private Constants() {
        }

        /**
         * Ledger fp8-01 (Llama 3.1 8B, 8 H100, 10,254 tokens/s per GPU), fp8-03 (70B, 64 H100) and fp8-05 (70B, 1,024 H100):
         * NeMo 24.12 bf16 recipes, geometric mean of measured over the plan model's prediction with kernels only (their
         * tensor-parallel collectives under the GEMMs, as the recipes run them).
         */
        public static final double HOPPER_MEGATRON_CORE = 0.7532;
        static final String HOPPER_SOURCE = "ledger fp8-01 (Llama 3.1 8B on 8 H100), fp8-03 and fp8-05 (70B on 64 and 1,024 H100): NeMo 24.12 bf16 "
                + "recipes on Megatron-Core, geometric mean of measured / the plan model at efficiency 1 (held out: their fp8 rows, the 405B "
                + "rows fp8-07/08/11/12, Megatron-Bridge's mbd-* and the MoE runs)";
        /**
         * Ledger selene-megatron-22B-full and -seqsel (Korthikanti et al. 2022, Table 5: GPT-22B, 8-way tensor parallel on one
         * DGX A100, batch 4 × 2048, full recomputation 1.42 s, sequence parallel with selective recomputation 1.10 s per
         * iteration): Megatron-LM on Ampere, geometric mean of measured over the planner's plan model at efficiency 1
         * (planner MegatronAmpereEfficiencyTest). Its tensor-parallel collectives run between the GEMMs (Megatron-LM before
         * Transformer Engine's userbuffers).
         */
        public static final double AMPERE_MEGATRON_LM = 0.8397;
        static final String AMPERE_SOURCE = "ledger selene-megatron-22B-full and -seqsel (Korthikanti et al. 2022, Table 5: GPT-22B, t = 8 on one "
                + "DGX A100): Megatron-LM on A100, geometric mean of measured / the plan model at efficiency 1 (held out: the same table's 175B, "
                + "530B and 1T pipelines, ledger korthikanti-*, and Narayanan et al. 2021 Table 1, ledger train-01 ... train-04)";
        /**
         * Blackwell takes Megatron-Core's Hopper value: the framework's share of a step outside its kernels, with no Blackwell bf16
         * recipe run to derive its own from (NVIDIA's published Blackwell rows are fp8 and MXFP8, held out); Blackwell's kernels
         * have their own ceilings (costing V10).
         */
        static final String BLACKWELL_SOURCE = "Megatron-Core's Hopper value (" + HOPPER_SOURCE + "): no Blackwell bf16 recipe run to derive "
                + "its own; held out: NeMo's GB200 405B rows fp8-09/10 and Megatron-Bridge's B200, GB200 and GB300 rows mbd-*";
    }

    /**
     * A training-step efficiency derived for one architecture, with the runs it comes from, and whether those runs' tensor-parallel
     * collectives ran under the GEMMs.
     */
    record Derived(double efficiency, String source, boolean tensorParallelOverlap) {
    }

    /**
     * The framework, the constants a step computes with under it, whether its tensor-parallel collectives run under the GEMMs
     * ({@link #overlapsTensorParallel(Architecture)}), and the assumption that says so.
     */
    public record Framed(TrainingFramework framework, Calibration calibration, boolean tensorParallelOverlap, String assumption) {
    }

    private final String slug;
    private final Map<Architecture, Derived> efficiencies;

    TrainingFramework(String slug, Map<Architecture, Derived> efficiencies) {
        this.slug = slug;
        this.efficiencies = efficiencies;
    }

    public String slug() {
        return slug;
    }

    /**
     * Whether each layer's tensor-parallel collectives run under its GEMMs on {@code a} (StepTime exposes only what exceeds
     * them): where the runs this framework's value on that architecture is derived from ran them so — Megatron-Core on Hopper
     * and Blackwell, Transformer Engine's userbuffers generations; elsewhere (Megatron-LM's A100 runs, PyTorch) they run between
     * the GEMMs.
     */
    public boolean overlapsTensorParallel(Architecture a) {
        Derived own = a == null ? null : efficiencies.get(a);
        return own != null && own.tensorParallelOverlap();
    }

    public static Optional<TrainingFramework> fromSlug(String slug) {
        return Arrays.stream(values()).filter(f -> f.slug.equals(slug)).findFirst();
    }

    /**
     * The constants to compute this framework's steps with: {@code c} with this framework's efficiency on its architecture,
     * when {@code c}'s is the table's ({@code table}); a profile's own efficiency, or an architecture without a value, stays.
     */
    public Calibration apply(Calibration c, Calibration table) {
        Derived own = c.architecture() == null ? null : efficiencies.get(c.architecture());
        if (own == null || c.trainingStepEfficiency() != table.trainingStepEfficiency()) {
            return c;
        }
        return c.withTrainingStepEfficiency(own.efficiency(), own.source());
    }

    /**
     * The framework a request names ({@code fallback} when {@code slug} is null), what its steps compute with
     * ({@link #apply}), and the assumption that says so — one wording for every service. Plain concatenation: the planner
     * answers an evaluation in well under a millisecond.
     */
    public static Framed frame(String slug, TrainingFramework fallback, Calibration given, Calibration table) {
        TrainingFramework framework = slug == null ? fallback : fromSlug(slug).orElseThrow();
        Calibration c = framework.apply(given, table);
        double percent = Math.round(c.trainingStepEfficiency() * 1000) / 10.0;
        boolean overlap = framework.overlapsTensorParallel(given.architecture());
        return new Framed(framework, c, overlap, "framework: " + framework.slug + (slug == null ? " (default)" : "") + (c != given
                ? ": its own " + percent + " % of a step in its kernels on " + c.architectureName()
                : ": the calibration's " + percent + " % of a step in its kernels")
                + (overlap ? "; tensor-parallel collectives under the GEMMs (Transformer Engine userbuffers, as NVIDIA's recipes run them): "
                        + "only what exceeds a layer's GEMMs is exposed" : "; tensor-parallel collectives between the GEMMs"));
    }
}
