"""The owner's monthly report by e-mail: on the first working day of a month, last month's
report goes to everyone who owns the numbers, once. Called by the periodic sweeps
(:mod:`kliento.jobs.services`)."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kliento.analytics.models import MonthlyReportMailing
from kliento.analytics.monthly_report import Month, monthly_report_context, monthly_report_pdf
from kliento.organisation.calendar import first_working_day, local_date

# Who owns the numbers: whoever reaches everyone's records and explores the measures (the
# Manager role as shipped; an owner given those permissions too).
OWNER_PERMISSIONS = ("access.reach_everyone", "access.explore_measures")


def report_owners() -> list[str]:
    """The e-mail addresses of the active people holding every owner permission."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    for name in OWNER_PERMISSIONS:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label,
                                               codename=codename)
        users = users.filter(Q(is_superuser=True) | Q(groups__permissions__in=permission)
                             | Q(user_permissions__in=permission))
    return sorted(set(users.values_list("email", flat=True)))


def report_language() -> str:
    """The owner's language: ``KLIENTO_REPORT_LANGUAGE``, else the site's."""
    return getattr(settings, "KLIENTO_REPORT_LANGUAGE", "") or settings.LANGUAGE_CODE


def monthly_report_send(*, now: datetime | None = None) -> int:
    """Send last month's report when today is on or after this month's first working day and
    it has not gone out yet; returns the number of e-mails sent (0 or 1).

    The mailing row and the sending share one transaction: a failed send leaves no row, so
    the next run tries again; the unique month keeps two workers from both sending."""
    today = local_date(now or timezone.now())
    this_month = Month.of(today)
    month = this_month.previous
    if today < first_working_day(this_month.first_day) or \
            MonthlyReportMailing.objects.filter(month=month.first_day).exists():
        return 0
    recipients = report_owners()
    if not recipients:
        return 0
    language = report_language()
    try:
        with transaction.atomic():
            MonthlyReportMailing.objects.create(month=month.first_day, sent_at=now or
                                                timezone.now(), recipients=recipients,
                                                language=language)
            with translation.override(language):
                _email(month, recipients).send()
    except IntegrityError:  # another worker sent it a moment ago
        return 0
    return 1


def _email(month: Month, recipients: list[str]) -> EmailMessage:
    context = monthly_report_context(month)
    subject = _("%(company)s: customer experience in %(month)s") % {
        "company": context["company"], "month": context["month_name"]}
    body = _("The report for %(month)s is attached. Any other month can be downloaded in "
             "Kliento: %(url)s") % {
        "month": context["month_name"],
        "url": settings.KLIENTO_PUBLIC_URL.rstrip("/") + reverse("analytics:monthly-report")}
    message = EmailMessage(subject=subject, body=body, to=recipients)
    message.attach(f"kliento-report-{month.first_day:%Y-%m}.pdf",
                   monthly_report_pdf(month, context), "application/pdf")
    return message
