"""Forms of the audit pages: what to show on the overview, and recording an audit."""

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.audits.models import AuditKind, ServiceStandard, StandardCriterion
from kliento.audits.selectors import Dimension, criteria_for, standard_default, standards_in_use
from kliento.organisation.calendar import organisation_timezone
from kliento.organisation.models import Agent, Location, Team
from kliento.organisation.periods import DEFAULT_WEEKS, WEEK_CHOICES

ALL_STANDARDS = "all"
DIMENSION_CHOICES = [(Dimension.LOCATION.value, _("Location")),
                     (Dimension.TEAM.value, _("Team")),
                     (Dimension.AGENT.value, _("Agent"))]
ROLLUP_TITLES = {Dimension.LOCATION: _("Scores by location"), Dimension.TEAM: _("Scores by team"),
                 Dimension.AGENT: _("Scores by agent")}
# Agents who left recently can still be audited for a visit before they left.
RECENT_LEAVERS = timedelta(days=90)


class OverviewForm(forms.Form):
    """Every field is optional: a missing or unknown value falls back to its default."""

    by = forms.ChoiceField(label=_("Roll up by"), choices=DIMENSION_CHOICES, required=False)
    weeks = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False)
    standard = forms.ChoiceField(label=_("Standard"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["weeks"].choices = [
            (weeks, ngettext("Last %(weeks)d week", "Last %(weeks)d weeks", weeks)
             % {"weeks": weeks}) for weeks in WEEK_CHOICES]
        standards = list(ServiceStandard.objects.values_list("pk", "name"))
        self.fields["standard"].choices = [(ALL_STANDARDS, _("All standards")), *standards]
        default = standard_default()
        self.initial = {"by": Dimension.LOCATION.value, "weeks": DEFAULT_WEEKS,
                        "standard": default.pk if default else ALL_STANDARDS}
        if self.is_bound:
            # Unknown values fall back to the defaults instead of failing the page.
            data = self.data.copy()
            for name, field in self.fields.items():
                valid = {str(value) for value, _label in field.choices}
                if data.get(name) not in valid:
                    data[name] = str(self.initial[name])
            self.data = data

    def params(self) -> dict:
        """``by`` (a :class:`Dimension`), ``weeks`` and ``standard`` (None: all of them)."""
        values = self.cleaned_data if self.is_bound and self.is_valid() else self.initial
        standard = str(values["standard"])
        return {
            "by": Dimension(values["by"]),
            "weeks": int(values["weeks"]),
            "standard": (None if standard == ALL_STANDARDS
                         else ServiceStandard.objects.get(pk=int(standard))),
        }


class AuditSetupForm(forms.Form):
    """Which standard and which kind of audit: they decide the criteria to answer. A missing
    value falls back to the default standard and to a visit."""

    standard = forms.ModelChoiceField(label=_("Standard"), queryset=ServiceStandard.objects.none(),
                                      empty_label=None, required=False)
    kind = forms.ChoiceField(label=_("What was audited"), choices=AuditKind.choices,
                             required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards_in_use()
        default = standard_default()
        self.initial = {"standard": default, "kind": AuditKind.VISIT}

    def chosen(self) -> tuple[ServiceStandard | None, str]:
        cleaned = self.cleaned_data if self.is_bound and self.is_valid() else {}
        standard = (cleaned.get("standard") or self.initial["standard"]
                    or standards_in_use().first())
        return standard, cleaned.get("kind") or self.initial["kind"]


def _agent_choices(today) -> list:
    """Agents grouped by team, for a long list an auditor can scan."""
    agents = (Agent.objects.filter(Q(left_on__isnull=True) | Q(left_on__gte=today - RECENT_LEAVERS))
              .select_related("user", "team").order_by("team__name", "user__last_name",
                                                       "user__first_name"))
    groups: dict[str, list] = {}
    for agent in agents:
        team = agent.team.name if agent.team else str(_("No team"))
        groups.setdefault(team, []).append((agent.pk, str(agent)))
    return [("", _("Not known")), *groups.items()]


class AuditForm(forms.Form):
    """Who and when, then every criterion of the standard for this kind of audit as a
    met / not met choice with an optional note."""

    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.all(),
                                      required=False, empty_label=_("The agent's location"))
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False,
                                  empty_label=_("The agent's team"))
    agent = forms.TypedChoiceField(label=_("Agent"), coerce=int, required=False,
                                   empty_value=None)
    audited_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    MET_CHOICES = [("yes", _("Met")), ("no", _("Not met"))]

    def __init__(self, *args, standard: ServiceStandard, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        now = timezone.localtime(timezone=organisation_timezone()).replace(second=0,
                                                                            microsecond=0)
        self.fields["audited_at"].initial = now
        self.fields["agent"].choices = _agent_choices(now.date())
        if kind == AuditKind.VISIT:
            self.fields["location"].help_text = _("A visit needs one; left empty, the agent's "
                                                  "location is used.")
        self.criteria: list[StandardCriterion] = list(criteria_for(standard, kind))
        for criterion in self.criteria:
            self.fields[f"met_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text(), choices=self.MET_CHOICES, widget=forms.RadioSelect,
                error_messages={"required": _("Choose met or not met.")},
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note (optional)"), required=False, max_length=500)

    def clean_agent(self) -> Agent | None:
        pk = self.cleaned_data.get("agent")
        if pk is None:
            return None
        agent = Agent.objects.select_related("user", "team", "location").filter(pk=pk).first()
        if agent is None:
            raise forms.ValidationError(_("This agent no longer exists."))
        return agent

    def who_fields(self):
        return [self[name] for name in ("location", "team", "agent", "audited_at")]

    def criterion_rows(self):
        """(criterion, met / not met field, note field) in the standard's order."""
        return [(criterion, self[f"met_{criterion.pk}"], self[f"note_{criterion.pk}"])
                for criterion in self.criteria]

    def record_kwargs(self) -> dict:
        """The cleaned form as :func:`kliento.audits.services.audit_record` takes it."""
        data = self.cleaned_data
        return {
            "kind": self.kind, "location": data["location"], "team": data["team"],
            "agent": data["agent"], "audited_at": data["audited_at"], "notes": data["notes"],
            "checks": {c.pk: data[f"met_{c.pk}"] == "yes" for c in self.criteria},
            "check_notes": {c.pk: data[f"note_{c.pk}"] for c in self.criteria
                            if data[f"note_{c.pk}"]},
        }
