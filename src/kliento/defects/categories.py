"""Suggest a defect's category from what the customer or a colleague wrote, the way the
recovery cause suggester does (:mod:`kliento.recovery.causes`): per language, word stems and
short phrases per category, matched at the start of a word after case and diacritics are
folded; the category whose cues weigh most wins, ties going to the earlier one in
``CATEGORY_ORDER``. Weight 2 decides alone, 1 needs company. Only a suggestion: the person
logging the defect keeps or changes it.

>>> defect_category_suggest("The toilets were filthy and smelled.", "en")
('cleanliness', 0.8)
>>> defect_category_suggest("Jūs neteisingai parašėte mano pavardę laiške", "lt")
('wrong_name', 0.8)
>>> defect_category_suggest("Ačiū!", "lt")
(None, 0.0)
"""

import re
from functools import cache

from kliento.recovery.causes import fold

CATEGORY_ORDER = ("wrong_name", "website_error", "prices_not_visible", "cleanliness",
                  "security_staff", "signage", "parking")

LEXICONS: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    "en": {
        "wrong_name": (
            (r"misspel", 2), (r"spel\w* my (name|surname)", 2),
            (r"(name|surname) (was )?(wrong|spelt|spelled|misspelt)", 2),
            (r"wrong (name|surname)", 2), (r"letter", 1)),
        "website_error": ((r"website", 1), (r"web ?site", 1), (r"page (would not|didn'?t|did "
                          r"not) (load|open)", 2), (r"error (message|page|\d{3})", 2),
                          (r"checkout (failed|broke|crash)", 2), (r"crash", 1), (r"404", 2),
                          (r"log ?in (failed|did not work|didn'?t work)", 2), (r"online", 1)),
        "prices_not_visible": ((r"no price", 2), (r"price (tag|label)s? (missing|absent)", 2),
                               (r"(couldn'?t|could not|can'?t) (see|find) the price", 2),
                               (r"without (a )?price", 2), (r"price", 1)),
        "cleanliness": ((r"dirty", 2), (r"filth", 2), (r"smell", 1), (r"stink", 2),
                        (r"toilet", 1), (r"rubbish", 1), (r"litter", 1), (r"sticky", 1),
                        (r"(hadn'?t|not) been cleaned", 2), (r"eggshell", 2), (r"dust", 1),
                        (r"hair in", 2), (r"stain", 1)),
        "security_staff": ((r"guard", 2), (r"security", 2), (r"bouncer", 2),
                           (r"followed me", 1), (r"like (a|I was a) thief", 2),
                           (r"(stared|glared)", 1), (r"searched my bag", 2)),
        "signage": ((r"sign(s|age)?\b", 1), (r"couldn'?t find the (entrance|exit|desk|toilet)",
                    2), (r"no signs?", 2), (r"(confusing|unclear) (way|directions)", 2),
                    (r"lost in the", 1)),
        "parking": ((r"parking", 2), (r"car ?park", 2), (r"park(ed)? the car", 1),
                    (r"no (free )?spaces?", 1)),
    },
    "lt": {
        "wrong_name": ((r"(neteisingai|klaidingai|ne taip) (parašė|parašyt|užraš)", 2),
                       (r"(vard|pavard)\w* (su klaida|parašyt\w* neteisingai)", 2),
                       (r"iškraipė (mano )?(vard|pavard)", 2), (r"(mano )?(vard|pavard)", 1),
                       (r"laišk", 1)),
        "website_error": ((r"svetain", 1), (r"puslap", 1), (r"klaid\w* (pranešim|puslap)", 2),
                          (r"neveikia (svetain|puslap|apmokėjim|prisijung)", 2),
                          (r"nepavyko (apmokėti|prisijungti|užsakyti)", 2), (r"stringa", 1)),
        "prices_not_visible": ((r"nėra kain", 2), (r"nesimato kain", 2),
                               (r"be kain", 2), (r"kain\w* (nėra|nesimat|nematyt)", 2),
                               (r"kain", 1)),
        "cleanliness": ((r"nešvar", 2), (r"purvin", 2), (r"purv", 1), (r"dvok", 2),
                        (r"smird", 2), (r"tualet", 1), (r"šiukšl", 1), (r"lukšt", 2),
                        (r"nesutvarkyt", 1), (r"dulk", 1), (r"lipn", 1)),
        "security_staff": ((r"apsaug", 2), (r"apsauginink", 2), (r"sekė (mane|iš paskos)", 1),
                           (r"kaip (į )?vag", 2), (r"spoksoj", 1)),
        "signage": ((r"ženkl", 1), (r"nuorod", 1), (r"neradau (įėjim|išėjim|kas|tualet)", 2),
                    (r"nėra (ženkl|nuorod)", 2), (r"paklyd", 1)),
        "parking": ((r"parkav", 2), (r"parking", 2), (r"aikštel", 1), (r"nebuvo vietos", 1)),
    },
    "lv": {
        "wrong_name": ((r"(nepareizi|kļūdaini) (uzrakst|ierakst)", 2),
                       (r"(vārd|uzvārd)\w* (ar kļūdu|nepareiz)", 2), (r"(vārd|uzvārd)", 1),
                       (r"vēstul", 1)),
        "website_error": ((r"vietn", 1), (r"mājaslap", 1), (r"lapa (neatvērās|nestrādā)", 2),
                          (r"kļūd\w* (ziņojum|lap)", 2), (r"nestrādā (apmaks|pieteik)", 2)),
        "prices_not_visible": ((r"nav cen", 2), (r"nevarēja redzēt cen", 2), (r"bez cen", 2),
                               (r"cen", 1)),
        "cleanliness": ((r"netīr", 2), (r"smird", 2), (r"smaka", 2), (r"tualet", 1),
                        (r"atkritum", 1), (r"olu čaum", 2), (r"putekļ", 1), (r"lipīg", 1)),
        "security_staff": ((r"apsarg", 2), (r"drošības dienest", 2), (r"sekoja man", 1),
                           (r"kā (pret )?zagl", 2)),
        "signage": ((r"zīm", 1), (r"norād", 1), (r"nevarēju atrast (ieej|izej|kas|tualet)", 2),
                    (r"nav norād", 2)),
        "parking": ((r"stāvviet", 2), (r"autostāv", 2), (r"parkin", 2), (r"novietot auto", 1)),
    },
    "ru": {
        "wrong_name": ((r"(неправильно|с ошибкой|с ошибками) (написал|напечатал|указал)", 2),
                       (r"(имя|фамили)\w* (с ошибк|неправильн|исказ)", 2),
                       (r"исказил\w* (мо[её] )?(имя|фамили)", 2), (r"(имя|фамили)", 1),
                       (r"письм", 1)),
        "website_error": ((r"сайт", 1), (r"страниц\w* (не (открыва|загружа)|ошибк)", 2),
                          (r"ошибк\w* (на сайте|\d{3})", 2), (r"не работает (сайт|оплат|вход)", 2),
                          (r"зависа", 1)),
        "prices_not_visible": ((r"нет цен", 2), (r"не видно цен", 2), (r"без цен", 2),
                               (r"ценник\w* (нет|не было)", 2), (r"цен", 1)),
        "cleanliness": ((r"грязн", 2), (r"вонь", 2), (r"вонял", 2), (r"запах", 1),
                        (r"туалет", 1), (r"мусор", 1), (r"скорлуп", 2), (r"пыл", 1),
                        (r"липк", 1), (r"не убран", 2)),
        "security_staff": ((r"охран", 2), (r"охранник", 2), (r"ходил за мной", 1),
                           (r"как (на|за) вор", 2), (r"пялил", 1)),
        "signage": ((r"указател", 2), (r"вывеск", 1), (r"не (смог|могл)\w* найти (вход|выход|касс"
                    r"|туалет)", 2), (r"заблудил", 1)),
        "parking": ((r"парков", 2), (r"стоянк", 2), (r"негде (было )?поставить машин", 2)),
    },
    "pl": {
        "wrong_name": ((r"(błędnie|źle|niepoprawnie) (napisa|wpisa|zapisa)", 2),
                       (r"(imi|nazwisk)\w* (z błędem|z błędami|przekręcon)", 2),
                       (r"przekręc\w* (moje )?(imi|nazwisk)", 2), (r"(imi|nazwisk)", 1),
                       (r"list", 1)),
        "website_error": ((r"stron\w* (nie (działa|otwiera|ładuje)|błęd)", 2),
                          (r"błąd (\d{3}|stron|przy)", 2), (r"nie działa (płatnoś|logowan)", 2),
                          (r"stron", 1), (r"serwis", 1), (r"zawiesza", 1)),
        "prices_not_visible": ((r"brak cen", 2), (r"nie (było|widać) cen", 2), (r"bez cen", 2),
                               (r"cen", 1)),
        "cleanliness": ((r"brud", 2), (r"śmierdz", 2), (r"smród", 2), (r"zapach", 1),
                        (r"toalet", 1), (r"śmieci", 1), (r"skorup", 2), (r"kurz", 1),
                        (r"lepk", 1), (r"nieposprzątan", 2)),
        "security_staff": ((r"ochron", 2), (r"ochroniarz", 2), (r"chodził za mną", 1),
                           (r"jak za złodziej", 2), (r"gapił", 1)),
        "signage": ((r"oznacz", 1), (r"oznakowan", 2), (r"drogowskaz", 2),
                    (r"nie (mogł\w*|umiał\w*) znaleźć (wejści|wyjści|kas|toalet)", 2),
                    (r"zgubił", 1)),
        "parking": ((r"parking", 2), (r"parkow", 2), (r"nie było miejsc", 1)),
    },
}


@cache
def _compiled(language: str):
    return tuple(
        (category, tuple((re.compile(r"(?<!\w)" + fold(pattern)), weight)
                         for pattern, weight in LEXICONS[language][category]))
        for category in CATEGORY_ORDER
    )


def defect_category_suggest(text: str, language: str) -> tuple[str | None, float]:
    """The likeliest category and a confidence on 0..1, or ``(None, 0.0)`` without a cue.
    The writer's language first, then the others; confidence ``top ÷ (all + 1)``, as the
    cause suggester's."""
    folded = fold(text or "")
    if not folded.strip():
        return None, 0.0
    languages = [language] if language in LEXICONS else []
    languages += [other for other in LEXICONS if other != language]
    for candidate in languages:
        scores = {category: sum(weight for pattern, weight in patterns
                                if pattern.search(folded))
                  for category, patterns in _compiled(candidate)}
        total = sum(scores.values())
        if total:
            best = max(CATEGORY_ORDER, key=lambda category: (scores[category],
                                                             -CATEGORY_ORDER.index(category)))
            return best, round(scores[best] / (total + 1), 2)
    return None, 0.0
