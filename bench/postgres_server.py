"""The PostgreSQL server a benchmark measures on: ``KLIENTO_TEST_POSTGRES_URL`` when set (CI
and this machine), otherwise a throwaway cluster that ``scripts/with_postgres.py`` starts, in
which the benchmark runs itself again (``KLIENTO_BENCH_INSIDE``)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def postgres_server(script: str) -> str:
    """The server's URL; without one, re-runs ``script`` inside a throwaway cluster and exits
    with its status."""
    server = os.environ.get("KLIENTO_TEST_POSTGRES_URL") or (
        os.environ.get("DATABASE_URL") if os.environ.get("KLIENTO_BENCH_INSIDE") else None)
    if server:
        return server
    if os.environ.get("KLIENTO_BENCH_INSIDE"):
        sys.exit("no PostgreSQL server")
    sys.exit(subprocess.run([sys.executable, str(ROOT / "scripts" / "with_postgres.py"), "env",
                             "KLIENTO_BENCH_INSIDE=1", sys.executable, script]).returncode)
