"""A pytest plugin (-p doctest_platform): the examples in the client's docstrings run as doctests against the
platform, with ``acc`` (an Accelerometer built from the environment) and the package's names in scope — so the
examples users read are answers the platform really gives."""
import pytest

import accelerometer


@pytest.fixture(autouse=True)
def _platform_namespace(doctest_namespace):
    doctest_namespace.update({name: getattr(accelerometer, name) for name in accelerometer.__all__})
    doctest_namespace["acc"] = accelerometer.Accelerometer()
