"""Answers as rows: flat dicts in the API's names, for tables, CSV and pandas."""


def _plain(answer):
    if answer is None or isinstance(answer, (str, int, float, bool)):
        return answer
    if isinstance(answer, dict):
        return answer
    if isinstance(answer, (list, tuple)):
        return [_plain(a) for a in answer]
    if hasattr(answer, "to_dict"):
        return answer.to_dict()
    raise TypeError(f"not an Accelerometer answer: {type(answer).__name__}")


def _flatten(row, prefix=""):
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                flat[name] = ",".join(str(v) for v in value)
        else:
            flat[name] = value
    return flat


# Where each kind of answer keeps its rows, and which nested parts of a row to keep.
_ROWS = [
    ("fits", ()),                       # quantization Estimate: one row per accelerator
    ("entries", ("estimate",)),         # costing Comparison: one row per accelerator (full estimate left out)
    ("candidates", ("model", "catalog")),  # planner PlanSearch: one row per candidate plan
    ("categories", ("cases",)),         # costing validation report: one row per category
    ("items", ()),                      # catalog and saved-result pages
    ("breakdown", ()),                  # a whole-model cost estimate: one row per operation
    ("rent", ()),                       # an ownership answer: one row per cloud price
    ("regions", ()),                    # the energy-region table: one row per region
]


def records(answer):
    """The rows of an answer as flat dicts (nested fields joined with '.', e.g. ``plan.tensorParallel``).

    A Comparison gives its entries, an Estimate its fits, a PlanSearch its candidates, the validation report its
    categories, a page its items, a list its elements; any other answer is one row.

    >>> records(acc.fit("llama-2-7b", "nf4", accelerators=["nvidia-l4"]))[0]["perDeviceBytes"]
    6227112960
    """
    plain = _plain(answer)
    if isinstance(plain, list):
        return [_flatten(r) if isinstance(r, dict) else {"value": r} for r in plain]
    for key, left_out in _ROWS:
        if isinstance(plain.get(key), list):
            return [_flatten({k: v for k, v in r.items() if k not in left_out}) for r in plain[key]]
    return [_flatten(plain)]


def to_dataframe(answer):
    """The answer's rows (see :func:`records`) as a pandas DataFrame; needs pandas (``pip install pandas``)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe needs pandas, which is not installed; records(answer) gives the same rows "
                          "as dicts") from None
    return pandas.DataFrame(records(answer))
