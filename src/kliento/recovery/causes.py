"""Suggest what a complaint is about, by the five factors of service quality, from its words.

Each language has a lexicon of word stems and short phrases per factor (regular expressions
matched at the start of a word, after case and diacritics are folded, so "pazadejo" typed on
a phone without Lithuanian letters still matches "pažadėjo"). A factor scores the weights of
its patterns found in the text; the highest score wins, ties going to the earlier factor in
``FACTOR_ORDER`` (reliability first: more than half of complaints are broken promises).
Only a suggestion: the agent confirms or changes it on the recovery case.

>>> complaint_cause_suggest("You promised to call me back yesterday and nobody did.", "en")
('reliability', 0.75)
>>> complaint_cause_suggest("Labai ačiū!", "lt")
(None, 0.0)
"""

import re
import unicodedata
from functools import cache

FACTOR_ORDER = ("reliability", "responsiveness", "assurance", "empathy", "tangibles")

# language -> factor -> ((pattern, weight), ...). Weight 2 marks a cue that decides on its
# own (a promise, "impossible"); 1 a cue that needs company to outweigh another factor.
LEXICONS: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    "en": {
        "reliability": (
            (r"promis", 2), (r"(was|were) (supposed|meant|due) to", 2), (r"supposed to", 1),
            (r"meant to be", 1), (r"was due\b", 1), (r"you said", 1),
            (r"(said|told me) .{0,40}\bwould\b", 1), (r"never (arrived|came|turned up|showed)", 2),
            (r"late deliver", 2), (r"deliver\w* late", 2), (r"(turned|showed) up (late|at)", 1),
            (r"wrong (colou?r|size|model|item|product|part|one)", 2), (r"instead of", 1),
            (r"even though the order", 1), (r"ordered\b.{0,60}\b(got|received|came)\b", 1),
            (r"(arrived|came|delivered) without", 2), (r"missing (part|item|piece|charger)", 1),
            (r"left (mud|dust|dirt|a mess|packaging|rubbish)", 2),
            (r"nobody (called|rang|did)\b", 1), (r"not as (ordered|agreed|described)", 2),
        ),
        "responsiveness": (
            (r"wait(ed|ing)?\b", 1), (r"on hold", 1), (r"queue", 1),
            (r"no (answer|reply|response)", 1), (r"stopped answering", 1),
            (r"(nobody|no one|never) (replied|answered|responded|got back)", 1),
            (r"(didn'?t|did not|never) (answer|reply|respond|get back)", 1),
            (r"took (\w+ ){0,2}(days|weeks|hours|ages|forever)", 1), (r"too long", 1),
            (r"slow", 1), (r"get(ting)? through", 1), (r"cut off", 1),
            (r"nobody at the (desk|counter|till)", 1), (r"still no (reply|answer|news)", 1),
        ),
        "assurance": (
            (r"incompeten", 2), (r"vague", 1), (r"(didn'?t|did not|doesn'?t) know", 1),
            (r"no idea", 1), (r"not sure (if|whether)", 1), (r"nobody could tell", 1),
            (r"(couldn'?t|could not) (tell|explain)", 1), (r"impossible", 2),
            (r"wrong (information|advice)", 2), (r"clueless", 2),
        ),
        "empathy": (
            (r"rude", 2), (r"impolite", 2), (r"unfriendly", 1), (r"ignor", 1),
            (r"laugh", 1), (r"shout", 1), (r"yell", 1), (r"(barely|never) looked up", 1),
            (r"on (her|his|their) phone", 1), (r"chatting", 1), (r"like I was a thief", 1),
            (r"followed me", 1), (r"nobody cares", 1), (r"arrogant", 1),
            (r"(don'?t|doesn'?t|didn'?t) care", 1),
            (r"(nobody|no one|never) (even )?(apologi[sz]ed|said sorry)", 1),
        ),
        "tangibles": (
            (r"dirty", 2), (r"filthy", 2), (r"rubbish", 1), (r"litter", 1),
            (r"(hadn'?t|not) been cleaned", 1), (r"smell", 1), (r"misspel", 2),
            (r"spells? my name", 2), (r"name (wrong|spelt|spelled)", 1),
            (r"broken (equipment|machine|terminal|till|door|lift|card reader)", 2),
            (r"(card reader|terminal|till) (was |is )?(broken|not working)", 2),
            (r"parking", 1),
        ),
    },
    "lt": {
        "reliability": (
            (r"(pa)?žad", 2), (r"ištesė", 1), (r"neištesė", 2),
            (r"turėjo (būti|atvykti|atvežti|ateiti|paskambinti|atkeliauti)", 2),
            (r"sakė(te|t)?,? kad", 1), (r"ne t(ą|o) (model|spalv|dyd|prek)", 2),
            (r"užsakiau\b.{0,60}\b(gavau|atvežė|atėjo|atkeliavo)", 1), (r"nors užsakym", 1),
            (r"(atkeliavo|atėjo|atvežė|pristatė) be\b", 2), (r"vėlav", 1), (r"pavėl", 1),
            (r"paliko (purv|dulk|šiukšl|pakuot|netvark)", 2), (r"nepaskambino", 1),
            (r"vis dar ne(grįž|gav|atvež)", 1),
        ),
        "responsiveness": (
            (r"(pa)?lauk(iau|iu|ti|ėm)", 1), (r"ne(be)?atsak", 1), (r"prisiskambint", 1),
            (r"ryšys nutrūk", 1), (r"lėtai", 1), (r"ilgai", 1), (r"užtruk", 1),
            (r"po (keturių|kelių|trijų|dviejų|penkių) dien", 1), (r"ragelyje", 1),
            (r"nieko nėra", 1), (r"eilė", 1),
        ),
        "assurance": (
            (r"nekompetent", 2), (r"miglot", 1), (r"nežin(au|o|ojo)", 1),
            (r"negalėjo (pasakyti|paaiškinti)", 1), (r"neįmanom", 2), (r"negalima", 2),
            (r"klaiding\w* informacij", 2), (r"neišmano", 2),
        ),
        "empathy": (
            (r"nemandag", 2), (r"grubi", 2), (r"grubu", 2), (r"įžūl", 2), (r"ignor", 1),
            (r"nekreip", 1), (r"plepė", 1), (r"nusijuok", 1), (r"aprėk", 1), (r"šauk", 1),
            (r"sekiojo", 1), (r"lyg vag", 1), (r"žiūrėjo į telefon", 1),
            (r"vos pakėlė akis", 1), (r"niekam nerūpi", 1), (r"neatsiprašė", 1),
            (r"abejing", 1),
        ),
        "tangibles": (
            (r"nešvar", 2), (r"purvin", 2), (r"šiukšl", 1), (r"nesutvarkyt", 1),
            (r"neišvalyt", 1), (r"klaidingai parašyt", 2), (r"suged", 1),
            (r"neveik\w* .{0,20}(terminal|kasa|lift)", 2), (r"parkav", 1),
        ),
    },
    "lv": {
        "reliability": (
            (r"(ap)?solī", 2), (r"bija jā(būt|pienāk|ierodas|atved|piezvana|atnāk)", 2),
            (r"teic(a|āt),? ka", 1), (r"citu modeli", 2), (r"nepareiz(o|u|ā) (krās|izmēr)", 2),
            (r"pasūtīju\b.{0,60}\b(saņēmu|atveda|atnāca)", 1), (r"lai gan pasūtījum", 1),
            (r"(atnāca|atveda|piegādāja) bez\b", 2), (r"nokavē", 1),
            (r"atstāja (dubļ|putekļ|atkritum|iepakojum|netīr)", 2), (r"nepiezvanīj", 1),
            (r"joprojām nav (pienāk|atnāk|atmaksā)", 1),
        ),
        "responsiveness": (
            (r"gaid(īj|u\b|īt)", 1), (r"jāgaida", 1), (r"neatbild", 1),
            (r"mēģinu piezvanīt", 1), (r"nevar(u)? (piezvanīt|sazvanīt)", 1),
            (r"savienojums pārtrūk", 1), (r"lēn", 1), (r"ilgi", 1), (r"ievilk", 1),
            (r"pēc (četrām|trim|divām|piecām|vairākām) dien", 1), (r"klausulē", 1),
            (r"neviena nav", 1), (r"rind", 1),
        ),
        "assurance": (
            (r"nekompetent", 2), (r"miglain", 1), (r"nezin(u|a|āja)", 1),
            (r"nevarēja (pateikt|paskaidrot)", 1), (r"atgriezt nevar", 2),
            (r"neiespējam", 2), (r"nepareiz\w* informācij", 2),
        ),
        "empathy": (
            (r"nepieklājīg", 2), (r"nelaipn", 2), (r"rupj", 2), (r"ignorē", 1), (r"pļāpā", 1),
            (r"(pa)?smējās", 1), (r"(uz)?kliedz", 1), (r"staigāja man pakaļ", 1),
            (r"kā zaglim", 1), (r"skatījās telefonā", 1), (r"tik tikko pacēla acis", 1),
            (r"nevienam nerūp", 1), (r"neatvainojās", 1), (r"augstprātīg", 1),
        ),
        "tangibles": (
            (r"netīr", 2), (r"atkritum", 1), (r"nesakopt", 1), (r"nepareizi uzrakstīt", 2),
            (r"salūz", 1), (r"nestrādā\w* .{0,20}(termināl|kase|lift)", 2), (r"stāvviet", 1),
        ),
    },
    "ru": {
        "reliability": (
            (r"(по)?обещ", 2), (r"долж\w* был\w*", 2),
            (r"сказали,?( что)? .{0,40}(будет|позвон|привез)", 1),
            (r"заказ\w*\b.{0,60}\b(получил\w*|привезли|пришл\w*)", 1), (r"хотя в заказе", 1),
            (r"не ту модель", 2), (r"не того (цвета|размера)", 2),
            (r"(пришел|пришла|пришли|привезли|доставили) без\b", 2), (r"опозда", 1),
            (r"оставил\w* (грязь|пыль|мусор|упаковк|бардак)", 2),
            (r"никто не (позвонил|перезвонил)", 1), (r"так и не (пришл|привез|получил)", 1),
        ),
        "responsiveness": (
            (r"(про)?жд(ал|ала|у|ать)\b", 1), (r"подожд", 1), (r"на линии", 1),
            (r"не отвеча", 1), (r"не ответили", 1), (r"дозвон", 1), (r"связь оборвал", 1),
            (r"медленн", 1), (r"долго", 1), (r"затянул", 1),
            (r"через (четыре|три|два|пять|несколько) (дня|дней)", 1), (r"никого нет", 1),
            (r"очеред", 1),
        ),
        "assurance": (
            (r"некомпетент", 2), (r"расплывчат", 1), (r"не зна(ю|ет|ли|л)", 1),
            (r"не (мог|могли) (сказать|объяснить)", 1), (r"нельзя", 2), (r"невозможн", 2),
            (r"неверн\w* информац", 2),
        ),
        "empathy": (
            (r"(на)?груб", 2), (r"хам", 2), (r"невежлив", 2), (r"не обращал", 1),
            (r"болта", 1), (r"(рас)?смеял", 1), (r"(на)?орал", 1), (r"кричал", 1),
            (r"ходил за мной", 1), (r"как за вором", 1), (r"сидела в телефоне", 1),
            (r"еле подняла глаза", 1), (r"всем все равно", 1), (r"не извинил", 1),
        ),
        "tangibles": (
            (r"грязн", 2), (r"мусор", 1), (r"не убран", 1), (r"неправильно написа", 2),
            (r"сломан", 1), (r"не работа\w* .{0,20}(терминал|касс|лифт)", 2), (r"парковк", 1),
        ),
    },
    "pl": {
        "reliability": (
            (r"obiec", 2), (r"miał\w* (być|przyjść|przyjechać|zadzwonić|dotrzeć)", 2),
            (r"mówili(ście)?,? że", 1), (r"powiedzieli,? że .{0,40}będzie", 1),
            (r"zamówi\w*\b.{0,60}\b(dostał\w*|przywieźli|przyszł\w*)", 1),
            (r"choć w zamówieniu", 1), (r"inny model", 2), (r"(zł|inn)\w* (kolor|rozmiar)", 2),
            (r"(przyszedł|przyszła|przyszły|przywieźli|dostarczono) bez\b", 2),
            (r"spóźni", 1), (r"zostawił\w* (błoto|kurz|śmieci|bałagan|kartony)", 2),
            (r"nikt nie (zadzwonił|oddzwonił)", 1),
        ),
        "responsiveness": (
            (r"czeka", 1), (r"na linii", 1), (r"nie odpowi(ad|edzia)", 1),
            (r"dodzwoni", 1), (r"rozmowa się zerwała", 1), (r"woln\w* obsług", 1),
            (r"długo", 1), (r"po (czterech|trzech|dwóch|pięciu|kilku) dniach", 1),
            (r"nikogo nie ma", 1), (r"kolej(k|c)", 1),
        ),
        "assurance": (
            (r"niekompeten", 2), (r"mglist", 1), (r"nie (wiem|wiedzia)", 1),
            (r"nie umiał\w* (powiedzieć|wyjaśnić)", 1), (r"niemożliw", 2), (r"nie da się", 1),
            (r"błędn\w* informac", 2),
        ),
        "empathy": (
            (r"niegrzeczn", 2), (r"niemił", 2), (r"nieuprzejm", 2), (r"cham", 2),
            (r"ignorow", 1), (r"plotkowa", 1), (r"(za)?śmiał", 1), (r"(na)?krzycz", 1),
            (r"chodził za mną", 1), (r"jak za złodziejem", 1), (r"w telefonie", 1),
            (r"ledwo podniosła wzrok", 1), (r"nikogo to nie obchodzi", 1),
            (r"nie przeprosi", 1),
        ),
        "tangibles": (
            (r"brud", 2), (r"śmieci", 1), (r"nieposprzątan", 1), (r"przekręcon", 2),
            (r"zepsut", 1), (r"nie działa\w* .{0,20}(terminal|kasa|winda)", 2), (r"parking", 1),
        ),
    },
}


