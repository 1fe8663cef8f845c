"""Reads for defects: the list, the defect rate per location and touchpoint over time, the
effect of open defects on the scores of customers who passed by meanwhile, and each
location's results split into what agents control and what the surroundings do, with its
defect-free visit rate. Counted in the database; only the finished groups reach Python.

A defect is *open at a visit* when it was seen at the visit's location — at the same
touchpoint, or at no touchpoint in particular — at or before the visit, and not fixed by then.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncWeek

from kliento.defects.models import Defect
from kliento.interactions.models import Interaction, Touchpoint
from kliento.measure import intervals
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.organisation.models import Location
from kliento.surveys.models import SurveyResponse

# The SERVQUAL factors the person serving the customer controls, and the one that is the
# place itself (seed 000: a location's result, split).
AGENT_FACTORS = ("responsiveness", "assurance", "empathy")
SURROUNDINGS_FACTORS = ("tangibles",)
# Below this many visits a rate per 1,000 says nothing (4 defects over 1 visit read "4,000"):
# the counts are shown, the rate is not.
MIN_VISITS_FOR_RATE = 20


def defect_list(*, status: str | None = None, category: str | None = None,
                location_id: int | None = None, touchpoint_id: int | None = None,
                overdue_at: datetime | None = None) -> QuerySet[Defect]:
    """Defects, newest seen first; ``overdue_at`` keeps the open ones due before it."""
    defects = Defect.objects.select_related("location", "touchpoint", "owner", "reported_by")
    if status:
        defects = defects.filter(status=status)
    if category:
        defects = defects.filter(category=category)
    if location_id:
        defects = defects.filter(location_id=location_id)
    if touchpoint_id:
        defects = defects.filter(touchpoint_id=touchpoint_id)
    if overdue_at is not None:
        defects = defects.filter(status=Defect.Status.OPEN, due_at__lt=overdue_at)
    return defects


def open_defect_at(location: str, touchpoint: str, moment: str) -> Exists:
    """Whether a defect was open at the place and moment the outer query's fields name."""
    return Exists(Defect.objects.filter(
        Q(touchpoint__isnull=True) | Q(touchpoint=OuterRef(touchpoint)),
        Q(fixed_at__isnull=True) | Q(fixed_at__gt=OuterRef(moment)),
        location=OuterRef(location), observed_at__lte=OuterRef(moment)))


@dataclass(frozen=True)
class PlaceRate:
    location: str
    touchpoint: str
    location_id: int | None
    touchpoint_id: int | None
    defects: int
    visits: int

    @property
    def too_few_visits(self) -> bool:
        return self.visits < MIN_VISITS_FOR_RATE

    @property
    def per_thousand_visits(self) -> float | None:
        return None if self.too_few_visits else 1000.0 * self.defects / self.visits


@dataclass(frozen=True)
class DefectRates:
    places: list[PlaceRate]  # highest rate first; those with too few visits last
    weeks: list[datetime]
    per_thousand_by_week: list[float | None]  # all places, in step with ``weeks``; None
    # for a week with too few visits (a partly covered first week, say)


def defect_rates(start: datetime, end: datetime, *, location_id: int | None = None
                 ) -> DefectRates:
    """Defects seen per 1,000 visits (interactions), per location and touchpoint and per
    week, over ``[start, end)``. A defect at no touchpoint in particular is met by every
    visit to its location, so its place is rated against all of them. No rate under
    ``MIN_VISITS_FOR_RATE`` visits."""
    defects = Defect.objects.filter(observed_at__gte=start, observed_at__lt=end,
                                    location__isnull=False)
    visits = Interaction.objects.filter(opened_at__gte=start, opened_at__lt=end,
                                        location__isnull=False)
    if location_id:
        defects, visits = (defects.filter(location_id=location_id),
                           visits.filter(location_id=location_id))
    by_place = {(row["location"], row["touchpoint"]): row["n"] for row in
                defects.values("location", "touchpoint").annotate(n=Count("pk"))}
    visits_by_place = {(row["location"], row["touchpoint"]): row["n"] for row in
                       visits.values("location", "touchpoint").annotate(n=Count("pk"))}
    visits_by_location: dict[int, int] = {}
    for (loc, _tp), n in visits_by_place.items():
        visits_by_location[loc] = visits_by_location.get(loc, 0) + n
    names = dict(Location.objects.values_list("pk", "name"))
    touchpoints = dict(Touchpoint.objects.values_list("pk", "name"))
    places = [PlaceRate(location=names.get(loc, "—"), touchpoint=touchpoints.get(tp, "—"),
                        location_id=loc, touchpoint_id=tp, defects=count,
                        visits=visits_by_place.get((loc, tp), 0) if tp is not None
                        else visits_by_location.get(loc, 0))
              for (loc, tp), count in by_place.items()]
    places.sort(key=lambda p: (p.per_thousand_visits is None, -(p.per_thousand_visits or 0),
                               -p.defects, p.location, p.touchpoint))
    weekly_defects = dict(defects.annotate(week=TruncWeek("observed_at")).values("week")
                          .annotate(n=Count("pk")).values_list("week", "n"))
    weekly_visits = dict(visits.annotate(week=TruncWeek("opened_at")).values("week")
                         .annotate(n=Count("pk")).values_list("week", "n"))
    weeks = sorted(set(weekly_defects) | set(weekly_visits))
    return DefectRates(places, weeks, [
        1000.0 * weekly_defects.get(week, 0) / weekly_visits[week]
        if weekly_visits.get(week, 0) >= MIN_VISITS_FOR_RATE else None for week in weeks])


