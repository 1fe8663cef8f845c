"""Demo data for the people pages: former agents (turnover), a training half-way through the
history that lifts its attendees a little, customers who thank agents by name, a running and
a finished contest, a bonus rule, and an anonymous employee survey every quarter whose team
eNPS follows the team's customer NPS — a real relation, drawn with noise, not a guaranteed one.
"""

from datetime import date, datetime, timedelta

import numpy as np
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from kliento.accounts.models import User
from kliento.interactions.models import Interaction
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.organisation.models import Agent, Team
from kliento.people.employee_surveys import employee_survey_create
from kliento.people.models import (
    Attendance,
    BonusRule,
    Contest,
    EmployeeAnswer,
    EmployeeSurvey,
    Participation,
    Training,
)
from kliento.people.services import contest_create
from kliento.people.workforce_health import quarter_of
from kliento.surveys.models import SurveyResponse

THANKS = {"lt": "Ačiū, {name}!", "lv": "Paldies, {name}!", "ru": "Спасибо, {name}!",
          "pl": "Dziękuję, {name}!", "en": "Thank you, {name}!"}
WARRANTY, CARD, DELIVERY = "Extended warranty (3 years)", "Store credit card", "Home delivery"
ASSEMBLY, INSTALLATION, REMOVAL, PLAN = ("Assembly", "Installation", "Old appliance removal",
                                         "Service plan")
# What an agent offers at each touchpoint of the demo (generator.TOUCHPOINTS), with shares.
UPSELL_PRODUCTS = {
    "Website and product pages": ((DELIVERY, WARRANTY, ASSEMBLY), (0.5, 0.3, 0.2)),
    "Social media": ((CARD, WARRANTY), (0.6, 0.4)),
    "Store sales floor": ((WARRANTY, DELIVERY, ASSEMBLY), (0.5, 0.3, 0.2)),
    "Store checkout": ((CARD, WARRANTY), (0.6, 0.4)),
    "Store entrance and security": ((CARD,), (1.0,)),
    "Returns desk": ((WARRANTY, CARD), (0.7, 0.3)),
    "Phone hotline": ((DELIVERY, INSTALLATION), (0.5, 0.5)),
    "Live chat": ((DELIVERY, WARRANTY), (0.6, 0.4)),
    "E-mail support": ((WARRANTY, DELIVERY), (0.5, 0.5)),
    "Home delivery": ((ASSEMBLY, REMOVAL), (0.6, 0.4)),
    "Installation and repair": ((PLAN, WARRANTY), (0.6, 0.4)),
}
# Products are not taken alike: (share of the generator's acceptances kept, share of its
# refusals turned into acceptances). A card is a harder sell than carrying the old fridge away.
PRODUCT_TAKE = {WARRANTY: (1.0, 0.0), CARD: (0.4, 0.0), DELIVERY: (1.0, 0.25),
                ASSEMBLY: (1.0, 0.15), INSTALLATION: (1.0, 0.1), REMOVAL: (1.0, 0.3),
                PLAN: (0.7, 0.0)}
UNRECORDED_SHARE = 0.03  # offers whose product the agent did not note
FORMER = (("agent901", "Vaida", "Kairytė", date(2024, 2, 1), 95),
          ("agent902", "Marius", "Lapinas", date(2025, 3, 10), 40),
          ("agent903", "Olga", "Petrova", date(2023, 9, 4), 130))


def demo_people_reset() -> None:
    """Children before parents: what the people demo made, before agents, teams and surveys
    go."""
    for model in (EmployeeAnswer, Participation, EmployeeSurvey, Attendance, Training,
                  Contest, BonusRule):
        model.objects.all().delete()


def demo_people_create(seed: int) -> None:
    rng = np.random.default_rng(seed + 18)
    span = Interaction.objects.aggregate(first=Min("opened_on"), last=Max("opened_on"))
    if span["first"] is None:
        return
    first, last = span["first"], span["last"]
    _former_agents_add(first)
    _praise_add(rng)
    _upsell_moments_add(rng)
    # Its own stream, so that naming products leaves the later draws as they were.
    _upsell_products_set(np.random.default_rng(seed + 1804))
    _training_add(rng, first + (last - first) / 2)
    _contests_add(last)
    _employee_surveys_add(rng, first, last)


