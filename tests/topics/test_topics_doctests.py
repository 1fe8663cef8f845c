"""The examples in the topics modules' docstrings run and pass."""

import doctest
import importlib
import pkgutil

import pytest

import kliento.topics

MODULES = [f"{kliento.topics.__name__}.{info.name}"
           for info in pkgutil.iter_modules(kliento.topics.__path__)]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    failures, _tried = doctest.testmod(importlib.import_module(name))
    assert failures == 0
