"""The ``accelerometer`` command: the questions people ask the platform, from a shell.

Written in Python inside the client package (not a Java jar) so that it is one ``pip install`` with the client, starts
in a fraction of a second, and shares the client's requests, enums and errors rather than a second copy of them.
"""
import argparse
import csv
import json
import os
import sys
import threading
import time

from accelerometer.client import Accelerometer, AccelerometerError
from accelerometer.enums import (AttentionKernel, CostMode, KvCacheFormat, NumberFormat, QuantizationMode, Runtime,
                                 TrainingFormat, WeightFormat)
from accelerometer.tables import records

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_REJECTED, EXIT_UNAVAILABLE = 0, 1, 2, 3, 4

EPILOG = """\
examples:
  accelerometer gpus llama-2-70b --for serve --format nf4 --kind gpu
  accelerometer cost matmul --accelerator nvidia-h100-sxm -m 8192 -n 8192 -k 8192 --format bf16
  accelerometer cost model bert-large --accelerator nvidia-a100-sxm-80gb --devices 8 --mode training \\
      --batch 256 --seq 128 --format fp16 --steps 1000
  accelerometer compare bert-large --accelerators google-tpu-v4,nvidia-a100-sxm-80gb --devices 8 \\
      --mode training --batch 256 --seq 128 --format bf16
  accelerometer compare bert-large --kind gpu --max-usd-per-hour 2.5 --mode training --batch 256 --seq 128 --steps 1000
  accelerometer plan gpt-3-175b --system nvidia-dgx-a100-80gb --devices 1024 --global-batch 1536 \\
      --seq 2048 --format fp16 --tokens 300e9
  accelerometer estimate llama-2-7b --format nf4 --accelerators nvidia-rtx-4090 --output json
  accelerometer own --system nvidia-dgx-a100-40gb --utilization 0.8 --pue 1.56 --region us-virginia

short names: an id that is not in the catalog is looked up as a substring of ids and names; one match is used (and
said on stderr), several are listed.

server: ACCELEROMETER_URL (one gateway for every service) or ACCELEROMETER_CATALOG_URL, _COSTING_URL, _PLANNER_URL,
_QUANTIZATION_URL; default the local runner (http://127.0.0.1:8081-8084). ACCELEROMETER_API_KEY is sent as X-API-Key.

exit codes: 0 answered; 1 answered "no" (nothing fits, no plan fits); 2 bad command line or unknown name;
3 the service rejected the request (its problem details are printed); 4 a service could not be reached or failed.
"""


class UsageError(Exception):
    pass


# Formatting ------------------------------------------------------------------------------------------------------

