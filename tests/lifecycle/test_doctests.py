"""The examples in the lifecycle core's docstrings run and pass."""

import pytest

import kliento.lifecycle
from tests.doctest_runner import doctests_run, modules_of

MODULES = modules_of(kliento.lifecycle, with_package=False)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctests_run(name)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0
