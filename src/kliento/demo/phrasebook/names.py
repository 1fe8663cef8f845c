"""First names and gendered surnames per language (30 of each per gender)."""

FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "lt": {
        "female": (
            "Rūta", "Gintarė", "Aistė", "Eglė", "Jurgita", "Rasa", "Inga", "Kristina",
            "Laura", "Agnė", "Ieva", "Vaida", "Dalia", "Birutė", "Giedrė", "Daiva",
            "Jūratė", "Austėja", "Gabija", "Ugnė", "Skaistė", "Živilė", "Milda", "Simona",
            "Neringa", "Goda", "Akvilė", "Lina", "Asta", "Indrė",
        ),
        "male": (
            "Žilvinas", "Kęstutis", "Mantas", "Tomas", "Darius", "Andrius", "Mindaugas",
            "Vytautas", "Gediminas", "Jonas", "Paulius", "Lukas", "Rokas", "Justinas",
            "Arūnas", "Saulius", "Algirdas", "Ričardas", "Linas", "Audrius", "Šarūnas",
            "Donatas", "Egidijus", "Dainius", "Vaidas", "Marius", "Tadas", "Karolis",
            "Aurimas", "Rimantas",
        ),
    },
    "lv": {
        "female": (
            "Līga", "Ilze", "Inese", "Kristīne", "Anna", "Dace", "Laura", "Sanita", "Ieva",
            "Zane", "Agnese", "Baiba", "Daiga", "Elīna", "Evija", "Gunta", "Ināra",
            "Jolanta", "Kristiāna", "Lāsma", "Madara", "Marta", "Rūta", "Santa", "Signe",
            "Solvita", "Vija", "Zaiga", "Aija", "Māra",
        ),
        "male": (
            "Jānis", "Kārlis", "Ģirts", "Andris", "Mārtiņš", "Pēteris", "Edgars",
            "Raimonds", "Uldis", "Juris", "Aivars", "Artūrs", "Roberts", "Toms", "Dāvis",
            "Gatis", "Ivars", "Kristaps", "Māris", "Oskars", "Rihards", "Valdis",
            "Armands", "Ainārs", "Normunds", "Gints", "Imants", "Krišjānis", "Egils",
            "Reinis",
        ),
    },
    "pl": {
        "female": (
            "Małgorzata", "Agnieszka", "Katarzyna", "Anna", "Joanna", "Magdalena", "Ewa",
            "Barbara", "Dorota", "Beata", "Aleksandra", "Zofia", "Urszula", "Jadwiga",
            "Grażyna", "Bożena", "Elżbieta", "Halina", "Monika", "Justyna", "Iwona",
            "Marta", "Natalia", "Paulina", "Weronika", "Wiktoria", "Agata", "Renata",
            "Danuta", "Krystyna",
        ),
        "male": (
            "Łukasz", "Piotr", "Paweł", "Krzysztof", "Tomasz", "Michał", "Marcin",
            "Andrzej", "Jakub", "Grzegorz", "Wojciech", "Mateusz", "Bartosz", "Kamil",
            "Przemysław", "Jarosław", "Sławomir", "Mirosław", "Zbigniew", "Stanisław",
            "Józef", "Rafał", "Dariusz", "Adam", "Maciej", "Szymon", "Kacper", "Robert",
            "Jerzy", "Bogdan",
        ),
    },
    "ru": {
        "female": (
            "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана",
            "Екатерина", "Юлия", "Людмила", "Галина", "Анастасия", "Дарья", "Ксения",
            "Валентина", "Надежда", "Марина", "Вера", "Алла", "Полина", "Виктория",
            "Алёна", "Евгения", "Софья", "Любовь", "Оксана", "Жанна", "Лариса", "Нина",
        ),
        "male": (
            "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай",
            "Владимир", "Павел", "Артём", "Евгений", "Игорь", "Константин", "Олег",
            "Юрий", "Виктор", "Максим", "Роман", "Денис", "Григорий", "Борис", "Фёдор",
            "Вадим", "Илья", "Кирилл", "Антон", "Станислав", "Леонид", "Геннадий",
            "Аркадий",
        ),
    },
    "en": {
        "female": (
            "Siobhán", "Aoife", "Niamh", "Sarah", "Emma", "Charlotte", "Olivia", "Sophie",
            "Emily", "Grace", "Ciara", "Róisín", "Orla", "Saoirse", "Hannah", "Rebecca",
            "Laura", "Lucy", "Megan", "Chloe", "Eleanor", "Catherine", "Gráinne", "Fiona",
            "Helen", "Bridget", "Rachel", "Amy", "Jessica", "Deirdre",
        ),
        "male": (
            "Seán", "Cian", "Oisín", "Pádraig", "Ciarán", "Eoin", "Darragh", "Liam",
            "James", "Oliver", "Harry", "George", "Thomas", "William", "Jack", "Daniel",
            "Matthew", "Michael", "David", "Andrew", "Christopher", "Richard", "Stephen",
            "Paul", "Conor", "Declan", "Rory", "Callum", "Owen", "Edward",
        ),
    },
}

