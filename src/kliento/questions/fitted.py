"""What one mining run leaves behind so that the job worker can place new texts later: the
fitted representation, one centre per topic, and for comments the polarity classifier.

Mining itself is :func:`kliento.topics.mining.mine_topics`; it says which texts form which
topic but keeps no model. Here the same representation (:func:`fit_representation`) is
fitted on the mined texts and each topic's centre is the normalised mean of its members'
vectors, so a new text goes to the topic whose centre it is most similar to.

The bundle is pickled into ``MiningRun.fitted``. Only the mining job writes it; anyone who
can write that column can already change every answer in the database, so unpickling it
gives them nothing new. A bundle that no longer unpickles (scikit-learn upgraded) is
treated as missing: new texts wait for the next mining.
"""

import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from kliento.topics.representation import Representation, fit_representation
from kliento.topics.text import PreparedText, prepare

logger = logging.getLogger(__name__)

FIT_SAMPLE = 10_000  # distinct texts the vocabulary and LSA are fitted on
_CHUNK = 5_000
# Polarity is learnt only when every class has at least this many scored comments.
MIN_PER_POLARITY = 5
POLARITIES = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class FittedTopics:
    representation: Representation
    centres: np.ndarray  # one unit-length row per topic
    topic_ids: tuple[int, ...]  # the Topic row of each centre
    polarity: LogisticRegression | None = None

    def embed(self, texts: Sequence[str], languages: Sequence[str | None]) -> np.ndarray:
        return _embed(self.representation, prepared_texts(texts, languages))

    def nearest(self, vectors: np.ndarray) -> tuple[list[int], np.ndarray]:
        """The topic id and the cosine similarity of each row's nearest centre."""
        scores = vectors @ self.centres.T
        best = scores.argmax(axis=1)
        return [self.topic_ids[i] for i in best], scores[np.arange(len(best)), best]

    def polarities(self, vectors: np.ndarray) -> list[str]:
        if self.polarity is None:
            return [""] * len(vectors)
        return [str(label) for label in self.polarity.predict(vectors)]


def prepared_texts(texts: Sequence[str], languages: Sequence[str | None]) -> list[PreparedText]:
    return [prepare(text, language) for text, language in zip(texts, languages, strict=True)]


def _embed(representation: Representation, prepared: list[PreparedText]) -> np.ndarray:
    return np.vstack([representation.embed([item.joined for item in chunk],
                                           [item.masked for item in chunk],
                                           [item.language for item in chunk])
                      for chunk in (prepared[start:start + _CHUNK]
                                    for start in range(0, len(prepared), _CHUNK))])


def fit(texts: Sequence[str], languages: Sequence[str | None], clusters: Sequence[int],
        count: int, seed: int = 0) -> tuple[Representation, np.ndarray, np.ndarray]:
    """Fit the representation on ``texts`` and return it, every text's vector and the
    ``count`` topic centres (``clusters`` gives each text's topic index, −1 for none)."""
    prepared = prepared_texts(texts, languages)
    distinct = sorted({item.joined for item in prepared})
    rng = np.random.default_rng(seed)
    if len(distinct) > FIT_SAMPLE:
        distinct = [distinct[i] for i in np.sort(rng.choice(len(distinct), FIT_SAMPLE,
                                                            replace=False))]
    representation = fit_representation(distinct, seed=seed)
    vectors = _embed(representation, prepared).astype(np.float32)
    labels = np.asarray(clusters)
    sums = np.zeros((count, vectors.shape[1]), dtype=np.float64)
    kept = labels >= 0
    np.add.at(sums, labels[kept], vectors[kept])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return representation, vectors, (sums / np.where(norms == 0, 1, norms)).astype(np.float32)


@dataclass(frozen=True)
class PolarityModel:
    classifier: LogisticRegression | None
    # Out-of-fold predictions for the scored comments (what a comment is shown with), and
    # how often they agree with the score's class: an honest figure, not training accuracy.
    held_out: dict[int, str]
    agreement: float | None


def polarity_learn(vectors: np.ndarray, weak_labels: Sequence[str], seed: int = 0) -> PolarityModel:
    """Learn negative / neutral / positive from the words, with the score's class (detractor,
    passive, promoter) as a weak label; '' marks a comment without a score."""
    labels = np.asarray(weak_labels, dtype=object)
    scored = np.flatnonzero(labels != "")
    classes, counts = np.unique(labels[scored].astype(str), return_counts=True)
    if len(classes) < 2 or counts.min() < MIN_PER_POLARITY:
        return PolarityModel(None, {}, None)
    # Newton-CG reaches the same optimum (the loss is convex) in a quarter of lbfgs's time
    # on the demo's comments since the sentence embedding's columns joined the vectors
    # (3.2 against 11.7 CPU seconds, agreement 0.847 both).
    classifier = LogisticRegression(class_weight="balanced", max_iter=1000, C=2.0,
                                    solver="newton-cg")
    folds = StratifiedKFold(n_splits=min(5, int(counts.min())), shuffle=True, random_state=seed)
    held_out = cross_val_predict(classifier, vectors[scored], labels[scored].astype(str),
                                 cv=folds)
    agreement = float(np.mean(held_out == labels[scored].astype(str)))
    classifier.fit(vectors[scored], labels[scored].astype(str))
    return PolarityModel(classifier, dict(zip(scored.tolist(), held_out.tolist(), strict=True)),
                         agreement)


def dumps(fitted: FittedTopics) -> bytes:
    for vectorizer in (fitted.representation.characters, fitted.representation.words):
        # scikit-learn keeps every pruned term only "for introspection": not needed to embed.
        if hasattr(vectorizer, "stop_words_"):
            vectorizer.stop_words_ = None
    return pickle.dumps(fitted, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes | memoryview | None) -> FittedTopics | None:
    if not blob:
        return None
    try:
        return pickle.loads(bytes(blob))
    except Exception:
        logger.exception("A mining run's fitted topics no longer load; waiting for the next run")
        return None
