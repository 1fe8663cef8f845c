"""Demo mystery-shopping audits: a few hundred store visits, calls and e-mails scored against
the default service standard.

What makes them believable: the stores are visited and the contact centre is called and
written to, in opening hours; every agent has a general level and one or two behaviours they
habitually skip; two stores still train the pushy first-minute greeting; paraphrasing and
reflecting the customer's mood are missed most, as in real audits; the service programme
half-way through the history lifts every behaviour a little; and the auditor writes a note,
in their own language, on some of what they missed.
"""

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

import numpy as np
from django.db import transaction
from django.utils import timezone

from kliento.accounts.models import User
from kliento.audits.models import Audit, AuditCheck, AuditKind
from kliento.audits.selectors import criteria_for
from kliento.audits.services import audit_score, standard_default_ensure
from kliento.organisation.calendar import local_date, organisation_timezone
from kliento.organisation.models import Agent, Location

# username, first name, last name, the language their notes are in
AUDITORS = (("auditor-ieva", "Ieva", "Kazlauskienė", "lt"),
            ("auditor-janis", "Jānis", "Bērziņš", "lv"),
            ("auditor-marta", "Marta", "Wiśniewska", "pl"))
# Audits a week: visits per store, calls and e-mails to the contact centre (Poisson means).
PER_WEEK = {AuditKind.VISIT: 1.5, AuditKind.CALL: 4.0, AuditKind.EMAIL: 2.5}
# How often an average agent shows each behaviour of the shipped standard, by position.
BASE_RATE = {1: 0.62, 2: 0.88, 3: 0.86, 4: 0.82, 5: 0.60, 6: 0.66, 7: 0.80, 8: 0.72, 9: 0.90,
             10: 0.80}
OTHER_RATE = 0.8  # a criterion a manager added to the standard
PUSHY_GREETING, PUSHY_STORES = 1, 2
PROGRAMME_START = 0.5  # as in kliento.demo.generator: the programme lifts the second half
NOTE_CHANCE = 0.35
NOTES = {  # what the auditor wrote beside a missed behaviour, by position
    "lt": {
        1: "Konsultantas priėjo po kelių sekundžių ir iškart paklausė „Kuo galiu padėti?“",
        2: "Pertraukė du kartus, dar nebaigus pasakoti apie gedimą.",
        5: "Iškart ėmė siūlyti sprendimą, nepasitikslinęs, ko tikiuosi.",
        6: "Į mano susierzinimą nereagavo, kalbėjo lyg niekur nieko.",
        8: "Pasakė tik „susisieksime“, be jokios datos.",
    },
    "lv": {
        1: "Pārdevējs pienāca uzreiz pie durvīm un sāka piedāvāt akcijas preces.",
        2: "Pārtrauca mani, pirms biju izstāstījis visu problēmu.",
        5: "Nepārjautāja, vai pareizi saprata, ko es vēlos.",
        6: "Manu neapmierinātību neievēroja.",
        8: "Neteica, kad sazināsies, tikai „drīzumā”.",
    },
    "pl": {
        1: "Sprzedawca podszedł od razu przy wejściu z pytaniem „W czym mogę pomóc?”.",
        2: "Przerwano mi dwa razy, zanim opisałam problem.",
        5: "Nie upewniono się, czy dobrze zrozumiano, czego oczekuję.",
        6: "Moje zdenerwowanie zostało zignorowane.",
        8: "Usłyszałam tylko „odezwiemy się”, bez konkretnego terminu.",
    },
}
# Local opening hours in which each kind of audit happens, and the days (Monday = 0).
HOURS = {AuditKind.VISIT: (10, 20), AuditKind.CALL: (8, 19), AuditKind.EMAIL: (7, 22)}
DAYS = {AuditKind.VISIT: 6, AuditKind.CALL: 5, AuditKind.EMAIL: 7}


class Auditor(NamedTuple):
    user: User
    language: str


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


