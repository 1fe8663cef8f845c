"""The link on a survey's thank-you page to the short form where the customer tells us what
else was wrong around the visit (``kliento.defects``). Signed, not stored: it names the
answered invitation and lasts ``REPORT_LINK_MAX_AGE``."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from kliento.surveys.models import Invitation

REPORT_LINK_SALT = "kliento.defects.customer-report"
REPORT_LINK_MAX_AGE = timedelta(days=30)


def report_token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=REPORT_LINK_SALT, compress=True)


def report_path(invitation: Invitation) -> str:
    return reverse("defect-report", args=[report_token(invitation)])


def invitation_for_report_token(token: str) -> Invitation | None:
    """The answered invitation a link was made for; None when the token is forged or too old,
    or its survey was not answered."""
    try:
        payload = signing.loads(token, salt=REPORT_LINK_SALT,
                                max_age=REPORT_LINK_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("invitation"), int):
        return None
    return (Invitation.objects.filter(pk=payload["invitation"], response__isnull=False)
            .select_related("response__interaction", "response__location",
                            "response__touchpoint", "customer").first())