def fold(text: str) -> str:
    """Lower case without diacritics: "Pažadėjo" and "pazadejo" read the same (so do ё/е)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _compiled(language: str) -> tuple[tuple[str, tuple[tuple[re.Pattern, int], ...]], ...]:
    return tuple(
        (factor, tuple((re.compile(r"(?<!\w)" + fold(pattern)), weight)
                       for pattern, weight in LEXICONS[language][factor]))
        for factor in FACTOR_ORDER
    )


def _scores(folded: str, language: str) -> dict[str, int]:
    return {factor: sum(weight for pattern, weight in patterns if pattern.search(folded))
            for factor, patterns in _compiled(language)}


def complaint_cause_suggest(text: str, language: str) -> tuple[str | None, float]:
    """The most likely factor behind a complaint and a confidence on 0..1, or ``(None, 0.0)``
    when no cue is found. The customer's language is tried first, then every other one
    (people write in the language they like, whatever their profile says).

    The confidence is the winner's share of the evidence with one unit of doubt added:
    ``top ÷ (all + 1)``: one weak cue gives 0.5, a decisive cue alone 0.67, a tie 0.33 or less.
    """
    folded = fold(text or "")
    if not folded.strip():
        return None, 0.0
    languages = [language] if language in LEXICONS else []
    languages += [other for other in LEXICONS if other != language]
    for candidate in languages:
        scores = _scores(folded, candidate)
        total = sum(scores.values())
        if total:
            best = max(FACTOR_ORDER, key=lambda factor: (scores[factor],
                                                         -FACTOR_ORDER.index(factor)))
            return best, round(scores[best] / (total + 1), 2)
    return None, 0.0
