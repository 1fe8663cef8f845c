"""The demo's recovery cases: the low scores and complaints of the last weeks open cases, and
most of the older ones have been worked through the protocol — listened to, paraphrased and
confirmed, agreed, some compensated, many followed up, most of those recovered."""

from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from kliento.accounts.tokens import token_digest, token_new
from kliento.interactions.models import Channel
from kliento.measure.scores import DETRACTOR_UP_TO
from kliento.organisation.models import Agent
from kliento.recovery.models import CompensationGrant, RecoveryCase
from kliento.recovery.services import (
    compensation_grant,
    follow_up_survey_ensure,
    recovery_case_agree,
    recovery_case_assign,
    recovery_case_cause_set,
    recovery_case_listen,
    recovery_case_paraphrase,
    recovery_case_resolve,
    recovery_cases_open_for_new_signals,
    recovery_follow_up_record,
)
from kliento.surveys.models import Invitation
from kliento.surveys.services import survey_response_record

RECOVERY_WEEKS = 3
WALKED_SHARE = 0.85  # of the cases older than two days; the newest are still waiting
WALKED_AT_MOST = 600  # keeps a large demo quick; the KPIs need no more
FOLLOW_UP_AFTER = timedelta(days=7)
CAUSES = ("reliability", "responsiveness", "assurance", "empathy", "tangibles")
CAUSE_SHARES = (0.55, 0.15, 0.1, 0.12, 0.08)  # more than half are broken promises

# What the agent wrote (in the organisation's language): the problem, what the customer
# expects, the solution agreed.
CASE_WORDS = {
    "reliability": (
        ("Žadėjome perskambinti tą pačią dieną ir nepaskambinome.",
         "Kad paskambintume šiandien ir pasakytume, kada atveš prekę.",
         "Paskambinome iki 15 val.; prekę pristatysime rytoj be mokesčio."),
        ("Atvežėme ne tos spalvos ir dydžio prekę, nei buvo užsakyta.",
         "Gauti užsakytą prekę šią savaitę.",
         "Kurjeris ketvirtadienį atveš teisingą prekę ir išsiveš netinkamą."),
    ),
    "responsiveness": (
        ("Klientas ilgai laukė atsakymo telefonu, o į laišką niekas neatsakė.",
         "Greito atsakymo ir vieno žmogaus, kuris rūpinsis klausimu.",
         "Klausimu rūpinasi viena konsultantė; atsakymą gavo per 2 val."),
    ),
    "assurance": (
        ("Konsultantas negalėjo paaiškinti, ar garantija taikoma.",
         "Aiškaus atsakymo raštu.",
         "Išsiuntėme garantijos sąlygas; remontas atliekamas pagal garantiją."),
    ),
    "empathy": (
        ("Darbuotojas kalbėjo nemandagiai ir nepadėjo.",
         "Atsiprašymo ir pagarbaus aptarnavimo.",
         "Parduotuvės vadovė atsiprašė; su darbuotoju aptarėme, kaip elgtis."),
    ),
    "tangibles": (
        ("Parduotuvėje buvo nešvaru, neveikė kortelių terminalas.",
         "Kad parduotuvė būtų tvarkinga ir būtų galima atsiskaityti kortele.",
         "Salė sutvarkyta, terminalas pakeistas; klientą informavome."),
    ),
}
GRANTS = (("discount", "Nuolaida kitam pirkiniui už nepatogumus."),
          ("refund", "Grąžiname pristatymo kainą."),
          ("gift", "Dovanų kuponas atsiprašant."))


def demo_recovery_create(seed: int) -> int:
    """Open the cases of the last weeks and walk most of the older ones; returns the number of
    cases. Timestamps are in the past, as if the work had been done when it happened."""
    now = timezone.now()
    recovery_cases_open_for_new_signals(now=now, window=timedelta(weeks=RECOVERY_WEEKS))
    rng = np.random.default_rng(seed)
    cases = list(
        RecoveryCase.objects.filter(opened_at__lt=now - timedelta(days=2))
        .select_related("customer", "interaction__channel", "survey_response")
        .order_by("opened_at", "pk"))
    count = min(WALKED_AT_MOST, int(len(cases) * WALKED_SHARE))
    agents = list(Agent.objects.filter(left_on__isnull=True).select_related("user"))
    for index in sorted(rng.choice(len(cases), size=count, replace=False).tolist()):
        with transaction.atomic():
            _walk(cases[index], rng, now, agents)
    return RecoveryCase.objects.count()


