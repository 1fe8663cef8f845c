"""Question mining without a framework: which questions keep coming back.

Texts in Lithuanian, Latvian, Polish, Russian and English are detected, normalised and
lemmatised (:mod:`~kliento.topics.text`), turned into character and word n-gram vectors
(:mod:`~kliento.topics.representation`), and grouped into topics whose number is chosen
from the data unless it is given (:mod:`~kliento.topics.mining`). Nothing here imports
Django, and nothing is downloaded: the language model and the lemma tables ship inside the
``py3langid`` and ``simplemma`` packages. Nothing is learnt from labelled questions.
"""
