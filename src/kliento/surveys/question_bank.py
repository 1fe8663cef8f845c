"""The ready-made questions a survey is built from, written in every product language.

A manager picks building blocks (NPS, CSAT, CES, the KV pair, the five-factor grade, a
comment); each block adds its questions with these texts, which the manager may then edit.
"""

from kliento.surveys.models import SCALES, Question

LANGUAGES = ("en", "lt", "lv", "ru", "pl")
Kind = Question.Kind

QUESTION_TEXTS: dict[str, dict[str, str]] = {
    Kind.NPS: {
        "en": "How likely are you to recommend us to a friend or colleague?",
        "lt": "Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?",
        "lv": "Cik ticams, ka jūs mūs ieteiktu draugam vai kolēģim?",
        "ru": "Насколько вероятно, что вы порекомендуете нас другу или коллеге?",
        "pl": "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?",
    },
    Kind.CSAT: {
        "en": "How satisfied are you with the service you received?",
        "lt": "Kiek esate patenkinti gautu aptarnavimu?",
        "lv": "Cik apmierināti esat ar saņemto apkalpošanu?",
        "ru": "Насколько вы довольны полученным обслуживанием?",
        "pl": "Jak oceniasz swoje zadowolenie z otrzymanej obsługi?",
    },
    Kind.CES: {
        "en": "How much effort did it take to get what you needed?",
        "lt": "Kiek pastangų prireikė, kad gautumėte tai, ko jums reikėjo?",
        "lv": "Cik daudz pūļu bija jāpieliek, lai saņemtu nepieciešamo?",
        "ru": "Сколько усилий потребовалось, чтобы получить то, что вам было нужно?",
        "pl": "Ile wysiłku kosztowało Cię załatwienie sprawy?",
    },
    Kind.EXPECTATION: {
        "en": "What did you expect before you came to us?",
        "lt": "Ko tikėjotės prieš kreipdamiesi į mus?",
        "lv": "Ko jūs gaidījāt, pirms vērsāties pie mums?",
        "ru": "Чего вы ожидали, прежде чем обратиться к нам?",
        "pl": "Jakie były Twoje oczekiwania przed kontaktem z nami?",
    },
    Kind.EXPERIENCE: {
        "en": "And what did you actually get?",
        "lt": "O ką iš tikrųjų gavote?",
        "lv": "Un ko jūs patiesībā saņēmāt?",
        "ru": "А что вы получили на самом деле?",
        "pl": "A jak było w rzeczywistości?",
    },
    Kind.TANGIBLES: {
        "en": "How did our premises, equipment and materials look?",
        "lt": "Kaip atrodė mūsų patalpos, įranga ir medžiagos?",
        "lv": "Kā izskatījās mūsu telpas, aprīkojums un materiāli?",
        "ru": "Как выглядели наши помещения, оборудование и материалы?",
        "pl": "Jak wyglądały nasze pomieszczenia, sprzęt i materiały?",
    },
    Kind.RELIABILITY: {
        "en": "Did we do what we promised — on time and as agreed?",
        "lt": "Ar padarėme tai, ką pažadėjome, — laiku ir kaip sutarta?",
        "lv": "Vai mēs izdarījām solīto — laikā un kā norunāts?",
        "ru": "Сделали ли мы обещанное — вовремя и как договаривались?",
        "pl": "Czy zrobiliśmy to, co obiecaliśmy — na czas i zgodnie z ustaleniami?",
    },
    Kind.RESPONSIVENESS: {
        "en": "How quickly and willingly did we help you?",
        "lt": "Kaip greitai ir noriai jums padėjome?",
        "lv": "Cik ātri un labprāt mēs jums palīdzējām?",
        "ru": "Насколько быстро и охотно мы вам помогли?",
        "pl": "Jak szybko i chętnie Ci pomogliśmy?",
    },
    Kind.ASSURANCE: {
        "en": "How competent and trustworthy were our staff?",
        "lt": "Kiek kompetentingi ir patikimi buvo mūsų darbuotojai?",
        "lv": "Cik kompetenti un uzticami bija mūsu darbinieki?",
        "ru": "Насколько компетентны и надёжны были наши сотрудники?",
        "pl": "Jak kompetentni i godni zaufania byli nasi pracownicy?",
    },
    Kind.EMPATHY: {
        "en": "How well did we understand your situation and care for you?",
        "lt": "Kaip gerai supratome jūsų situaciją ir jumis pasirūpinome?",
        "lv": "Cik labi mēs sapratām jūsu situāciju un par jums parūpējāmies?",
        "ru": "Насколько хорошо мы поняли вашу ситуацию и позаботились о вас?",
        "pl": "Jak dobrze zrozumieliśmy Twoją sytuację i zadbaliśmy o Ciebie?",
    },
    Kind.COMMENT: {
        "en": "Is there anything else you would like to tell us?",
        "lt": "Ką dar norėtumėte mums pasakyti?",
        "lv": "Vai vēlaties mums vēl ko pastāstīt?",
        "ru": "Хотите ли вы сказать нам что-нибудь ещё?",
        "pl": "Czy chcesz nam jeszcze coś powiedzieć?",
    },
}

CLOSING_TEXT = {
    "en": "Every answer is read. If something went wrong, a person will contact you "
          "within one working day.",
    "lt": "Perskaitome kiekvieną atsakymą. Jei kas nors nepavyko, žmogus su jumis susisieks "
          "per vieną darbo dieną.",
    "lv": "Mēs izlasām katru atbildi. Ja kaut kas nav izdevies, kāds no mums ar jums "
          "sazināsies vienas darba dienas laikā.",
    "ru": "Мы читаем каждый ответ. Если что-то пошло не так, наш сотрудник свяжется с вами "
          "в течение одного рабочего дня.",
    "pl": "Czytamy każdą odpowiedź. Jeśli coś poszło nie tak, ktoś z nas skontaktuje się "
          "z Tobą w ciągu jednego dnia roboczego.",
}

# Building block → the built-in kinds it adds, in order.
BLOCKS: dict[str, tuple[str, ...]] = {
    "nps": (Kind.NPS,),
    "csat": (Kind.CSAT,),
    "ces": (Kind.CES,),
    "kv": (Kind.EXPECTATION, Kind.EXPERIENCE),
    "grade": (Kind.TANGIBLES, Kind.RELIABILITY, Kind.RESPONSIVENESS, Kind.ASSURANCE,
              Kind.EMPATHY),
    "comment": (Kind.COMMENT,),
}

# Built-in kind → (lowest, highest) of the response column it fills.
BUILTIN_SCALES: dict[str, tuple[int, int]] = {field: (low, high) for field, _n, low, high in SCALES}


def text_in(texts: dict[str, str], language: str, fallback: str) -> str:
    """The text in ``language``, else in the survey's default language, else any: a customer
    never sees a blank question."""
    return texts.get(language) or texts.get(fallback) or next(iter(texts.values()), "")


def missing_languages(texts: dict[str, str]) -> list[str]:
    return [code for code in LANGUAGES if not (texts.get(code) or "").strip()]
