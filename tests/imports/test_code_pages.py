"""Legacy code pages are told by how plausible the words read, never guessed when unclear.

The files are built from text held out of the letter frequencies
(``samples/held-out-text.json``, written by ``scripts/letter_frequencies_build.py``), with
German and Ukrainian names the frequencies have never seen.
"""

import json
import random
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kliento.customers.models import Customer
from kliento.imports.code_pages import EncodingUnclear, detect_encoding
from kliento.imports.models import ImportRun
from tests.factories import UserFactory

HELD_OUT = json.loads((Path(__file__).parent / "samples" / "held-out-text.json")
                      .read_text(encoding="utf-8"))
GERMAN = ("Müller", "Schröder", "Weiß", "Jürgen", "Günther", "Köhler", "Bäcker", "Straße",
          "Lübeck", "Köln", "München", "Düsseldorf", "Jäger", "Krämer", "Schäfer", "Jörg")
UKRAINIAN = ("Олександр", "Євген", "Ігор", "Юлія", "Наталія", "Григорій", "Київ", "Львів",
             "Дніпро", "Ґудзь", "Ковальчук", "Шевченко", "Бондаренко", "Олійник", "Їжакевич",
             "Запоріжжя")
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def words(language: str) -> list[str]:
    if language == "de":
        return list(GERMAN)
    if language == "uk":
        return list(UKRAINIAN)
    texts = HELD_OUT[language]
    return texts["names"] + [word for sentence in texts["sentences"]
                             for word in sentence.split()]


def customers_file(encoding: str, languages: tuple[str, str], rows: int, seed: int) -> bytes:
    """A customers CSV, four rows in five in the first language, the rest in the second."""
    chance = random.Random(seed)
    lines = ["external_id,full_name,city"]
    for number in range(rows):
        pool = words(languages[0] if chance.random() < 0.8 else languages[1])
        lines.append(f"C-{number},{chance.choice(pool)} {chance.choice(pool)},"
                     f"{chance.choice(pool)}")
    return "\n".join(lines).encode(encoding, errors="replace")


def reads_right(data: bytes, encoding: str) -> bool | None:
    """Whether the detected code page gives the text as written; None when it asks."""
    try:
        detected = detect_encoding(data)
    except EncodingUnclear:
        return None
    return data.decode(detected) == data.decode(encoding)


def test_lithuanian_names_in_windows_1257_are_not_read_as_cyrillic():
    data = "external_id,full_name\nC-1,Jūratė Ąžuolaitė\n".encode("cp1257")
    assert detect_encoding(data) == "cp1257"
    assert data.decode(detect_encoding(data)).endswith("Jūratė Ąžuolaitė\n")


MIXES = [("cp1257", ("lt", "pl")), ("cp1257", ("lv", "de")), ("cp1251", ("ru", "uk")),
         ("cp1250", ("pl", "de"))]


@pytest.mark.parametrize("encoding, languages", MIXES)
@pytest.mark.parametrize("rows", [50, 500, 5_000])
def test_mixed_language_files_are_read_in_their_code_page(encoding, languages, rows):
    for seed in range(3):
        assert reads_right(customers_file(encoding, languages, rows, seed), encoding) is True


@pytest.mark.parametrize("encoding, languages", MIXES)
def test_five_row_files_are_read_right_or_asked_about_never_garbled(encoding, languages):
    outcomes = [reads_right(customers_file(encoding, languages, 5, seed), encoding)
                for seed in range(40)]
    assert False not in outcomes
    assert outcomes.count(None) <= 4  # asking is for the rare file with nothing telling


@pytest.mark.django_db
def test_an_unclear_file_is_not_guessed_the_command_names_the_candidates(tmp_path, capsys):
    # One Lithuanian name whose only letter outside ASCII (ę) Windows-1250 reads as ć.
    unclear = tmp_path / "customers.csv"
    unclear.write_bytes("external_id,full_name\nC-1,Kęstutis\n".encode("cp1257"))
    with pytest.raises(SystemExit) as stopped:
        call_command("import", "customers", str(unclear))
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "--encoding cp1257 or --encoding cp1250" in said and "Kćstutis" in said
    assert not Customer.objects.exists()
    with pytest.raises(SystemExit) as stopped:
        call_command("import", "customers", str(unclear), "--encoding", "cp1257")
    assert stopped.value.code == 0
    assert Customer.objects.get().full_name == "Kęstutis"


@pytest.mark.django_db
def test_the_upload_page_asks_which_code_page_and_imports_in_the_one_chosen(
        client, settings, tmp_path, channels):
    settings.TASKS = IMMEDIATE
    settings.VAR_DIR = tmp_path
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    client.post(reverse("imports:list"), {
        "kind": "customers", "preset": "kliento", "encoding": "",
        "file": SimpleUploadedFile("customers.csv",
                                   "external_id,full_name\nC-1,Kęstutis\n".encode("cp1257"))})
    failed = ImportRun.objects.get()
    assert failed.status == ImportRun.Status.FAILED
    assert failed.encoding_candidates == [["cp1257", "Kęstutis"], ["cp1250", "Kćstutis"]]
    page = client.get(reverse("imports:run", args=[failed.pk])).content.decode()
    assert 'id="encoding-choice"' in page and "Kćstutis" in page
    refused = client.post(reverse("imports:again", args=[failed.pk]), {"encoding": "koi8-r"})
    assert refused.status_code == 400 and ImportRun.objects.count() == 1
    chosen = client.post(reverse("imports:again", args=[failed.pk]), {"encoding": "cp1257"})
    again = ImportRun.objects.exclude(pk=failed.pk).get()
    assert chosen.url == reverse("imports:run", args=[again.pk])
    assert (again.status, again.encoding) == (ImportRun.Status.DONE, "cp1257")
    assert Customer.objects.get().full_name == "Kęstutis"