def _walk(case: RecoveryCase, rng: np.random.Generator, now: datetime,
          agents: list[Agent]) -> None:
    if case.assignee_id is None and agents:
        recovery_case_assign(case, assignee=agents[int(rng.integers(len(agents)))].user)
    # First contacts: a few hours typically, some the next day.
    at = case.opened_at + timedelta(minutes=float(np.clip(rng.lognormal(5.2, 0.9), 10, 2880)))
    if at > now:
        return
    said = case.interaction.text if case.trigger == "complaint" else (
        case.survey_response.comment if case.survey_response else "")
    recovery_case_listen(case, notes=f"Klientas papasakojo: „{said}“" if said else
                         "Klientas papasakojo, kas nutiko; išklausėme iki galo.", now=at)
    cause = case.suggested_cause if case.suggested_cause and rng.random() < 0.85 else str(
        rng.choice(CAUSES, p=CAUSE_SHARES))
    words = CASE_WORDS[cause]
    problem, expectation, solution = words[int(rng.integers(len(words)))]
    at += timedelta(minutes=int(rng.integers(3, 15)))
    recovery_case_paraphrase(case, problem=problem, expectation=expectation,
                             confirmed=rng.random() < 0.95, now=at)
    recovery_case_cause_set(case, cause=cause)
    if case.customer_confirmed_at is None or rng.random() < 0.1:
        return
    recovery_case_agree(case, solution=solution, now=at)
    if rng.random() < 0.4:
        kind, reason = GRANTS[int(rng.integers(len(GRANTS)))]
        compensation_grant(case, granted_by=case.assignee, amount=int(rng.choice(
            [5, 10, 10, 15, 20, 25, 30])), kind=kind, reason=reason, now=at,
            outcome=(CompensationGrant.Outcome.ACCEPTED if rng.random() < 0.85
                     else CompensationGrant.Outcome.DECLINED))
    resolved = at + timedelta(hours=float(rng.uniform(1, 72)))
    if resolved > now:
        return
    recovery_case_resolve(case, now=resolved)
    asked = resolved + FOLLOW_UP_AFTER
    if asked > now - timedelta(hours=6) or rng.random() < 0.3:
        return
    _follow_up(case, rng, asked, now)


def _follow_up(case: RecoveryCase, rng: np.random.Generator, asked: datetime,
               now: datetime) -> None:
    """The follow-up answered as customers answer it: most recovered, some delighted. Filed
    like the demo's other answered invitations (the demo has no links to click)."""
    before = case.score_before if case.score_before is not None else DETRACTOR_UP_TO
    recovered = rng.random() < 0.65
    nps = int(min(10, before + rng.integers(2, 6))) if recovered else int(
        max(0, before - rng.integers(0, 2)))
    expectation = int(rng.integers(6, 10))
    experience = int(np.clip(expectation + (rng.integers(0, 3) if recovered else
                                            -rng.integers(1, 4)), 1, 10))
    answered = asked + timedelta(hours=float(rng.uniform(1, 48)))
    if answered > now:  # not answered yet: no answer is dated in the future
        return
    interaction = case.interaction
    channel = interaction.channel if interaction else Channel.objects.get(
        code=Channel.Code.EMAIL)
    response = survey_response_record(
        survey=follow_up_survey_ensure(), customer=case.customer, interaction=interaction,
        channel=channel,
        touchpoint_id=interaction and interaction.touchpoint_id,
        location_id=interaction and interaction.location_id, responded_at=answered,
        language=case.customer.preferred_language, nps=nps, expectation=expectation,
        experience=experience)
    invitation = Invitation.objects.create(
        survey=response.survey, customer=case.customer, channel=channel,
        interaction=interaction,
        delivery=Invitation.Delivery.EMAIL, language=response.language,
        token_digest=token_digest(token_new()), created_at=asked, sent_at=asked,
        opened_at=answered - timedelta(minutes=2), answered_at=answered, response=response,
        expires_at=asked + timedelta(days=14))
    RecoveryCase.objects.filter(pk=case.pk).update(follow_up_invitation=invitation)
    case.follow_up_invitation = invitation
    recovery_follow_up_record(case, now=answered + timedelta(hours=2))

