"""Writes for recurring questions: mining topics (a job), placing new texts in them, naming
topics, and writing and publishing FAQ entries."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.customers.models import Language
from kliento.interactions.models import Interaction
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.questions.matching import match_topics
from kliento.questions.models import (
    CommentTopic,
    FaqEntry,
    InteractionTopic,
    MiningRun,
    Source,
    Topic,
)
from kliento.surveys.selectors import customer_responses

if TYPE_CHECKING:
    from kliento.questions.fitted import FittedTopics

logger = logging.getLogger(__name__)

MINING_WINDOW_DAYS = 182  # texts of the last half year are mined
MINING_LIMIT = 20_000  # the most recent ones; older texts in the window are assigned later
MIN_TEXTS = 20  # fewer texts than this make no topics worth a page
ASSIGN_BATCH = 2_000  # new texts placed per sweep, so one sweep stays short
MAX_NAME = 200
MAX_FAQ_TEXT = 5_000


@dataclass(frozen=True)
class TextsToMine:
    ids: list[int]
    texts: list[str]
    languages: list[str]
    weak_polarity: list[str]  # comments: from the score; '' without one


# The masks the mining puts in place of numbers, ids, e-mails and links, as a label shows them.
_MASKS_SHOWN = {"_num_": "#", "_id_": "ID", "_email_": "e-mail", "_url_": "URL"}


def readable_label(label: str) -> str:
    """The mined label with its masks readable: "_num_ · size" → "# · size"."""
    for mask, shown in _MASKS_SHOWN.items():
        label = label.replace(mask, shown)
    return label


def _window_start(now: datetime):
    return timezone.localdate(now) - timedelta(days=MINING_WINDOW_DAYS)


def _polarity_of_scores(nps: int | None, csat: int | None) -> str:
    """The weak label: NPS class (detractor / passive / promoter), else CSAT's (1–2, 3, 4–5)."""
    if nps is not None:
        return ("negative" if nps <= DETRACTOR_UP_TO else
                "positive" if nps >= PROMOTER_FROM else "neutral")
    if csat is not None:
        return "negative" if csat <= 2 else "positive" if csat >= 4 else "neutral"
    return ""


def texts_to_mine(source: str, now: datetime, limit: int, *,
                  unassigned_only: bool = False) -> TextsToMine:
    since = _window_start(now)
    if source == Source.QUESTIONS:
        rows = Interaction.objects.filter(opened_on__gte=since).exclude(text="")
        if unassigned_only:
            rows = rows.filter(topic_membership__isnull=True)
        rows = rows.order_by("-opened_at", "-id").values_list("id", "text", "language")[:limit]
        ids, texts, languages = zip(*rows, strict=True) if rows else ((), (), ())
        return TextsToMine(list(ids), list(texts), list(languages), [""] * len(ids))
    # Customers' comments only: employees' anonymous comments are no customer topic.
    rows = customer_responses().filter(responded_on__gte=since).exclude(comment="")
    if unassigned_only:
        rows = rows.filter(topic_membership__isnull=True)
    rows = rows.order_by("-responded_at", "-id").values_list(
        "id", "comment", "language", "nps", "csat")[:limit]
    rows = list(rows)
    return TextsToMine([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                  [_polarity_of_scores(r[3], r[4]) for r in rows])


def mining_run_execute(run: MiningRun, *, now: datetime | None = None) -> MiningRun:
    """Mine the run's source, carry the old topics over by their members and store the
    topics, the memberships and the fitted bundle. A failure marks the run failed with the
    reason and changes no topic."""
    now = now or timezone.now()
    claimed = MiningRun.objects.filter(pk=run.pk, status=MiningRun.Status.QUEUED).update(
        status=MiningRun.Status.RUNNING, started_at=timezone.now())
    if not claimed:  # another worker took it, or it already ran
        run.refresh_from_db()
        return run
    try:
        _mine(run, now)
    except Exception as error:
        logger.exception("Mining %s failed", run.source)
        MiningRun.objects.filter(pk=run.pk).update(
            status=MiningRun.Status.FAILED, finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000])
    run.refresh_from_db()
    return run


