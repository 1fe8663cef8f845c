"""The examples in the measure modules' docstrings run and pass."""

import doctest

import pytest

import kliento.measure
from tests.doctest_runner import doctests_run, functions_without_example, modules_of

MODULES = modules_of(kliento.measure)


def test_every_module_is_covered():
    assert {name.rsplit(".", 1)[-1] for name in MODULES} >= {
        "measure",
        "scores",
        "service_grade",
        "servqual",
        "drivers",
        "comparison",
        "intervals",
        "validation",
        "factors",
    }


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctests_run(name, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_every_public_function_has_an_example():
    assert functions_without_example(kliento.measure) == []
