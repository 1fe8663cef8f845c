"""The examples in the staffing core's docstrings run and pass, and the core needs no Django."""

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import kliento.staffing

MODULES = [kliento.staffing.__name__] + [
    f"{kliento.staffing.__name__}.{info.name}"
    for info in pkgutil.iter_modules(kliento.staffing.__path__)
]


def test_every_module_is_covered():
    assert {name.rsplit(".", 1)[-1] for name in MODULES} >= {
        "staffing",
        "queueing",
        "forecasting",
        "interval_report",
    }


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_every_public_function_has_an_example():
    finder = doctest.DocTestFinder()
    for name in kliento.staffing.__all__:
        obj = getattr(kliento.staffing, name)
        if callable(obj) and not isinstance(obj, type):
            tests = finder.find(obj, name)
            assert any(t.examples for t in tests), f"{name} has no doctest example"


def test_importing_the_core_loads_no_django():
    code = "import sys, kliento.staffing; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
