"""Free-text survey comments: language -> score band -> 12 comments.

Bands: "delighted" (9-10), "satisfied" (7-8), "disappointed" (4-6), "angry" (0-3) and
"broken_promise" (any score; the comment is about a promise that was not kept).
"""

COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "delighted": (
            (
                "Brilliant service from start to finish. The courier rang half an hour before, "
                "exactly as promised."
            ),
            "The agent called me back at the exact time she said. Didn't expect that, honestly.",
            (
                "The technician fitted the washing machine, took the old one away and even "
                "hoovered up after himself."
            ),
            "Staff at Akropolis were friendly and knew their products. Will definitely be back.",
            "Perfect, thank you!",
            "they fixed my order in 5 min and sent a new one same day cant complain",
            "Delivered a day early, right colour, right size, everything in the box. Thank you!",
            "Lovely shop, spotless, and the lad at the till went out of his way to help.",
            (
                "You noticed my name was spelt wrong on the invoice and fixed it before I asked. "
                "Class."
            ),
            "Refund was in my account two days before the date you gave me.",
            "Easy to reach, quick answer, no fuss.",
            (
                "Asked a simple question about the warranty and got a clear answer, then an email "
                "with all the details."
            ),
        ),
        "satisfied": (
            "Good service overall, the delivery came on the agreed day.",
            "Fine. A bit of a queue at the till but the staff were polite.",
            "Got what I ordered, no complaints.",
            "The consultant was helpful, though I had to wait a while for someone to be free.",
            "all ok thanks",
            "Repair done properly. Would be nice to get a text when the technician is on the way.",
            "Decent prices and a clean shop. Parking was a pain though.",
            "They called back the next day instead of the same day, but sorted it in the end.",
            "The chat on the website answered my question about card payment quickly.",
            "Pretty good. The delivery window was long but the driver was friendly.",
            "Happy with the fridge. Installation took longer than I expected.",
            "Nothing special, but everything worked as it should.",
        ),
        "disappointed": (
            "Had to explain my problem three times to three different people.",
            "Waited 25 minutes on the phone just to ask about opening hours.",
            "The answer I got was vague, still not sure if the warranty covers it.",
            "The security guard followed me round the shop like I was a thief. Not pleasant.",
            "The shop floor was dirty and there was rubbish in the fitting room.",
            "My name was misspelt in the letter again, even after I corrected it last time.",
            "slow service nobody at the desk",
            "The assistant was on her phone and barely looked up when I asked for help.",
            "The email reply took four days and didn't actually answer my question.",
            "Okay product, but the whole process took far too long.",
            "Nobody could tell me where my parcel was, just that it's 'in the system'.",
            "The cashier was rude when my card didn't work the first time.",
        ),
        "angry": (
            "Worst customer service I've ever had. Never again.",
            "Rude staff, dirty shop, and nobody cares. Shocking.",
            "I've been trying to get through for a week. Cancelling my order and going elsewhere.",
            "absolute joke this shop",
            "The manager laughed when I complained. Laughed.",
            "You took my money and stopped answering emails. I'm going to consumer protection.",
            "The guard shouted at my son in front of everyone for touching a display phone.",
            "Three visits, still broken, and every time a different excuse.",
            "Nobody apologised, nobody explained, nobody called. Zero.",
            "Told me a return was impossible though I was well within 14 days. Disgraceful.",
            "dont bother with this shop",
            "An hour on hold only to be told to ring another number that doesn't work.",
        ),
        "broken_promise": (
            "I was promised a call back the same day. Still waiting a week later.",
            "Delivery was meant to be Tuesday, turned up Friday without any warning.",
            "Ordered the grey sofa, got a beige one.",
            "The shoes came in a 42 instead of a 44, even though the order said 44.",
            "Wrong model delivered: I ordered the 55-inch TV and got the 50-inch.",
            "The laptop arrived without the charger that was supposed to be in the box.",
            (
                "The technician fixed the dishwasher but left mud and packaging all over my "
                "kitchen floor."
            ),
            "The refund was promised by the 10th. It's the 20th and nothing.",
            "you said someone would ring me before 5 nobody did",
            "Told me the part would be in on Monday. Monday came and went, then another one.",
            "The installer was supposed to come in the morning and showed up at 6 pm.",
            "Promised to email the warranty documents. They never arrived.",
        ),
    },
    "lt": {
        "delighted": (
            (
                "Puikus aptarnavimas! Kurjeris paskambino pusvalandį prieš atvykdamas, kaip ir "
                "buvo žadėta."
            ),
            "Konsultantė perskambino lygiai tuo metu, kurį sakė. Nesitikėjau, malonu.",
            (
                "Meistras ne tik prijungė skalbimo mašiną, bet ir išsinešė senąją, net susišlavė "
                "po savęs."
            ),
            "Akropolio parduotuvės darbuotojai labai malonūs ir išmanantys. Būtinai sugrįšiu.",
            "Tobula, labai ačiū!",
            "užsakymą sutvarkė per 5 min ir dar tą pačią dieną išsiuntė naują ačiū",
            "Pristatė diena anksčiau, spalva ir dydis tie, visi priedai dėžėje. Ačiū!",
            "Švari, jauki parduotuvė, o kasininkė tikrai stengėsi padėti.",
            (
                "Patys pastebėjote, kad sąskaitoje klaidingai parašyta mano pavardė, ir ištaisėte. "
                "Šaunu."
            ),
            "Pinigai grįžo į sąskaitą dviem dienomis anksčiau, nei žadėjote.",
            "Lengva susisiekti, greitas atsakymas, jokio vargo.",
            (
                "Paklausiau apie garantiją ir gavau aiškų atsakymą, o paskui dar laišką su visa "
                "informacija."
            ),
        ),
        "satisfied": (
            "Apskritai gerai, prekę pristatė sutartą dieną.",
            "Viskas tvarkoje, tik prie kasos teko kiek palaukti.",
            "Gavau tai, ką užsisakiau, priekaištų neturiu.",
            "Konsultantas padėjo, bet teko ilgokai laukti, kol atsilaisvins.",
            "viskas ok ačiū",
            "Remontas atliktas kokybiškai. Būtų gerai gauti žinutę, kai meistras išvažiuoja.",
            "Neblogos kainos ir švari parduotuvė, tik su parkavimu bėda.",
            "Perskambino ne tą pačią dieną, o kitą, bet klausimą išsprendė.",
            "Svetainės pokalbyje greitai atsakė, ar galima mokėti kortele.",
            "Gana gerai. Pristatymo laikas platus, bet vairuotojas mandagus.",
            "Šaldytuvu patenkinta, tik montavimas užtruko ilgiau, nei tikėjausi.",
            "Nieko ypatingo, bet viskas veikia, kaip turi.",
        ),
        "disappointed": (
            "Tą pačią problemą teko aiškinti trims skirtingiems žmonėms.",
            "Telefonu laukiau 25 minutes vien tam, kad sužinočiau darbo laiką.",
            "Atsakymas labai miglotas, vis dar nežinau, ar garantija tai apima.",
            "Apsaugos darbuotojas sekiojo mane po visą parduotuvę lyg vagį. Nemalonu.",
            "Salėje nešvaru, matavimosi kabinoje mėtėsi šiukšlės.",
            "Laiške vėl klaidingai parašyta mano pavardė, nors praeitą kartą prašiau pataisyti.",
            "lėtai aptarnauja prie stalo nieko nėra",
            "Darbuotoja žiūrėjo į telefoną ir vos pakėlė akis, kai paprašiau pagalbos.",
            "Į el. laišką atsakė po keturių dienų, o į klausimą taip ir neatsakė.",
            "Prekė neblogai, bet visas procesas užtruko per ilgai.",
            "Niekas negalėjo pasakyti, kur mano siunta, tik kartojo, kad „sistemoje“.",
            "Kasininkė buvo nemandagi, kai kortelė iš pirmo karto nesuveikė.",
        ),
        "angry": (
            "Blogiausias aptarnavimas, kokį esu patyręs. Daugiau niekada.",
            "Nemandagūs darbuotojai, purvina parduotuvė, ir niekam nerūpi.",
            "Visą savaitę bandau prisiskambinti. Atšaukiu užsakymą ir perku kitur.",
            "tiesiog juokas o ne parduotuvė",
            "Vadovas nusijuokė, kai pasiskundžiau. Tiesiog nusijuokė.",
            (
                "Pinigus paėmėte, o į laiškus nebeatsakote. Kreipsiuosi į Vartotojų teisių "
                "apsaugos tarnybą."
            ),
            "Apsauginis prie visų aprėkė mano sūnų, kad palietė demonstracinį telefoną.",
            "Trys apsilankymai, vis dar neveikia, ir kiekvieną kartą kitas pasiteisinimas.",
            "Niekas neatsiprašė, niekas nepaaiškino, niekas nepaskambino. Nulis.",
            "Pasakė, kad grąžinti negalima, nors nuo pirkimo nepraėjo nė 14 dienų. Gėda.",
            "nepatariu šitos parduotuvės",
            "Valandą laukiau ragelyje, kad man lieptų skambinti kitu numeriu, kuris neveikia.",
        ),
        "broken_promise": (
            "Žadėjo perskambinti tą pačią dieną. Praėjo savaitė, vis dar laukiu.",
            "Pristatymas turėjo būti antradienį, atvežė penktadienį be jokio įspėjimo.",
            "Užsakiau pilką sofą, atvežė smėlio spalvos.",
            "Batai atėjo 42 dydžio, nors užsakyme aiškiai parašyta 44.",
            "Atvežė ne tą modelį – užsakiau 55 colių televizorių, gavau 50 colių.",
            "Nešiojamasis kompiuteris atkeliavo be kroviklio, kuris turėjo būti komplekte.",
            "Meistras indaplovę sutaisė, bet paliko purvą ir pakuotes ant virtuvės grindų.",
            "Pinigus grąžinti žadėjo iki 10 d. Šiandien jau 20-a, ir nieko.",
            "sakėt kad paskambins iki 17 val niekas nepaskambino",
            "Sakė, kad detalė bus pirmadienį. Praėjo pirmadienis, paskui dar vienas.",
            "Montuotojas turėjo atvykti ryte, o atvyko 18 val.",
            "Žadėjo el. paštu atsiųsti garantijos dokumentus. Taip ir negavau.",
        ),
    },
    "lv": {
        "delighted": (
            "Lielisks serviss! Kurjers piezvanīja pusstundu iepriekš, tieši kā solīts.",
            "Konsultante atzvanīja tieši norunātajā laikā. Negaidīju, ļoti patīkami.",
            (
                "Meistars ne tikai pieslēdza veļas mašīnu, bet arī aiznesa veco un pat saslaucīja "
                "aiz sevis."
            ),
            "Galerijas Centrs veikala darbinieki ļoti laipni un zinoši. Noteikti nākšu vēl.",
            "Izcili, liels paldies!",
            "pasūtījumu sakārtoja 5 min laikā un tajā pašā dienā izsūtīja jaunu paldies",
            "Piegādāja dienu ātrāk, pareizā krāsa, pareizais izmērs, viss komplektā. Paldies!",
            "Tīrs, mājīgs veikals, un kasiere tiešām centās palīdzēt.",
            (
                "Paši pamanījāt, ka rēķinā mans uzvārds uzrakstīts nepareizi, un izlabojāt. "
                "Malači."
            ),
            "Nauda atgriezās kontā divas dienas ātrāk, nekā solījāt.",
            "Viegli sazināties, ātra atbilde, nekādas birokrātijas.",
            (
                "Pajautāju par garantiju un saņēmu skaidru atbildi, pēc tam vēl e-pastu ar visu "
                "informāciju."
            ),
        ),
        "satisfied": (
            "Kopumā labi, prece tika piegādāta norunātajā dienā.",
            "Viss kārtībā, tikai pie kases nācās mazliet pagaidīt.",
            "Saņēmu to, ko pasūtīju, iebildumu nav.",
            "Konsultants palīdzēja, bet bija ilgi jāgaida, līdz viņš atbrīvosies.",
            "viss ok paldies",
            "Remonts izdarīts kvalitatīvi. Būtu labi saņemt īsziņu, kad meistars ir ceļā.",
            "Labas cenas un tīrs veikals, tikai ar stāvvietu grūti.",
            "Atzvanīja nevis tajā pašā dienā, bet nākamajā, tomēr jautājumu atrisināja.",
            "Mājaslapas čatā ātri atbildēja, vai var maksāt ar karti.",
            "Diezgan labi. Piegādes laiks garš, bet šoferis pieklājīgs.",
            "Ar ledusskapi esmu apmierināta, tikai uzstādīšana aizņēma ilgāk, nekā cerēju.",
            "Nekā īpaša, bet viss strādā, kā nākas.",
        ),
        "disappointed": (
            "To pašu problēmu nācās skaidrot trim dažādiem cilvēkiem.",
            "Pa telefonu gaidīju 25 minūtes, lai uzzinātu darba laiku.",
            "Atbilde ļoti miglaina, joprojām nezinu, vai garantija to sedz.",
            "Apsargs staigāja man pakaļ pa visu veikalu kā zaglim. Nepatīkami.",
            "Zālē netīrs, pielaikošanas kabīnē mētājās atkritumi.",
            (
                "Vēstulē atkal nepareizi uzrakstīts mans uzvārds, lai gan pagājušoreiz lūdzu "
                "izlabot."
            ),
            "lēna apkalpošana pie galda neviena nav",
            "Darbiniece skatījās telefonā un tik tikko pacēla acis, kad palūdzu palīdzību.",
            "Uz e-pastu atbildēja pēc četrām dienām, bet uz jautājumu tā arī neatbildēja.",
            "Prece normāla, bet viss process ievilkās pārāk ilgi.",
            "Neviens nevarēja pateikt, kur ir mans sūtījums, tikai atkārtoja, ka „sistēmā”.",
            "Kasiere bija nelaipna, kad karte no pirmās reizes nenostrādāja.",
        ),
        "angry": (
            "Sliktākā apkalpošana, kādu esmu piedzīvojis. Nekad vairs.",
            "Rupji darbinieki, netīrs veikals, un nevienam nerūp.",
            "Veselu nedēļu mēģinu piezvanīt. Atceļu pasūtījumu un pērku citur.",
            "vienkārši ņirgāšanās par klientiem",
            "Vadītājs pasmējās, kad sūdzējos. Vienkārši pasmējās.",
            (
                "Naudu paņēmāt, bet uz vēstulēm vairs neatbildat. Vērsīšos Patērētāju tiesību "
                "aizsardzības centrā."
            ),
            (
                "Apsargs visu priekšā uzkliedza manam dēlam, jo tas pieskārās demonstrācijas "
                "telefonam."
            ),
            "Trīs apmeklējumi, joprojām nestrādā, un katru reizi cits attaisnojums.",
            "Neviens neatvainojās, neviens nepaskaidroja, neviens nepiezvanīja. Nulle.",
            (
                "Teica, ka atgriezt nevar, lai gan kopš pirkuma nebija pagājušas pat 14 dienas. "
                "Kauns."
            ),
            "neiesaku šo veikalu",
            "Stundu gaidīju klausulē, lai man pateiktu zvanīt uz citu numuru, kas nestrādā.",
        ),
        "broken_promise": (
            "Solīja atzvanīt tajā pašā dienā. Pagājusi nedēļa, joprojām gaidu.",
            "Piegādei bija jābūt otrdien, atveda piektdien bez jebkāda brīdinājuma.",
            "Pasūtīju pelēku dīvānu, atveda smilškrāsas.",
            "Kurpes atnāca 42. izmērā, lai gan pasūtījumā skaidri rakstīts 44.",
            "Atveda citu modeli – pasūtīju 55 collu televizoru, saņēmu 50 collu.",
            "Klēpjdators atnāca bez lādētāja, kam bija jābūt komplektā.",
            (
                "Meistars trauku mazgājamo mašīnu salaboja, bet atstāja dubļus un iepakojumu uz "
                "virtuves grīdas."
            ),
            "Naudu solīja atmaksāt līdz 10. datumam. Šodien ir 20., un nekā.",
            "teicāt ka piezvanīs līdz 17 neviens nepiezvanīja",
            "Teica, ka detaļa būs pirmdien. Pirmdiena pagāja, tad vēl viena.",
            "Montierim bija jāierodas no rīta, atbrauca 18.00.",
            "Solīja atsūtīt garantijas dokumentus pa e-pastu. Tā arī nesaņēmu.",
        ),
    },
    "ru": {
        "delighted": (
            "Отличное обслуживание! Курьер позвонил за полчаса, как и обещали.",
            "Оператор перезвонила ровно в то время, которое назвала. Не ожидала, очень приятно.",
            (
                "Мастер не только подключил стиральную машину, но и вынес старую, даже подмёл "
                "за собой."
            ),
            "Продавцы в «Акрополисе» очень вежливые и знают свой товар. Обязательно вернусь.",
            "Идеально, большое спасибо!",
            "заказ исправили за 5 минут и в тот же день отправили новый спасибо",
            "Привезли на день раньше, цвет и размер те, комплект полный. Спасибо!",
            "Чистый, уютный магазин, а кассир действительно старалась помочь.",
            (
                "Вы сами заметили, что в счёте неправильно написана моя фамилия, и исправили. "
                "Молодцы."
            ),
            "Деньги вернулись на счёт на два дня раньше обещанного.",
            "Легко дозвониться, быстрый ответ, никакой волокиты.",
            (
                "Спросил про гарантию, получил понятный ответ, а потом ещё письмо со всеми "
                "подробностями."
            ),
        ),
        "satisfied": (
            "В целом хорошо, товар доставили в оговорённый день.",
            "Всё нормально, только на кассе пришлось немного подождать.",
            "Получил то, что заказывал, претензий нет.",
            "Консультант помог, но пришлось долго ждать, пока он освободится.",
            "всё ок спасибо",
            "Ремонт сделали качественно. Хорошо бы получать СМС, когда мастер выезжает.",
            "Неплохие цены и чистый магазин, только с парковкой беда.",
            "Перезвонили не в тот же день, а на следующий, но вопрос решили.",
            "В чате на сайте быстро ответили, можно ли оплатить картой.",
            "Довольно неплохо. Интервал доставки большой, но водитель вежливый.",
            "Холодильником довольна, только установка заняла больше времени, чем я думала.",
            "Ничего особенного, но всё работает как надо.",
        ),
        "disappointed": (
            "Одну и ту же проблему пришлось объяснять трём разным людям.",
            "Ждал на линии 25 минут, только чтобы узнать часы работы.",
            "Ответ очень расплывчатый, до сих пор не знаю, покрывает ли это гарантия.",
            "Охранник ходил за мной по всему магазину, как за вором. Неприятно.",
            "В зале грязно, в примерочной валялся мусор.",
            (
                "В письме опять неправильно написали мою фамилию, хотя в прошлый раз я просила "
                "исправить."
            ),
            "медленно обслуживают у стойки никого нет",
            "Сотрудница сидела в телефоне и еле подняла глаза, когда я попросил помочь.",
            "На письмо ответили через четыре дня, а на вопрос так и не ответили.",
            "Товар нормальный, но весь процесс затянулся.",
            "Никто не мог сказать, где моя посылка, только повторяли, что «в системе».",
            "Кассир нагрубила, когда карта не сработала с первого раза.",
        ),
        "angry": (
            "Худшее обслуживание в моей жизни. Больше никогда.",
            "Хамский персонал, грязный магазин, и всем всё равно.",
            "Целую неделю не могу дозвониться. Отменяю заказ и покупаю в другом месте.",
            "просто издевательство над клиентами",
            "Управляющий рассмеялся, когда я пожаловалась. Просто рассмеялся.",
            (
                "Деньги взяли, а на письма больше не отвечаете. Буду обращаться в защиту прав "
                "потребителей."
            ),
            (
                "Охранник при всех наорал на моего сына за то, что тот взял демонстрационный "
                "телефон."
            ),
            "Три визита, всё так же не работает, и каждый раз новая отговорка.",
            "Никто не извинился, никто не объяснил, никто не перезвонил. Ноль.",
            "Сказали, что вернуть нельзя, хотя с покупки не прошло и 14 дней. Позор.",
            "не советую этот магазин",
            (
                "Час провисел на линии, чтобы мне сказали звонить на другой номер, который не "
                "работает."
            ),
        ),
        "broken_promise": (
            "Обещали перезвонить в тот же день. Прошла неделя, до сих пор жду.",
            (
                "Доставка должна была быть во вторник, привезли в пятницу без всякого "
                "предупреждения."
            ),
            "Заказала серый диван, привезли бежевый.",
            "Ботинки пришли 42-го размера, хотя в заказе чётко указан 44-й.",
            "Привезли не ту модель: заказывал телевизор на 55 дюймов, получил на 50.",
            "Ноутбук пришёл без зарядки, которая должна была быть в комплекте.",
            "Мастер посудомойку починил, но оставил грязь и упаковку на полу в кухне.",
            "Деньги обещали вернуть до 10-го числа. Сегодня 20-е, и ничего.",
            "сказали позвонят до 17 никто не позвонил",
            "Сказали, что деталь будет в понедельник. Прошёл понедельник, потом ещё один.",
            "Монтажник должен был прийти утром, а пришёл в шесть вечера.",
            "Обещали прислать гарантийные документы на почту. Так и не получил.",
        ),
    },
    "pl": {
        "delighted": (
            "Świetna obsługa! Kurier zadzwonił pół godziny wcześniej, tak jak obiecano.",
            (
                "Konsultantka oddzwoniła dokładnie o umówionej godzinie. Nie spodziewałam się, "
                "bardzo miło."
            ),
            "Technik nie tylko podłączył pralkę, ale zabrał starą i nawet po sobie posprzątał.",
            "Obsługa w sklepie w Akropolis bardzo uprzejma i zna się na rzeczy. Na pewno wrócę.",
            "Rewelacja, bardzo dziękuję!",
            "zamówienie poprawili w 5 minut i tego samego dnia wysłali nowe dzięki",
            (
                "Dostawa dzień wcześniej, właściwy kolor, właściwy rozmiar, komplet w pudełku. "
                "Dziękuję!"
            ),
            "Czysty, przyjemny sklep, a kasjerka naprawdę starała się pomóc.",
            (
                "Sami zauważyliście, że na fakturze źle zapisano moje nazwisko, i poprawiliście. "
                "Brawo."
            ),
            "Pieniądze wróciły na konto dwa dni przed obiecanym terminem.",
            "Łatwy kontakt, szybka odpowiedź, bez zbędnych ceregieli.",
            (
                "Zapytałem o gwarancję i dostałem jasną odpowiedź, a potem jeszcze maila ze "
                "wszystkimi szczegółami."
            ),
        ),
        "satisfied": (
            "Ogólnie dobrze, towar dostarczono w umówionym dniu.",
            "Wszystko w porządku, tylko przy kasie trzeba było chwilę poczekać.",
            "Dostałem to, co zamówiłem, nie mam zastrzeżeń.",
            "Doradca pomógł, ale długo czekałam, aż będzie wolny.",
            "wszystko ok dzięki",
            "Naprawa wykonana porządnie. Fajnie byłoby dostać SMS, kiedy technik wyjeżdża.",
            "Niezłe ceny i czysty sklep, tylko z parkingiem kłopot.",
            "Oddzwonili nie tego samego dnia, tylko następnego, ale sprawę załatwili.",
            "Na czacie na stronie szybko odpowiedzieli, czy można płacić kartą.",
            "Całkiem dobrze. Okno dostawy szerokie, ale kierowca uprzejmy.",
            "Z lodówki jestem zadowolona, tylko montaż trwał dłużej, niż myślałam.",
            "Nic nadzwyczajnego, ale wszystko działa, jak należy.",
        ),
        "disappointed": (
            "Ten sam problem musiałem tłumaczyć trzem różnym osobom.",
            "Czekałam na linii 25 minut tylko po to, żeby poznać godziny otwarcia.",
            "Odpowiedź bardzo mglista, nadal nie wiem, czy gwarancja to obejmuje.",
            "Ochroniarz chodził za mną po całym sklepie jak za złodziejem. Nieprzyjemne.",
            "Na sali brudno, w przymierzalni leżały śmieci.",
            "W liście znowu przekręcono moje nazwisko, choć ostatnio prosiłam o poprawkę.",
            "wolna obsługa przy stanowisku nikogo nie ma",
            "Pracownica siedziała w telefonie i ledwo podniosła wzrok, kiedy poprosiłem o pomoc.",
            "Na maila odpowiedzieli po czterech dniach, a na pytanie i tak nie odpowiedzieli.",
            "Produkt w porządku, ale cały proces trwał za długo.",
            (
                "Nikt nie umiał powiedzieć, gdzie jest moja paczka, powtarzali tylko, że "
                "„jest w systemie”."
            ),
            "Kasjerka była niemiła, kiedy karta nie zadziałała za pierwszym razem.",
        ),
        "angry": (
            "Najgorsza obsługa, jaką kiedykolwiek widziałem. Nigdy więcej.",
            "Chamski personel, brudny sklep i nikogo to nie obchodzi.",
            "Od tygodnia nie mogę się dodzwonić. Anuluję zamówienie i kupuję gdzie indziej.",
            "kpina po prostu",
            "Kierownik się zaśmiał, kiedy złożyłam skargę. Po prostu się zaśmiał.",
            (
                "Pieniądze wzięliście, a na maile już nie odpowiadacie. Idę do rzecznika "
                "konsumentów."
            ),
            (
                "Ochroniarz przy wszystkich nakrzyczał na mojego syna, bo dotknął telefonu "
                "z ekspozycji."
            ),
            "Trzy wizyty, dalej nie działa, a za każdym razem inna wymówka.",
            "Nikt nie przeprosił, nikt nie wyjaśnił, nikt nie oddzwonił. Zero.",
            (
                "Powiedzieli, że zwrot jest niemożliwy, choć od zakupu nie minęło nawet 14 dni. "
                "Skandal."
            ),
            "nie polecam tego sklepu",
            (
                "Godzinę wisiałem na linii, żeby usłyszeć, że mam dzwonić na inny numer, który "
                "nie działa."
            ),
        ),
        "broken_promise": (
            "Obiecali oddzwonić tego samego dnia. Minął tydzień, dalej czekam.",
            "Dostawa miała być we wtorek, przywieźli w piątek bez żadnego uprzedzenia.",
            "Zamówiłam szarą sofę, przywieźli beżową.",
            "Buty przyszły w rozmiarze 42, choć w zamówieniu wyraźnie jest 44.",
            "Przywieźli inny model – zamawiałem telewizor 55 cali, dostałem 50.",
            "Laptop przyszedł bez ładowarki, która miała być w zestawie.",
            "Technik naprawił zmywarkę, ale zostawił błoto i kartony na podłodze w kuchni.",
            "Zwrot pieniędzy obiecano do 10. Dziś jest 20. i nic.",
            "mówiliście że zadzwonicie do 17 nikt nie zadzwonił",
            "Mówili, że część będzie w poniedziałek. Minął poniedziałek, potem kolejny.",
            "Monter miał przyjść rano, a przyszedł o 18.",
            "Obiecali przesłać dokumenty gwarancyjne mailem. Nigdy ich nie dostałem.",
        ),
    },
}
