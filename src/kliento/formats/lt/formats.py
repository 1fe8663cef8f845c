# Lithuanian groups thousands with a (non-breaking) space, as CLDR has it: "1 004,00 €".
# Django's own lt module writes "1.004,00 €", the German style.
THOUSAND_SEPARATOR = "\xa0"
