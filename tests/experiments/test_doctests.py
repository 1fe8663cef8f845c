"""The examples in the experiments modules' docstrings run and pass."""

import doctest

import pytest

import kliento.experiments
from tests.doctest_runner import doctests_run, modules_of

MODULES = [name for name in modules_of(kliento.experiments) if name != "kliento.experiments"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctests_run(name, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0
