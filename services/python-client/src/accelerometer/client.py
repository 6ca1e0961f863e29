"""One client for the four Accelerometer services, over the SDKs generated from their OpenAPI documents."""
import json
import os
import re
from types import SimpleNamespace

import pydantic
import urllib3

from accelerometer.sdk import catalog as _catalog
from accelerometer.sdk import costing as _costing
from accelerometer.sdk import planner as _planner
from accelerometer.sdk import quantization as _quantization

#: Where the no-Docker runner (deploy/local/platform.sh) serves each service.
LOCAL_PORTS = {"catalog": 8081, "costing": 8082, "planner": 8083, "quantization": 8084}
SERVICES = tuple(LOCAL_PORTS)
_SDKS = {"catalog": _catalog, "costing": _costing, "planner": _planner, "quantization": _quantization}
_API_EXCEPTIONS = tuple(sdk.ApiException for sdk in _SDKS.values())


class Violation(SimpleNamespace):
    """One offending request field: ``path`` (JSON path, query parameter or header) and ``message``."""

    def __str__(self):
        return f"{self.path}: {self.message}"


class AccelerometerError(Exception):
    """Every failed call: the service's RFC 9457 problem details, or why no service answered.

    ``status`` is the HTTP status (None when the service could not be reached), ``title`` and ``detail`` say what went
    wrong and what to change, ``violations`` name each offending field (``path``, ``message``), ``service`` is the one
    that answered.

    >>> try:
    ...     acc.cost_matmul("google-tpu-v4", 8, 8, 8, NumberFormat.FP64)
    ... except AccelerometerError as e:
    ...     print(e.status, e.violations[0].path)
    422 format

    The SDK's own checks of the spec's limits raise it too, before sending (``status`` None, ``rejected`` True).
    """

    def __init__(self, service, status, title, detail=None, violations=(), type=None, instance=None, rejected=None):
        self.service, self.status, self.title, self.detail = service, status, title, detail
        self._rejected = rejected
        self.violations = [Violation(path=v.get("path"), message=v.get("message")) for v in violations]
        self.type, self.instance = type, instance
        lines = [f"{service}: {title}" + (f" ({status})" if status else "")]
        lines += [detail] if detail else []
        lines += [f"  {v}" for v in self.violations]
        super().__init__("\n".join(lines))

    @property
    def rejected(self):
        """True when the request was at fault (a 4xx, or refused by the SDK's checks before it was sent — then status is
        None): change the request. False for an unreachable or failed service."""
        if self._rejected is not None:
            return self._rejected
        return self.status is not None and 400 <= self.status < 500

    @classmethod
    def from_validation_error(cls, service, error):
        """The SDK's own checks (the spec's limits and enums) refused the request before sending it."""
        violations = [{"path": ".".join(str(part) for part in e["loc"]), "message": e["msg"]} for e in error.errors()]
        return cls(service, None, "Invalid request", f"{error.title}: refused before sending, by the spec's limits",
                   violations, rejected=True)

    @classmethod
    def from_api_exception(cls, service, error):
        try:
            problem = json.loads(error.body) if error.body else {}
        except ValueError:
            problem = {}
        if not isinstance(problem, dict):
            problem = {}
        return cls(service, error.status, problem.get("title") or error.reason or "Request failed",
                   problem.get("detail") or (None if problem else error.body), problem.get("violations") or (),
                   problem.get("type"), problem.get("instance"))


class _Guarded:
    """A generated API object whose failures are raised as AccelerometerError, with the client's timeout."""

    def __init__(self, service, api, timeout_seconds):
        self._service, self._api, self._timeout = service, api, timeout_seconds

    def __getattr__(self, name):
        target = getattr(self._api, name)
        if not callable(target):
            return target

        def call(*args, **kwargs):
            kwargs.setdefault("_request_timeout", self._timeout)
            try:
                return target(*args, **kwargs)
            except _API_EXCEPTIONS as error:
                raise AccelerometerError.from_api_exception(self._service, error) from None
            except pydantic.ValidationError as error:
                raise AccelerometerError.from_validation_error(self._service, error) from None
            except urllib3.exceptions.HTTPError as error:
                raise AccelerometerError(self._service, None, "Service unreachable",
                                         f"{self._service} did not answer: {error}") from None

        call.__doc__ = target.__doc__
        call.__name__ = name
        return call

    def __dir__(self):
        return [n for n in dir(self._api) if not n.startswith("_")]


