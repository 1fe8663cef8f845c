"""Telling which code page a file is in: UTF-8, or the legacy one of our users' languages.

A legacy file's bytes above 127 are letters in every candidate code page, so counting
letters that merely exist in a script cannot tell them apart (a Lithuanian file read as
Windows-1251 is all Cyrillic letters: "Jыratл Аюuolaitл"). Instead each reading's words are
scored by how plausible they are in Lithuanian, Latvian, Polish, Russian or English —
letter-pair frequencies (``letter_frequencies``), each word in the language it reads best
in, since one file mixes several. The readings' scores differ by a log-likelihood ratio;
when the best is not ahead by a clear margin, the file is not guessed: the caller asks.
"""

import codecs
import math
import re
from dataclasses import dataclass
from functools import cache

from kliento.imports.letter_frequencies import LETTERS, PAIRS

# Our users' legacy code pages, in the order preferred when two read a file the same.
CANDIDATES = ("cp1257", "cp1250", "cp1251")
LABELS = {"utf-8": "UTF-8", "cp1257": "Windows-1257 (Baltic)",
          "cp1250": "Windows-1250 (Central European)", "cp1251": "Windows-1251 (Cyrillic)"}
# Natural-log odds the best reading needs over the next one to be taken without asking:
# e^8 ≈ 3,000 to 1. On the held-out text, wrong readings were never ahead, and a single
# name with one letter outside ASCII was ahead by 9 to 40.
CLEAR_MARGIN = 8.0
WORDS_SCORED = 3_000  # distinct words with a letter outside ASCII: plenty for a verdict
CHARACTERS = 1_000  # the alphabet size assumed for letters never seen in a language
PAIR_WEIGHT = 4.0  # how far a letter pair's own count outweighs its second letter's
# A word in Latin and Cyrillic letters at once ("Mьller") is what a wrong code page makes of
# a name; people hardly write one.
MIXED_SCRIPTS_LOG_ODDS = -12.0
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(rb"[^\s,;|\"'()]*[\x80-\xff][^\s,;|\"'()]*")


class EncodingUnclear(Exception):
    """Two or more code pages read the file plausibly; ``readings`` holds each one's name
    and the word where they differ most, as it reads in that code page."""

    def __init__(self, readings: list[tuple[str, str]]):
        self.readings = readings
        super().__init__(", ".join(f"{LABELS.get(name, name)} (“{word}”)"
                                   for name, word in readings))

    @property
    def candidates(self) -> list[str]:
        return [name for name, _word in self.readings]


@dataclass(frozen=True)
class _Reading:
    encoding: str
    score: float
    words: tuple[str, ...]


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` or ``utf-16`` by their byte order marks; ``utf-8`` when the bytes are
    valid UTF-8 (plain ASCII is); otherwise the legacy code page that reads most plausibly,
    or ``EncodingUnclear`` when two are close."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A sample may cut a multi-byte character in two at its very end.
        if error.start < len(sample) - 4:
            return legacy_encoding(sample)
    return "utf-8"


def legacy_encoding(sample: bytes) -> str:
    readings = legacy_readings(sample)
    best, runner_up = readings[0], readings[1] if len(readings) > 1 else None
    if runner_up is not None and best.score - runner_up.score < CLEAR_MARGIN:
        close = [reading for reading in readings if best.score - reading.score < CLEAR_MARGIN]
        telling = _most_telling_word(close)
        raise EncodingUnclear([(reading.encoding, reading.words[telling]) for reading in close])
    return best.encoding


def legacy_readings(sample: bytes) -> list[_Reading]:
    """Each candidate's reading of the sample, best first; candidates that read it
    identically are one reading, under the first of them."""
    words = list(dict.fromkeys(_WORD.findall(sample)))[:WORDS_SCORED]
    readings: dict[tuple[str, ...], _Reading] = {}
    for encoding in CANDIDATES:
        decoded = tuple(word.decode(encoding, errors="replace") for word in words)
        if decoded not in readings:
            readings[decoded] = _Reading(encoding, sum(word_score(word) for word in decoded),
                                         decoded)
    return sorted(readings.values(), key=lambda reading: -reading.score)


def word_score(word: str) -> float:
    """The natural log of the word's probability in the language it reads best in."""
    marked = f"^{re.sub(r'[0-9]', '0', word.lower())}$"
    mixed = MIXED_SCRIPTS_LOG_ODDS if _LATIN.search(word) and _CYRILLIC.search(word) else 0.0
    return mixed + max(sum(_pair_log_probability(language, marked[i:i + 2])
                           for i in range(len(marked) - 1)) for language in PAIRS)


def _most_telling_word(readings: list[_Reading]) -> int:
    def spread(index: int) -> float:
        scores = [word_score(reading.words[index]) for reading in readings]
        return max(scores) - min(scores)

    return max(range(len(readings[0].words)), key=spread)


@cache
def _pair_log_probability(language: str, pair: str) -> float:
    """log P(second letter | first letter), the pair's count smoothed towards the second
    letter's own frequency (itself smoothed over an alphabet of ``CHARACTERS``)."""
    letters, pairs = LETTERS[language], PAIRS[language]
    first, second = pair
    letter_probability = (letters.get(second, 0) + (_words(language) if second == "$" else 0)
                          + 0.5) / (_letter_total(language) + 0.5 * CHARACTERS)
    after_first = _pairs_after(language).get(first, 0)
    return math.log((pairs.get(pair, 0) + PAIR_WEIGHT * letter_probability)
                    / (after_first + PAIR_WEIGHT))


@cache
def _pairs_after(language: str) -> dict[str, int]:
    after: dict[str, int] = {}
    for pair, count in PAIRS[language].items():
        after[pair[0]] = after.get(pair[0], 0) + count
    return after


@cache
def _words(language: str) -> int:
    return _pairs_after(language).get("^", 0)


@cache
def _letter_total(language: str) -> int:
    return sum(LETTERS[language].values()) + _words(language)
