# English as read in the EU, where Kliento is used: day before month, 24-hour clock — never
# the US "11/13/2026 3:33 p.m.", which a Lithuanian or Latvian colleague reads as 11 January.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
