from tests.access.conftest import org  # noqa: F401  (one person in each role, team A's records)
