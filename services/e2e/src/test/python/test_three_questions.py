"""The Python client and the `accelerometer` command, installed from the built wheel, against the running platform
(PythonClientIT starts it and runs this file with pytest). Three questions a newcomer asks, each through the façade
and through the command line, with assertions on the answers; then what bad input gets.

Environment (set by PythonClientIT): ACCELEROMETER_<SERVICE>_URL for the four services, ACCELEROMETER_API_KEY.
"""
import csv
import io
import json
import os
import subprocess
import sys

import pytest

from accelerometer import (Accelerometer, AccelerometerError, CostMode, NumberFormat, TrainingFormat, WeightFormat,
                           records)

COMMAND = os.path.join(os.path.dirname(sys.executable), "accelerometer")


@pytest.fixture(scope="module")
def acc():
    return Accelerometer()


def cli(*argv):
    return subprocess.run([COMMAND, *argv], capture_output=True, text=True, timeout=600)


# 1. Which GPU to serve Llama-2-70B in 4-bit? -------------------------------------------------------------------------

def test_which_gpu_serves_llama_2_70b_in_4_bit(acc):
    ranked = acc.gpus_for("llama-2-70b", WeightFormat.NF4, filter={"kind": "gpu"})
    estimate = acc.fit("llama-2-70b", WeightFormat.NF4, filter={"kind": "gpu"})
    # Weights: 68.98e9 linear-layer and other parameters (the catalog's exact count from the Llama-2 config) at NF4's
    # 4 bits plus 0.127 bits of double-quantized constants per parameter (Dettmers et al. 2023, QLoRA, §3 "Double
    # Quantization"), the 0.53e9 embedding/head/norm parameters kept in 16 bits: 35.3e9 + 1.05e9 ≈ 36.4e9 bytes.
    assert 35.0e9 < estimate.memory.weight_bytes < 37.5e9
    assert estimate.model.parameters == 68_976_648_192
    # Everything ranked holds the model on its devices, and an 80 GB H100 holds it on one; 24 GB cards need two.
    assert ranked and all(f.per_device_bytes <= f.memory_bytes for f in ranked)
    assert next(f for f in ranked if f.accelerator_id == "nvidia-l4").devices == 2
    h100 = next(f for f in ranked if f.accelerator_id == "nvidia-h100-sxm")
    assert h100.devices == 1 and h100.per_device_bytes < h100.memory_bytes
    # Ranked by dollars per million tokens, and the service's own recommendation is the same device.
    priced = [f.cloud_usd_per_million_tokens for f in ranked if f.cloud_usd_per_million_tokens is not None]
    assert priced == sorted(priced)
    assert ranked[0].accelerator_id == estimate.cheapest_by_cloud_price

    answer = cli("gpus", "llama-2-70b", "--for", "serve", "--format", "nf4", "--kind", "gpu", "-o", "csv")
    assert answer.returncode == 0, answer.stderr
    rows = list(csv.DictReader(io.StringIO(answer.stdout)))
    assert [r["acceleratorId"] for r in rows] == [f.accelerator_id for f in ranked]
    table = cli("gpus", "llama-2-70b", "--format", "nf4", "--kind", "gpu")
    assert table.returncode == 0 and table.stdout.splitlines()[0].split()[:2] == ["accelerator", "devices"]
    assert table.stdout.splitlines()[2].startswith(ranked[0].accelerator_id)


def test_a_gguf_file_weighs_what_llama_bench_prints(acc):
    # llama-bench: "llama 7B Q4_K - Medium | 3.80 GiB | 6.74 B" (llama.cpp issues' tables, read 2026-11-30): Q4_K, with half the
    # V and down projections and the output head at Q6_K (llama.cpp's quantizer), embeddings at Q4_K, norms f32.
    gguf = acc.fit("llama-2-7b", WeightFormat.Q4_K_M, accelerators=["nvidia-rtx-4090"])
    assert gguf.memory.weight_bytes == 4_080_263_168
    assert any("decode runtime: llama-cpp" in a for a in gguf.assumptions)


# 2. BERT-large on TPU v4 vs 8×A100 -----------------------------------------------------------------------------------

BERT = {"acceleratorId": "nvidia-a100-sxm-80gb", "modelId": "bert-large", "mode": "training", "batch": 256,
        "sequenceLength": 128, "format": "bf16", "devices": 8, "steps": 1000}


