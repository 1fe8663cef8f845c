"""Anonymous employee surveys: making a round, answering it, and reading eNPS by team beside
the same team's customer NPS — never a group under the company's smallest group size.

An answer is a :class:`~kliento.surveys.models.SurveyResponse` of an anonymous survey (no
customer, no interaction, the day only) plus the team it counts for; that the agent took
part is kept apart, without the answer or a time, so nobody answers twice and nobody can
join the two.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.measure.intervals import agresti_caffo
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.measure.summaries import nps_from_counts
from kliento.organisation.models import Agent, Team
from kliento.organisation.selectors import min_group_size
from kliento.people.models import EmployeeAnswer, EmployeeSurvey, Participation
from kliento.ranking import Correlation, correlation
from kliento.surveys.models import Question, Survey, SurveyResponse
from kliento.surveys.services import (
    anonymous_answer_moment,
    survey_create,
    survey_response_checked,
)

# "Would you recommend working here?" in the five languages the pages speak.
ENPS_TEXT = {
    "en": "How likely are you to recommend this company as a place to work?",
    "lt": "Kaip tikėtina, kad rekomenduotumėte šią įmonę kaip darbovietę?",
    "lv": "Cik ticams, ka jūs ieteiktu šo uzņēmumu kā darba vietu?",
    "ru": "Насколько вероятно, что вы порекомендуете эту компанию как место работы?",
    "pl": "Jak prawdopodobne jest, że polecisz tę firmę jako miejsce pracy?",
}
_PROMOTER, _DETRACTOR = Q(response__nps__gte=PROMOTER_FROM), Q(response__nps__lte=DETRACTOR_UP_TO)


@transaction.atomic
def employee_survey_create(*, name: str, starts_on: date, ends_on: date) -> EmployeeSurvey:
    """An anonymous survey asking eNPS and a comment; managers add engagement items to it on
    the surveys page like any custom question."""
    survey = survey_create(name=name, blocks=["nps", "comment"], anonymous=True,
                           audience=Survey.Audience.EMPLOYEES)
    Question.objects.filter(survey=survey, kind=Question.Kind.NPS).update(text=dict(ENPS_TEXT))
    round_ = EmployeeSurvey(survey=survey, starts_on=starts_on, ends_on=ends_on)
    round_.full_clean()
    round_.save()
    return round_


def employee_survey_open(today: date) -> EmployeeSurvey | None:
    return (EmployeeSurvey.objects.select_related("survey")
            .filter(starts_on__lte=today, ends_on__gte=today).first())


def employee_survey_answer(*, employee_survey: EmployeeSurvey, agent: Agent,
                           answers: dict[int, object], language: str) -> None:
    """Record ``agent``'s answers (question id → value, as the survey's answer form cleans
    them) for their team, anonymously: the response keeps the day only and writes no history
    row, as the survey engine stores an anonymous survey's answer. Refused, with nothing
    written, when the round is closed, the agent has no team or has answered already."""
    today = timezone.localdate()
    if not employee_survey.starts_on <= today <= employee_survey.ends_on:
        raise ValidationError(_("This employee survey is closed."))
    if agent.team_id is None:
        raise ValidationError(_("You belong to no team, so your answer would count for none."))
    kinds = dict(Question.objects.filter(survey=employee_survey.survey_id)
                 .values_list("pk", "kind"))
    columns = {kinds[pk]: value for pk, value in answers.items()
               if pk in kinds and kinds[pk] not in Question.CUSTOM_KINDS}
    custom = {str(pk): value for pk, value in answers.items()
              if kinds.get(pk) in Question.CUSTOM_KINDS and value not in (None, "")}
    response = survey_response_checked(
        survey=employee_survey.survey, responded_at=anonymous_answer_moment(timezone.now()),
        language=language, answers=custom, **columns)
    response.skip_history_when_saving = True
    try:
        with transaction.atomic():
            Participation.objects.create(employee_survey=employee_survey, agent=agent)
            response.save()
            EmployeeAnswer.objects.create(employee_survey=employee_survey,
                                          team_id=agent.team_id, response=response)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None


@dataclass(frozen=True)
class TeamRound:
    """One team in one round: eNPS (hidden: ``None`` under the smallest group) beside the
    NPS its customers gave during the round."""

    team: Team
    employee_survey: EmployeeSurvey
    answers: int | None  # None when hidden
    enps: float | None
    enps_low: float | None
    enps_high: float | None
    customer_nps: float | None
    customer_answers: int
    next_customer_nps: float | None  # the following round's customer NPS, for the lag


@dataclass(frozen=True)
class Loyalty:
    rows: list[TeamRound]
    hidden_groups: int
    smallest_group: int
    same_round: Correlation
    lagged: Correlation
    loyal_share_with_loyal_staff: tuple[float, int] | None  # (share %, customers answering)
    loyal_share_with_others: tuple[float, int] | None
    difference: tuple[float, float] | None  # Agresti–Caffo interval, percentage points


def _customer_nps(teams: list[int], start: date, end: date) -> dict[int, tuple]:
    rows = (SurveyResponse.objects.filter(responded_on__range=(start, end),
                                          interaction__team__in=teams, nps__isnull=False)
            .values("interaction__team").annotate(
                n=Count("id"), p=Count("id", filter=Q(nps__gte=PROMOTER_FROM)),
                d=Count("id", filter=Q(nps__lte=DETRACTOR_UP_TO))))
    return {row["interaction__team"]: (row["n"], row["p"], row["d"]) for row in rows}


def employee_loyalty(teams: list[Team]) -> Loyalty:
    """eNPS by team and round beside the customers' NPS; their correlation across teams and
    rounds, at once and one round later; and the share of promoters among customers served
    by teams whose eNPS is positive, against the rest. Groups under the smallest group size
    are hidden everywhere, and left out of every figure built on them."""
    smallest = min_group_size()
    team_ids = [team.pk for team in teams]
    by_id = {team.pk: team for team in teams}
    rounds = list(EmployeeSurvey.objects.select_related("survey").order_by("starts_on"))
    counts = {(row["employee_survey"], row["team"]): row for row in
              EmployeeAnswer.objects.filter(team__in=team_ids).values("employee_survey", "team")
              .annotate(n=Count("id"), p=Count("id", filter=_PROMOTER),
                        d=Count("id", filter=_DETRACTOR))}
    customers = [_customer_nps(team_ids, r.starts_on, r.ends_on) for r in rounds]
    rows, hidden = [], 0
    loyal, others = [0, 0], [0, 0]  # [promoters, answers]
    for index, round_ in enumerate(rounds):
        for team_id in team_ids:
            count = counts.get((round_.pk, team_id))
            customer = customers[index].get(team_id)
            nxt = customers[index + 1].get(team_id) if index + 1 < len(rounds) else None
            shown = count is not None and count["n"] >= smallest
            if count is not None and not shown:
                hidden += 1
            enps = nps_from_counts(count["p"], count["n"] - count["p"] - count["d"],
                                   count["d"]) if shown else None
            rows.append(TeamRound(
                by_id[team_id], round_, count["n"] if shown else None,
                enps.value if enps else None, enps.low if enps else None,
                enps.high if enps else None,
                100.0 * (customer[1] - customer[2]) / customer[0] if customer else None,
                customer[0] if customer else 0,
                100.0 * (nxt[1] - nxt[2]) / nxt[0] if nxt else None))
            if enps is not None and customer:
                side = loyal if enps.value > 0 else others
                side[0] += customer[1]
                side[1] += customer[0]
    paired = [row for row in rows if row.enps is not None]
    same = correlation([r.enps for r in paired], [r.customer_nps for r in paired])
    lagged = correlation([r.enps for r in paired], [r.next_customer_nps for r in paired])
    def share(side):
        return ((100.0 * side[0] / side[1], side[1]) if side[1] else None)
    difference = None
    if loyal[1] and others[1]:
        low, high = agresti_caffo(others[0], others[1], loyal[0], loyal[1], 0.95)
        difference = (100.0 * low, 100.0 * high)
    return Loyalty(rows, hidden, smallest, same, lagged, share(loyal), share(others),
                   difference)
