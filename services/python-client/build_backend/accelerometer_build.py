"""Builds the `accelerometer` Python package from this repository, with nothing from a package index.

Two jobs, both run by the Maven module (services/python-client/pom.xml):

* ``python3 build_backend/accelerometer_build.py stage`` writes ``accelerometer/enums.py`` from the committed specs
  (openapi/*.json): one ``str`` enum per request field listed in ENUMS, so formats, modes, kernels and runtimes are
  typed in Python exactly as the API defines them (fields listed together must have the same values in every spec, or
  the build fails naming them); then lays the package out in target/python as the wheel will hold it, for the unit
  tests.
* A PEP 517 build backend (``pip wheel --no-index --no-build-isolation .``): the wheel holds the hand-written façade
  and command line (src/accelerometer), the enums, and the four SDKs openapi-generator wrote from the same specs
  (target/generated/<service>/accelerometer/sdk/<service>). setuptools 65 on the image cannot build a wheel without the
  ``wheel`` package, which is not installed and cannot be fetched here, so the wheel is written directly (a zip with
  the dist-info files PEP 427 and the core metadata specification ask for).
"""
import base64
import hashlib
import json
import os
import re
import shutil
import sys
import zipfile

NAME = "accelerometer"
VERSION = "0.1.0"
SUMMARY = "Python client and command line for the Accelerometer deep-learning hardware models"
REQUIRES = ["urllib3>=2.1.0,<3", "python-dateutil>=2.8.2", "pydantic>=2.11", "typing-extensions>=4.7.1"]
SERVICES = ["catalog", "costing", "planner", "quantization"]

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(os.path.dirname(PROJECT))
GENERATED = os.path.join(PROJECT, "target", "generated")

# Enum name -> the request fields (spec, schema, property) whose values it types, and what it is.
ENUMS = {
    "NumberFormat": ("The number format an operation computes in (costing).",
                     [("costing", "MatmulRequest", "format"), ("costing", "ModelCostRequest", "format")]),
    "TrainingFormat": ("The number format of a training plan (planner).", [("planner", "Training", "format")]),
    "WeightFormat": ("How the weights are stored (quantization).", [("quantization", "EstimateRequest", "weightFormat")]),
    "KvCacheFormat": ("How the KV cache is stored (quantization).", [("quantization", "EstimateRequest", "kvCacheFormat")]),
    "ComputeFormat": ("The format matmuls compute in (quantization).", [("quantization", "EstimateRequest", "computeFormat")]),
    "CostMode": ("What a model cost estimate times (costing).", [("costing", "ModelCostRequest", "mode")]),
    "QuantizationMode": ("Inference or which fine-tuning (quantization).", [("quantization", "EstimateRequest", "mode")]),
    "AttentionKernel": ("The attention kernel that runs.",
                        [("costing", "ModelCostRequest", "attentionKernel"), ("planner", "Training", "attentionKernel")]),
    "Runtime": ("The inference runtime around the decode kernels.",
                [("costing", "ModelCostRequest", "runtime"), ("quantization", "EstimateRequest", "runtime")]),
    "Optimizer": ("The optimizer, which decides the state kept per parameter.",
                  [("costing", "ModelCostRequest", "optimizer"), ("planner", "Training", "optimizer"),
                   ("quantization", "EstimateRequest", "optimizer")]),
}


def _enum_values(spec, schema, prop):
    with open(os.path.join(REPOSITORY, "openapi", spec + ".json"), encoding="utf-8") as handle:
        schemas = json.load(handle)["components"]["schemas"]
    field = schemas[schema]["properties"][prop]
    if "$ref" in field:
        field = schemas[field["$ref"].rsplit("/", 1)[1]]
    if "enum" not in field:
        raise SystemExit(f"openapi/{spec}.json: {schema}.{prop} has no enum; remove it from ENUMS or give it one")
    return field["enum"]


def _member(value):
    name = re.sub(r"[^0-9A-Za-z]+", "_", value).strip("_").upper()
    return name if not name[0].isdigit() else "_" + name


def write_enums():
    lines = ['"""Typed values of the API\'s enum fields, written from openapi/*.json by the build. Do not edit."""',
             "from enum import Enum", "", "__all__ = " + repr(sorted(ENUMS)), ""]
    for name, (doc, sources) in ENUMS.items():
        values = [_enum_values(*source) for source in sources]
        if any(sorted(v) != sorted(values[0]) for v in values):
            raise SystemExit(f"{name}: the fields {sources} do not have the same values: {values}")
        where = ", ".join(f"{spec} {schema}.{prop}" for spec, schema, prop in sources)
        lines += ["", f"class {name}(str, Enum):", f'    """{doc} Values of {where}."""', ""]
        lines += [f"    {_member(v)} = {v!r}" for v in values[0]]
        lines += ["", "    def __str__(self):", "        return self.value", ""]
    target = os.path.join(GENERATED, "enums", NAME, "enums.py")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")
    return target


def _files():
    """(archive name, path on disk) of every module the wheel holds."""
    roots = [(os.path.join(PROJECT, "src"), NAME), (os.path.join(GENERATED, "enums"), NAME)]
    roots += [(os.path.join(GENERATED, service), f"{NAME}/sdk/{service}") for service in SERVICES]
    found = []
    for root, package in roots:
        start = os.path.join(root, *package.split("/"))
        if not os.path.isdir(start):
            raise SystemExit(f"{start} is missing: build with ./mvnw -pl services/python-client package first")
        for directory, _, names in os.walk(start):
            for name in sorted(names):
                if name.endswith((".py", ".typed")):
                    path = os.path.join(directory, name)
                    found.append((os.path.relpath(path, root).replace(os.sep, "/"), path))
    return sorted(set(found))


def _metadata():
    with open(os.path.join(PROJECT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}", f"Version: {VERSION}", f"Summary: {SUMMARY}",
             "Requires-Python: >=3.9"]
    lines += [f"Requires-Dist: {r}" for r in REQUIRES]
    lines += ["Provides-Extra: pandas", 'Requires-Dist: pandas; extra == "pandas"',
              "Description-Content-Type: text/markdown", "", readme]
    return "\n".join(lines)


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    write_enums()
    dist_info = f"{NAME}-{VERSION}.dist-info"
    wheel_name = f"{NAME}-{VERSION}-py3-none-any.whl"
    extra = {
        f"{dist_info}/METADATA": _metadata(),
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: accelerometer_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist_info}/entry_points.txt": "[console_scripts]\naccelerometer = accelerometer.cli:main\n",
        f"{dist_info}/top_level.txt": NAME + "\n",
    }
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, path in _files():
            with open(path, "rb") as handle:
                data = handle.read()
            wheel.writestr(name, data)
            record.append(_record_line(name, data))
        for name, text in extra.items():
            data = text.encode("utf-8")
            wheel.writestr(name, data)
            record.append(_record_line(name, data))
        record.append(f"{dist_info}/RECORD,,")
        wheel.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel_name


def get_requires_for_build_wheel(config_settings=None):
    return []


def stage():
    write_enums()
    target = os.path.join(PROJECT, "target", "python")
    shutil.rmtree(target, ignore_errors=True)
    for name, path in _files():
        os.makedirs(os.path.dirname(os.path.join(target, name)), exist_ok=True)
        shutil.copyfile(path, os.path.join(target, name))
    return target


if __name__ == "__main__":
    if sys.argv[1:] == ["stage"]:
        print("staged the package in " + stage())
    else:
        raise SystemExit("usage: accelerometer_build.py stage")
