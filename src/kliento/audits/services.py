"""Writes for service standards and mystery-shopping audits."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.audits.default_standard import DEFAULT_CRITERIA, DEFAULT_STANDARD_NAME
from kliento.audits.models import Audit, AuditCheck, AuditKind, ServiceStandard, StandardCriterion
from kliento.organisation.calendar import local_date
from kliento.organisation.models import Agent, Location, Team

# Clock drift between an auditor's phone and the server is not "in the future".
CLOCK_TOLERANCE = timedelta(minutes=5)


def audit_score(checks: Iterable[tuple[int, bool]]) -> float:
    """Weighted share of the criteria met, in percent: Σ weights met ÷ Σ weights × 100.

    >>> audit_score([(2, True), (1, False), (1, True)])
    75.0
    """
    checks = list(checks)
    total = sum(weight for weight, _met in checks)
    if total <= 0:
        raise ValueError("a score needs at least one criterion with a positive weight")
    return 100.0 * sum(weight for weight, met in checks if met) / total


@transaction.atomic
def audit_record(
    *,
    standard: ServiceStandard,
    auditor: User,
    kind: str,
    audited_at: datetime,
    checks: Mapping[int, bool],
    location: Location | None = None,
    team: Team | None = None,
    agent: Agent | None = None,
    notes: str = "",
    check_notes: Mapping[int, str] | None = None,
) -> Audit:
    """Record one audit: ``checks`` answers every criterion the standard checks on this kind
    of audit (criterion id → met), nothing else. Team and location default to the agent's.
    Raises :class:`ValidationError` — and stores nothing — when an answer is missing or foreign.
    """
    check_notes = check_notes or {}
    if kind not in AuditKind.values:
        raise ValidationError({"kind": _("Choose a visit, a call or an e-mail.")})
    if not standard.is_active:
        raise ValidationError({"standard": _("This standard is retired; choose one in use.")})
    if audited_at > timezone.now() + CLOCK_TOLERANCE:
        raise ValidationError({"audited_at": _("An audit records something that has already "
                                               "happened.")})
    if agent is not None and agent.user_id == auditor.pk:
        raise ValidationError({"agent": _("Nobody audits their own work.")})

    criteria = list(standard.criteria.filter(**{StandardCriterion.KIND_FIELDS[kind]: True}))
    if not criteria:
        raise ValidationError(_("This standard checks nothing on this kind of audit."))
    missing = [criterion for criterion in criteria if criterion.pk not in checks]
    if missing:
        raise ValidationError(
            _("Not answered: %(criteria)s"), code="missing",
            params={"criteria": "; ".join(f"“{criterion.text()}”" for criterion in missing)},
        )
    foreign = sorted(set(checks) - {criterion.pk for criterion in criteria})
    if foreign:
        raise ValidationError(
            _("Answers to criteria this standard does not check here: %(ids)s"),
            code="foreign", params={"ids": ", ".join(map(str, foreign))},
        )
    if set(check_notes) - set(checks):
        raise ValueError("a note belongs to a criterion that was answered")

    if agent is not None:
        team = team or agent.team
        location = location or agent.location
    audit = Audit(
        standard=standard, auditor=auditor, kind=kind, location=location, team=team,
        agent=agent, audited_at=audited_at, audited_on=local_date(audited_at), notes=notes,
        score_percent=audit_score((c.weight, bool(checks[c.pk])) for c in criteria),
    )
    audit.full_clean()
    audit.save()
    rows = [AuditCheck(audit=audit, criterion=criterion, met=bool(checks[criterion.pk]),
                       weight=criterion.weight, note=check_notes.get(criterion.pk, "").strip())
            for criterion in criteria]
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)
    AuditCheck.objects.bulk_create(rows)
    return audit


@transaction.atomic
def standard_make_default(standard: ServiceStandard) -> ServiceStandard:
    """The one standard offered first; a default standard is always in use."""
    ServiceStandard.objects.filter(is_default=True).exclude(pk=standard.pk).update(
        is_default=False)
    standard.is_default = standard.is_active = True
    standard.save(update_fields=["is_default", "is_active"])
    return standard


@transaction.atomic
def standard_default_ensure() -> ServiceStandard:
    """The default standard; the shipped checklist when there is none (the data migration
    creates it too, but a flushed database — a reset, a transactional test — must recover)."""
    default = ServiceStandard.objects.filter(is_default=True).first()
    if default is not None:
        return default
    standard, created = ServiceStandard.objects.get_or_create(name=DEFAULT_STANDARD_NAME)
    if created:
        StandardCriterion.objects.bulk_create(
            StandardCriterion(
                standard=standard, position=position, weight=weight,
                for_visits="visit" in kinds, for_calls="call" in kinds,
                for_emails="email" in kinds,
                **{f"text_{language}": text for language, text in texts.items()},
            )
            for position, (weight, kinds, texts) in enumerate(DEFAULT_CRITERIA, start=1)
        )
    return standard_make_default(standard)
