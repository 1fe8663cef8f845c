# Polish dates as Poles write them, "13.11.2026"; Django's own "13-11-2026  15:33" has a
# double space and dashes few Polish documents use.
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
