from django.conf import settings
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register

from kliento.audit_trail.context import Source, current_actor
from kliento.audit_trail.presentation import ShownChange, shown_changes


class SourcedHistory(models.Model):
    """What every historical row carries beyond simple_history's own columns: the door the
    change came through (page, API, import, job …)."""

    history_source = models.CharField(_("source"), max_length=20, choices=Source, blank=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One entry of the audit log: a change to a tracked record (copied from its historical
    row, with the fields before and after) or an event that changes no record — a sign-in, a
    failed sign-in, an export, a new API token, an erasure."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGNED_OUT = "signed_out", _("Signed out")
        EXPORTED = "exported", _("Exported")
        TOKEN_CREATED = "token_created", _("API token created")
        ROLE_ASSIGNED = "role_assigned", _("Role assigned")
        IMPORTED = "imported", _("Imported")
        CONSENT_CHANGED = "consent_changed", _("Consent changed")
        ERASED = "erased", _("Erased")
        RETENTION = "retention", _("Expired data removed")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                              on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Kept as written at the time: the event still says who after the user is deleted.
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    token_prefix = models.CharField(_("API token"), max_length=16, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # {field: [before, after]}
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    detail = models.JSONField(_("detail"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="audit_event_object"),
            models.Index(fields=["actor", "at"], name="audit_event_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '—'} {self.action} {self.object_type}"

    @property
    def shown_changes(self) -> list[ShownChange]:
        """The changes as people read them (field names and values in their language, the
        rows foreign keys point to by name when :func:`object_history` looked them up)."""
        return shown_changes(self.object_type, self.changes,
                             getattr(self, "related_names", None))


# Roles are Django groups: who gave a role which permissions is history too.
register(Group, app="kliento.audit_trail", bases=[SourcedHistory], m2m_fields=["permissions"],
         get_user=lambda instance=None, request=None, **kwargs: current_actor())