def _former_agents_add(first: date) -> None:
    """Three agents who left in the history's quarters: turnover to see."""
    teams = list(Team.objects.order_by("name")[:3])
    for (username, first_name, last_name, hired, days_in), team in zip(FORMER, teams,
                                                                      strict=False):
        user, _ = User.objects.get_or_create(username=username, defaults={
            "first_name": first_name, "last_name": last_name})
        Agent.objects.get_or_create(user=user, defaults={
            "team": team, "location": team.location, "hired_on": hired,
            "left_on": first + timedelta(days=days_in)})


def _praise_add(rng: np.random.Generator) -> None:
    """About one promoter comment in five thanks the agent by first name, in its language."""
    rows = list(SurveyResponse.objects.filter(nps__gte=PROMOTER_FROM,
                                              interaction__agent__isnull=False)
                .exclude(comment="").values_list("pk", "language", "comment",
                                                 "interaction__agent__user__first_name"))
    chosen = [row for row in rows if rng.random() < 0.2]
    changed = [SurveyResponse(pk=pk, comment=THANKS.get(language, THANKS["en"]).format(
        name=name) + " " + comment) for pk, language, comment, name in chosen if name]
    SurveyResponse.objects.bulk_update(changed, ["comment"], batch_size=500)


def _upsell_moments_add(rng: np.random.Generator) -> None:
    """A few offers made during complaints, and answers after an offer a little cooler at
    the touchpoints where offering grates (returns, repairs, the hotline)."""
    complaints = list(Interaction.objects.filter(kind=Interaction.Kind.COMPLAINT,
                                                 upsell_offered=False)
                      .values_list("pk", flat=True))
    offered = [pk for pk in complaints if rng.random() < 0.04]
    Interaction.objects.filter(pk__in=offered).update(upsell_offered=True)
    grating = list(SurveyResponse.objects.filter(
        interaction__upsell_offered=True, nps__gte=7,
        interaction__touchpoint__journey_stage="after").values_list("pk", flat=True))
    cooled = [pk for pk in grating if rng.random() < 0.35]
    SurveyResponse.objects.filter(pk__in=cooled).update(nps=5)


def _upsell_products_set(rng: np.random.Generator) -> None:
    """Name the product of every offer from its touchpoint's usual extras, and let each
    product's acceptance differ; one UPDATE per (product, taken) pair, not per contact."""
    offers = list(Interaction.objects.filter(upsell_offered=True)
                  .values_list("pk", "touchpoint__name", "upsell_accepted").order_by("pk"))
    if not offers:
        return
    pks = np.array([pk for pk, _place, _taken in offers])
    taken = np.array([was_taken for _pk, _place, was_taken in offers])
    products = np.empty(len(offers), dtype=object)
    for index, (_pk, place, _taken) in enumerate(offers):
        names, shares = UPSELL_PRODUCTS.get(place, ((WARRANTY,), (1.0,)))
        products[index] = names[rng.choice(len(names), p=shares)]
    products[rng.random(len(offers)) < UNRECORDED_SHARE] = ""
    draws = rng.random(len(offers))
    for product, (keep, extra) in PRODUCT_TAKE.items():
        mine = products == product
        taken[mine] = np.where(taken[mine], draws[mine] < keep, draws[mine] < extra)
    for product in set(products.tolist()):
        for was_taken in (True, False):
            chosen = pks[(products == product) & (taken == was_taken)].tolist()
            if chosen:
                Interaction.objects.filter(pk__in=chosen).update(
                    upsell_product=product, upsell_accepted=was_taken)