def test_bert_large_on_tpu_v4_against_eight_a100s(acc):
    comparison = acc.compare({"model": BERT}, ["google-tpu-v4", "nvidia-a100-sxm-80gb"])
    times = {e.accelerator_id: e.time_seconds for e in comparison.entries}
    assert set(times) == {"google-tpu-v4", "nvidia-a100-sxm-80gb"}
    assert comparison.by_time == sorted(times, key=times.get)
    # Peak bf16: TPU v4 275 TFLOP/s (cloud.google.com/tpu/docs/v4, read 2026-11-29), A100 312 TFLOP/s (NVIDIA A100
    # datasheet): at equal utilisation the TPU step takes 312/275 = 1.13× as long; the two are the same generation of
    # dense matmul hardware, so neither may come out more than 1.5× the other.
    assert 1 / 1.5 < times["google-tpu-v4"] / times["nvidia-a100-sxm-80gb"] < 1.5
    # The step is one of 1,000: the run totals say so.
    a100 = next(e for e in comparison.entries if e.accelerator_id == "nvidia-a100-sxm-80gb")
    assert a100.estimate.run_time_seconds == pytest.approx(1000 * a100.time_seconds, rel=1e-9)
    step = acc.cost_model("bert-large", "nvidia-a100-sxm-80gb", CostMode.TRAINING, 256, 128, NumberFormat.BF16,
                          devices=8, steps=1000)
    assert step.time_seconds == pytest.approx(a100.time_seconds, rel=1e-9)

    answer = cli("compare", "bert-large", "--accelerators", "google-tpu-v4,nvidia-a100-sxm-80gb", "--devices", "8",
                 "--mode", "training", "--batch", "256", "--seq", "128", "--format", "bf16", "--steps", "1000",
                 "-o", "json")
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["byTime"] == comparison.by_time


# 3. Plan GPT-3 175B on 1,024 A100s ----------------------------------------------------------------------------------

def test_plan_gpt_3_175b_on_1024_a100s(acc):
    # Megatron-LM's standard attention (fused softmax), as the 2021 runs below used it.
    search = acc.plan_training("gpt-3-175b", 1024, 1536, 2048, system="nvidia-dgx-a100-80gb",
                               format=TrainingFormat.FP16, tokens=300e9, attentionKernel="standard")
    best = search.best
    layout = best.plan
    assert layout.tensor_parallel * layout.pipeline_parallel * layout.data_parallel == 1024
    assert layout.tensor_parallel <= 8  # tensor parallelism stays inside an 8-GPU NVLink node
    # Published: 138 TFLOP/s per GPU = 44 % of the A100's 312 with full recomputation (Narayanan et al. 2021, SC21,
    # Table 1, 175B on 1,024 GPUs); about 52 % model FLOPs utilisation with selective recomputation and sequence
    # parallelism (Korthikanti et al. 2022, Table 5). The best plan must lie in that range, with room for the training
    # category's stated error band (p90 38 %, GET /v1/validation).
    assert 0.40 < best.model_flops_utilization < 0.62
    # 300e9 tokens at that rate: Narayanan et al. estimate 34 days at 44 %; at ~52 % about 29 days or fewer.
    assert 15 * 86400 < best.time_to_train_seconds < 40 * 86400
    assert search.feasible <= search.evaluated and search.candidates[0] == best
    rows = records(search)
    assert rows[0]["plan.tensorParallel"] == layout.tensor_parallel

    answer = cli("plan", "gpt-3-175b", "--system", "nvidia-dgx-a100-80gb", "--devices", "1024", "--global-batch",
                 "1536", "--seq", "2048", "--format", "fp16", "--tokens", "300e9", "--attention-kernel", "standard", "-o", "json")
    assert answer.returncode == 0, answer.stderr
    assert "plans evaluated" in answer.stderr  # progress on the search
    plan = json.loads(answer.stdout)["best"]["plan"]
    assert (plan["tensorParallel"], plan["pipelineParallel"], plan["dataParallel"]) == (
        layout.tensor_parallel, layout.pipeline_parallel, layout.data_parallel)


