# "12 мая", not "12 Май": the month after a day number takes the genitive (Django's "E").
MONTH_DAY_FORMAT = "j E"