def _training_add(rng: np.random.Generator, held_on: date) -> None:
    """The contact centre's morning team takes a course half-way; afterwards some of their
    passives and detractors become promoters (a modest, real lift)."""
    team = (Team.objects.annotate(answers=Count("interactions__survey_responses"))
            .order_by("-answers", "name").first())
    if team is None:
        return
    training, _ = Training.objects.get_or_create(course="Empatija telefonu", held_on=held_on)
    agents = list(team.agents.filter(left_on__isnull=True))
    Attendance.objects.bulk_create([Attendance(training=training, agent=a) for a in agents],
                                   ignore_conflicts=True)
    after = list(SurveyResponse.objects.filter(
        interaction__agent__in=agents, responded_on__gt=held_on,
        nps__lt=PROMOTER_FROM).values_list("pk", flat=True))
    lifted = [pk for pk in after if rng.random() < 0.12]
    SurveyResponse.objects.filter(pk__in=lifted).update(nps=PROMOTER_FROM)


def _contests_add(last: date) -> None:
    """A quarter-end CSAT sprint running now and last month's promise-keeping contest; a
    monthly CSAT bonus. Samples are small at demo scale, so the minimums are too."""
    month_start = last.replace(day=1)
    previous_end = month_start - timedelta(days=1)
    two_months_back = (previous_end.replace(day=1) - timedelta(days=1)).replace(day=1)
    contest_create(name="Rudens CSAT sprintas", metric="csat", starts_on=two_months_back,
                   ends_on=(month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1),
                   minimum_sample=8, prize="Pietūs su vadove ir laisva penktadienio popietė.")
    contest_create(name="Lapkričio pažadų čempionai", metric="promise_kept",
                   starts_on=previous_end.replace(day=1), ends_on=previous_end,
                   minimum_sample=5, prize="Kino bilietai dviem.")
    BonusRule.objects.get_or_create(name="CSAT premija", defaults={
        "metric": "csat", "target": 70, "amount_per_point": 2, "cap": 50,
        "minimum_sample": 3})


def _employee_surveys_add(rng: np.random.Generator, first: date, last: date) -> None:
    """A round per quarter of the history. Each team's employees answer; the team's
    engagement follows its customers' NPS that quarter plus noise (the seeds' claim, made
    visible but not forced)."""
    today = timezone.localdate()
    quarter = quarter_of(first)
    rounds = []
    while quarter[0] <= last:
        start = max(quarter[0], first)
        end = quarter[1]
        label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
        rounds.append(employee_survey_create(name=f"Darbuotojų apklausa {label}",
                                             starts_on=start, ends_on=end))
        quarter = quarter_of(quarter[1] + timedelta(days=1))
    for round_ in rounds:
        customers = dict(
            SurveyResponse.objects.filter(responded_on__range=(round_.starts_on, round_.ends_on),
                                          nps__isnull=False, interaction__team__isnull=False)
            .values_list("interaction__team").annotate(
                nps=100.0 * (Count("id", filter=Q(nps__gte=PROMOTER_FROM))
                             - Count("id", filter=Q(nps__lte=DETRACTOR_UP_TO)))
                / Count("id")))
        centre = np.mean(list(customers.values())) if customers else 0.0
        moment = min(round_.ends_on, today)
        responses, teams = [], []
        for team in Team.objects.annotate(n=Count("agents")):
            staff = team.agents.filter(hired_on__lte=moment).exclude(left_on__lt=moment).count()
            if team.pk not in customers or staff == 0:
                continue
            latent = 10 + 1.5 * (customers[team.pk] - centre) + rng.normal(0, 10)
            promoter = min(0.9, max(0.05, 0.4 + latent / 200))
            detractor = min(0.9 - promoter, max(0.05, 0.4 - latent / 200))
            answering = max(1, round(staff * rng.uniform(0.7, 1.0)))
            for _ in range(answering):
                draw = rng.random()
                score = (int(rng.integers(9, 11)) if draw < promoter else
                         int(rng.integers(0, 7)) if draw < promoter + detractor else
                         int(rng.integers(7, 9)))
                day = round_.starts_on + timedelta(days=int(rng.integers(0, 14)))
                responses.append(SurveyResponse(
                    survey=round_.survey, nps=score, language="lt",
                    responded_at=timezone.make_aware(datetime(day.year, day.month, day.day)),
                    responded_on=day))
                teams.append(team)
        made = SurveyResponse.objects.bulk_create(responses)
        EmployeeAnswer.objects.bulk_create([
            EmployeeAnswer(employee_survey=round_, team=team, response=response)
            for team, response in zip(teams, made, strict=True)])
