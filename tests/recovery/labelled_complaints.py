"""The demo phrasebook's complaints, labelled by the factor a person would choose.

Indexes into ``INTERACTION_TEXTS[language]["complaint"]`` and ``COMMENTS[language][band]``; the
phrasebook's languages are translations of one another, so one label serves all five. Comments
whose cause a person could not name either ("absolute joke this shop") are left out.
"""

from kliento.demo.phrasebook import COMMENTS, INTERACTION_TEXTS

LANGUAGES = ("en", "lt", "lv", "ru", "pl")

COMPLAINT_TEXT_LABELS = {
    0: "reliability",     # a callback promised and not made
    1: "reliability",     # delivery late
    2: "reliability",     # wrong colour
    3: "reliability",     # a repair done, a mess left behind
    4: "reliability",     # a refund promised by Monday
    5: "empathy",         # a rude security guard
    6: "tangibles",       # a filthy shop
    7: "tangibles",       # the name misspelt in a letter
    8: "responsiveness",  # 40 minutes on the phone
    9: "empathy",         # ignored by the assistant
}
DISAPPOINTED_LABELS = {
    1: "responsiveness", 2: "assurance", 3: "empathy", 4: "tangibles", 5: "tangibles",
    6: "responsiveness", 7: "empathy", 8: "responsiveness", 9: "responsiveness",
    10: "assurance", 11: "empathy",
}
ANGRY_LABELS = {
    2: "responsiveness", 4: "empathy", 5: "responsiveness", 6: "empathy", 9: "assurance",
    11: "responsiveness",
}


def labelled_samples() -> list[tuple[str, str, str, str]]:
    """(source, language, text, factor) for every labelled complaint in every language."""
    samples = []
    for language in LANGUAGES:
        texts = INTERACTION_TEXTS[language]["complaint"]
        samples += [("complaint", language, texts[i], f)
                    for i, f in COMPLAINT_TEXT_LABELS.items()]
        samples += [("broken_promise", language, text, "reliability")
                    for text in COMMENTS[language]["broken_promise"]]
        for band, labels in (("disappointed", DISAPPOINTED_LABELS), ("angry", ANGRY_LABELS)):
            samples += [(band, language, COMMENTS[language][band][i], f)
                        for i, f in labels.items()]
    return samples


# Written after the lexicons, in other words than the phrasebook's, to measure the suggester
# on text it was not tuned on: two complaints per factor per language.
HELD_OUT = {
    "en": (
        ("The courier never turned up even though you promised delivery before noon.",
         "reliability"),
        ("Got the wrong size jacket, I asked for an M.", "reliability"),
        ("Nobody replied to my email for a whole week.", "responsiveness"),
        ("I've been in the queue for half an hour.", "responsiveness"),
        ("The consultant had no idea how the warranty works.", "assurance"),
        ("Your staff gave me wrong information about the return policy.", "assurance"),
        ("The lady at the till was so rude to me.", "empathy"),
        ("Nobody even said sorry, they just didn't care.", "empathy"),
        ("The toilets in the store were dirty and smelled.", "tangibles"),
        ("The card terminal was broken so I couldn't pay.", "tangibles"),
    ),
    "lt": (
        ("Kurjeris neatvyko, nors žadėjote pristatyti iki pietų.", "reliability"),
        ("Atsiuntė ne to dydžio striukę, užsakiau M.", "reliability"),
        ("Į mano laišką niekas neatsakė visą savaitę.", "responsiveness"),
        ("Pusvalandį laukiau eilėje prie kasos.", "responsiveness"),
        ("Konsultantas nieko nežinojo apie garantiją.", "assurance"),
        ("Darbuotoja suteikė klaidingą informaciją apie grąžinimą.", "assurance"),
        ("Kasininkė buvo labai nemandagi.", "empathy"),
        ("Niekas net neatsiprašė.", "empathy"),
        ("Parduotuvės tualetai nešvarūs ir smirdi.", "tangibles"),
        ("Neveikė kortelių terminalas, negalėjau susimokėti.", "tangibles"),
    ),
    "lv": (
        ("Kurjers tā arī neieradās, lai gan solījāt piegādi līdz pusdienlaikam.",
         "reliability"),
        ("Atsūtīja nepareizā izmēra jaku, es pasūtīju M.", "reliability"),
        ("Uz manu e-pastu neviens neatbildēja veselu nedēļu.", "responsiveness"),
        ("Pusstundu stāvēju rindā pie kases.", "responsiveness"),
        ("Konsultants neko nezināja par garantiju.", "assurance"),
        ("Darbiniece sniedza nepareizu informāciju par preču atgriešanu.", "assurance"),
        ("Kasiere bija ļoti nepieklājīga.", "empathy"),
        ("Neviens pat neatvainojās.", "empathy"),
        ("Veikala tualetes bija netīras un smirdēja.", "tangibles"),
        ("Nestrādāja karšu terminālis, nevarēju samaksāt.", "tangibles"),
    ),
    "ru": (
        ("Курьер так и не приехал, хотя вы обещали доставку до обеда.", "reliability"),
        ("Прислали куртку не того размера, я заказывала M.", "reliability"),
        ("На моё письмо никто не отвечал целую неделю.", "responsiveness"),
        ("Полчаса стоял в очереди на кассе.", "responsiveness"),
        ("Консультант ничего не знал о гарантии.", "assurance"),
        ("Сотрудник дал неверную информацию о возврате.", "assurance"),
        ("Кассир была очень груба со мной.", "empathy"),
        ("Никто даже не извинился.", "empathy"),
        ("В туалете магазина грязно и воняет.", "tangibles"),
        ("Не работал терминал, не смог оплатить картой.", "tangibles"),
    ),
    "pl": (
        ("Kurier w ogóle nie przyjechał, choć obiecaliście dostawę do południa.",
         "reliability"),
        ("Przysłali kurtkę w złym rozmiarze, zamawiałam M.", "reliability"),
        ("Nikt nie odpowiedział na mojego maila przez cały tydzień.", "responsiveness"),
        ("Pół godziny stałam w kolejce do kasy.", "responsiveness"),
        ("Konsultant nic nie wiedział o gwarancji.", "assurance"),
        ("Pracownik udzielił błędnej informacji o zwrocie.", "assurance"),
        ("Kasjerka była bardzo niegrzeczna.", "empathy"),
        ("Nikt nawet nie przeprosił.", "empathy"),
        ("W toalecie w sklepie było brudno i śmierdziało.", "tangibles"),
        ("Nie działał terminal, nie mogłem zapłacić kartą.", "tangibles"),
    ),
}
