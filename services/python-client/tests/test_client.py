"""The façade without a server: URLs, errors, enums in generated requests, rows. The e2e module runs it against the
platform (services/e2e/src/test/python)."""
import json
import os

import pydantic
import pytest

from accelerometer import (Accelerometer, AccelerometerError, NumberFormat, QuantizationMode, WeightFormat, records)
from accelerometer.sdk import costing, quantization

REPOSITORY = os.path.join(os.path.dirname(__file__), "..", "..", "..")


def spec_enum(service, schema, field):
    with open(os.path.join(REPOSITORY, "openapi", service + ".json"), encoding="utf-8") as handle:
        return json.load(handle)["components"]["schemas"][schema]["properties"][field]["enum"]


def test_enums_carry_the_specs_values_and_print_as_them():
    assert [f.value for f in WeightFormat] == spec_enum("quantization", "EstimateRequest", "weightFormat")
    assert WeightFormat.LLM_INT8.value == "llm.int8" and WeightFormat.GPTQ_4BIT.value == "gptq-4bit"
    assert str(NumberFormat.BF16) == "bf16" and f"{QuantizationMode.QLORA}" == "qlora"


def test_generated_requests_take_the_enums_and_refuse_other_values():
    request = quantization.EstimateRequest.from_dict(
        {"modelId": "llama-2-7b", "weightFormat": WeightFormat.NF4, "contextLength": 4096})
    assert json.loads(request.to_json())["weightFormat"] == "nf4"
    with pytest.raises(pydantic.ValidationError):
        quantization.EstimateRequest.from_dict({"modelId": "llama-2-7b", "weightFormat": "nf5", "contextLength": 1})


def test_each_service_url_comes_from_its_argument_then_its_variable_then_the_base(monkeypatch):
    for name in ("ACCELEROMETER_URL", "ACCELEROMETER_COSTING_URL", "ACCELEROMETER_PLANNER_URL"):
        monkeypatch.delenv(name, raising=False)
    assert Accelerometer().urls["planner"] == "http://127.0.0.1:8083"
    monkeypatch.setenv("ACCELEROMETER_URL", "https://gateway.example/")
    monkeypatch.setenv("ACCELEROMETER_COSTING_URL", "http://costing:8080")
    acc = Accelerometer(planner_url="http://planner:9000")
    assert acc.urls == {"catalog": "https://gateway.example", "costing": "http://costing:8080",
                        "planner": "http://planner:9000", "quantization": "https://gateway.example"}


def test_every_generated_api_is_reachable_by_a_snake_case_name():
    acc = Accelerometer()
    assert callable(acc.catalog.accelerators.list_accelerators)
    assert callable(acc.planner.serving_plans.create_serving_plan)
    assert callable(acc.quantization.estimates.compare_formats)


def test_a_problem_becomes_one_error_type_with_its_violations():
    body = json.dumps({"type": "https://accelerometer.dev/problems/invalid-request", "title": "Invalid request",
                       "status": 400, "detail": "m must be greater than 0",
                       "violations": [{"path": "m", "message": "must be greater than 0"}]})
    error = AccelerometerError.from_api_exception("costing", costing.ApiException(400, "Bad Request", body=body))
    assert (error.status, error.title, error.rejected) == (400, "Invalid request", True)
    assert [(v.path, v.message) for v in error.violations] == [("m", "must be greater than 0")]
    assert "m: must be greater than 0" in str(error)


def test_an_answer_that_is_not_a_problem_still_says_what_came_back():
    error = AccelerometerError.from_api_exception("planner", costing.ApiException(502, "Bad Gateway", body="<html>"))
    assert (error.status, error.title, error.detail, error.rejected) == (502, "Bad Gateway", "<html>", False)


def test_an_unreachable_service_is_an_error_without_a_status():
    acc = Accelerometer(costing_url="http://127.0.0.1:9")
    with pytest.raises(AccelerometerError) as raised:
        acc.cost_matmul("nvidia-h100-sxm", 8, 8, 8)
    assert raised.value.status is None and not raised.value.rejected and raised.value.service == "costing"


def test_rows_of_a_comparison_are_its_entries_flattened():
    comparison = costing.Comparison.from_dict({"entries": [
        {"acceleratorId": "a", "timeSeconds": 1.5, "estimate": {"runTimeSeconds": 9.0}},
        {"acceleratorId": "b", "timeSeconds": 2.5}], "byTime": ["a", "b"]})
    assert records(comparison) == [{"acceleratorId": "a", "timeSeconds": 1.5}, {"acceleratorId": "b", "timeSeconds": 2.5}]
    assert records([comparison.entries[0]]) == [{"acceleratorId": "a", "timeSeconds": 1.5, "estimate.runTimeSeconds": 9.0}]