def _urls(base_url, explicit):
    """Each service's URL: the argument, else ACCELEROMETER_<SERVICE>_URL, else base_url or ACCELEROMETER_URL (a
    gateway that routes by path — the services' paths do not overlap), else the local runner's port."""
    base = base_url or os.environ.get("ACCELEROMETER_URL")
    urls = {}
    for service, port in LOCAL_PORTS.items():
        url = explicit.get(service) or os.environ.get(f"ACCELEROMETER_{service.upper()}_URL") or base
        urls[service] = (url or f"http://127.0.0.1:{port}").rstrip("/")
    return urls


def _request(service, model, body):
    """The generated request class built from a body in the API's names; its checks' failures as AccelerometerError."""
    try:
        return model.from_dict(body)
    except pydantic.ValidationError as error:
        raise AccelerometerError.from_validation_error(service, error) from None


def _body(required, optional):
    """A request body in the API's names: required values as given, optional ones only when set."""
    body = dict(required)
    body.update({k: v for k, v in optional.items() if v is not None})
    return {k: (v.value if hasattr(v, "value") else v) for k, v in body.items()}


class Accelerometer:
    """The catalog, costing, planner and quantization services behind one object.

    >>> from accelerometer import Accelerometer, WeightFormat
    >>> acc = Accelerometer()                      # the local runner, or ACCELEROMETER_URL
    >>> est = acc.fit("llama-2-70b", WeightFormat.NF4, accelerators=["nvidia-h100-sxm"])
    >>> est.fits[0].devices_needed
    1

    Every generated operation is also reachable, with the same error handling, through ``acc.catalog``,
    ``acc.costing``, ``acc.planner`` and ``acc.quantization`` (e.g. ``acc.catalog.accelerators.list_accelerators()``);
    their request and answer classes live in ``accelerometer.sdk.<service>``.

    Arguments: ``base_url`` — one URL for every service (a gateway routing by path); ``catalog_url`` … ``quantization_url``
    — per-service URLs, which win; ``api_key`` — sent as X-API-Key (catalog writes, and the owner of saved results), by
    default ACCELEROMETER_API_KEY; ``timeout_seconds`` — per call (searches can take seconds).
    """

    def __init__(self, base_url=None, *, catalog_url=None, costing_url=None, planner_url=None, quantization_url=None,
                 api_key=None, timeout_seconds=300.0):
        explicit = {"catalog": catalog_url, "costing": costing_url, "planner": planner_url,
                    "quantization": quantization_url}
        self.urls = _urls(base_url, explicit)
        key = api_key or os.environ.get("ACCELEROMETER_API_KEY")
        for service, sdk in _SDKS.items():
            client = sdk.ApiClient(sdk.Configuration(host=self.urls[service]),
                                   header_name="X-API-Key" if key else None, header_value=key)
            apis = {}
            for name in sdk.__all__:
                if name.endswith("Api") and name != "ApiResponse":
                    attribute = re.sub(r"(?<!^)(?=[A-Z])", "_", name[:-3]).lower()
                    apis[attribute] = _Guarded(service, getattr(sdk, name)(client), timeout_seconds)
            setattr(self, service, SimpleNamespace(**apis))

    # Catalog ---------------------------------------------------------------------------------------------------------

    def accelerators(self, **filters):
        """Every catalog accelerator matching the filters (the list operation's parameters, e.g. ``kind="gpu"``,
        ``format="bf16"``, ``q="h100"``), all pages.

        >>> [a.id for a in acc.accelerators(kind="tpu")][:2]
        ['google-tpu-v1', 'google-tpu-v2']
        """
        return self._all_pages(self.catalog.accelerators.list_accelerators, **filters)

    def systems(self, **filters):
        """Every catalog system (a node template: accelerator, devices per node, links).

        >>> [s.id for s in acc.systems(q="dgx-a100")]
        ['nvidia-dgx-a100-40gb', 'nvidia-dgx-a100-80gb']
        """
        return self._all_pages(self.catalog.systems.list_systems, **filters)

    def models(self, **filters):
        """Every catalog model architecture.

        >>> next(m for m in acc.models() if m.id == "bert-large").name
        'BERT-Large (uncased/cased)'
        """
        return self._all_pages(self.catalog.models.list_models, **filters)

    @staticmethod
    def _all_pages(operation, **filters):
        items, page = [], 1
        while True:
            answer = operation(page=page, page_size=500, **filters)
            items += answer.items or []
            if len(items) >= (answer.total_items or 0) or not answer.items:
                return items
            page += 1

    # Costing ---------------------------------------------------------------------------------------------------------

    def cost_matmul(self, accelerator, m, n, k, format="bf16", batch=None, calibration_profile=None, sparsity=None):
        """Time, utilisation and bound of an (m×k)·(k×n) matrix multiplication on one accelerator (under a calibration
        profile's constants when ``calibration_profile`` names one). ``sparsity`` makes the (k×n) weights sparse: a
        pattern such as ``"2:4"`` or a dict in the API's names (``{"pattern": "2:4", "kernel": "cutlass"}``); the answer's
        ``sparsity`` then compares the sparse kernel with the same GEMM dense.

        >>> e = acc.cost_matmul("nvidia-h100-sxm", 8192, 8192, 8192, NumberFormat.BF16)
        >>> e.bound, round(e.time_seconds * 1e3, 2)
        ('compute', 1.31)
        >>> s = acc.cost_matmul("nvidia-h100-sxm", 8192, 8192, 8192, NumberFormat.BF16, sparsity="2:4")
        >>> s.sparsity.kernel, s.sparsity.speedup_over_dense > 1.3, s.expected_error.category
        ('cusparselt', True, 'sparse_gemm')
        >>> u = acc.cost_matmul("nvidia-a100-sxm-80gb", 4096, 4096, 4096, NumberFormat.FP16,
        ...                     sparsity={"pattern": "unstructured", "density": 0.1})
        >>> u.sparsity.kernel, u.sparsity.speedup_over_dense < 1, u.sparsity.break_even_density < 0.1
        ('sputnik', True, True)
        """
        if isinstance(sparsity, str):
            sparsity = {"pattern": sparsity}
        body = _body({"acceleratorId": accelerator, "m": m, "n": n, "k": k, "format": format},
                     {"batch": batch, "calibrationProfile": None if calibration_profile is None else str(calibration_profile),
                      "sparsity": sparsity})
        return self.costing.costs.cost_matmul(_request("costing", _costing.MatmulRequest, body))

    def cost_model(self, model, accelerator, mode, batch, sequence_length, format="bf16", *, devices=None,
                   steps=None, tokens=None, **extra):
        """Time, cost and energy of a whole model: a training step (and run), a prefill or decoding.

        ``extra`` takes any other field of ModelCostRequest in the API's names (e.g. ``attentionKernel="cudnn"``).

        >>> e = acc.cost_model("bert-large", "nvidia-a100-sxm-80gb", CostMode.TRAINING, 256, 128,
        ...                    NumberFormat.FP16, devices=8, steps=1000)
        >>> round(e.run_time_seconds)
        53
        """
        body = _body({"modelId": model, "acceleratorId": accelerator, "mode": mode, "batch": batch,
                      "sequenceLength": sequence_length, "format": format},
                     dict(devices=devices, steps=steps, tokens=tokens, **extra))
        return self.costing.costs.cost_model(_request("costing", _costing.ModelCostRequest, body))

    def compare(self, workload, accelerators=None, budget=None, **filter):
        """The same workload on several accelerators, ranked by time, cost and energy (saved; returns the Comparison).

        ``workload`` is one of {"matmul": {...}}, {"attention": {...}}, {"model": {...}} in the API's names; give the
        accelerators by id or a catalog filter (``kind="gpu"``). ``budget`` ranks only the devices within it
        ({"maxCloudUsdPerHour": 2.5, "maxListPriceUsd": ..., "maxCostUsd": ..., "maxTimeSeconds": ...}); the others
        are in ``skipped`` with the limit they break — "which accelerator for my budget".

        >>> c = acc.compare({"model": {"acceleratorId": "nvidia-a100-sxm-80gb", "modelId": "bert-large",
        ...                  "mode": "training", "batch": 256, "sequenceLength": 128, "format": "bf16", "devices": 8}},
        ...                 accelerators=["google-tpu-v4", "nvidia-a100-sxm-80gb"])
        >>> c.by_time
        ['nvidia-a100-sxm-80gb', 'google-tpu-v4']
        """
        body = _body({"workload": workload}, {"acceleratorIds": accelerators, "filter": filter or None, "budget": budget})
        return self.costing.comparisons.create_comparison(_request("costing", _costing.ComparisonRequest, body))

    def validation(self, calibration_profile=None):
        """How far the model's answers are from published measurements, per category (the ledger's report); with
        ``calibration_profile``, the cases on its accelerators under its constants."""
        return self.costing.validation.get_validation(calibration_profile=calibration_profile)

    def import_matmul_csv(self, accelerator, text):
        """Profile measurements from a ``torch.matmul`` sweep written as CSV: a header naming m, n, k, dtype, seconds
        (batch optional), one timed matmul per line; lines it cannot read come back in ``rejected_lines``.

        >>> i = acc.import_matmul_csv("nvidia-h100-sxm", "m,n,k,dtype,seconds\\n8192,8192,8192,bfloat16,0.00158\\n")
        >>> len(i.measurements), i.measurements[0].matmul.format
        (1, 'bf16')
        """
        body = {"format": "matmul-csv", "acceleratorId": accelerator, "text": text}
        return self.costing.calibration_profiles.import_measurements(_request("costing", _costing.MeasurementImportRequest, body))

    def import_nccl_tests(self, accelerator, text, cluster):
        """Profile measurements from the table nccl-tests' ``all_reduce_perf`` prints, on ``cluster`` (a dict in the API's
        names: ``{"systemId": "nvidia-dgx-h100", "devices": 8}`` or ``{"devices": 8, "devicesPerNode": 8,
        "intraNodeLinkId": "pcie-5"}``); sizes under 1 MiB are left out (latency-bound)."""
        body = {"format": "nccl-tests", "acceleratorId": accelerator, "text": text, "cluster": cluster}
        return self.costing.calibration_profiles.import_measurements(_request("costing", _costing.MeasurementImportRequest, body))

    def calibration_profile(self, name, accelerators, measurements, *, software=None, parameters=None):
        """Fit the model's constants to your own measurements and save the profile (needs an API key): per accelerator,
        each parameter's default and fitted value with its uncertainty, and the error on your measurements before and
        after (leave one out). Name its ``id`` as ``calibration_profile`` on later questions.

        >>> sweep = acc.import_matmul_csv("nvidia-h100-sxm", "m,n,k,dtype,seconds\\n8192,8192,8192,bfloat16,0.00158\\n"
        ...                               "16384,8192,8192,bfloat16,0.00311\\n4096,4096,4096,bfloat16,0.000215\\n")
        >>> p = acc.calibration_profile("our H100s", ["nvidia-h100-sxm"], sweep.measurements)
        >>> "gemmCeiling" in [x.parameter for x in p.accelerators[0].parameters if x.fitted]
        True
        >>> acc.cost_matmul("nvidia-h100-sxm", 8192, 8192, 8192, calibration_profile=p.id).calibration_profile.applied
        True
        """
        items = [m.to_dict() if hasattr(m, "to_dict") else m for m in measurements]
        body = _body({"name": name, "acceleratorIds": list(accelerators), "measurements": items},
                     {"software": software, "parameters": parameters})
        return self.costing.calibration_profiles.create_calibration_profile(
            _request("costing", _costing.CalibrationProfileRequest, body))

    def ownership(self, accelerator=None, *, system=None, utilization, devices=None, **terms):
        """Own or rent: the lifetime cost of owning accelerators (purchase − resale + electricity + running costs) per
        useful hour, against renting the same useful hours at every cloud price the catalog holds, with the month
        owning breaks even. ``terms`` takes OwnershipRequest's other fields in the API's names (``hostPriceUsd``,
        ``lifetimeYears``, ``pue``, ``region``, ``electricityUsdPerKwh``, ``workload`` …); every default used is stated
        in ``assumptions``.

        >>> o = acc.ownership("nvidia-rtx-4090", utilization=0.5, hostPriceUsd=1000, lifetimeYears=3)
        >>> round(o.purchase_price_usd), o.region
        (2599, 'us-average')
        """
        body = _body({"utilization": utilization}, dict(acceleratorId=accelerator, systemId=system, devices=devices, **terms))
        return self.costing.ownership.estimate_ownership(_request("costing", _costing.OwnershipRequest, body))

    # Planner ---------------------------------------------------------------------------------------------------------

    def plan_training(self, model, devices, global_batch_size, sequence_length, *, system=None, accelerator=None,
                      format="bf16", tokens=None, limit=None, max_tensor_parallel=None, context_parallel=None, offload=None,
                      host=None, **training):
        """Search tensor/pipeline/data parallelism, micro-batching, recomputation and ZeRO for a training run (saved;
        returns the PlanSearch with the best plan first). ``training`` takes other Training fields in the API's names
        (``framework="pytorch"``, ``attentionKernel="flash"``); ``context_parallel`` fixes the context-parallel size;
        ``offload`` lets the search keep model states in host memory (``"optimizer"``, ``"optimizer-and-parameters"``,
        ``"any"``) on the ``host`` described in the API's names (``{"memoryBytes": 1e12}``).

        >>> s = acc.plan_training("gpt-3-175b", 1024, 1536, 2048, system="nvidia-dgx-a100-80gb",
        ...                       format=TrainingFormat.FP16, tokens=300e9)
        >>> s.best.plan.tensor_parallel, round(s.best.model_flops_utilization, 2)
        (4, 0.57)
        """
        cluster = _body({"devices": devices}, {"systemId": system, "acceleratorId": accelerator})
        body = _body({"modelId": model, "cluster": cluster,
                      "training": _body({"globalBatchSize": global_batch_size, "sequenceLength": sequence_length,
                                         "format": format}, dict(tokens=tokens, **training))},
                     {"constraints": _body({}, {"limit": limit, "maxTensorParallel": max_tensor_parallel,
                                                "contextParallel": context_parallel, "offload": offload}) or None,
                      "host": host})
        return self.planner.plans.create_plan(_request("planner", _planner.PlanRequest, body))

    def plan_serving(self, model, devices, input_tokens, output_tokens, *, system=None, accelerator=None, arrival="offline",
                     requests_per_second=None, concurrency=None, weight_format=None, runtime=None, objectives=None, search=None,
                     **request):
        """Search deployments of a model at a workload — tensor-parallel, pipelined, expert-parallel (attention data parallel)
        and disaggregated replicas with their batch and token limits — for the fewest devices that meet the latency
        ``objectives`` in the API's names (``{"tpotP99Seconds": 0.05}``); saved, returns the ServingSearch with the cheapest plan
        first. Requests are ``input_tokens`` + ``output_tokens`` long, arriving ``offline`` (all at once), ``poisson`` at
        ``requests_per_second`` or from ``concurrency`` clients; ``search`` bounds it in the API's names
        (``{"expertParallel": 8}``); ``request`` takes other ServingRequest fields (``expertDispatcher="deepep"``).

        >>> s = acc.plan_serving("deepseek-v3", 8, 1000, 1000, system="nvidia-dgx-b200", weight_format="fp8",
        ...                      search={"expertParallel": 8, "maxSequences": [256], "maxBatchedTokens": [8192]})
        >>> s.plans[0].deployment.expert_parallel, s.plans[0].total_devices
        (8, 8)
        """
        body = self._serving_body(model, devices, input_tokens, output_tokens, system, accelerator, arrival, requests_per_second,
                                  concurrency, dict(weightFormat=weight_format, runtime=runtime, objectives=objectives, search=search,
                                                    **request))
        return self.planner.serving_plans.create_serving_plan(_request("planner", _planner.ServingRequest, body))

    def evaluate_serving(self, model, devices, input_tokens, output_tokens, configuration, *, system=None, accelerator=None,
                         arrival="offline", requests_per_second=None, concurrency=None, weight_format=None, runtime=None,
                         **request):
        """One deployment (``configuration`` in the API's names: ``{"tensorParallel": 1, "expertParallel": 8, "replicas": 1,
        "maxSequences": 256, "maxBatchedTokens": 8192}``) at a workload, as :meth:`plan_serving` describes it (not saved; returns
        the ServingEvaluated).

        >>> e = acc.evaluate_serving("deepseek-v3", 8, 1000, 1000, {"tensorParallel": 1, "expertParallel": 8, "replicas": 1,
        ...                          "maxSequences": 256, "maxBatchedTokens": 8192}, system="nvidia-dgx-b200", weight_format="fp8")
        >>> e.evaluation.deployment.devices
        8
        """
        body = self._serving_body(model, devices, input_tokens, output_tokens, system, accelerator, arrival, requests_per_second,
                                  concurrency, dict(weightFormat=weight_format, runtime=runtime, configuration=configuration, **request))
        return self.planner.serving_plans.evaluate_serving_plan(_request("planner", _planner.ServingRequest, body))

    @staticmethod
    def _serving_body(model, devices, input_tokens, output_tokens, system, accelerator, arrival, requests_per_second, concurrency,
                      optional):
        """A ServingRequest body in the API's names: fixed request lengths, the cluster and the arrival, then ``optional``."""
        cluster = _body({"devices": devices}, {"systemId": system, "acceleratorId": accelerator})
        workload = _body({"arrival": arrival, "inputTokens": {"distribution": "fixed", "tokens": input_tokens},
                          "outputTokens": {"distribution": "fixed", "tokens": output_tokens}},
                         {"requestsPerSecond": requests_per_second, "concurrency": concurrency})
        return _body({"modelId": model, "cluster": cluster, "workload": workload}, optional)

    # Quantization ----------------------------------------------------------------------------------------------------

    def fit(self, model, weight_format, *, context_length=4096, batch=1, mode=None, accelerators=None,
            devices=None, **extra):
        """Memory, fit, decode speed and cost per million tokens of a model in a weight format on each accelerator
        (saved; returns the Estimate). Without ``accelerators`` every catalog accelerator is tried; ``extra`` takes
        other EstimateRequest fields in the API's names (``filter={"kind": "gpu"}``, ``kvCacheFormat="fp8"``).

        >>> e = acc.fit("llama-2-70b", WeightFormat.NF4, accelerators=["nvidia-h100-sxm", "nvidia-l4"])
        >>> e.cheapest_by_cloud_price
        'nvidia-h100-sxm'
        """
        body = _body({"modelId": model, "weightFormat": weight_format, "contextLength": context_length},
                     dict(batch=batch, mode=mode, acceleratorIds=accelerators, devices=devices, **extra))
        return self.quantization.estimates.create_estimate(_request("quantization", _quantization.EstimateRequest, body))

    def gpus_for(self, model, weight_format, **kwargs):
        """The accelerators that hold the model — on one device, or split over the fewest that hold it — cheapest per
        million generated tokens first (those without a cloud price after them, by fewest devices): the answer to
        "which GPU for this model in this format". Takes the arguments of :meth:`fit`.

        >>> [(f.accelerator_id, f.devices) for f in acc.gpus_for("llama-2-70b", WeightFormat.NF4, filter={"kind": "gpu"})][:3]
        [('amd-mi300x', 1), ('amd-mi325x', 1), ('nvidia-gh200-96gb', 1)]
        """
        estimate = self.fit(model, weight_format, **kwargs)
        holding = [f for f in estimate.fits or []
                   if f.fits or (f.devices_needed is not None and f.devices_needed > 1 and f.compute_format is not None)]
        return sorted(holding, key=lambda f: (f.cloud_usd_per_million_tokens is None,
                                              f.cloud_usd_per_million_tokens or 0.0, f.devices or 0,
                                              f.accelerator_id))
