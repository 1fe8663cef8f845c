"""Vectors for short, misspelt questions: character n-grams inside words (robust to typos
and to word endings a lemma table missed) beside word unigrams and bigrams (which keep
"card arrive" apart from "card fee"), TF-IDF weighted, reduced by LSA (truncated SVD)."""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

DIMENSIONS = 100
WORD_PATTERN = r"(?u)\b\w+\b"  # one-letter words count: "a card" and "my card" differ little


@dataclass(frozen=True)
class Representation:
    """Fitted on one sample of texts; :meth:`embed` places any text in the same space."""

    characters: TfidfVectorizer
    words: TfidfVectorizer
    lsa: TruncatedSVD | None

    def sparse(self, joined_texts: list[str]) -> csr_matrix:
        return normalize(hstack([self.characters.transform(joined_texts),
                                 self.words.transform(joined_texts)]).tocsr())

    def embed(self, joined_texts: list[str]) -> np.ndarray:
        """Unit-length rows, one per text; cosine similarity is their dot product."""
        tfidf = self.sparse(joined_texts)
        if self.lsa is None:
            return normalize(tfidf).toarray()
        return normalize(self.lsa.transform(tfidf))

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
    return Representation(characters=characters, words=words, lsa=lsa)
