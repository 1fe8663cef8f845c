"""Upsell at the right moment: how often offers are made and taken, what an offer costs in
the customer's score at the same touchpoint, and offers made during a complaint — which the
seeds call intrusive at best.

Counts come from grouped aggregates; the score comparison rebuilds each side's scores from
(score, count) rows the database grouped, so :func:`kliento.measure.compare` sees the same
sample it would from raw rows without Python reading them one by one.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, F, Q, QuerySet

from kliento.interactions.models import Channel, Interaction, JourneyStage
from kliento.measure import Comparison, compare
from kliento.measure.intervals import agresti_coull
from kliento.organisation.models import Agent

OFFERED, ACCEPTED = Q(upsell_offered=True), Q(upsell_accepted=True)
GROUPINGS = {"agent": "agent", "touchpoint": "touchpoint__name",
             "journey_stage": "touchpoint__journey_stage", "channel": "channel__code"}
MINIMUM_FOR_COMPARISON = 10
CONFIDENCE = 0.95


@dataclass(frozen=True)
class UpsellRow:
    key: object
    label: str
    contacts: int
    offered: int
    accepted: int

    @property
    def offered_percent(self) -> float:
        return 100.0 * self.offered / self.contacts if self.contacts else 0.0

    @property
    def accepted_percent(self) -> float | None:
        return 100.0 * self.accepted / self.offered if self.offered else None


def upsell_rates(interactions: QuerySet, start: date, end: date, by: str) -> list[UpsellRow]:
    """Offered (of contacts) and accepted (of offers) per ``by`` group, one query."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    rows = (interactions.filter(opened_on__range=(start, end))
            .values(key=F(GROUPINGS[by]))
            .annotate(contacts=Count("id"), offered=Count("id", filter=OFFERED),
                      accepted=Count("id", filter=ACCEPTED))
            .order_by("-offered"))
    rows = list(rows)
    labels = {}
    if by == "agent":
        labels = {a.pk: str(a) for a in Agent.objects.select_related("user")
                  .filter(pk__in=[r["key"] for r in rows if r["key"] is not None])}
    elif by == "journey_stage":
        labels = dict(JourneyStage.choices)
    elif by == "channel":
        labels = dict(Channel.Code.choices)
    return [UpsellRow(r["key"], str(labels.get(r["key"], r["key"] or "—")), r["contacts"],
                      r["offered"], r["accepted"]) for r in rows]


@dataclass(frozen=True)
class ProductRow:
    """One product's offers: its share of all offers made, and how often it was taken, each
    with a 95 % interval (Agresti–Coull). ``product`` is blank for offers whose product was
    not recorded."""

    product: str
    offered: int
    accepted: int
    all_offers: int

    @property
    def share_percent(self) -> float:
        return 100.0 * self.offered / self.all_offers

    @property
    def share_interval(self) -> tuple[float, float]:
        low, high = agresti_coull(self.offered, self.all_offers, CONFIDENCE)
        return 100.0 * low, 100.0 * high

    @property
    def accepted_percent(self) -> float:
        return 100.0 * self.accepted / self.offered

    @property
    def accepted_interval(self) -> tuple[float, float]:
        low, high = agresti_coull(self.accepted, self.offered, CONFIDENCE)
        return 100.0 * low, 100.0 * high


def upsell_by_product(interactions: QuerySet, start: date, end: date) -> list[ProductRow]:
    """Offers and acceptances per product, grouped by the database; most offered first.
    A contact without an offer names no product, so the share is of offers, not contacts."""
    rows = list(interactions.filter(OFFERED, opened_on__range=(start, end))
                .values("upsell_product")
                .annotate(offered=Count("id"), accepted=Count("id", filter=ACCEPTED))
                .order_by("-offered", "upsell_product"))
    all_offers = sum(row["offered"] for row in rows)  # one row per product, not per contact
    return [ProductRow(row["upsell_product"], row["offered"], row["accepted"], all_offers)
            for row in rows]


@dataclass(frozen=True)
class ScoreCost:
    """NPS after contacts with an offer against those without, at one touchpoint
    (``comparison.difference`` = with − without, NPS points)."""

    touchpoint: str
    comparison: Comparison


def _scores(counts: dict[int, int]) -> np.ndarray:
    values = np.fromiter(counts.keys(), dtype=float, count=len(counts))
    return np.repeat(values, np.fromiter(counts.values(), dtype=int, count=len(counts)))


def score_cost_of_offering(responses: QuerySet, start: date, end: date) -> list[ScoreCost]:
    """Per touchpoint with at least 20 answers on each side: the NPS difference between
    answers after contacts with an offer and without, with its interval."""
    grouped = (responses.filter(responded_on__range=(start, end), nps__isnull=False,
                                interaction__touchpoint__isnull=False)
               .values(place=F("interaction__touchpoint__name"),
                       offered=F("interaction__upsell_offered"), score=F("nps"))
               .annotate(n=Count("id")).order_by())
    sides: dict[str, dict[bool, dict[int, int]]] = {}
    for row in grouped:  # one row per (touchpoint, offered, score): at most 22 per touchpoint
        sides.setdefault(row["place"], {True: {}, False: {}})[row["offered"]][
            row["score"]] = row["n"]
    costs = []
    for touchpoint, side in sorted(sides.items()):
        with_offer, without = side[True], side[False]
        if min(sum(with_offer.values()), sum(without.values())) < MINIMUM_FOR_COMPARISON:
            continue
        costs.append(ScoreCost(touchpoint, compare(_scores(without), _scores(with_offer),
                                                   "nps")))
    return costs


def offers_during_complaints(interactions: QuerySet, start: date, end: date) -> QuerySet:
    return (interactions.filter(opened_on__range=(start, end),
                                kind=Interaction.Kind.COMPLAINT, upsell_offered=True)
            .select_related("customer", "agent__user", "touchpoint")
            .order_by("-opened_at"))