def test_plan_llama_3_1_70b_with_context_parallelism_on_64_h100s(acc):
    # NVIDIA's NeMo recipe (dgxc-benchmarking v25.02, ledger fp8-03): Llama 3.1 70B on 64 H100s, 8,192-token sequences
    # split over 2 context-parallel ranks (t4 p4 v5 c2), 14.61 s per step in bf16. A search fixed to c = 2 must find a
    # layout at least as fast as the recipe, within the training band (Megatron-Core's efficiency is derived from this row).
    search = acc.plan_training("llama-3.1-70b", 64, 128, 8192, system="nvidia-dgx-h100", format=TrainingFormat.BF16,
                               context_parallel=2, attentionKernel="flash", limit=3)
    best = search.best
    assert best.plan.context_parallel == 2
    assert best.plan.tensor_parallel * best.plan.pipeline_parallel * best.plan.data_parallel * 2 == 64
    assert best.step.total_seconds < 1.15 * 14.61
    answer = cli("plan", "llama-3.1-70b", "--system", "nvidia-dgx-h100", "--devices", "64", "--global-batch", "128",
                 "--seq", "8192", "--attention-kernel", "flash", "--context-parallel", "2", "--framework", "pytorch", "-o", "json")
    assert answer.returncode == 0, answer.stderr
    pytorch = json.loads(answer.stdout)["best"]
    assert pytorch["plan"]["contextParallel"] == 2
    # PyTorch FSDP's efficiency (the calibration table's Hopper value, from llm-foundry and torchtitan runs) is lower.
    assert pytorch["step"]["totalSeconds"] > best.step.total_seconds


# Bad input ----------------------------------------------------------------------------------------------------------

def test_a_rejected_request_raises_one_error_naming_the_field(acc):
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_matmul("google-tpu-v4", 1024, 1024, 1024, NumberFormat.FP64)
    error = raised.value
    assert error.status == 422 and error.rejected and error.service == "costing"
    assert [v.path for v in error.violations] == ["format"]
    # The SDK checks the spec's limits before sending: the same error type, no HTTP status.
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_matmul("nvidia-h100-sxm", 0, 8, 8)
    assert raised.value.status is None and raised.value.rejected and raised.value.violations[0].path == "m"
    # What the SDK cannot check, the service does, naming the field.
    with pytest.raises(AccelerometerError) as raised:
        acc.plan_training("no-such-model", 1024, 1536, 2048, system="nvidia-dgx-a100-80gb")
    assert raised.value.status == 404 and raised.value.violations[0].path == "modelId"


def test_the_command_line_exits_3_with_the_problem_and_2_on_an_unknown_name():
    rejected = cli("cost", "matmul", "--accelerator", "google-tpu-v4", "-m", "8", "-n", "8", "-k", "8", "--format", "fp64")
    assert rejected.returncode == 3 and "format: not supported by google-tpu-v4" in rejected.stderr
    ambiguous = cli("plan", "gpt-3-175b", "--system", "dgx-a100", "--devices", "8", "--global-batch", "8", "--seq", "8")
    assert ambiguous.returncode == 2 and "nvidia-dgx-a100-80gb" in ambiguous.stderr
    short = cli("cost", "matmul", "--accelerator", "h100-sxm", "-m", "8", "-n", "8", "-k", "8")
    assert short.returncode == 0 and "accelerator h100-sxm → nvidia-h100-sxm" in short.stderr


