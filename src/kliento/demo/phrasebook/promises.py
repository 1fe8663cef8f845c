"""Promise descriptions in the agent's words: language -> kind -> 5 descriptions.

Kinds: "callback", "reply", "delivery" (naming model, colour, size, accessories),
"repair", "visit", "refund".
"""

PROMISE_DESCRIPTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "callback": (
            "I'll call you back today before 5 pm with an answer.",
            "I'll check with the warehouse and ring you back within the hour.",
            "A colleague from returns will call you tomorrow morning.",
            "I'll phone you on Monday once the technician has looked at it.",
            "I'll call you back as soon as I hear from the supplier, by Thursday at the latest.",
        ),
        "reply": (
            "You'll get a written reply by email within two working days.",
            "I'll email you the warranty conditions today.",
            "We'll reply to your complaint in writing within 14 days.",
            "I'll text you the order number and delivery window this afternoon.",
            "I'll pass your question to the manager and you'll have an answer by Friday.",
        ),
        "delivery": (
            "The grey three-seater sofa will be delivered on Tuesday between 8 and 12.",
            "Your 55-inch QE55 TV arrives on Thursday together with the wall bracket.",
            (
                "The white washing machine comes on Saturday morning; the driver rings 30 minutes "
                "before."
            ),
            "We'll send the black running shoes in size 44, to arrive by Wednesday.",
            (
                "The laptop, with its charger and carry case, will be at the Akropolis store by "
                "Friday."
            ),
        ),
        "repair": (
            "Your phone will be repaired under warranty and ready within 10 working days.",
            "The technician will replace the dishwasher pump and clean up afterwards.",
            "The part is on order; the washing machine will be fixed by next Wednesday.",
            "We'll replace the laptop screen free of charge and call you when it's ready.",
            "The fridge door will be rehung on the same visit as the delivery.",
        ),
        "visit": (
            "The technician will come on Thursday between 9 and 12 to fit the hob.",
            "Our installer will be with you on Monday morning and will take the packaging away.",
            "A technician will come tomorrow afternoon to look at the damage.",
            "We'll come on Saturday to connect the oven and take the old one away.",
            "Someone from the store will come on Wednesday to measure up for the wardrobe.",
        ),
        "refund": (
            "The refund of 349 euros will be in your account within 5 working days.",
            "We'll refund the delivery charge by the end of the week.",
            "Your money will go back to the same card by the 10th.",
            "We'll refund the price difference within three working days.",
            "The refund for the missing accessories will be paid by Friday.",
        ),
    },
    "lt": {
        "callback": (
            "Paskambinsiu jums šiandien iki 17 val. ir pasakysiu atsakymą.",
            "Pasitikslinsiu sandėlyje ir perskambinsiu per valandą.",
            "Rytoj ryte jums paskambins kolegė iš grąžinimų skyriaus.",
            "Paskambinsiu pirmadienį, kai meistras apžiūrės prietaisą.",
            "Perskambinsiu, kai tik gausiu atsakymą iš tiekėjo, vėliausiai ketvirtadienį.",
        ),
        "reply": (
            "Raštišką atsakymą el. paštu gausite per dvi darbo dienas.",
            "Šiandien atsiųsiu jums garantijos sąlygas el. paštu.",
            "Į jūsų skundą raštu atsakysime per 14 dienų.",
            "Šiandien po pietų atsiųsiu SMS su užsakymo numeriu ir pristatymo laiku.",
            "Perduosiu jūsų klausimą vadovui, atsakymą gausite iki penktadienio.",
        ),
        "delivery": (
            "Pilka trivietė sofa bus pristatyta antradienį nuo 8 iki 12 val.",
            "Jūsų 55 colių televizorius QE55 atvyks ketvirtadienį kartu su sieniniu laikikliu.",
            (
                "Balta skalbimo mašina bus pristatyta šeštadienį ryte, kurjeris paskambins prieš "
                "30 min."
            ),
            "Išsiųsime juodus 44 dydžio bėgimo batelius, gausite iki trečiadienio.",
            (
                "Nešiojamasis kompiuteris su krovikliu ir krepšiu Akropolio parduotuvėje bus iki "
                "penktadienio."
            ),
        ),
        "repair": (
            "Telefoną sutaisysime pagal garantiją, atsiimti galėsite per 10 darbo dienų.",
            "Meistras pakeis indaplovės siurblį ir po darbų viską sutvarkys.",
            "Detalė užsakyta, skalbimo mašina bus sutaisyta iki kito trečiadienio.",
            "Kompiuterio ekraną pakeisime nemokamai ir paskambinsime, kai bus paruoštas.",
            "Šaldytuvo dureles perkabinsime to paties pristatymo metu.",
        ),
        "visit": (
            "Meistras atvyks ketvirtadienį 9–12 val. sumontuoti kaitlentės.",
            "Montuotojas atvyks pirmadienį ryte ir išveš pakuotes.",
            "Rytoj po pietų atvyks meistras įvertinti gedimo.",
            "Šeštadienį atvyksime prijungti orkaitės ir išvešime senąją.",
            "Trečiadienį parduotuvės darbuotojas atvyks išmatuoti vietos spintai.",
        ),
        "refund": (
            "349 eurai bus grąžinti į jūsų sąskaitą per 5 darbo dienas.",
            "Pristatymo mokestį grąžinsime iki savaitės pabaigos.",
            "Pinigai bus grąžinti į tą pačią kortelę iki 10 d.",
            "Kainų skirtumą grąžinsime per tris darbo dienas.",
            "Už trūkstamus priedus pinigus grąžinsime iki penktadienio.",
        ),
    },
    "lv": {
        "callback": (
            "Atzvanīšu jums šodien līdz 17.00 ar atbildi.",
            "Pārbaudīšu noliktavā un atzvanīšu stundas laikā.",
            "Rīt no rīta jums piezvanīs kolēģe no preču atgriešanas nodaļas.",
            "Piezvanīšu pirmdien, kad meistars būs apskatījis ierīci.",
            "Atzvanīšu, tiklīdz saņemšu atbildi no piegādātāja, vēlākais ceturtdien.",
        ),
        "reply": (
            "Rakstisku atbildi pa e-pastu saņemsiet divu darba dienu laikā.",
            "Šodien nosūtīšu jums garantijas noteikumus pa e-pastu.",
            "Uz jūsu sūdzību rakstiski atbildēsim 14 dienu laikā.",
            "Šopēcpusdien nosūtīšu īsziņu ar pasūtījuma numuru un piegādes laiku.",
            "Nodošu jūsu jautājumu vadītājam, atbildi saņemsiet līdz piektdienai.",
        ),
        "delivery": (
            "Pelēkais trīsvietīgais dīvāns tiks piegādāts otrdien no 8 līdz 12.",
            "Jūsu 55 collu televizors QE55 pienāks ceturtdien kopā ar sienas kronšteinu.",
            (
                "Baltā veļas mašīna tiks piegādāta sestdienas rītā, kurjers piezvanīs 30 minūtes "
                "iepriekš."
            ),
            "Nosūtīsim melnus skriešanas apavus 44. izmērā, saņemsiet līdz trešdienai.",
            "Klēpjdators ar lādētāju un somu būs Galerijas Centrs veikalā līdz piektdienai.",
        ),
        "repair": (
            "Telefonu salabosim garantijā, izņemt varēsiet 10 darba dienu laikā.",
            "Meistars nomainīs trauku mazgājamās mašīnas sūkni un pēc darba visu sakops.",
            "Detaļa ir pasūtīta, veļas mašīna būs salabota līdz nākamajai trešdienai.",
            "Klēpjdatora ekrānu nomainīsim bez maksas un piezvanīsim, kad tas būs gatavs.",
            "Ledusskapja durvis pārkārsim tās pašas piegādes laikā.",
        ),
        "visit": (
            "Meistars ieradīsies ceturtdien no 9 līdz 12 uzstādīt plīts virsmu.",
            "Montieris ieradīsies pirmdienas rītā un aizvedīs iepakojumu.",
            "Rīt pēcpusdienā ieradīsies meistars novērtēt bojājumu.",
            "Sestdien atbrauksim pieslēgt cepeškrāsni un aizvedīsim veco.",
            "Trešdien veikala darbinieks atbrauks nomērīt vietu skapim.",
        ),
        "refund": (
            "349 eiro tiks atmaksāti jūsu kontā 5 darba dienu laikā.",
            "Piegādes maksu atmaksāsim līdz nedēļas beigām.",
            "Nauda tiks atgriezta uz to pašu karti līdz 10. datumam.",
            "Cenu starpību atmaksāsim trīs darba dienu laikā.",
            "Par trūkstošajiem piederumiem naudu atmaksāsim līdz piektdienai.",
        ),
    },
    "ru": {
        "callback": (
            "Я перезвоню вам сегодня до 17:00 с ответом.",
            "Уточню на складе и перезвоню в течение часа.",
            "Завтра утром вам позвонит коллега из отдела возвратов.",
            "Позвоню в понедельник, когда мастер посмотрит технику.",
            "Перезвоню, как только получу ответ от поставщика, не позже четверга.",
        ),
        "reply": (
            "Письменный ответ по электронной почте вы получите в течение двух рабочих дней.",
            "Сегодня отправлю вам условия гарантии на почту.",
            "На вашу жалобу ответим письменно в течение 14 дней.",
            "Сегодня после обеда пришлю СМС с номером заказа и временем доставки.",
            "Передам ваш вопрос руководителю, ответ будет до пятницы.",
        ),
        "delivery": (
            "Серый трёхместный диван доставим во вторник с 8 до 12.",
            (
                "Ваш телевизор QE55 на 55 дюймов привезут в четверг вместе с настенным "
                "кронштейном."
            ),
            "Белую стиральную машину доставят в субботу утром, курьер позвонит за 30 минут.",
            "Отправим чёрные беговые кроссовки 44-го размера, получите до среды.",
            (
                "Ноутбук с зарядным устройством и сумкой будет в магазине в «Акрополисе» "
                "к пятнице."
            ),
        ),
        "repair": (
            "Телефон отремонтируем по гарантии, забрать сможете в течение 10 рабочих дней.",
            "Мастер заменит насос посудомоечной машины и уберёт за собой.",
            "Деталь заказана, стиральную машину починим до следующей среды.",
            "Экран ноутбука заменим бесплатно и позвоним, когда всё будет готово.",
            "Дверь холодильника перевесим во время той же доставки.",
        ),
        "visit": (
            "Мастер приедет в четверг с 9 до 12 установить варочную панель.",
            "Монтажник приедет в понедельник утром и заберёт упаковку.",
            "Завтра после обеда приедет мастер оценить поломку.",
            "В субботу приедем подключить духовку и вывезем старую.",
            "В среду сотрудник магазина приедет замерить место под шкаф.",
        ),
        "refund": (
            "349 евро вернутся на ваш счёт в течение 5 рабочих дней.",
            "Стоимость доставки вернём до конца недели.",
            "Деньги вернутся на ту же карту до 10-го числа.",
            "Разницу в цене вернём в течение трёх рабочих дней.",
            "Деньги за недостающие аксессуары вернём до пятницы.",
        ),
    },
    "pl": {
        "callback": (
            "Oddzwonię do Pana dzisiaj przed 17:00 z odpowiedzią.",
            "Sprawdzę w magazynie i oddzwonię w ciągu godziny.",
            "Jutro rano zadzwoni do Pani koleżanka z działu zwrotów.",
            "Zadzwonię w poniedziałek, jak technik obejrzy urządzenie.",
            "Oddzwonię, jak tylko dostanę odpowiedź od dostawcy, najpóźniej w czwartek.",
        ),
        "reply": (
            "Odpowiedź na piśmie dostanie Pan mailem w ciągu dwóch dni roboczych.",
            "Jeszcze dziś wyślę Pani mailem warunki gwarancji.",
            "Na reklamację odpowiemy na piśmie w ciągu 14 dni.",
            "Dziś po południu wyślę SMS z numerem zamówienia i godzinami dostawy.",
            "Przekażę pytanie kierownikowi, odpowiedź będzie do piątku.",
        ),
        "delivery": (
            "Szara trzyosobowa sofa zostanie dostarczona we wtorek między 8 a 12.",
            "Telewizor QE55, 55 cali, przyjedzie w czwartek razem z uchwytem ściennym.",
            (
                "Biała pralka zostanie dostarczona w sobotę rano, kurier zadzwoni 30 minut "
                "wcześniej."
            ),
            "Wyślemy czarne buty do biegania w rozmiarze 44, dotrą do środy.",
            "Laptop z ładowarką i torbą będzie do odbioru w sklepie w Akropolis do piątku.",
        ),
        "repair": (
            "Telefon naprawimy w ramach gwarancji, do odbioru w ciągu 10 dni roboczych.",
            "Technik wymieni pompę w zmywarce i posprząta po sobie.",
            "Część jest zamówiona, pralka będzie naprawiona do przyszłej środy.",
            "Ekran laptopa wymienimy bezpłatnie i zadzwonimy, kiedy będzie gotowy.",
            "Drzwi lodówki przełożymy przy tej samej dostawie.",
        ),
        "visit": (
            "Technik przyjedzie w czwartek między 9 a 12 zamontować płytę grzewczą.",
            "Monter przyjedzie w poniedziałek rano i zabierze opakowania.",
            "Jutro po południu przyjedzie technik ocenić usterkę.",
            "W sobotę przyjedziemy podłączyć piekarnik i zabierzemy stary.",
            "W środę pracownik sklepu przyjedzie zmierzyć miejsce na szafę.",
        ),
        "refund": (
            "349 euro wróci na Pana konto w ciągu 5 dni roboczych.",
            "Zwrócimy opłatę za dostawę do końca tygodnia.",
            "Pieniądze wrócą na tę samą kartę do 10. dnia miesiąca.",
            "Różnicę w cenie zwrócimy w ciągu trzech dni roboczych.",
            "Pieniądze za brakujące akcesoria zwrócimy do piątku.",
        ),
    },
}
