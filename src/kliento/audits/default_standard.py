"""The service standard Kliento ships with (data only: the 0002 migration reads it too).

It rewards what the seed articles ask of good service: leave a store customer a minute to look
around instead of a pushy "How can I help?", then listen to the end, ask, paraphrase and have
the customer confirm, reflect their mood; say what happens next and when (customers feel better
when things are predictable); offer more only once the need is clear; write the customer's
name exactly as they do; and check at the end that they got what they came for.
"""

DEFAULT_STANDARD_NAME = "Kliento service standard"

VISIT, CALL, EMAIL = "visit", "call", "email"
ALL_KINDS = (VISIT, CALL, EMAIL)

# (weight, kinds it is checked on, {language: wording}); the four behaviours the articles
# teach, and keeping to a stated time, weigh double.
DEFAULT_CRITERIA: tuple[tuple[int, tuple[str, ...], dict[str, str]], ...] = (
    (1, (VISIT,), {
        "en": "No pushy “How can I help?” in the first minute: the customer was left to look "
              "around and approached only when they looked for help",
        "lt": "Jokio įkyraus „Kuo galiu padėti?“ pirmąją minutę: klientui leista ramiai "
              "apsižvalgyti, prieita tik tada, kai jis pats ieškojo pagalbos",
        "lv": "Nekāda uzmācīga „Kā varu palīdzēt?” pirmajā minūtē: klientam ļāva mierīgi "
              "apskatīties un pienāca tikai tad, kad viņš pats meklēja palīdzību",
        "ru": "Никакого навязчивого «Чем могу помочь?» в первую минуту: клиенту дали спокойно "
              "осмотреться и подошли, только когда он сам стал искать помощи",
        "pl": "Bez nachalnego „W czym mogę pomóc?” w pierwszej minucie: klientowi pozwolono "
              "się rozejrzeć i podchodzono dopiero, gdy sam szukał pomocy",
    }),
    (2, (VISIT, CALL), {
        "en": "Listened to the end without interrupting, until the customer had said everything",
        "lt": "Išklausė iki galo ir nepertraukė, kol klientas pasakė viską",
        "lv": "Noklausījās līdz galam, nepārtraucot, līdz klients bija pateicis visu",
        "ru": "Клиента выслушали до конца, не перебивая, пока он не сказал всё",
        "pl": "Wysłuchano klienta do końca, bez przerywania, aż powiedział wszystko",
    }),
    (2, (EMAIL,), {
        "en": "Answered every question and every point in the customer's message",
        "lt": "Atsakė į kiekvieną kliento laiško klausimą ir pastabą",
        "lv": "Atbildēja uz katru klienta vēstules jautājumu un piezīmi",
        "ru": "Ответили на каждый вопрос и каждое замечание в письме клиента",
        "pl": "Odpowiedziano na każde pytanie i każdą uwagę z wiadomości klienta",
    }),
    (2, (VISIT, CALL), {
        "en": "Asked questions to understand the need before offering a solution",
        "lt": "Klausinėjo, kad suprastų poreikį, ir tik tada siūlė sprendimą",
        "lv": "Uzdeva jautājumus, lai saprastu vajadzību, pirms piedāvāja risinājumu",
        "ru": "Задали вопросы, чтобы понять потребность, прежде чем предлагать решение",
        "pl": "Zadano pytania, by zrozumieć potrzebę, zanim zaproponowano rozwiązanie",
    }),
    (2, ALL_KINDS, {
        "en": "Paraphrased the problem and what the customer expects, and let the customer "
              "confirm it",
        "lt": "Savais žodžiais pakartojo problemą ir ko klientas tikisi, ir leido klientui tai "
              "patvirtinti",
        "lv": "Pārfrāzēja problēmu un to, ko klients sagaida, un ļāva klientam to apstiprināt",
        "ru": "Своими словами повторили проблему и ожидания клиента и дали ему это подтвердить",
        "pl": "Sparafrazowano problem i oczekiwania klienta, a klient mógł je potwierdzić",
    }),
    (2, ALL_KINDS, {
        "en": "Reflected the customer's mood and acknowledged their feelings",
        "lt": "Atliepė kliento nuotaiką ir pripažino jo jausmus",
        "lv": "Atspoguļoja klienta noskaņojumu un atzina viņa jūtas",
        "ru": "Отразили настроение клиента и признали его чувства",
        "pl": "Odzwierciedlono nastrój klienta i uznano jego emocje",
    }),
    (1, (VISIT, CALL), {
        "en": "Offered extra products only once the need was clear, and without pressure",
        "lt": "Papildomų prekių pasiūlė tik tada, kai poreikis buvo aiškus, ir be spaudimo",
        "lv": "Papildu preces piedāvāja tikai tad, kad vajadzība bija skaidra, un bez spiediena",
        "ru": "Дополнительные товары предложили, только когда потребность стала ясна, и без "
              "давления",
        "pl": "Dodatkowe produkty zaproponowano dopiero, gdy potrzeba była jasna, i bez presji",
    }),
    (2, ALL_KINDS, {
        "en": "Said what happens next and by when, with a concrete time",
        "lt": "Pasakė, kas bus toliau ir iki kada, įvardijo konkretų laiką",
        "lv": "Pateica, kas notiks tālāk un līdz kuram laikam, nosaucot konkrētu laiku",
        "ru": "Сказали, что будет дальше и к какому сроку, назвав конкретное время",
        "pl": "Powiedziano, co będzie dalej i do kiedy, podając konkretny termin",
    }),
    (1, (CALL, EMAIL), {
        "en": "Used the customer's name, said and written exactly as the customer writes it",
        "lt": "Kreipėsi į klientą vardu, tarė ir rašė jį taip, kaip rašo pats klientas",
        "lv": "Uzrunāja klientu vārdā, izrunājot un rakstot to tieši tā, kā to raksta pats "
              "klients",
        "ru": "Обращались к клиенту по имени, произнося и записывая его так, как пишет сам "
              "клиент",
        "pl": "Zwracano się do klienta po imieniu, wymawiając i zapisując je tak, jak pisze je "
              "sam klient",
    }),
    (1, ALL_KINDS, {
        "en": "Closed by checking that the customer got what they came for",
        "lt": "Pabaigoje pasitikslino, ar klientas gavo tai, dėl ko kreipėsi",
        "lv": "Noslēgumā pārliecinājās, ka klients saņēma to, kā dēļ vērsās",
        "ru": "В конце уточнили, получил ли клиент то, за чем обращался",
        "pl": "Na koniec upewniono się, że klient otrzymał to, po co się zgłosił",
    }),
)
