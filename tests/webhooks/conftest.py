from tests.surveys.conftest import call, invited, survey  # noqa: F401 - shared fixtures
