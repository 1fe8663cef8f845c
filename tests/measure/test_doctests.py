"""The examples in the measure modules' docstrings run and pass."""

import doctest
import importlib
import pkgutil

import pytest

import kliento.measure

MODULES = [kliento.measure.__name__] + [
    f"{kliento.measure.__name__}.{info.name}"
    for info in pkgutil.iter_modules(kliento.measure.__path__)
]


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
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_every_public_function_has_an_example():
    finder = doctest.DocTestFinder()
    for name in kliento.measure.__all__:
        obj = getattr(kliento.measure, name)
        if callable(obj) and not isinstance(obj, type):
            tests = finder.find(obj, name)
            assert any(t.examples for t in tests), f"{name} has no doctest example"