def _mine(run: MiningRun, now: datetime) -> None:
    # scikit-learn and the embedding load here, not on import: every page and every process
    # that only reads topics (each one imports this module through the URLs) would pay ~1 s.
    from kliento.questions import fitted as fitting
    from kliento.topics.mining import UNASSIGNED, mine_topics

    texts = texts_to_mine(run.source, now, MINING_LIMIT)
    if len(texts.ids) < MIN_TEXTS:
        raise ValueError(f"only {len(texts.ids)} texts in the last {MINING_WINDOW_DAYS} days; "
                         f"topics need at least {MIN_TEXTS}")
    mining = mine_topics(texts.texts, run.clusters_asked, languages=texts.languages)
    assignments = list(mining.assignments)
    representation, vectors, centres = fitting.fit(texts.texts, texts.languages, assignments,
                                                   len(mining.topics))
    polarity = fitting.PolarityModel(None, {}, None)
    if run.source == Source.COMMENTS:
        polarity = fitting.polarity_learn(vectors, texts.weak_polarity)
    membership = InteractionTopic if run.source == Source.QUESTIONS else CommentTopic
    key = "interaction_id" if run.source == Source.QUESTIONS else "response_id"
    previous = dict(membership.objects.filter(**{f"{key}__in": texts.ids})
                    .values_list(key, "topic_id"))
    carried = match_topics(previous, assignments, members=texts.ids)
    similarity = (vectors * centres[[max(a, 0) for a in assignments]]).sum(axis=1)

    with transaction.atomic():
        topic_ids = []
        next_number = (Topic.objects.filter(source=run.source).aggregate(n=Max("number"))["n"]
                       or 0) + 1
        for topic in mining.topics:
            fields = {
                "label": readable_label(topic.label)[:200], "language": topic.language,
                "languages": [list(pair) for pair in topic.languages],
                "typical": [texts.ids[row] for row in topic.typical], "size": topic.size,
                "last_run": run}
            if topic.number in carried:
                Topic.objects.filter(pk=carried[topic.number]).update(**fields)
                topic_ids.append(carried[topic.number])
            else:
                created = Topic.objects.create(source=run.source, number=next_number,
                                               first_run=run, **fields)
                next_number += 1
                topic_ids.append(created.pk)
        predicted = (polarity.classifier.predict(vectors).tolist() if polarity.classifier
                     else [""] * len(vectors))
        rows, unassigned = [], []
        for position, (item, cluster) in enumerate(zip(texts.ids, assignments, strict=True)):
            if cluster == UNASSIGNED:
                unassigned.append(item)
                continue
            values = {key: item, "topic_id": topic_ids[cluster], "run_id": run.pk,
                      "similarity": float(similarity[position])}
            if run.source == Source.COMMENTS:
                # A scored comment shows the prediction made without its own score.
                values["polarity"] = polarity.held_out.get(position, predicted[position])
            rows.append(membership(**values))
        membership.objects.filter(**{f"{key}__in": unassigned}).delete()
        update = ["topic", "run", "similarity"] + (
            ["polarity"] if run.source == Source.COMMENTS else [])
        membership.objects.bulk_create(rows, batch_size=2_000, update_conflicts=True,
                                       unique_fields=[key.removesuffix("_id")],
                                       update_fields=update)
        bundle = fitting.FittedTopics(representation, centres, tuple(topic_ids),
                                      polarity.classifier)
        MiningRun.objects.filter(pk=run.pk).update(
            status=MiningRun.Status.DONE, finished_at=timezone.now(), texts=len(texts.ids),
            topics_found=len(mining.topics), topics_kept=len(carried),
            chosen_automatically=mining.chosen_automatically,
            polarity_agreement=polarity.agreement, fitted=fitting.dumps(bundle))


def latest_finished_run(source: str) -> MiningRun | None:
    return (MiningRun.objects.filter(source=source, status=MiningRun.Status.DONE)
            .defer("fitted").order_by("-finished_at", "-pk").first())


_loaded: dict[tuple, "FittedTopics | None"] = {}


def _bundle(run: MiningRun) -> "FittedTopics | None":
    """The run's fitted topics, unpickled once per process (the sweep asks every minute)."""
    key = (run.pk, run.finished_at)  # a restored database may reuse a run's id
    if key not in _loaded:
        from kliento.questions.fitted import loads  # scikit-learn: see _mine

        _loaded.clear()  # only the latest run is ever asked for
        _loaded[key] = loads(
            MiningRun.objects.filter(pk=run.pk).values_list("fitted", flat=True).first())
    return _loaded[key]