@dataclass(frozen=True)
class OpenDefectEffect:
    """NPS of answers about visits made while a defect was open there, against the other
    answers about visits to the same locations; ``difference = with − without`` in NPS
    points with its interval (adjusted Wald, :func:`kliento.measure.intervals.nps_difference`).
    """

    answers_with: int
    answers_without: int
    nps_with: float | None
    nps_without: float | None
    difference: float | None
    low: float | None
    high: float | None
    confidence: float


def open_defect_effect(start: datetime, end: datetime, *, location_id: int | None = None,
                       confidence: float = 0.95) -> OpenDefectEffect:
    """The effect of open defects on the recommend score of customers who passed the
    touchpoint while they were open: answers about visits in ``[start, end)``."""
    answers = SurveyResponse.objects.filter(
        interaction__opened_at__gte=start, interaction__opened_at__lt=end,
        interaction__location__isnull=False, nps__isnull=False)
    if location_id:
        answers = answers.filter(interaction__location_id=location_id)
    rows = {row["during"]: row for row in answers.annotate(
        during=open_defect_at("interaction__location", "interaction__touchpoint",
                              "interaction__opened_at"))
        .values("during").annotate(n=Count("pk"),
                                   promoters=Count("pk", filter=Q(nps__gte=PROMOTER_FROM)),
                                   detractors=Count("pk", filter=Q(nps__lte=DETRACTOR_UP_TO)))}
    with_, without = rows.get(True), rows.get(False)

    def score(row) -> float | None:
        return 100.0 * (row["promoters"] - row["detractors"]) / row["n"] if row else None

    difference = low = high = None
    if with_ and without:
        counts = [(row["promoters"], row["detractors"], row["n"]) for row in (without, with_)]
        low, high, _p = intervals.nps_difference(*counts, confidence)
        difference = score(with_) - score(without)
        low, high = intervals.contain(100.0 * low, 100.0 * high, difference)
    return OpenDefectEffect(with_["n"] if with_ else 0, without["n"] if without else 0,
                            score(with_), score(without), difference, low, high, confidence)


@dataclass(frozen=True)
class LocationSplit:
    location_id: int
    location: str
    answers: int
    agent_score: float | None  # mean of the agent-controlled factors, 1–10
    surroundings_score: float | None  # mean of the surroundings factor, 1–10
    visits: int
    defect_free_visits: int

    @property
    def defect_free_rate(self) -> float | None:
        return 100.0 * self.defect_free_visits / self.visits if self.visits else None


def _mean_of(fields: tuple[str, ...]):
    total = F(fields[0])
    for field in fields[1:]:
        total = total + F(field)
    return Avg(total * 1.0 / len(fields))


def location_splits(start: datetime, end: datetime) -> list[LocationSplit]:
    """Per location: what agents control (responsiveness, assurance, empathy) beside what the
    surroundings do (tangibles), from answers about visits in ``[start, end)``, and the share
    of visits made with no defect open at their touchpoint."""
    scores = {row["interaction__location"]: row for row in SurveyResponse.objects.filter(
        interaction__opened_at__gte=start, interaction__opened_at__lt=end,
        interaction__location__isnull=False)
        .values("interaction__location")
        .annotate(n=Count("pk"), agent=_mean_of(AGENT_FACTORS),
                  surroundings=_mean_of(SURROUNDINGS_FACTORS))}
    visits = (Interaction.objects.filter(opened_at__gte=start, opened_at__lt=end,
                                         location__isnull=False)
              .annotate(during=open_defect_at("location", "touchpoint", "opened_at"))
              .values("location", "location__name")
              .annotate(n=Count("pk"), clean=Count("pk", filter=Q(during=False)))
              .order_by("location__name"))
    return [LocationSplit(
        location_id=row["location"], location=row["location__name"],
        answers=scores.get(row["location"], {}).get("n", 0),
        agent_score=scores.get(row["location"], {}).get("agent"),
        surroundings_score=scores.get(row["location"], {}).get("surroundings"),
        visits=row["n"], defect_free_visits=row["clean"]) for row in visits]
