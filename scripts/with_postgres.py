#!/usr/bin/env python3
"""Run a command against a real PostgreSQL: ``with_postgres.py pytest -q``.

Uses ``KLIENTO_TEST_POSTGRES_URL`` when it is set (CI points it at its server). Otherwise it
starts a throwaway cluster with ``initdb``/``pg_ctl`` in a temporary directory on a free port
— as the ``postgres`` user when running as root, since PostgreSQL refuses to run as root —
and removes it afterwards, whatever the command's outcome.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def find_pg_bindir() -> str:
    for candidate in ("initdb", "pg_ctl"):
        if path := shutil.which(candidate):
            return os.path.dirname(path)
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
        if os.path.exists(os.path.join(out.stdout.strip(), "initdb")):
            return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    sys.exit("PostgreSQL's initdb was not found: install PostgreSQL (e.g. apt-get install "
             "postgresql) or set KLIENTO_TEST_POSTGRES_URL to a server the tests may use.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_cluster_owner(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def run_with_throwaway_cluster(command: list[str]) -> int:
    bindir = find_pg_bindir()
    workdir = tempfile.mkdtemp(prefix="kliento-pg-")
    data = os.path.join(workdir, "data")
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    print(f"Starting a throwaway PostgreSQL on port {port} in {workdir}", file=sys.stderr)
    subprocess.run(as_cluster_owner([f"{bindir}/initdb", "-D", data, "-U", "postgres",
                                     "-A", "trust", "-E", "UTF8", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL)
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(as_cluster_owner([f"{bindir}/pg_ctl", "-D", data, "-o", options, "-w",
                                     "-l", os.path.join(workdir, "log"), "start"]),
                   check=True, stdout=subprocess.DEVNULL)
    try:
        url = f"postgres://postgres@127.0.0.1:{port}/postgres"
        return run(command, url)
    finally:
        subprocess.run(as_cluster_owner([f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "-w",
                                         "stop"]), stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


def run(command: list[str], url: str) -> int:
    env = os.environ | {"DATABASE_URL": url, "KLIENTO_EXPECT_DB": "postgresql"}
    return subprocess.run(command, env=env).returncode


def main() -> int:
    command = sys.argv[1:]
    if not command:
        sys.exit("usage: with_postgres.py COMMAND [ARGS…]")
    if url := os.environ.get("KLIENTO_TEST_POSTGRES_URL"):
        return run(command, url)
    return run_with_throwaway_cluster(command)


if __name__ == "__main__":
    sys.exit(main())
