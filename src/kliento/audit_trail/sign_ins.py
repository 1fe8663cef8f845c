"""Sign-ins, failed sign-ins and sign-outs in the audit log, from Django's own signals (axes
counts the failures for throttling; the audit log says who, when and from where)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kliento.audit_trail.context import Source
from kliento.audit_trail.models import AuditEvent
from kliento.audit_trail.services import audit_event_record


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def signed_in_logged(sender, request, user, **kwargs) -> None:
    audit_event_record(AuditEvent.Action.SIGNED_IN, obj=user, actor=user, source=Source.PAGE,
                       detail={"address": _address(request)})


@receiver(user_logged_out)
def signed_out_logged(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_event_record(AuditEvent.Action.SIGNED_OUT, obj=user, actor=user,
                           source=Source.PAGE, detail={"address": _address(request)})


@receiver(user_login_failed)
def sign_in_failure_logged(sender, credentials, request=None, **kwargs) -> None:
    # Only the user name tried: never the password (Django already masks it).
    audit_event_record(AuditEvent.Action.SIGN_IN_FAILED, object_type="accounts.user",
                       object_repr=str(credentials.get("username", ""))[:150], actor=None,
                       source=Source.PAGE, detail={"address": _address(request)})