@transaction.atomic
def build_audits(*, seed: int, weeks: int, end: date | None = None) -> int:
    """Audits for the ``weeks`` weeks up to ``end`` (default: today); returns how many."""
    # An own random stream: adding audits does not change the rest of the demo.
    rng = np.random.default_rng([seed, 0xA0D17])
    tz = organisation_timezone()
    now = timezone.now()
    end = end or timezone.localdate(timezone=tz)
    first_day = end - timedelta(weeks=weeks) + timedelta(days=1)
    standard = standard_default_ensure()
    criteria = {kind: list(criteria_for(standard, kind)) for kind in AuditKind.values}
    auditors = _auditors()

    agents = list(Agent.objects.filter(location__isnull=False).select_related("location")
                  .order_by("pk"))
    if not agents:
        return 0
    stores = list(Location.objects.filter(kind=Location.Kind.STORE, agents__isnull=False)
                  .distinct().order_by("pk"))
    centre_agents = [a for a in agents if a.location.kind == Location.Kind.CONTACT_CENTRE]
    level = dict(zip((a.pk for a in agents), rng.normal(0, 0.7, len(agents)), strict=True))
    positions = sorted({c.position for kind_criteria in criteria.values()
                        for c in kind_criteria})
    # One or two behaviours each agent habitually skips.
    weak = {a.pk: set(rng.choice(positions, size=min(len(positions), int(rng.integers(1, 3))),
                                 replace=False).tolist())
            for a in agents}
    pushy = {stores[i].pk for i in rng.permutation(len(stores))[:PUSHY_STORES]}

    audits, answers = [], []
    for week in range(weeks):
        week_days = [first_day + timedelta(weeks=week, days=d) for d in range(7)]
        jobs = [(AuditKind.VISIT, store) for store in stores
                for _ in range(rng.poisson(PER_WEEK[AuditKind.VISIT]))]
        if centre_agents:
            jobs += [(kind, None) for kind in (AuditKind.CALL, AuditKind.EMAIL)
                     for _ in range(rng.poisson(PER_WEEK[kind]))]
        for kind, store in jobs:
            open_days = [d for d in week_days if d.weekday() < DAYS[kind]]
            day = open_days[int(rng.integers(len(open_days)))]
            low, high = HOURS[kind]
            moment = datetime.combine(day, time(int(rng.integers(low, high)),
                                                int(rng.integers(60))), tz)
            pool = [a for a in (agents if store else centre_agents)
                    if (store is None or a.location_id == store.pk)
                    and a.hired_on <= day and (a.left_on is None or a.left_on >= day)]
            if moment >= now or not pool or not criteria[kind]:
                continue
            agent = pool[int(rng.integers(len(pool)))]
            auditor = _auditor_for(rng, auditors, kind, agent)
            progress = (day - first_day).days / (weeks * 7)
            shift = level[agent.pk] + (0.5 if progress >= PROGRAMME_START else 0.0)
            checks = []
            for criterion in criteria[kind]:
                logit = _logit(BASE_RATE.get(criterion.position, OTHER_RATE)) + shift
                if criterion.position in weak[agent.pk]:
                    logit -= 1.6
                if criterion.position == PUSHY_GREETING and agent.location_id in pushy:
                    logit -= 1.2
                met = bool(rng.random() < 1 / (1 + np.exp(-logit)))
                note = ""
                if not met and rng.random() < NOTE_CHANCE:
                    note = NOTES[auditor.language].get(criterion.position, "")
                checks.append((criterion, met, note))
            audits.append(Audit(
                standard=standard, auditor=auditor.user, kind=kind, location=agent.location,
                team_id=agent.team_id, agent=agent, audited_at=moment,
                audited_on=local_date(moment),
                score_percent=audit_score((c.weight, met) for c, met, _note in checks),
            ))
            answers.append(checks)
    Audit.objects.bulk_create(audits)
    AuditCheck.objects.bulk_create(
        AuditCheck(audit=audit, criterion=criterion, met=met, weight=criterion.weight, note=note)
        for audit, checks in zip(audits, answers, strict=True)
        for criterion, met, note in checks
    )
    return len(audits)


def _auditors() -> dict[str, Auditor]:
    found = {}
    for username, first, last, language in AUDITORS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        found[language] = Auditor(user, language)
    return found


def _auditor_for(rng: np.random.Generator, auditors: dict[str, Auditor], kind: str,
                 agent: Agent) -> Auditor:
    """Jānis visits the Rīga store; Ieva the Lithuanian ones; calls and e-mails are shared
    between Ieva and Marta."""
    if kind == AuditKind.VISIT:
        return auditors["lv" if agent.location.city == "Rīga" else "lt"]
    return auditors["lt" if rng.random() < 0.5 else "pl"]
