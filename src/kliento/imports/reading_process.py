"""Reading an import file in a process of its own.

A file can be hostile: a native reader (calamine) that aborts, or one that asks for more
memory than the machine has, takes its whole process down. Reading in a child process
keeps that from killing ``kliento worker`` or leaving the import "Running" for ever: the
child sends its rows through a pipe, and if it dies the import fails with the reason. The
child starts fresh (no fork of a process holding database connections and threads), caps
its own memory, and imports no Django.

Run as ``python -m kliento.imports.reading_process REQUEST`` by :func:`read_rows_apart`.
"""

import json
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kliento.imports.readers import EncodingToChoose, UnreadableFile, read_rows

ROWS_PER_MESSAGE = 2_000
MEMORY_LIMIT_BYTES = 4 * 1024**3  # the child's address space, beyond which it fails alone


def read_rows_apart(path: Path, *, fmt: str | None = None, encoding: str | None = None,
                    delimiter: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """``read_rows``, run in a child process; ``UnreadableFile`` when it cannot read the
    file or dies reading it (after the rows it sent until then)."""
    request = json.dumps({"path": str(path), "fmt": fmt, "encoding": encoding,
                          "delimiter": delimiter, "memory_limit": MEMORY_LIMIT_BYTES})
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen([sys.executable, "-m", __name__, request],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=errors)
        last_line = 0
        try:
            while True:
                try:
                    kind, payload = _PlainDataUnpickler(child.stdout).load()
                except (EOFError, pickle.UnpicklingError, ValueError, TypeError):
                    break  # the child died, or wrote what it never writes
                if kind == "rows":
                    yield from payload
                    last_line = payload[-1][0]
                elif kind == "choose":
                    raise EncodingToChoose(payload["message"],
                                           [tuple(pair) for pair in payload["candidates"]])
                elif kind == "unreadable":
                    raise UnreadableFile(payload)
                else:
                    return
            code = child.wait()
            raise UnreadableFile(_death_reason(path, code, errors, last_line))
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            child.stdout.close()


class _PlainDataUnpickler(pickle.Unpickler):
    """Lists, tuples, dicts, strings and numbers only: nothing that names a class."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _death_reason(path: Path, code: int, errors, last_line: int) -> str:
    if code < 0:
        try:
            how = f"was stopped by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was stopped by signal {-code}"
    else:
        how = f"stopped with exit code {code}"
    errors.seek(0)
    said = [line.strip() for line in errors.read(8000).decode("utf-8", "replace").splitlines()
            if line.strip()]
    # What the reader said as it died: a Rust panic or allocation failure, a Python error.
    telling = [line for line in said if any(word in line for word in (
        "memory allocation", "panicked", "Error", "error"))]
    detail = f" ({(telling or said)[0][:300]})" if said else ""
    where = f" after line {last_line}" if last_line else ""
    return (f"{path.name}: the file's reader {how}{where}{detail}: the file is damaged, or "
            "too large or too complex to read safely")


def _serve(request: dict, out) -> None:
    def send(kind: str, payload) -> None:
        pickle.dump((kind, payload), out, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        batch = []
        for row in read_rows(Path(request["path"]), fmt=request["fmt"],
                             encoding=request["encoding"], delimiter=request["delimiter"]):
            batch.append(row)
            if len(batch) >= ROWS_PER_MESSAGE:
                send("rows", batch)
                batch = []
        if batch:
            send("rows", batch)
        send("done", None)
    except EncodingToChoose as error:
        send("choose", {"message": str(error), "candidates": error.candidates})
    except UnreadableFile as error:
        send("unreadable", str(error))
    out.flush()


if __name__ == "__main__":
    request = json.loads(sys.argv[1])
    if request["memory_limit"]:
        limit = request["memory_limit"]
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages on the pipe
    _serve(request, out)
