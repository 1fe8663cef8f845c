"""Cluster the questions in one column of a CSV file: the data team's entry point.

Every input row is written back with its own columns plus ``cluster`` (blank for a text
with nothing to mine); a second file beside it lists each cluster's label, size,
languages and typical questions.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from kliento.topics.mining import UNASSIGNED, TopicMining, mine_topics

MAX_TEXT_CHARACTERS = 10_000
_SNIFF_BYTES = 64 * 1024


class InputProblem(ValueError):
    """The file cannot be clustered; the message says why in the user's terms."""


@dataclass(frozen=True)
class CsvClustering:
    rows: int
    clustered: int
    empty: int  # rows whose text had nothing to mine (blank, digits, symbols)
    one_word: int
    cut: int  # texts longer than MAX_TEXT_CHARACTERS, mined on their beginning
    mining: TopicMining
    topics_path: Path


def topics_path_for(out: Path) -> Path:
    return out.with_name(f"{out.stem}.topics{out.suffix or '.csv'}")


def _read(path: Path, text_column: str) -> tuple[list[str], list[dict[str, str]]]:
    try:
        head = path.open("rb").read(_SNIFF_BYTES)
    except OSError as error:
        raise InputProblem(f"cannot read {path}: {error.strerror}") from error
    if b"\x00" in head:
        raise InputProblem(f"{path} is not a text CSV file (it holds binary data)")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            if text_column not in columns:
                raise InputProblem(
                    f"{path} has no column {text_column!r}; its columns are: "
                    + (", ".join(repr(c) for c in columns) if columns else "none (empty file)"))
            rows = list(reader)
    except UnicodeDecodeError as error:
        raise InputProblem(
            f"{path} is not UTF-8 text (undecodable byte at position {error.start})") from error
    except csv.Error as error:
        raise InputProblem(f"{path} is not a readable CSV file: {error}") from error
    return columns, rows


def cluster_csv(path: Path, text_column: str, out: Path,
                clusters: int | None = None) -> CsvClustering:
    """Read ``path``, mine ``text_column``, write ``out`` and its ``.topics`` companion."""
    columns, rows = _read(path, text_column)
    if "cluster" in columns:
        raise InputProblem(f"{path} already has a 'cluster' column; rename it first")
    texts = [(row.get(text_column) or "") for row in rows]
    cut = sum(len(text) > MAX_TEXT_CHARACTERS for text in texts)
    texts = [text[:MAX_TEXT_CHARACTERS] for text in texts]
    non_empty = sum(bool(text.strip()) for text in texts)
    if non_empty < 2:
        raise InputProblem(
            f"{path} has {non_empty} question(s) with text in column {text_column!r}; "
            "topics need at least 2")
    if clusters is not None and not 1 <= clusters <= non_empty:
        raise InputProblem(f"--clusters must be between 1 and {non_empty} (the questions "
                           f"with text), not {clusters}")
    mining = mine_topics(texts, clusters)
    if not mining.topics:
        raise InputProblem(f"no question in column {text_column!r} has a word to cluster on")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*columns, "cluster"])
        writer.writeheader()
        for row, topic in zip(rows, mining.assignments, strict=True):
            writer.writerow({**{c: row.get(c) for c in columns},
                             "cluster": "" if topic == UNASSIGNED else topic})
    topics_path = topics_path_for(out)
    with topics_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["cluster", "size", "label", "language", "languages",
                         *(f"typical_{n}" for n in range(1, 6))])
        for topic in mining.topics:
            typical = [texts[row] for row in topic.typical]
            writer.writerow([
                topic.number, topic.size, topic.label, topic.language,
                " ".join(f"{language}:{count}" for language, count in topic.languages),
                *typical, *[""] * (5 - len(typical))])
    unassigned = sum(topic == UNASSIGNED for topic in mining.assignments)
    return CsvClustering(
        rows=len(rows), clustered=len(rows) - unassigned, empty=unassigned,
        one_word=sum(len(text.split()) == 1 for text in texts), cut=cut, mining=mining,
        topics_path=topics_path)
