"""Offers as experiments: define the arms, launch (assign at random, record the assignment,
e-mail the offer in each customer's language with their name exactly as written), redeem a
code. The maths is in :mod:`kliento.experiments`."""

import secrets
from datetime import datetime
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.accounts.models import User
from kliento.customers.consent import ConsentMissing, customer_email_send, may_contact
from kliento.customers.models import Purpose
from kliento.experiments.assignment import assign
from kliento.occasions.models import OfferArm, OfferAssignment, OfferExperiment
from kliento.occasions.selectors import offer_audience

GREETING_KINDS = (OfferArm.Kind.GREETING, OfferArm.Kind.GREETING_DISCOUNT)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a till


def offer_experiment_create(*, name: str, arms: list[tuple[str, int]], occasion: str = "",
                            discount_percent: Decimal | float = 1, window_days: int = 30,
                            seed: int | None = None, created_by: User | None = None
                            ) -> OfferExperiment:
    """An experiment in draft with its arms ``(kind, share %)``: shares add up to 100, each
    kind once, and a control arm ("nothing") so there is something to compare with."""
    errors: dict[str, list[str]] = {}
    kinds = [kind for kind, _share in arms]
    if len(arms) < 2:
        errors["arms"] = [_("An experiment needs at least two arms.")]
    elif len(set(kinds)) != len(kinds):
        errors["arms"] = [_("Each kind of arm can be used once.")]
    elif OfferArm.Kind.NOTHING not in kinds:
        errors["arms"] = [_("Keep a control group (the arm that gets nothing): without it "
                            "no effect can be measured.")]
    elif any(kind not in OfferArm.Kind.values for kind in kinds):
        errors["arms"] = [_("Unknown kind of arm.")]
    elif sum(share for _kind, share in arms) != 100 or any(share < 1 for _k, share in arms):
        errors["arms"] = [_("The shares must be whole percentages adding up to 100.")]
    experiment = OfferExperiment(
        name=(name or "").strip(), occasion=(occasion or "").strip(),
        discount_percent=Decimal(str(discount_percent)), window_days=window_days,
        seed=secrets.randbelow(2**31) if seed is None else seed, created_by=created_by)
    try:
        experiment.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        experiment.save()
        OfferArm.objects.bulk_create(
            OfferArm(experiment=experiment, kind=kind, share=share, position=position)
            for position, (kind, share) in enumerate(arms))
    return experiment


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def offer_experiment_launch(experiment: OfferExperiment, *, now: datetime | None = None,
                            base_url: str | None = None) -> int:
    """Assign every customer who agreed to occasions and offers — and nobody else — to an
    arm, reproducibly from the experiment's seed, record it, and e-mail the offers after
    commit (the control group hears nothing). Returns the number assigned."""
    now = now or timezone.now()
    with transaction.atomic():
        experiment = OfferExperiment.objects.select_for_update().get(pk=experiment.pk)
        if experiment.status != OfferExperiment.Status.DRAFT:
            raise ValidationError({"status": [_("This experiment was launched already.")]})
        arms = list(experiment.arms.order_by("position"))
        ids = list(offer_audience().values_list("pk", flat=True))
        if not ids:
            raise ValidationError({"status": [_("No customer has agreed to occasions and "
                                                "offers yet: there is nobody to assign.")]})
        arm_of = assign(ids, [arm.share for arm in arms], experiment.seed)
        OfferAssignment.objects.bulk_create(
            [OfferAssignment(experiment=experiment, arm=arms[index], customer_id=customer,
                             assigned_at=now, code=_code() if arms[index].has_discount else None)
             for customer, index in sorted(arm_of.items())], batch_size=1000)
        experiment.status, experiment.launched_at = OfferExperiment.Status.LAUNCHED, now
        experiment.save(update_fields=["status", "launched_at"])
        transaction.on_commit(partial(offer_emails_send, experiment.pk, base_url=base_url),
                              robust=True)
    return len(arm_of)


def offer_message(assignment: OfferAssignment) -> tuple[str, str]:
    """Subject and body in the customer's language, the name exactly as stored."""
    experiment, customer = assignment.experiment, assignment.customer
    with translation.override(customer.preferred_language):
        greeting = assignment.arm.kind in GREETING_KINDS
        discount = f"{experiment.discount_percent.normalize():f}"
        body = render_to_string("occasions/email/offer.txt", {
            "customer": customer, "greeting": greeting, "occasion": experiment.occasion,
            "code": assignment.code, "discount": discount, "days": experiment.window_days})
        subject = (_("Our wishes for you, %(name)s") if greeting and not assignment.code else
                   _("A %(discount)s %% discount for you, %(name)s")) % {
            "name": customer.full_name, "discount": discount}
    return subject, body


def offer_emails_send(experiment_id: int, *, base_url: str | None = None) -> int:
    """E-mail each assigned customer of a non-control arm once (``emailed_at``); those
    without an address or consent by e-mail are on the printable list only."""
    sent = 0
    assignments = (OfferAssignment.objects.filter(experiment_id=experiment_id,
                                                  emailed_at__isnull=True)
                   .exclude(arm__kind=OfferArm.Kind.NOTHING)
                   .select_related("experiment", "arm", "customer"))
    for assignment in assignments:
        if not may_contact(assignment.customer, Purpose.OFFERS):
            continue
        subject, body = offer_message(assignment)
        try:
            customer_email_send(assignment.customer, Purpose.OFFERS, subject=subject,
                                body=body, base_url=base_url)
        except ConsentMissing:
            continue
        OfferAssignment.objects.filter(pk=assignment.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def offer_redeem(code: str, *, now: datetime | None = None) -> OfferAssignment:
    """The till or the shop redeems a discount code, once."""
    now = now or timezone.now()
    code = (code or "").strip().upper()
    with transaction.atomic():
        assignment = (OfferAssignment.objects.select_for_update()
                      .select_related("experiment").filter(code=code).first())
        if assignment is None:
            raise ValidationError({"code": [_("No offer has this code.")]})
        if assignment.redeemed_at is not None:
            raise ValidationError({"code": [_("This code was used already.")]})
        ends = assignment.assigned_at + timezone.timedelta(days=assignment.experiment.window_days)
        if now > ends:
            raise ValidationError({"code": [_("This offer has expired.")]})
        assignment.redeemed_at = now
        assignment.save(update_fields=["redeemed_at"])
    return assignment