def topics_assign_new(source: str, *, now: datetime | None = None,
                      batch: int = ASSIGN_BATCH) -> int:
    """Place texts that arrived since the last mining in the nearest existing topic (its
    centre in the fitted representation). Returns how many were placed."""
    now = now or timezone.now()
    run = latest_finished_run(source)
    if run is None:
        return 0
    texts = texts_to_mine(source, now, batch, unassigned_only=True)
    if not texts.ids:
        return 0
    bundle = _bundle(run)
    if bundle is None or not bundle.topic_ids:
        return 0
    vectors = bundle.embed(texts.texts, texts.languages)
    topic_ids, similarity = bundle.nearest(vectors)
    if source == Source.QUESTIONS:
        rows = [InteractionTopic(interaction_id=item, topic_id=topic, run=run,
                                 similarity=float(score))
                for item, topic, score in zip(texts.ids, topic_ids, similarity, strict=True)]
        InteractionTopic.objects.bulk_create(rows, batch_size=2_000, ignore_conflicts=True)
    else:
        polarities = bundle.polarities(vectors)
        rows = [CommentTopic(response_id=item, topic_id=topic, run=run, similarity=float(score),
                             polarity=polarity)
                for item, topic, score, polarity in
                zip(texts.ids, topic_ids, similarity, polarities, strict=True)]
        CommentTopic.objects.bulk_create(rows, batch_size=2_000, ignore_conflicts=True)
    return len(rows)


def topic_name(topic: Topic, name: str, *, user, now: datetime | None = None) -> Topic:
    """Give a topic a name managers recognise; blank gives the label back."""
    name = name.strip()
    if len(name) > MAX_NAME:
        raise ValidationError({"name": _("A name has at most %(n)s characters.") % {"n": MAX_NAME}})
    topic.name = name
    topic.named_by = user if name else None
    topic.named_at = (now or timezone.now()) if name else None
    topic.save(update_fields=["name", "named_by", "named_at"])
    return topic


def _clean_texts(field: str, values: dict[str, str]) -> dict[str, str]:
    unknown = set(values) - set(Language.values)
    if unknown:
        raise ValidationError({field: _("Unknown language %(code)s.") % {
            "code": ", ".join(sorted(unknown))}})
    cleaned = {code: (values.get(code) or "").strip() for code in Language.values}
    for code, text in cleaned.items():
        if len(text) > MAX_FAQ_TEXT:
            raise ValidationError({f"{field}_{code}": _(
                "At most %(n)s characters.") % {"n": MAX_FAQ_TEXT}})
    return {code: text for code, text in cleaned.items() if text}


def faq_entry_save(topic: Topic, *, question: dict[str, str], answer: dict[str, str], user,
                   now: datetime | None = None) -> FaqEntry:
    """Write (or rewrite) a topic's FAQ entry. Each language may be left out — it falls back
    when shown — but a language with a question needs its answer and the other way round,
    and at least one language needs both."""
    question = _clean_texts("question", question)
    answer = _clean_texts("answer", answer)
    errors = {}
    for code in sorted(set(question) ^ set(answer)):
        if code in question:
            errors[f"answer_{code}"] = _("Write the answer in this language too, or leave "
                                         "both empty.")
        else:
            errors[f"question_{code}"] = _("Write the question in this language too, or "
                                           "leave both empty.")
    if not errors and not question:
        errors["question_en"] = _("Write the question and its answer in at least one language.")
    if errors:
        raise ValidationError(errors)
    entry, _created = FaqEntry.objects.update_or_create(
        topic=topic, defaults={"question": question, "answer": answer,
                               "updated_at": now or timezone.now(), "updated_by": user})
    return entry


def faq_entry_publish(entry: FaqEntry, *, publish: bool, now: datetime | None = None) -> FaqEntry:
    """Put the entry on the public FAQ from now on, or take it off. Publishing an entry
    that is already public keeps its moment: deflection is measured from it."""
    if publish and entry.published_at is None:
        entry.published_at = now or timezone.now()
    elif not publish:
        entry.published_at = None
    entry.save(update_fields=["published_at"])
    return entry
