"""Accelerometer: deep-learning hardware models as a service — a Python client and the ``accelerometer`` command.

>>> from accelerometer import Accelerometer, WeightFormat
>>> acc = Accelerometer()   # the local runner's ports, or ACCELEROMETER_URL / ACCELEROMETER_<SERVICE>_URL
>>> best = acc.gpus_for("llama-2-70b", WeightFormat.NF4, filter={"kind": "gpu"})[0]

The request and answer classes generated from each service's OpenAPI document are in ``accelerometer.sdk.catalog``,
``.costing``, ``.planner`` and ``.quantization``.
"""
from accelerometer.client import Accelerometer, AccelerometerError, Violation
from accelerometer.enums import (AttentionKernel, ComputeFormat, CostMode, KvCacheFormat, NumberFormat, Optimizer,
                                 QuantizationMode, Runtime, TrainingFormat, WeightFormat)
from accelerometer.tables import records, to_dataframe

__version__ = "0.1.0"
__all__ = ["Accelerometer", "AccelerometerError", "Violation", "records", "to_dataframe", "AttentionKernel",
           "ComputeFormat", "CostMode", "KvCacheFormat", "NumberFormat", "Optimizer", "QuantizationMode", "Runtime",
           "TrainingFormat", "WeightFormat"]
