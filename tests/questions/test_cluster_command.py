"""``kliento questions cluster``: rows back with their cluster, topics beside them, and a
clear message for every kind of file it cannot use."""

import csv
import re

import pytest
from django.core.management import CommandError, call_command

from kliento.topics.csv_file import topics_path_for

QUESTIONS = [
    "Where is my card?", "My card has not arrived", "When will my card arrive?",
    "Card still not delivered", "How do I reset my password?", "I forgot my password",
    "Password reset does not work", "Change my password please",
    "Kur mano kortelė?", "Kortelė dar neatvyko", "Pamiršau slaptažodį", "Kaip pakeisti slaptažodį?",
]


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_row_comes_back_with_its_columns_and_a_cluster(tmp_path, capsys):
    source = write_csv(tmp_path / "in.csv", ["id", "text"],
                       [[n, text] for n, text in enumerate(QUESTIONS)])
    out = tmp_path / "out.csv"
    call_command("questions", "cluster", str(source), "--text-column", "text",
                 "--clusters", "4", "--out", str(out))
    rows = read_csv(out)
    assert [row["id"] for row in rows] == [str(n) for n in range(len(QUESTIONS))]
    assert [row["text"] for row in rows] == QUESTIONS
    assert {row["cluster"] for row in rows} == {"0", "1", "2", "3"}
    # The English card questions stay together, apart from the password ones.
    assert len({rows[n]["cluster"] for n in range(4)}) == 1
    assert rows[0]["cluster"] != rows[4]["cluster"]
    topics = read_csv(topics_path_for(out))
    assert sum(int(topic["size"]) for topic in topics) == len(QUESTIONS)
    assert all(topic["label"] and topic["typical_1"] in QUESTIONS for topic in topics)
    assert "12 rows, 12 clustered into 4 topics (as asked)" in capsys.readouterr().out


def test_the_number_of_topics_is_chosen_when_not_given(tmp_path, capsys):
    source = write_csv(tmp_path / "in.csv", ["text"], [[text] for text in QUESTIONS])
    call_command("questions", "cluster", str(source), "--out", str(tmp_path / "out.csv"))
    assert "(chosen from the data)" in capsys.readouterr().out


def test_empty_and_symbol_only_texts_get_a_blank_cluster_and_a_note(tmp_path, capsys):
    source = write_csv(tmp_path / "in.csv", ["text"],
                       [[text] for text in [*QUESTIONS, "", "1234", "?!"]])
    out = tmp_path / "out.csv"
    call_command("questions", "cluster", str(source), "--out", str(out))
    assert [row["cluster"] for row in read_csv(out)][-3:] == ["", "", ""]
    assert "3 rows have no words to cluster on" in capsys.readouterr().err


def test_one_word_and_very_long_texts_are_clustered_with_a_warning(tmp_path, capsys):
    long_text = "password " * 2000  # 18,000 characters
    source = write_csv(tmp_path / "in.csv", ["text"],
                       [[text] for text in [*QUESTIONS, "card", long_text]])
    out = tmp_path / "out.csv"
    call_command("questions", "cluster", str(source), "--out", str(out))
    rows = read_csv(out)
    assert rows[-1]["text"] == long_text  # written back whole
    assert rows[-2]["cluster"] != "" and rows[-1]["cluster"] != ""
    err = capsys.readouterr().err
    assert "1 texts are longer than 10,000 characters" in err
    assert "1 texts are a single word" in err


@pytest.mark.parametrize(("content", "message"), [
    (b"text\nWhere is my card?\n", "has 1 question(s) with text"),
    (b"text\n\n\n", "has 0 question(s) with text"),
    (b"", "its columns are: none (empty file)"),
    (b"question\nWhere?\nHow?\n", "has no column 'text'; its columns are: 'question'"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text CSV file (it holds binary data)"),
    (b"text\n\xff\xfe broken \xc3\x28\n", "is not UTF-8 text"),
])
def test_unusable_files_are_refused_with_a_clear_message_and_nothing_written(
        tmp_path, content, message):
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("questions", "cluster", str(source), "--out", str(out))
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"cannot read .*nowhere\.csv"):
        call_command("questions", "cluster", str(tmp_path / "nowhere.csv"),
                     "--out", str(tmp_path / "out.csv"))


def test_more_clusters_than_questions_is_refused(tmp_path):
    source = write_csv(tmp_path / "in.csv", ["text"], [[text] for text in QUESTIONS[:3]])
    with pytest.raises(CommandError, match="--clusters must be between 1 and 3"):
        call_command("questions", "cluster", str(source), "--clusters", "5",
                     "--out", str(tmp_path / "out.csv"))
