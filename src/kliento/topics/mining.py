"""Mine topics from a list of texts: :func:`mine_topics`.

Large inputs are clustered on a sample of their distinct texts and every text is then
placed at the nearest topic centre, which keeps 100,000 questions to about 50 CPU seconds
and 1.5 GB (bench/results-questions.md); the sample is large enough for topics of a few
dozen questions to show.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kliento.topics.clustering import cluster
from kliento.topics.representation import fit_representation
from kliento.topics.text import PreparedText, prepare

SAMPLE_SIZE = 10_000
TYPICAL_QUESTIONS = 5
LABEL_TERMS = 3
UNASSIGNED = -1
MIN_TEXTS_TO_CENTRE = 8  # a language's texts before its mean vector is taken out
_CHUNK = 20_000
_LABEL_SCAN = 2_000  # members read for a topic's own-language words
_LABEL_CANDIDATES = 40  # most distinctive terms considered for a label


@dataclass(frozen=True)
class Topic:
    number: int
    size: int
    label: str  # the top terms, joined: "card · arrive · track"
    terms: tuple[str, ...]
    language: str  # most of its questions' language
    languages: tuple[tuple[str, int], ...]  # (language, count), most first
    typical: tuple[int, ...]  # input positions of the most typical texts, most typical first


@dataclass(frozen=True)
class TopicMining:
    assignments: tuple[int, ...]  # a topic number per input text; UNASSIGNED: nothing to mine
    topics: tuple[Topic, ...]  # largest first; topic.number indexes nothing, it names
    languages: tuple[str, ...]  # the detected (or given) language per input text
    chosen_automatically: bool

    @property
    def count(self) -> int:
        return len(self.topics)


def _centres(vectors: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    sums = np.zeros((count, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms == 0, 1, norms)


def _nearest(vectors: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels = np.empty(len(vectors), dtype=np.int64)
    similarity = np.empty(len(vectors), dtype=np.float64)
    for start in range(0, len(vectors), _CHUNK):
        scores = vectors[start:start + _CHUNK] @ centres.T
        labels[start:start + _CHUNK] = scores.argmax(axis=1)
        similarity[start:start + _CHUNK] = scores.max(axis=1)
    return labels, similarity


def _language_offsets(vectors: np.ndarray, languages: np.ndarray) -> dict[str, np.ndarray]:
    """Each language's mean vector, when the texts are in more than one language.

    Texts in one language share letters, endings and function words whatever they ask, so
    their vectors lean one way; left in, that lean can hold a topic together by language
    alone. Subtracting each language's mean removes what all its texts share and keeps
    what sets one question apart from the others in the same language. A language with
    few texts keeps its lean: their mean would be mostly their one or two questions."""
    counts = Counter(languages.tolist())
    if len(counts) < 2:
        return {}
    return {language: vectors[languages == language].mean(axis=0)
            for language, count in counts.items() if count >= MIN_TEXTS_TO_CENTRE}


def _without_language(vectors: np.ndarray, languages: np.ndarray,
                      offsets: dict[str, np.ndarray]) -> np.ndarray:
    if not offsets:
        return vectors
    none = np.zeros(vectors.shape[1])
    shifted = vectors - np.array([offsets.get(language, none) for language in languages])
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return shifted / np.where(norms == 0, 1, norms)


def mine_topics(texts: Sequence[str], clusters: int | None = None,
                languages: Sequence[str | None] | None = None, seed: int = 0) -> TopicMining:
    """Group ``texts`` into topics: ``clusters`` of them, or as many as the data shows.

    ``languages`` gives each text's language when it is known (else it is detected).
    Texts without a single word (empty, only digits or symbols) get :data:`UNASSIGNED`.
    """
    prepared = [prepare(text, languages[i] if languages else None)
                for i, text in enumerate(texts)]
    usable = [i for i, item in enumerate(prepared) if any(
        not token.startswith("_") for token in item.tokens)]
    assignments = np.full(len(texts), UNASSIGNED, dtype=np.int64)
    detected = tuple(item.language for item in prepared)
    if not usable:
        return TopicMining(tuple(assignments.tolist()), (), detected, clusters is None)

    # Identical questions after normalisation are clustered once.
    distinct: dict[str, int] = {}
    for i in usable:
        distinct.setdefault(prepared[i].joined, len(distinct))
    distinct_texts = list(distinct)
    distinct_languages = np.empty(len(distinct), dtype=object)
    distinct_sentences = [""] * len(distinct)  # as first written
    for i in reversed(usable):
        distinct_languages[distinct[prepared[i].joined]] = prepared[i].language
        distinct_sentences[distinct[prepared[i].joined]] = prepared[i].masked
    rng = np.random.default_rng(seed)
    if len(distinct_texts) > SAMPLE_SIZE:
        sample = np.sort(rng.choice(len(distinct_texts), SAMPLE_SIZE, replace=False))
    else:
        sample = np.arange(len(distinct_texts))
    sample_texts = [distinct_texts[i] for i in sample]
    representation = fit_representation(sample_texts, seed=seed)
    sample_vectors = representation.embed(sample_texts, [distinct_sentences[i] for i in sample],
                                          distinct_languages[sample].tolist())
    offsets = _language_offsets(sample_vectors, distinct_languages[sample])
    sample_vectors = _without_language(sample_vectors, distinct_languages[sample], offsets)
    result = cluster(sample_vectors, clusters, seed=seed)
    centres = _centres(sample_vectors, result.labels, result.count)

    if len(sample) == len(distinct_texts):
        vectors = sample_vectors
        distinct_labels = result.labels
        similarity = np.einsum("ij,ij->i", vectors, centres[distinct_labels])
    else:
        # Placed chunk by chunk, the sample from the vectors it was clustered on: 100,000
        # texts' vectors are never all held at once.
        distinct_labels = np.empty(len(distinct_texts), dtype=np.int64)
        similarity = np.empty(len(distinct_texts), dtype=np.float64)
        distinct_labels[sample], similarity[sample] = _nearest(sample_vectors, centres)
        rest = np.setdiff1d(np.arange(len(distinct_texts)), sample)
        for start in range(0, len(rest), _CHUNK):
            rows = rest[start:start + _CHUNK]
            vectors = _without_language(
                representation.embed([distinct_texts[i] for i in rows],
                                     [distinct_sentences[i] for i in rows],
                                     distinct_languages[rows].tolist()),
                distinct_languages[rows], offsets)
            distinct_labels[rows], similarity[rows] = _nearest(vectors, centres)
    row_distinct = np.array([distinct[prepared[i].joined] for i in usable])
    assignments[usable] = distinct_labels[row_distinct]

    topics = _describe(prepared, np.array(usable), row_distinct, distinct_labels, similarity,
                       result.count, representation.word_terms(),
                       representation.words.transform(distinct_texts))
    # Number topics by size, largest first, so "topic 0" is the biggest.
    order = sorted(range(len(topics)), key=lambda t: (-topics[t].size, t))
    renumber = np.full(result.count, UNASSIGNED, dtype=np.int64)
    for new_number, old in enumerate(order):
        renumber[old] = new_number
    renumbered = tuple(
        Topic(number=int(renumber[topic.number]), size=topic.size, label=topic.label,
              terms=topic.terms, language=topic.language, languages=topic.languages,
              typical=topic.typical)
        for topic in (topics[t] for t in order) if topic.size)
    final = np.where(assignments >= 0, renumber[np.maximum(assignments, 0)], UNASSIGNED)
    return TopicMining(tuple(final.tolist()), renumbered, detected,
                       result.chosen_automatically)


def _describe(prepared: list[PreparedText], usable: np.ndarray, row_distinct: np.ndarray,
              distinct_labels: np.ndarray, similarity: np.ndarray, count: int,
              terms: np.ndarray, word_tfidf) -> list[Topic]:
    """Label (distinctive words, class-based TF-IDF), languages and typical texts."""
    row_labels = distinct_labels[row_distinct]
    # Distinctive terms: a topic's mean weight over its mean weight everywhere.
    membership = np.zeros((count, len(distinct_labels)), dtype=np.float32)
    membership[distinct_labels, np.arange(len(distinct_labels))] = 1
    sizes = membership.sum(axis=1, keepdims=True)
    topic_weight = np.asarray((word_tfidf.T @ membership.T).T) / np.maximum(sizes, 1)
    overall = np.asarray(word_tfidf.mean(axis=0)).ravel() + 1e-6
    distinctive = topic_weight * np.log1p(topic_weight / overall)
    # A folded lemma is shown in its most frequent unfolded spelling in that language.
    spelling: dict[tuple[str, str], Counter] = {}
    for i in usable[:50_000]:
        language = prepared[i].language
        for token, lemma in zip(prepared[i].tokens, prepared[i].lemmas, strict=True):
            spelling.setdefault((token, language), Counter())[lemma] += 1

    topics = []
    for number in range(count):
        members = usable[row_labels == number]
        languages = Counter(prepared[i].language for i in members).most_common()
        language = languages[0][0] if languages else ""
        # A label in the topic's own language: only words its questions in that
        # language use, so a Lithuanian topic that drew in a Polish "karta" reads
        # "kortelė", and no placeholder such as _id_ is shown as a word.
        own_words = {token for i in members[:_LABEL_SCAN] if prepared[i].language == language
                     for token in prepared[i].tokens if not token.startswith("_")}
        best = np.argsort(distinctive[number])[::-1]
        chosen: list[str] = []
        for index in best[:_LABEL_CANDIDATES]:
            if distinctive[number][index] <= 0 or len(chosen) == LABEL_TERMS:
                break
            parts = str(terms[index]).split()
            if not all(part in own_words for part in parts):
                continue
            term = " ".join(spelling[part, language].most_common(1)[0][0]
                            if (part, language) in spelling else part for part in parts)
            # "card" and "card arrive" together say little more than "card arrive".
            if any(term in kept or kept in term for kept in chosen):
                continue
            chosen.append(term)
        member_similarity = similarity[row_distinct[row_labels == number]]
        typical: list[int] = []
        seen: set[str] = set()
        for position in np.argsort(-member_similarity, kind="stable"):
            row = int(members[position])
            if prepared[row].joined in seen:
                continue
            seen.add(prepared[row].joined)
            typical.append(row)
            if len(typical) == TYPICAL_QUESTIONS:
                break
        topics.append(Topic(
            number=number, size=len(members), label=" · ".join(chosen), terms=tuple(chosen),
            language=language, languages=tuple(languages),
            typical=tuple(typical)))
    return topics
