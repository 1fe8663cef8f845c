"""From a customer's text to the tokens topics are mined on.

The original text is never changed: :func:`prepare` returns it beside the tokens. Numbers,
e-mail addresses, links and order ids are masked so that "order 12345" and "order 67890"
read alike; tokens are lemmatised in the text's language, then case and diacritics are
folded and Cyrillic is transliterated, so that "kortelė", "Kortele" and "карта"/"karta"
meet on a shared stem.

>>> prepare("Kur mano užsakymas LT-20931? Rašiau jums@pvz.lt", "lt").tokens
('kur', 'as', 'uzsakymas', '_id_', 'rasyti', '_email_')
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("lt", "lv", "pl", "ru", "en")
FALLBACK_LANGUAGE = "en"

# Order matters: an e-mail or a link holds digits that the later masks would split.
MASKS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), " _email_ "),
    (re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE), " _url_ "),
    # An order, invoice or card reference: letters joined to at least four digits, or a #.
    (re.compile(r"#\s?\d+|\b[^\W\d_]{0,5}[-/]?\d{4,}[-/\w]*", re.UNICODE), " _id_ "),
    (re.compile(r"\d+(?:[.,]\d+)*"), " _num_ "),
)
TOKEN = re.compile(r"_(?:email|url|id|num)_|[^\W\d_]+", re.UNICODE)

_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju",
    "я": "ja",
})


# Function words (folded lemmas) that say which language a question is in, not what it asks:
# left in, they group questions by language. Short lists on purpose: content words stay.
_FUNCTION_WORDS_BY_LANGUAGE = """
a an the i me my mine you your yours we our it its he she they them their this that these
those is are was were be been being am do does did have has had will would can could shall
should may might must to of in on at for from by with about as and or but if so not no
there here what when where who whom which why how please hi hello thanks thank
as mano tu tavo jis ji mes jus ju sis tas yra buti ir ar bet kad kur kada kaip kas kodel
koks kokia del is i su be ne nebuti apie iki po per prie aciu labas sveiki prasau
es mans mana tu tavs vins vina mes jus vini sis tas ir but un vai bet ka kur kad kapec kas
kurs no uz ar par pie pec lidz paldies lugums sveiki
ja mnie moj moja moje ty twoj on ona my wy oni ten ta to ten jest byc i lub ale czy ze
gdzie kiedy jak co kto dlaczego ktory w na z do od o po przez dla nie sie dziekuje prosze
ja menja moi moja moe ty tvoi on ona my vy oni etot tot byt i ili no li chto gde kogda kak
kto pochemu kakoi v na s k ot o po dlja ne eto spasibo pozhaluista zdravstvuite
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_BY_LANGUAGE.split())


@dataclass(frozen=True, slots=True)
class PreparedText:
    original: str
    language: str  # one of LANGUAGES
    tokens: tuple[str, ...]  # masked, lemmatised, folded
    lemmas: tuple[str, ...]  # the same lemmas before folding: what a label shows
    masked: str = ""  # the original with placeholders, spaces collapsed: what a sentence
    # embedding reads (it knows word forms and word order, which the tokens drop)

    @property
    def joined(self) -> str:
        """The content words, space-separated (all tokens if nothing else is left)."""
        content = [token for token in self.tokens if token not in FUNCTION_WORDS]
        return " ".join(content or self.tokens)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, default: str = FALLBACK_LANGUAGE) -> str:
    """The most likely of :data:`LANGUAGES`, or ``default`` when the text has no letters.

    >>> detect_language("Где моя карта?"), detect_language("Gdzie jest moja karta?")
    ('ru', 'pl')
    """
    if not any(character.isalpha() for character in text):
        return default
    language, _probability = _identifier().classify(text)
    return language


def fold(text: str) -> str:
    """Casefolded, without diacritics, Cyrillic in Latin letters: the form two spellings
    of one word share. Used for matching and searching; never shown.

    >>> fold("Užsakymą ĮVYKDĖME"), fold("Заказ")
    ('uzsakyma ivykdeme', 'zakaz')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_CYRILLIC_TO_LATIN)


def mask(text: str) -> str:
    """The text with e-mails, links, order ids and numbers replaced by placeholders."""
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return text


@lru_cache(maxsize=200_000)
def _lemma(token: str, language: str) -> str:
    if token.startswith("_"):
        return token
    return simplemma.lemmatize(token, lang=language)


@lru_cache(maxsize=200_000)
def _folded(lemma: str) -> str:
    return lemma if lemma.startswith("_") else fold(lemma)


def prepare(text: str, language: str | None = None) -> PreparedText:
    """Mask, detect the language when not given, lemmatise and fold."""
    masked = mask(text)
    if language not in LANGUAGES:
        language = detect_language(masked)
    lemmas = tuple(_lemma(token, language) for token in TOKEN.findall(masked.casefold()))
    return PreparedText(original=text, language=language,
                        tokens=tuple(_folded(lemma) for lemma in lemmas), lemmas=lemmas,
                        masked=" ".join(masked.split()))
