"""What the framework-free cores' doctest tests share: their modules, running a module's
examples, and which public functions show none."""

import doctest
import importlib
import pkgutil
from types import ModuleType


def modules_of(package: ModuleType, *, with_package: bool = True) -> list[str]:
    names = [f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    return [package.__name__, *names] if with_package else names


def doctests_run(name: str, **options) -> doctest.TestResults:
    return doctest.testmod(importlib.import_module(name), verbose=False, **options)


def functions_without_example(package: ModuleType) -> list[str]:
    """Public functions (``__all__``, not classes) whose docstrings hold no example."""
    finder = doctest.DocTestFinder()
    return [name for name in package.__all__
            if callable(obj := getattr(package, name)) and not isinstance(obj, type)
            and not any(test.examples for test in finder.find(obj, name))]