def test_how_fast_llama_cpp_reads_a_prompt_on_a_geforce_card_and_a_mac(acc):
    # llama.cpp's CUDA scoreboard (discussion #15013, read 2026-12-02): pp512 of Llama 2 7B Q4_0 on an RTX 5090, 14,073 tokens/s
    # (ledger pre-01, held out); #4167's M2 Max 38-core, 671 tokens/s (aplp-07, held out). Bar: the category's hold-out p90, 21 %.
    gpu = acc.cost_model("llama-2-7b", "nvidia-rtx-5090", CostMode.PREFILL, 1, 512, NumberFormat.FP16, runtime="llama-cpp",
                         attentionKernel="standard")
    assert gpu.run.tokens_per_second == pytest.approx(14073.41, rel=0.21) and gpu.expected_error.category == "llama-cpp-prefill"
    shown = cli("cost", "model", "llama-2-7b", "--accelerator", "apple-m2-max-38c", "--mode", "prefill", "--batch", "1", "--seq", "512",
                "--format", "fp16", "--runtime", "llama-cpp", "--weight-bits", "4.5", "-o", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["run"]["tokensPerSecond"] == pytest.approx(671.31, rel=0.21)
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_model("llama-2-7b", "google-tpu-v4", CostMode.PREFILL, 1, 512, NumberFormat.BF16, runtime="llama-cpp")
    assert raised.value.status == 422 and [v.path for v in raised.value.violations] == ["runtime"]


def test_what_two_four_sparsity_buys_on_an_h100_and_where_it_cannot_run(acc):
    dense = acc.cost_matmul("nvidia-h100-sxm", 8192, 8192, 8192, NumberFormat.BF16)
    sparse = acc.cost_matmul("nvidia-h100-sxm", 8192, 8192, 8192, NumberFormat.BF16, sparsity="2:4")
    # Well under the datasheet's 2x: the sparse kernels reach 0.7538 of dense kernels' efficiency (the ledger's 19 runs).
    assert 1.3 < sparse.sparsity.speedup_over_dense < 1.51
    assert sparse.sparsity.dense_time_seconds == pytest.approx(dense.time_seconds, rel=1e-12)
    # The band of 2:4 GEMMs on Hopper itself (its regime in GET /v1/validation), not the category's across GPUs.
    assert sparse.expected_error.category == "sparse_gemm" and sparse.expected_error.cases >= 5
    assert "on Hopper" in sparse.expected_error.note
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_matmul("nvidia-v100-sxm2-32gb", 4096, 4096, 4096, NumberFormat.FP16, sparsity="2:4")
    assert raised.value.status == 422 and [v.path for v in raised.value.violations] == ["sparsity.pattern"]
    decode = acc.cost_model("llama-2-7b", "nvidia-a100-sxm-80gb", CostMode.DECODE, 1, 1024, NumberFormat.FP16, sparsity={"pattern": "2:4"})
    # Batch-1 decode reads the compressed weights: 1.125 of 2 bytes per weight in the linear layers.
    assert 1.3 < decode.sparsity.speedup_over_dense < 2 / 1.125 and decode.expected_error.category == "sparse_model"
    shown = cli("cost", "matmul", "--accelerator", "nvidia-a100-sxm-80gb", "-m", "4096", "-n", "4096", "-k", "4096", "--format", "fp16",
                "--sparsity", "2:4", "--sparse-kernel", "cutlass")
    assert shown.returncode == 0 and "2:4 by cutlass" in shown.stdout and "over dense" in shown.stdout


def test_when_unstructured_sparsity_beats_dense_and_what_sparse_training_from_scratch_reaches(acc):
    # VENOM's Sputnik runs on an RTX 3090 (ledger sparsek-09, read 2026-11-30): 330.5 us at density 0.02, M 4096, N 1024, K 4096.
    light = acc.cost_matmul("nvidia-rtx-3090", 4096, 1024, 4096, NumberFormat.FP16, sparsity={"pattern": "unstructured", "density": 0.02})
    assert light.sparsity.kernel == "sputnik" and light.time_seconds == pytest.approx(330.5e-6, rel=0.25)
    assert light.expected_error.category == "sparse_unstructured" and light.expected_error.cases >= 80
    half = acc.cost_matmul("nvidia-rtx-3090", 4096, 1024, 4096, NumberFormat.FP16, sparsity={"pattern": "unstructured", "density": 0.5})
    assert half.sparsity.speedup_over_dense < 1 and light.sparsity.break_even_density == pytest.approx(half.sparsity.break_even_density)
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_matmul("google-tpu-v4", 4096, 4096, 4096, NumberFormat.BF16, sparsity={"pattern": "unstructured", "density": 0.1})
    assert raised.value.status == 422 and [v.path for v in raised.value.violations] == ["sparsity.pattern"]
    trained = acc.cost_model("gpt-3-1.3b", "nvidia-a100-sxm-80gb", CostMode.TRAINING, 8, 2048, NumberFormat.FP16,
                             sparsity={"pattern": "unstructured", "density": 0.1})
    assert trained.sparsity.speedup_over_dense < 1 and trained.sparsity.quality is not None
    shown = cli("cost", "matmul", "--accelerator", "nvidia-rtx-3090", "-m", "4096", "-n", "1024", "-k", "4096", "--format", "fp16",
                "--sparsity", "unstructured", "--density", "0.02")
    assert shown.returncode == 0 and "unstructured by sputnik" in shown.stdout and "break-even density" in shown.stdout


# 4. Own or rent? ------------------------------------------------------------------------------------------------------

def test_own_a_dgx_a100_or_rent_its_gpus(acc):
    owned = acc.ownership(system="nvidia-dgx-a100-40gb", utilization=0.8, pue=1.56, region="us-virginia")
    # The catalog's DGX A100 40 GB: list price $199,000 (NVIDIA launch, 2020-05-14), 6,500 W system power, 8 GPUs.
    assert (owned.devices, owned.purchase_price_usd, owned.busy_power_watts) == (8, 199_000, 6_500)
    # Electricity by hand: 6.5 kW × 5 years × 8,766 h × 0.8 busy × PUE 1.56 (idle not counted, stated).
    kwh = 6.5 * 5 * 8766 * 0.8 * 1.56
    assert owned.total_energy_kwh == pytest.approx(kwh, rel=1e-9)
    assert any("idle" in a for a in owned.assumptions)
    prices = [o.usd_per_device_hour for o in owned.rent]
    assert prices == sorted(prices) and len(prices) >= 3  # AWS p4d, Azure ND96asr v4, GCP a2-highgpu-8g
    for option in owned.rent:
        assert option.break_even_months is None or option.break_even_months > 0

    answer = cli("own", "--system", "nvidia-dgx-a100-40gb", "--utilization", "0.8", "--pue", "1.56", "--region", "us-virginia",
                 "-o", "csv")
    assert answer.returncode == 0, answer.stderr
    rows = list(csv.DictReader(io.StringIO(answer.stdout)))
    assert [float(r["usdPerDeviceHour"]) for r in rows] == pytest.approx(prices)


# 5. Which GPU for my budget? -----------------------------------------------------------------------------------------

def test_which_gpu_trains_bert_for_at_most_2_50_an_hour(acc):
    comparison = acc.compare({"model": dict(BERT, devices=1)}, budget={"maxCloudUsdPerHour": 2.5}, kind="gpu", format="bf16")
    assert comparison.entries and all(e.cloud_price_usd_per_hour <= 2.5 for e in comparison.entries)
    reasons = [s.reason for s in comparison.skipped]
    assert any("maxCloudUsdPerHour: costs" in r for r in reasons)           # e.g. the H100 SXM at $3.99
    assert any("no cloud price in the catalog" in r for r in reasons)       # e.g. the RTX 4090: cannot be checked
    costs = [e.cost_usd for e in comparison.entries if e.cost_usd is not None]
    assert [e for e in comparison.by_cost] and len(comparison.by_cost) == len(costs)

    answer = cli("compare", "bert-large", "--kind", "gpu", "--max-usd-per-hour", "2.5", "--mode", "training", "--batch", "256",
                 "--seq", "128", "--steps", "1000", "-o", "csv")
    assert answer.returncode == 0, answer.stderr
    rows = list(csv.DictReader(io.StringIO(answer.stdout)))
    assert rows and all(float(r["cloudPriceUsdPerHour"]) <= 2.5 for r in rows)
    assert "skipped nvidia-h100-sxm: over budget" in answer.stderr


# 6. Does it run on my desktop, and how fast, with part of it in host memory? -----------------------------------------

def test_a_14b_model_split_between_a_16_gb_gpu_and_the_host(acc):
    # Ledger ioff-23 … ioff-29 (read 2026-11-30): Qwen2.5-Coder-14B Q4_K_M on an RTX 5060 Ti 16GB with dual-channel DDR4-2400
    # (38.4 GB/s): 2.89 tokens/s with no layer on the GPU, 5.61 with 24 of 48. Bar: 30 % (costing's offload-decode band, p90 25 %).
    host = {"memoryBandwidthBytesPerSecond": 38.4e9, "memoryBytes": 64 * 2**30}
    cpu = acc.fit("qwen2.5-14b", WeightFormat.Q4_K_M, context_length=512, accelerators=["nvidia-rtx-5060-ti-16gb"], gpuLayers=0, host=host)
    half = acc.fit("qwen2.5-14b", WeightFormat.Q4_K_M, context_length=512, accelerators=["nvidia-rtx-5060-ti-16gb"], gpuLayers=24, host=host)
    assert cpu.fits[0].decode_tokens_per_second == pytest.approx(2.89, rel=0.3)
    assert half.fits[0].decode_tokens_per_second == pytest.approx(5.61, rel=0.3)
    assert half.fits[0].gpu_layers == 24 and half.fits[0].host_bytes < cpu.fits[0].host_bytes

    answer = cli("estimate", "qwen2.5-14b", "--format", "q4_k_m", "--context", "512", "--accelerators", "nvidia-rtx-5060-ti-16gb",
                 "--gpu-layers", "24", "--host-bandwidth", "38.4e9", "-o", "json")
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["fits"][0]["decodeTokensPerSecond"] == pytest.approx(half.fits[0].decode_tokens_per_second)


def test_fine_tune_a_3b_model_on_one_40_gb_gpu_with_the_optimizer_on_the_host(acc):
    # Qwen2.5-3B with AdamW needs 16 bytes per parameter (49 GB) on the device; ZeRO-Offload keeps 12 + 4 of them on the host.
    on_device = acc.plan_training("qwen2.5-3b", 1, 4, 512, system="nvidia-dgx-a100-40gb", format="bf16", optimizer="adamw")
    assert on_device.best is None
    offloaded = acc.plan_training("qwen2.5-3b", 1, 4, 512, system="nvidia-dgx-a100-40gb", format="bf16", optimizer="adamw",
                                  offload="any", host={"memoryBytes": 256e9})
    assert offloaded.best is not None and offloaded.best.plan.offload != "none"
    assert offloaded.best.step.host_optimizer_seconds > 0 and offloaded.best.memory.host_bytes > 0

    answer = cli("plan", "qwen2.5-3b", "--system", "nvidia-dgx-a100-40gb", "--devices", "1", "--global-batch", "4", "--seq", "512",
                 "--offload", "any", "--host-memory", "256e9", "-o", "csv")
    assert answer.returncode == 0, answer.stderr
    rows = list(csv.DictReader(io.StringIO(answer.stdout)))
    assert rows and rows[0]["plan.offload"] != "none"


def test_serve_deepseek_v3_on_a_dgx_b200_expert_parallel(acc):
    # DeepSeek-V3 in fp8 on eight B200s, 1,000/1,000-token requests offline. Its latent attention caches one 576-element latent
    # per token and block that tensor parallelism copies to every rank, so an 8-way tensor-parallel replica holds the cache of
    # ~690 such requests; eight ranks running attention data parallel over expert-parallel MoE layers each cache their own
    # 256 sequences and decode several times the tokens (the layout SGLang's and TensorRT-LLM's DeepSeek guides run).
    tensor = acc.evaluate_serving("deepseek-v3", 8, 1000, 1000, {"tensorParallel": 8, "replicas": 1, "maxSequences": 2048,
                                  "maxBatchedTokens": 8192}, system="nvidia-dgx-b200", weight_format="fp8")
    experts = acc.evaluate_serving("deepseek-v3", 8, 1000, 1000, {"tensorParallel": 1, "expertParallel": 8, "replicas": 1,
                                   "maxSequences": 256, "maxBatchedTokens": 8192}, system="nvidia-dgx-b200", weight_format="fp8")
    assert experts.evaluation.deployment.expert_parallel == 8 and experts.evaluation.total_devices == 8
    assert experts.evaluation.output_tokens_per_second > 2 * tensor.evaluation.output_tokens_per_second
    # Every rank holds the attention and dense layers whole and 1/8 of the routed experts: a little more than 1/8 of all.
    assert tensor.evaluation.memory.weight_bytes_per_device < experts.evaluation.memory.weight_bytes_per_device
    assert any("attention data parallel" in a for a in experts.assumptions)
    # Expert parallelism on a dense model is refused, naming the field.
    with pytest.raises(AccelerometerError) as refused:
        acc.evaluate_serving("llama-3.1-8b", 8, 100, 100, {"tensorParallel": 1, "expertParallel": 2, "replicas": 1,
                             "maxSequences": 64, "maxBatchedTokens": 2048}, system="nvidia-dgx-b200")
    assert refused.value.status == 400 and "configuration.expertParallel" in [v.path for v in refused.value.violations]
    # The command line: the fewest DGX B200 devices, in expert-parallel groups of 8, serving DeepSeek-V3 at 20 requests/s within a
    # 50 ms p99 TPOT.
    answer = cli("serve", "deepseek-v3", "--system", "nvidia-dgx-b200", "--devices", "16", "--format", "fp8", "--input-tokens", "1000",
                 "--output-tokens", "1000", "--rate", "20", "--tpot-p99", "0.05", "--expert-parallel", "8", "-o", "json", "-q")
    assert answer.returncode == 0, answer.stderr
    plans = json.loads(answer.stdout)["plans"]
    assert plans and all(p["meetsObjectives"] and p["deployment"]["expertParallel"] == 8 for p in plans)
    assert plans[0]["totalDevices"] <= 16 and plans[0]["latency"]["tpot"]["p99Seconds"] <= 0.05
