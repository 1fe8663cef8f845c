"""The examples in the staffing core's docstrings run and pass, and the core needs no Django."""

import doctest
import subprocess
import sys

import pytest

import kliento.staffing
from tests.doctest_runner import doctests_run, functions_without_example, modules_of

MODULES = modules_of(kliento.staffing)


def test_every_module_is_covered():
    assert {name.rsplit(".", 1)[-1] for name in MODULES} >= {
        "staffing",
        "queueing",
        "forecasting",
        "interval_report",
        "workload",
    }


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctests_run(name, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_every_public_function_has_an_example():
    assert functions_without_example(kliento.staffing) == []


def test_importing_the_core_loads_no_django():
    code = "import sys, kliento.staffing; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
