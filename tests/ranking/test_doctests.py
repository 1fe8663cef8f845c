"""The examples in the ranking modules' docstrings run and pass."""

import doctest

import pytest

import kliento.ranking
from tests.doctest_runner import doctests_run, functions_without_example, modules_of

MODULES = modules_of(kliento.ranking)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctests_run(name, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_every_public_function_has_an_example():
    assert functions_without_example(kliento.ranking) == []
