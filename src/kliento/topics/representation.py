"""Vectors for short, misspelt questions, from two views of a text side by side.

- Character n-grams inside words (robust to typos and to word endings a lemma table
  missed) beside word unigrams and bigrams (which keep "card arrive" apart from "card
  fee"), TF-IDF weighted and reduced by LSA (truncated SVD), fitted on the texts mined:
  they work in every language, but only know the words these texts share.
- A sentence vector from a static token embedding (:mod:`~kliento.topics.sentences`),
  learnt on far more text than any customer's, which places "card not arrived" near
  "still waiting for my card" without a shared word; it knows English best.

Each view is unit-length; the two are concatenated with weights √w and √(1 − w), so the
cosine similarity of two texts is w × the sentences' cosine + (1 − w) × the n-grams'.
w depends on the text's language (:data:`SENTENCE_WEIGHTS`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from kliento.topics.sentences import DIMENSIONS as DIMENSIONS_SENTENCE
from kliento.topics.sentences import sentence_vectors

DIMENSIONS = 100
WORD_PATTERN = r"(?u)\b\w+\b"  # one-letter words count: "a card" and "my card" differ little
# The sentence embedding's share of the similarity, by language. English: chosen on the
# tuning half of banking77 (told 77 topics, spectral clustering: NMI 0.666 at 0, 0.727 at
# 0.5, 0.748 at 0.65, 0.760 at 0.8, 0.751 at 1). Other languages: none. The table splits
# Lithuanian and Latvian words into short pieces and matches no language to another, and
# on the multilingual fixture (tests/topics) the NMI fell as their weight rose (two topics
# per group: 0.70 at 0, 0.66 at 0.2, 0.62 at 0.5, 0.55 at 0.8, English at 0.8 throughout).
SENTENCE_WEIGHTS = {"en": 0.8}
SENTENCE_WEIGHT_OTHER = 0.0


@dataclass(frozen=True)
class Representation:
    """Fitted on one sample of texts; :meth:`embed` places any text in the same space."""

    characters: TfidfVectorizer
    words: TfidfVectorizer
    lsa: TruncatedSVD | None
    # False in bundles pickled before the sentence view existed: their topic centres were
    # computed without it, so new texts are embedded the same way.
    with_sentences: bool = False

    def sparse(self, joined_texts: list[str]) -> csr_matrix:
        return normalize(hstack([self.characters.transform(joined_texts),
                                 self.words.transform(joined_texts)]).tocsr())

    def embed(self, joined_texts: list[str], sentences: Sequence[str] | None = None,
              languages: Sequence[str] | None = None) -> np.ndarray:
        """Unit-length rows, one per text; cosine similarity is their dot product.

        ``joined_texts`` are the prepared tokens (``PreparedText.joined``), ``sentences``
        the same texts as written (masked), ``languages`` their languages; without
        ``sentences`` only the n-gram view is used."""
        tfidf = self.sparse(joined_texts)
        grams = normalize(tfidf).toarray() if self.lsa is None else normalize(
            self.lsa.transform(tfidf))
        if not self.with_sentences or sentences is None:
            return grams.astype(np.float32)
        weight = np.array([SENTENCE_WEIGHTS.get(language, SENTENCE_WEIGHT_OTHER)
                           for language in (languages or ["en"] * len(joined_texts))],
                          dtype=np.float32)[:, None]
        sentence = np.zeros((len(grams), DIMENSIONS_SENTENCE), dtype=np.float32)
        weighted = np.flatnonzero(weight[:, 0] > 0)  # only these are worth tokenising
        if len(weighted):
            sentence[weighted] = sentence_vectors([sentences[i] for i in weighted])
        return normalize(np.hstack([np.sqrt(weight) * sentence,
                                    np.sqrt(1 - weight) * grams.astype(np.float32)]))

    def word_terms(self) -> np.ndarray:
        return self.words.get_feature_names_out()


def fit_representation(joined_texts: list[str], seed: int = 0) -> Representation:
    """Fit the vocabularies and the LSA on ``joined_texts`` (already prepared tokens)."""
    many = len(joined_texts) >= 50
    characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 min_df=2 if many else 1, dtype=np.float32)
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN,
                            dtype=np.float32)
    tfidf = normalize(hstack([characters.fit_transform(joined_texts),
                              words.fit_transform(joined_texts)]).tocsr())
    dimensions = min(DIMENSIONS, tfidf.shape[0] - 1, tfidf.shape[1] - 1)
    lsa = None
    if dimensions >= 2 and many:
        lsa = TruncatedSVD(dimensions, random_state=seed).fit(tfidf)
    return Representation(characters=characters, words=words, lsa=lsa, with_sentences=True)