def _seconds(value):
    if value is None:
        return ""
    for unit, size in (("days", 86400.0), ("h", 3600.0), ("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(value) >= size or unit == "µs":
            return f"{value / size:,.3g} {unit}" if unit != "days" else f"{value / size:,.1f} {unit}"
    return str(value)


def _number(value, digits=3):
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.0f}" if abs(value) >= 10 ** digits else f"{value:,.{digits}g}"


def _gigabytes(value):
    return "" if value is None else f"{value / 1e9:,.1f}"


def _dollars(value):
    if value is None:
        return ""
    if abs(value) < 0.01:
        return f"{value:.2g}"
    return f"{value:,.2f}" if abs(value) < 1e5 else f"{value:,.0f}"


def _percent(value):
    return "" if value is None else f"{100 * value:.1f} %"


def _percent_value(value):
    return "" if value is None else f"{value:.1f} %"


def _tera(value):
    return "" if value is None else f"{value / 1e12:,.1f}"


def _text(value):
    return "" if value is None else str(value.value if hasattr(value, "value") else value)


def _get(row, path):
    for part in path.split("."):
        if row is None:
            return None
        row = row.get(part) if isinstance(row, dict) else getattr(row, part, None)
    return row


def _table(rows, columns, out):
    """Rows (dicts in the API's names) as aligned text columns: columns are (header, key, formatter)."""
    cells = [[header for header, _, _ in columns]]
    cells += [[formatter(_get(row, key)) for _, key, formatter in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    for n, line in enumerate(cells):
        out.write("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip()
                  + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def _pairs(pairs, out):
    width = max(len(label) for label, _ in pairs)
    for label, value in pairs:
        out.write(f"{label.ljust(width)}  {value}\n")


def _emit(args, answer, rows, columns=None, pairs=None, out=sys.stdout):
    """Write the answer as the user asked: json (the whole answer), csv (its rows, every field) or a table."""
    if args.output == "json":
        plain = [r.to_dict() for r in answer] if isinstance(answer, list) else answer.to_dict()
        json.dump(plain, out, indent=2, default=str)
        out.write("\n")
    elif args.output == "csv":
        flat = records(rows)
        names = list(dict.fromkeys(k for r in flat for k in r))
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
    elif pairs is not None:
        _pairs(pairs, out)
    else:
        _table([r.to_dict() for r in rows], columns, out)


class _Progress:
    """Elapsed time on stderr while a search runs: a live counter on a terminal, two lines otherwise."""

    def __init__(self, what, quiet):
        self.what, self.quiet, self.done = what, quiet, threading.Event()
        self.live = sys.stderr.isatty()

    def __enter__(self):
        self.started = time.monotonic()
        if self.quiet:
            return self
        if self.live:
            threading.Thread(target=self._tick, daemon=True).start()
        else:
            sys.stderr.write(f"{self.what}…\n")
        return self

    def _tick(self):
        while not self.done.wait(0.2):
            sys.stderr.write(f"\r{self.what}… {time.monotonic() - self.started:.1f} s")
            sys.stderr.flush()

    def __exit__(self, *exc):
        self.done.set()
        if not self.quiet:
            sys.stderr.write(("\r" if self.live else "") + f"{self.what}: {time.monotonic() - self.started:.1f} s\n")


# Name lookup -----------------------------------------------------------------------------------------------------

def _resolve(acc, kind, given):
    """A catalog id from an id or a unique substring of ids and names."""
    lists = {"accelerator": acc.catalog.accelerators.list_accelerators, "system": acc.catalog.systems.list_systems,
             "model": acc.catalog.models.list_models}
    found = lists[kind](q=given, page_size=50).items or []
    ids = [item.id for item in found]
    if given in ids:
        return given
    if len(ids) == 1:
        sys.stderr.write(f"{kind} {given} → {ids[0]}\n")
        return ids[0]
    if not ids:
        raise UsageError(f"no {kind} in the catalog is or contains '{given}'; list them with: accelerometer {kind}s")
    raise UsageError(f"'{given}' names {len(ids)} {kind}s: {', '.join(ids)}; give one of them")


def _resolve_all(acc, kind, given):
    return [_resolve(acc, kind, g.strip()) for g in given.split(",") if g.strip()] if given else None


# Commands --------------------------------------------------------------------------------------------------------

FIT_COLUMNS = [("accelerator", "acceleratorId", _text), ("devices", "devices", _number),
               ("GB per device", "perDeviceBytes", _gigabytes), ("decode tok/s", "decodeTokensPerSecond", _number),
               ("bound", "decodeBound", _text), ("$/h", "totalCloudUsdPerHour", _dollars),
               ("$ per M tokens", "cloudUsdPerMillionTokens", _dollars)]

MODES = {"serve": QuantizationMode.INFERENCE, "qlora": QuantizationMode.QLORA, "lora": QuantizationMode.LORA,
         "finetune": QuantizationMode.FULL_FINETUNE}


def _fit_arguments(args, acc):
    extra = {}
    if args.kind:
        extra["filter"] = {"kind": args.kind}
    if args.kv_format:
        extra["kvCacheFormat"] = args.kv_format
    if args.gpu_layers is not None:
        extra["gpuLayers"] = args.gpu_layers
    host = {k: v for k, v in (("memoryBandwidthBytesPerSecond", args.host_bandwidth), ("memoryBytes", args.host_memory)) if v is not None}
    if host:
        extra["host"] = host
    if args.stream_weights:
        extra["streamWeights"] = True
    if args.resident_layers is not None:
        extra["residentLayers"] = args.resident_layers
    if args.experts_only:
        extra["quantizedLayers"] = "experts"
    return dict(context_length=args.context, batch=args.batch, mode=MODES[args.purpose],
                accelerators=_resolve_all(acc, "accelerator", args.accelerators), **extra)


def cmd_gpus(args, acc):
    model = _resolve(acc, "model", args.model)
    ranked = acc.gpus_for(model, args.format, **_fit_arguments(args, acc))
    _emit(args, ranked, ranked, FIT_COLUMNS)
    if not ranked:
        sys.stderr.write(f"no accelerator holds {model} in {args.format} at this context and batch\n")
        return EXIT_NEGATIVE
    return EXIT_OK


def cmd_estimate(args, acc):
    model = _resolve(acc, "model", args.model)
    estimate = acc.fit(model, args.format, **_fit_arguments(args, acc))
    if args.output == "table":
        memory = estimate.memory.to_dict() if estimate.memory else {}
        _pairs([(f"memory {k}", _gigabytes(v) + " GB") for k, v in memory.items() if isinstance(v, (int, float))],
               sys.stdout)
        sys.stdout.write("\n")
        _table([f.to_dict() for f in estimate.fits or []], [("fits", "fits", _text)] + FIT_COLUMNS, sys.stdout)
        for line in (estimate.warnings or []):
            sys.stderr.write(f"warning: {line}\n")
    else:
        _emit(args, estimate, estimate)
    return EXIT_OK if any(f.fits for f in estimate.fits or []) else EXIT_NEGATIVE


def _estimate_pairs(e):
    pairs = [("accelerator", e.accelerator_id), ("workload", e.workload or ""), ("time", _seconds(e.time_seconds)),
             ("bound", e.bound or ""), ("utilization", _percent(e.utilization)),
             ("achieved TFLOP/s", _tera(e.achieved_flops_per_second))]
    if e.run_time_seconds is not None and e.run_time_seconds != e.time_seconds:
        pairs += [("run time", _seconds(e.run_time_seconds))]
    if e.run_cost_usd is not None:
        pairs += [("run cost $", _dollars(e.run_cost_usd))]
    elif e.cost_usd is not None:
        pairs += [("cost $", _dollars(e.cost_usd))]
    power = e.electricity
    if power is not None:
        pairs += [("electricity", ", ".join(part for part in (
            f"{power.total_energy_kwh:,.3g} kWh",
            None if power.total_electricity_usd is None else f"$ {_dollars(power.total_electricity_usd)}",
            None if power.total_co2e_kilograms is None else f"{power.total_co2e_kilograms:,.3g} kg CO2e") if part)
            + f" ({power.region or 'given terms'}, PUE {power.pue:g})")]
    sparse = getattr(e, "sparsity", None)
    if sparse is not None:
        pairs += [("sparsity", f"{sparse.pattern} by {sparse.kernel}: {sparse.speedup_over_dense:.2f}x over dense "
                   f"({sparse.dense_time_seconds * 1e3:.3g} ms dense)" + ("" if sparse.calibrated else "; not measured on this "
                                                                            "architecture, band widened"))]
        if sparse.break_even_density is not None:
            pairs += [("break-even density", f"{sparse.break_even_density:.3g} (sparse wins below it at this shape)")]
    band = e.expected_error
    if band is not None and band.median_absolute_error_percent is not None:
        pairs += [("expected error", f"median {band.median_absolute_error_percent:.0f} %, p90 "
                   f"{band.p90_absolute_error_percent:.0f} % ({band.category}, {band.cases} published cases)")]
    return pairs


def cmd_cost(args, acc):
    accelerator = _resolve(acc, "accelerator", args.accelerator)
    if args.workload == "matmul":
        sparsity = None if args.sparsity is None else {k: v for k, v in (("pattern", args.sparsity), ("density", args.density),
                                                                        ("kernel", args.sparse_kernel)) if v is not None}
        estimate = acc.cost_matmul(accelerator, args.m, args.n, args.k, args.format, args.batch_count, sparsity=sparsity)
    else:
        extra = {"attentionKernel": args.kernel} if args.kernel else {}
        if args.runtime:
            extra["runtime"] = args.runtime
        if args.weight_bits:
            extra["weightBitsPerParameter"] = args.weight_bits
        if args.sparsity:
            extra["sparsity"] = {k: v for k, v in (("pattern", args.sparsity), ("density", args.density)) if v is not None}
        estimate = acc.cost_model(_resolve(acc, "model", args.model), accelerator, args.mode, args.batch, args.seq,
                                  args.format, devices=args.devices, steps=args.steps, tokens=args.tokens, **extra)
    _emit(args, estimate, estimate.breakdown if args.workload == "model" and estimate.breakdown else estimate,
          pairs=_estimate_pairs(estimate))
    return EXIT_OK


def cmd_compare(args, acc):
    model = _resolve(acc, "model", args.model)
    accelerators = _resolve_all(acc, "accelerator", args.accelerators)
    if not accelerators and not args.kind:
        raise UsageError("give --accelerators or --kind")
    workload = {"acceleratorId": (accelerators or ["nvidia-h100-sxm"])[0], "modelId": model, "mode": str(args.mode),
                "batch": args.batch, "sequenceLength": args.seq, "format": str(args.format)}
    for key, value in (("devices", args.devices), ("steps", args.steps), ("tokens", args.tokens)):
        if value is not None:
            workload[key] = value
    filters = {"kind": args.kind} if args.kind else {}
    budget = {k: v for k, v in (("maxCloudUsdPerHour", args.max_usd_per_hour), ("maxListPriceUsd", args.max_list_price),
                                ("maxCostUsd", args.max_cost), ("maxTimeSeconds", args.max_seconds)) if v is not None} or None
    with _Progress(f"comparing {model} on {len(accelerators) if accelerators else 'every ' + args.kind}", args.quiet):
        comparison = acc.compare({"model": workload}, accelerators, budget=budget, **filters)
    order = {a: i for i, a in enumerate(comparison.by_time or [])}
    entries = sorted(comparison.entries or [], key=lambda e: order.get(e.accelerator_id, len(order)))
    columns = [("accelerator", "acceleratorId", _text), ("time", "timeSeconds", _seconds),
               ("utilization", "utilization", _percent), ("bound", "bound", _text)]
    if any(_get(e.to_dict(), "estimate.runTimeSeconds") for e in entries):
        columns += [("run time", "estimate.runTimeSeconds", _seconds), ("run cost $", "estimate.runCostUsd", _dollars),
                    ("run energy kWh", "estimate.runEnergyJoules", lambda j: "" if j is None else f"{j / 3.6e6:,.3g}")]
    else:
        columns += [("cost $", "costUsd", _dollars), ("energy J", "energyJoules", _number)]
    _emit(args, comparison, entries, columns)
    for skipped in comparison.skipped or []:
        sys.stderr.write(f"skipped {skipped.accelerator_id}: {skipped.reason}\n")
    return EXIT_OK if entries else EXIT_NEGATIVE


def _model_and_cluster(args, acc):
    """The catalog ids a planner command names: its model, and its --system or --accelerator (one is required)."""
    model = _resolve(acc, "model", args.model)
    system = _resolve(acc, "system", args.system) if args.system else None
    accelerator = _resolve(acc, "accelerator", args.accelerator) if args.accelerator else None
    if not system and not accelerator:
        raise UsageError("give --system (a node template) or --accelerator")
    return model, system, accelerator


def cmd_plan(args, acc):
    model, system, accelerator = _model_and_cluster(args, acc)
    with _Progress(f"searching training plans for {model} on {args.devices:,} devices", args.quiet):
        training = {k: v for k, v in (("framework", args.framework), ("attentionKernel", args.attention_kernel)) if v is not None}
        host = {k: v for k, v in (("memoryBytes", args.host_memory), ("cpuOptimizerParametersPerSecond", args.host_optimizer_rate))
                if v is not None}
        search = acc.plan_training(model, args.devices, args.global_batch, args.seq, system=system,
                                   accelerator=accelerator, format=args.format, tokens=args.tokens, limit=args.limit,
                                   context_parallel=args.context_parallel, offload=args.offload, host=host or None, **training)
    if not args.quiet:
        sys.stderr.write(f"{search.evaluated:,} plans evaluated, {search.feasible:,} fit in memory\n")
    _emit(args, search, search.candidates or [],
          [("TP", "plan.tensorParallel", _number), ("PP", "plan.pipelineParallel", _number),
           ("DP", "plan.dataParallel", _number), ("CP", "plan.contextParallel", _number),
           ("micro-batch", "plan.microBatchSize", _number),
           ("recompute", "plan.recompute", _text), ("ZeRO", "plan.zeroStage", _number), ("offload", "plan.offload", _text),
           ("step", "step.totalSeconds", _seconds), ("tokens/s", "tokensPerSecond", _number),
           ("MFU", "modelFlopsUtilization", _percent), ("time to train", "timeToTrainSeconds", _seconds),
           ("cost $", "costUsd", _dollars)])
    if search.best is None:
        sys.stderr.write(f"no plan fits: {search.binding_constraint or ''}\n")
        return EXIT_NEGATIVE
    return EXIT_OK


def cmd_serve(args, acc):
    model, system, accelerator = _model_and_cluster(args, acc)
    if args.rate is not None and args.concurrency is not None:
        raise UsageError("give --rate (Poisson arrivals) or --concurrency (closed-loop clients), not both")
    arrival = "poisson" if args.rate is not None else "concurrency" if args.concurrency is not None else "offline"
    objectives = {k: v for k, v in (("ttftP99Seconds", args.ttft_p99), ("tpotP99Seconds", args.tpot_p99)) if v is not None}
    search = {k: v for k, v in (("limit", args.limit), ("tensorParallel", args.tensor_parallel),
                                ("expertParallel", args.expert_parallel)) if v is not None}
    with _Progress(f"searching serving plans for {model} on up to {args.devices:,} devices", args.quiet):
        answer = acc.plan_serving(model, args.devices, args.input_tokens, args.output_tokens, system=system, accelerator=accelerator,
                                  arrival=arrival, requests_per_second=args.rate, concurrency=args.concurrency,
                                  weight_format=args.format, runtime=args.runtime, objectives=objectives or None,
                                  search=search or None)
    if not args.quiet:
        sys.stderr.write(f"{answer.evaluated_configurations:,} configurations simulated\n")
    _emit(args, answer, answer.plans or [],
          [("devices", "totalDevices", _number), ("TP", "deployment.tensorParallel", _number),
           ("PP", "deployment.pipelineParallel", _number), ("EP", "deployment.expertParallel", _number),
           ("replicas", "deployment.replicas", _number), ("max batch", "deployment.maxSequences", _number),
           ("p99 TTFT", "latency.ttft.p99Seconds", _seconds), ("median TPOT", "latency.tpot.p50Seconds", _seconds),
           ("output tok/s", "outputTokensPerSecond", _number), ("$ per M output", "costUsdPerMillionOutputTokens", _dollars)])
    if not answer.plans:
        sys.stderr.write(f"no plan meets the objectives: {answer.why_none or ''}\n")
        return EXIT_NEGATIVE
    return EXIT_OK


def cmd_own(args, acc):
    terms = {k: v for k, v in (("hostPriceUsd", args.host_price), ("purchasePriceUsd", args.price), ("resaleUsd", args.resale),
                               ("lifetimeYears", args.years), ("hostPowerWatts", args.host_watts),
                               ("idlePowerWatts", args.idle_watts), ("pue", args.pue), ("region", args.region),
                               ("electricityUsdPerKwh", args.usd_per_kwh)) if v is not None}
    accelerator = _resolve(acc, "accelerator", args.accelerator) if args.accelerator else None
    system = _resolve(acc, "system", args.system) if args.system else None
    if not accelerator and not system:
        raise UsageError("give --accelerator or --system")
    owned = acc.ownership(accelerator, system=system, utilization=args.utilization, devices=args.devices, **terms)
    if args.output == "table":
        _pairs([("owning", f"{owned.devices} × {owned.accelerator_id}" + (f" ({owned.system_id})" if owned.system_id else "")),
                ("purchase $", f"{_dollars(owned.purchase_price_usd)} ({owned.purchase_price_basis})"),
                ("lifetime", f"{owned.lifetime_years:g} years at {_percent(owned.utilization)} utilization = "
                             f"{_number(owned.useful_hours)} useful hours"),
                ("electricity", f"{_number(owned.total_energy_kwh)} kWh, $ {_dollars(owned.total_electricity_usd)} at "
                                f"{owned.electricity_usd_per_kwh} $/kWh"),
                ("emissions", "" if owned.total_co2e_kilograms is None else f"{_number(owned.total_co2e_kilograms)} kg CO2e"),
                ("total $", _dollars(owned.total_own_usd)),
                ("per useful device-hour $", _dollars(owned.own_usd_per_useful_device_hour))], sys.stdout)
        if owned.rent:
            sys.stdout.write("\n")
            _table([o.to_dict() for o in owned.rent],
                   [("renting from", "provider", _text), ("tier", "tier", _text), ("region", "region", _text),
                    ("$/device-hour", "usdPerDeviceHour", _dollars),
                    ("rent for the same hours $", "totalRentUsd", _dollars),
                    ("owning breaks even", "breakEvenMonths", lambda m: "never" if m is None else f"{m:,.1f} months"),
                    ("cheaper to own", "cheaperToOwn", _text)], sys.stdout)
        for line in owned.assumptions or []:
            sys.stderr.write(f"assumed: {line}\n")
    else:
        _emit(args, owned, owned.rent or [])
    return EXIT_OK


def cmd_profile(args, acc):
    accelerator = _resolve(acc, "accelerator", args.accelerator)
    measurements = []
    for path in args.csv or []:
        with open(path, encoding="utf-8") as f:
            imported = acc.import_matmul_csv(accelerator, f.read())
        for line in imported.rejected_lines or []:
            sys.stderr.write(f"{path}:{line.line}: skipped: {line.reason}\n")
        measurements += imported.measurements
    for path in args.nccl or []:
        if not args.system and not args.devices:
            raise UsageError("--nccl needs the cluster the run used: --system (with --devices) or --devices with --link")
        cluster = {k: v for k, v in (("systemId", _resolve(acc, "system", args.system) if args.system else None),
                                     ("devices", args.devices), ("devicesPerNode", args.devices_per_node),
                                     ("intraNodeLinkId", args.link)) if v is not None}
        with open(path, encoding="utf-8") as f:
            imported = acc.import_nccl_tests(accelerator, f.read(), cluster)
        for line in imported.rejected_lines or []:
            sys.stderr.write(f"{path}:{line.line}: skipped: {line.reason}\n")
        measurements += imported.measurements
    for path in args.json or []:
        with open(path, encoding="utf-8") as f:
            measurements += json.load(f)
    if not measurements:
        raise UsageError("give measurements: --csv (a torch.matmul sweep), --nccl (all_reduce_perf) or --json (ProfileMeasurement list)")
    profile = acc.calibration_profile(args.name, [accelerator], measurements, software=args.software)
    if args.output == "table":
        for fit in profile.accelerators:
            sys.stdout.write(f"{fit.accelerator_id} ({fit.architecture}), {fit.measurements} measurements: median error "
                             f"{_percent_value(fit.median_absolute_error_before_percent)} before, "
                             f"{_percent_value(fit.median_absolute_error_leave_one_out_percent)} after (leave one out)\n")
            _table([p.to_dict() for p in fit.parameters],
                   [("parameter", "parameter", _text), ("default", "defaultValue", _number), ("fitted", "value", _number),
                    ("±", "uncertaintyPercent", _percent_value), ("moved by", "movedBy", lambda v: ", ".join(v or [])[:40])],
                   sys.stdout)
        sys.stdout.write(f"\nprofile {profile.id}: name it with calibrationProfile on later questions\n")
    else:
        _emit(args, profile, [m.to_dict() for m in profile.measurements or []])
    return EXIT_OK


def cmd_list(args, acc):
    what = {"accelerators": acc.accelerators, "systems": acc.systems, "models": acc.models}[args.command]
    filters = {k: v for k, v in (("kind", getattr(args, "kind", None)), ("q", args.q)) if v}
    items = what(**filters)
    columns = {"accelerators": [("id", "id", _text), ("name", "name", _text), ("GB", "memoryBytes", _gigabytes),
                                ("bf16 TFLOP/s", "peakBf16FlopsPerSecond", _tera),
                                ("$/h", "cloudPriceUsdPerHour", _dollars)],
               "systems": [("id", "id", _text), ("name", "name", _text), ("accelerator", "acceleratorId", _text),
                           ("devices", "devicesPerNode", _number)],
               "models": [("id", "id", _text), ("name", "name", _text), ("kind", "kind", _text)]}[args.command]
    _emit(args, items, items, columns)
    return EXIT_OK


def cmd_validation(args, acc):
    report = acc.validation()
    _emit(args, report, report.categories or [],
          [("category", "category", _text), ("cases", "cases", _number), ("held out", "holdOutCases", _number),
           ("median error", "medianAbsoluteErrorPercent", _percent_value),
           ("p90 error", "p90AbsoluteErrorPercent", _percent_value),
           ("worst", "worstAbsoluteErrorPercent", _percent_value), ("in band", "bandCoverage", _percent)])
    return EXIT_OK


# Parser ----------------------------------------------------------------------------------------------------------

def _positive(text):
    value = int(float(text))
    if value <= 0 or value != float(text):
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _count(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 or more")
    return value


def _positive_float(text):
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _choices(enum):
    return [e.value for e in enum]


def parser():
    # --output and --quiet also after the command; SUPPRESS keeps the top-level value when they are not repeated there.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--output", "-o", choices=["table", "json", "csv"], default=argparse.SUPPRESS)
    common.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS)
    top = argparse.ArgumentParser(prog="accelerometer", description="Ask the Accelerometer hardware models: which "
                                  "accelerator, how long, how to split a job, what quantization does.",
                                  epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--url", help="one URL for every service (default ACCELEROMETER_URL or the local runner)")
    top.add_argument("--output", "-o", choices=["table", "json", "csv"], default="table", help="default table")
    top.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")

    def sub(name, help_text, example):
        return commands.add_parser(name, help=help_text, description=help_text, epilog="example:\n  " + example,
                                   formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common])

    def fit_options(p):
        p.add_argument("model", help="catalog model id or a unique part of it")
        p.add_argument("--format", required=True, choices=_choices(WeightFormat), help="weight format")
        p.add_argument("--for", dest="purpose", choices=list(MODES), default="serve",
                       help="serve (default), qlora, lora or finetune")
        p.add_argument("--context", type=_positive, default=4096, help="tokens of context per sequence (default 4096)")
        p.add_argument("--batch", type=_positive, default=1, help="sequences at once (default 1)")
        p.add_argument("--kv-format", choices=_choices(KvCacheFormat), help="KV-cache format (default fp16)")
        p.add_argument("--kind", help="only accelerators of this catalog kind (gpu, tpu, …)")
        p.add_argument("--accelerators", help="comma-separated accelerator ids (default: the whole catalog)")
        p.add_argument("--gpu-layers", type=_count, help="llama.cpp's -ngl for a GGUF format: layers on the GPU, the rest on the host")
        p.add_argument("--host-bandwidth", type=_positive_float,
                       help="with --gpu-layers: the host's peak memory bandwidth, bytes/s (dual-channel DDR4-2400: 38.4e9)")
        p.add_argument("--host-memory", type=_positive_float, help="with --gpu-layers: host memory, bytes (checked when given)")
        p.add_argument("--stream-weights", action="store_true",
                       help="weights in host memory, streamed to one GPU every pass (DeepSpeed ZeRO-Inference)")
        p.add_argument("--resident-layers", type=_count, help="with --stream-weights: blocks kept on the GPU (default 0)")
        p.add_argument("--experts-only", action="store_true",
                       help="quantize only a mixture of experts' routed experts, the rest bf16 (gpt-oss as released: --format mxfp4)")

    gpus = sub("gpus", "which accelerators hold a model in a weight format, cheapest per million tokens first",
               "accelerometer gpus llama-2-70b --for serve --format nf4 --kind gpu")
    fit_options(gpus)
    gpus.set_defaults(run=cmd_gpus)

    estimate = sub("estimate", "memory breakdown, fit and decode speed of a model in a weight format",
                   "accelerometer estimate llama-2-7b --format nf4 --accelerators nvidia-rtx-4090")
    fit_options(estimate)
    estimate.set_defaults(run=cmd_estimate)

    cost = sub("cost", "time, utilisation and cost of a matmul or a whole model on one accelerator",
               "accelerometer cost matmul --accelerator nvidia-h100-sxm -m 8192 -n 8192 -k 8192")
    workloads = cost.add_subparsers(dest="workload", required=True, metavar="workload")
    matmul = workloads.add_parser("matmul", help="(m×k)·(k×n) matrix multiplication", parents=[common])
    matmul.add_argument("--accelerator", required=True)
    for dim in "mnk":
        matmul.add_argument(f"-{dim}", type=_positive, required=True, help=f"{dim.upper()}, elements")
    matmul.add_argument("--batch", dest="batch_count", type=_positive, help="independent multiplications (default 1)")
    matmul.add_argument("--format", choices=_choices(NumberFormat), default="bf16")
    matmul.add_argument("--sparsity", choices=["2:4", "unstructured"], help="the (k×n) weights sparse in this pattern; compared with dense")
    matmul.add_argument("--density", type=float, help="fraction of the weights kept (required for unstructured; 2:4 keeps 0.5)")
    matmul.add_argument("--sparse-kernel", choices=["cusparselt", "cutlass", "hipsparselt", "sputnik"],
                        help="the sparse kernel family (default: the vendor's 2:4 library; sputnik for unstructured)")
    model = workloads.add_parser("model", help="a training step and run, a prefill or decoding", parents=[common])
    model.add_argument("model")
    model.add_argument("--accelerator", required=True)
    model_options(model)
    model.add_argument("--kernel", choices=_choices(AttentionKernel), help="attention kernel")
    model.add_argument("--runtime", choices=_choices(Runtime),
                       help="decode: the inference runtime around the kernels; prefill: kernels or llama-cpp (its prompt processing)")
    model.add_argument("--weight-bits", type=_positive_float,
                       help="decode, and prefill with --runtime llama-cpp: bits per layer weight, constants included (Q4_0: 4.5)")
    model.add_argument("--sparsity", choices=["2:4", "unstructured"],
                       help="the linear layers' weights sparse in this pattern (2:4 training re-prunes every step; unstructured "
                            "training keeps them sparse from scratch)")
    model.add_argument("--density", type=float, help="fraction of the weights kept (required for unstructured)")
    cost.set_defaults(run=cmd_cost)

    profile = sub("profile", "fit the model to your own measurements and save a calibration profile (needs an API key)",
                  "accelerometer profile --name 'our H100s' --accelerator h100-sxm --csv matmul-sweep.csv")
    profile.add_argument("--name", required=True)
    profile.add_argument("--accelerator", required=True)
    profile.add_argument("--csv", action="append", help="a torch.matmul sweep: columns m, n, k, dtype, seconds (repeatable)")
    profile.add_argument("--nccl", action="append", help="all_reduce_perf's output (repeatable); with --system/--devices/--link")
    profile.add_argument("--system", help="--nccl: the catalog system the run used")
    profile.add_argument("--devices", type=_positive, help="--nccl: devices in the run")
    profile.add_argument("--devices-per-node", type=_positive, help="--nccl: devices per node (without --system)")
    profile.add_argument("--link", help="--nccl: the catalog link inside a node (without --system), e.g. pcie-5")
    profile.add_argument("--json", action="append", help="a JSON list of ProfileMeasurement (repeatable)")
    profile.add_argument("--software", help="the stack the measurements ran on, kept with the profile")
    profile.set_defaults(run=cmd_profile)

    compare = sub("compare", "one model workload on several accelerators, fastest first",
                  "accelerometer compare bert-large --accelerators google-tpu-v4,nvidia-a100-sxm-80gb --devices 8 "
                  "--mode training --batch 256 --seq 128")
    compare.add_argument("model")
    compare.add_argument("--accelerators", help="comma-separated accelerator ids")
    compare.add_argument("--kind", help="every accelerator of this catalog kind instead")
    model_options(compare)
    compare.add_argument("--max-usd-per-hour", type=_positive_float, help="budget: most a device may rent for, $/device-hour")
    compare.add_argument("--max-list-price", type=_positive_float, help="budget: most a device may cost to buy, $")
    compare.add_argument("--max-cost", type=_positive_float, help="budget: most the whole run may cost in the cloud, $")
    compare.add_argument("--max-seconds", type=_positive_float, help="budget: longest the whole run may take, s")
    compare.set_defaults(run=cmd_compare)

    plan = sub("plan", "search parallel layouts for a training run (TP × PP × DP, micro-batching, recompute, ZeRO)",
               "accelerometer plan gpt-3-175b --system nvidia-dgx-a100-80gb --devices 1024 --global-batch 1536 "
               "--seq 2048 --format fp16 --tokens 300e9")
    plan.add_argument("model")
    plan.add_argument("--system", help="catalog system (node template: accelerator, devices per node, links)")
    plan.add_argument("--accelerator", help="an accelerator instead of a system")
    plan.add_argument("--devices", type=_positive, required=True)
    plan.add_argument("--global-batch", type=_positive, required=True, help="sequences per step")
    plan.add_argument("--seq", type=_positive, required=True, help="tokens per sequence")
    plan.add_argument("--format", choices=_choices(TrainingFormat), default="bf16")
    plan.add_argument("--tokens", type=_positive_float, help="tokens to train on (for time and cost to train)")
    plan.add_argument("--limit", type=_positive, default=5, help="candidates to show (default 5)")
    plan.add_argument("--framework", choices=["megatron-core", "pytorch"],
                      help="training framework: its step efficiency (default megatron-core)")
    plan.add_argument("--attention-kernel", help="attention kernel (flash, flash-attention-1, flash-attention-2, flash-attention-3, "
                                                 "cudnn, xformers, triton, standard, eager); context parallelism needs a fused one")
    plan.add_argument("--offload", choices=["none", "optimizer", "optimizer-and-parameters", "any"],
                      help="where ZeRO may keep the model states: on the devices (default), the optimizer (ZeRO-Offload) or also the "
                           "weights (ZeRO-3 Offload) in host memory, or any of them")
    plan.add_argument("--host-memory", type=_positive_float, help="with --offload: host memory per node, bytes (checked when given)")
    plan.add_argument("--host-optimizer-rate", type=_positive_float,
                      help="with --offload: parameters per second the node's CPUs update (default: the measured hosts', 1.3e9)")
    plan.add_argument("--context-parallel", type=_positive, help="fix the context-parallel size (sequence split over this many devices)")
    plan.set_defaults(run=cmd_plan)

    serve = sub("serve", "search serving deployments (tensor, pipeline, expert parallel, disaggregated) for the fewest devices "
                "meeting latency objectives", "accelerometer serve deepseek-v3 --system nvidia-dgx-b200 --devices 16 --format fp8 "
                "--input-tokens 1000 --output-tokens 1000 --rate 20 --tpot-p99 0.05")
    serve.add_argument("model")
    serve.add_argument("--system", help="catalog system (node template: accelerator, devices per node, links)")
    serve.add_argument("--accelerator", help="an accelerator instead of a system")
    serve.add_argument("--devices", type=_positive, required=True, help="devices the deployment may use at most")
    serve.add_argument("--input-tokens", type=_positive, required=True, help="prompt tokens per request")
    serve.add_argument("--output-tokens", type=_positive, required=True, help="generated tokens per request")
    serve.add_argument("--rate", type=_positive_float, help="Poisson arrivals, requests per second (default: offline, all at once)")
    serve.add_argument("--concurrency", type=_positive, help="closed-loop clients instead of arrivals at a rate")
    serve.add_argument("--format", choices=["bf16", "fp16", "fp8", "fp4"], default="bf16", help="weights and GEMMs (default bf16)")
    serve.add_argument("--runtime", choices=["tensorrt-llm", "vllm", "sglang", "intel-gaudi", "kernels"],
                       help="serving runtime (default tensorrt-llm)")
    serve.add_argument("--ttft-p99", type=_positive_float, help="objective: 99th-percentile time to first token, seconds")
    serve.add_argument("--tpot-p99", type=_positive_float, help="objective: 99th-percentile time per output token, seconds")
    serve.add_argument("--tensor-parallel", type=_positive, help="fix the tensor-parallel size of a replica")
    serve.add_argument("--expert-parallel", type=_positive,
                       help="mixtures of experts: fix the expert-parallel group (attention data parallel) of a replica")
    serve.add_argument("--limit", type=_positive, default=5, help="plans to show (default 5)")
    serve.set_defaults(run=cmd_serve)

    own = sub("own", "own or rent: the lifetime cost of owning accelerators per useful hour against every cloud price",
              "accelerometer own --accelerator nvidia-rtx-4090 --host-price 1000 --utilization 0.5 --years 3")
    own.add_argument("--accelerator", help="the accelerator to own (with --devices, default 1)")
    own.add_argument("--system", help="a catalog system to own (its accelerators, list price and power)")
    own.add_argument("--devices", type=_positive)
    own.add_argument("--utilization", type=_positive_float, required=True, help="fraction of hours doing useful work, (0, 1]")
    own.add_argument("--price", type=_positive_float, help="purchase price, $ (default: the catalog's list prices)")
    own.add_argument("--host-price", type=float, help="the host around the accelerators, $")
    own.add_argument("--resale", type=float, help="resale value at the end, $ (default 0)")
    own.add_argument("--years", type=_positive_float, help="lifetime, years (default 5)")
    own.add_argument("--host-watts", type=float, help="host power while working, W")
    own.add_argument("--idle-watts", type=float, help="power while idle, W")
    own.add_argument("--pue", type=float, help="facility PUE (default 1)")
    own.add_argument("--region", help="energy region for electricity price and grid intensity (default us-average)")
    own.add_argument("--usd-per-kwh", type=float, help="electricity price, $/kWh")
    own.set_defaults(run=cmd_own)

    for name, text in (("accelerators", "the catalog's accelerators"), ("systems", "the catalog's systems"),
                       ("models", "the catalog's model architectures")):
        listing = sub(name, text, f"accelerometer {name} --q a100")
        listing.add_argument("--q", help="substring of the id or name")
        if name == "accelerators":
            listing.add_argument("--kind", help="gpu, tpu, …")
        listing.set_defaults(run=cmd_list)

    validation = sub("validation", "how far the models are from published measurements, per category",
                     "accelerometer validation")
    validation.set_defaults(run=cmd_validation)
    return top


def model_options(p):
    p.add_argument("--mode", choices=_choices(CostMode), default="training")
    p.add_argument("--batch", type=_positive, required=True, help="sequences per step (all devices), or concurrent "
                   "requests")
    p.add_argument("--seq", type=_positive, required=True, help="tokens per sequence; the context for decode")
    p.add_argument("--format", choices=_choices(NumberFormat), default="bf16")
    p.add_argument("--devices", type=_positive, help="data-parallel devices (training) or replicas")
    p.add_argument("--steps", type=_positive, help="training steps to time")
    p.add_argument("--tokens", type=_positive_float, help="tokens to train on or to generate")


def main(argv=None):
    args = parser().parse_args(argv)
    acc = Accelerometer(args.url) if args.url else Accelerometer()
    try:
        return args.run(args, acc)
    except UsageError as e:
        sys.stderr.write(f"accelerometer: {e}\n")
        return EXIT_USAGE
    except AccelerometerError as e:
        sys.stderr.write(f"accelerometer: {e}\n")
        return EXIT_REJECTED if e.rejected else EXIT_UNAVAILABLE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