LAST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "lt": {
        "female": (
            "Šimkutė", "Kazlauskienė", "Jankauskienė", "Petrauskaitė", "Stankevičiūtė",
            "Vasiliauskienė", "Žukauskaitė", "Butkutė", "Paulauskienė", "Urbonaitė",
            "Kavaliauskienė", "Petraitytė", "Balčiūnienė", "Navickaitė", "Rimkutė",
            "Sakalauskienė", "Žemaitytė", "Mockutė", "Lukoševičienė", "Bružaitė",
            "Grigaitytė", "Šukytė", "Vaitkutė", "Jonaitytė", "Radzevičiūtė",
            "Dambrauskienė", "Kairytė", "Čepulienė", "Marcinkevičiūtė", "Baranauskaitė",
        ),
        "male": (
            "Šimkus", "Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius",
            "Vasiliauskas", "Žukauskas", "Butkus", "Paulauskas", "Urbonas",
            "Kavaliauskas", "Petraitis", "Balčiūnas", "Navickas", "Rimkus",
            "Sakalauskas", "Žemaitis", "Mockus", "Lukoševičius", "Bružas",
            "Grigaitis", "Šukys", "Vaitkus", "Jonaitis", "Radzevičius",
            "Dambrauskas", "Kairys", "Čepulis", "Marcinkevičius", "Baranauskas",
        ),
    },
    "lv": {
        "female": (
            "Kalniņa", "Bērziņa", "Ozoliņa", "Liepiņa", "Krūmiņa", "Zariņa", "Kļaviņa",
            "Vītola", "Jansone", "Ozola", "Balode", "Lāce", "Eglīte", "Kalēja",
            "Pētersone", "Siliņa", "Grīnberga", "Strazdiņa", "Āboliņa", "Avotiņa",
            "Priede", "Lapiņa", "Ziemele", "Rozīte", "Sproģe", "Kārkliņa", "Freimane",
            "Šmite", "Dūmiņa", "Celmiņa",
        ),
        "male": (
            "Kalniņš", "Bērziņš", "Ozoliņš", "Liepiņš", "Krūmiņš", "Zariņš", "Kļaviņš",
            "Vītols", "Jansons", "Ozols", "Balodis", "Lācis", "Eglītis", "Kalējs",
            "Pētersons", "Siliņš", "Grīnbergs", "Strazdiņš", "Āboliņš", "Avotiņš",
            "Priedītis", "Lapiņš", "Ziemelis", "Rozītis", "Sproģis", "Kārkliņš",
            "Freimanis", "Šmits", "Dūmiņš", "Celmiņš",
        ),
    },
    "pl": {
        # Nowak, Wójcik, Woźniak, Mazur, Krawczyk and Zając do not change with gender.
        "female": (
            "Wiśniewska", "Kowalska", "Nowak", "Wójcik", "Kamińska", "Lewandowska",
            "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Jankowska",
            "Mazur", "Kwiatkowska", "Krawczyk", "Piotrowska", "Grabowska", "Pawłowska",
            "Michalska", "Zając", "Jabłońska", "Wróblewska", "Sawicka", "Wysocka",
            "Zawadzka", "Górecka", "Olszewska", "Malinowska", "Jaworska", "Nowicka",
        ),
        "male": (
            "Wiśniewski", "Kowalski", "Nowak", "Wójcik", "Kamiński", "Lewandowski",
            "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski",
            "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski",
            "Michalski", "Zając", "Jabłoński", "Wróblewski", "Sawicki", "Wysocki",
            "Zawadzki", "Górecki", "Olszewski", "Malinowski", "Jaworski", "Nowicki",
        ),
    },
    "ru": {
        "female": (
            "Иванова", "Петрова", "Смирнова", "Кузнецова", "Соколова", "Попова",
            "Лебедева", "Козлова", "Новикова", "Морозова", "Волкова", "Соловьёва",
            "Васильева", "Зайцева", "Павлова", "Семёнова", "Голубева", "Виноградова",
            "Богданова", "Воробьёва", "Фёдорова", "Михайлова", "Никитина", "Ильина",
            "Кузьмина", "Калинина", "Белова", "Орлова", "Вишневская", "Жукова",
        ),
        "male": (
            "Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев",
            "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев",
            "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв",
            "Фёдоров", "Михайлов", "Никитин", "Ильин", "Кузьмин", "Калинин", "Белов",
            "Орлов", "Вишневский", "Жуков",
        ),
    },
    "en": {
        # Irish-language surnames take Ní for women and Ó for men.
        "female": (
            "Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "Byrne", "Ryan", "O'Brien",
            "Ní Bhriain", "Ní Mhurchú", "Jones", "Williams", "Taylor", "Brown", "Davies",
            "Evans", "Wilson", "Thomas", "Roberts", "Johnson", "Robinson", "Wright",
            "Thompson", "Hughes", "McCarthy", "Doyle", "Gallagher", "Kennedy", "Lynch",
            "Fitzgerald",
        ),
        "male": (
            "Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "Byrne", "Ryan", "O'Brien",
            "Ó Briain", "Ó Murchú", "Jones", "Williams", "Taylor", "Brown", "Davies",
            "Evans", "Wilson", "Thomas", "Roberts", "Johnson", "Robinson", "Wright",
            "Thompson", "Hughes", "McCarthy", "Doyle", "Gallagher", "Kennedy", "Lynch",
            "Ó Súilleabháin",
        ),
    },
}
