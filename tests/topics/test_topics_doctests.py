"""The examples in the topics modules' docstrings run and pass."""

import pytest

import kliento.topics
from tests.doctest_runner import doctests_run, modules_of

MODULES = modules_of(kliento.topics, with_package=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    failures, _tried = doctests_run(name)
    assert failures == 0
