"""Column presets: how other tools' exports map onto Kliento's import columns.

``kliento`` is our own template. ``zendesk`` reads a Zendesk ticket export; ``servicenow``
reads a ServiceNow incident *event log* (one row per update of an incident) and derives one
interaction per incident: opened, first response (the first update that takes the incident
out of "New"), resolved, channel from ``contact_type``, team from ``assignment_group`` and
agent from ``assigned_to``. Exports from those tools name people and groups that Kliento
does not know yet, so those presets create the missing customers, teams and agents.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from kliento.imports.fields import is_missing, parse_datetime

Rows = Iterator[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    kinds: tuple[str, ...]
    columns: dict[str, str] = field(default_factory=dict)  # their column → ours
    transform: Callable[[dict[str, str]], dict[str, str]] | None = None
    regroup: Callable[[Rows], Rows] | None = None
    creates: frozenset[str] = frozenset()  # "customers", "teams", "agents"

    def rows(self, rows: Rows) -> Rows:
        if self.regroup:
            rows = self.regroup(rows)
        if not self.columns and not self.transform:
            yield from rows  # our own template: the rows as they are
            return
        for line, raw in rows:
            if "__error__" in raw:
                yield line, raw
                continue
            mapped = {self.columns.get(name, name): value for name, value in raw.items()}
            yield line, self.transform(mapped) if self.transform else mapped


ZENDESK_CHANNELS = {
    "web form": "web", "web widget": "web", "web service": "web", "api": "web",
    "mail": "email", "email": "email", "phone call (incoming)": "phone",
    "phone call (outgoing)": "phone", "voicemail": "phone", "chat": "chat",
    "twitter": "social", "facebook": "social", "whatsapp": "social", "closed ticket": "web",
}


def _zendesk(row: dict[str, str]) -> dict[str, str]:
    row["channel"] = ZENDESK_CHANNELS.get(row.get("channel", "").strip().lower(),
                                          row.get("channel", ""))
    minutes = row.pop("First reply time in minutes", "").strip()
    if minutes and not is_missing(minutes) and row.get("opened_at"):
        try:
            opened = parse_datetime(row["opened_at"])
            row["first_response_at"] = (opened + timedelta(minutes=float(minutes))).isoformat()
        except ValueError:
            pass  # the opened_at column reports its own problem
    row.setdefault("kind", "question")
    return row


SERVICENOW_CHANNELS = {"phone": "phone", "email": "email", "self service": "web",
                       "walk in": "store", "ivr": "phone", "direct opening": "web"}


def _servicenow_incidents(rows: Rows) -> Rows:
    """Fold an incident's events into one row. The log lists each incident's events
    together; an incident is emitted when the next one starts, so memory holds one."""
    current: list[tuple[int, dict[str, str]]] = []
    for line, event in rows:
        if current and event.get("number") != current[0][1].get("number"):
            yield _servicenow_incident(current)
            current = []
        current.append((line, event))
    if current:
        yield _servicenow_incident(current)


def _servicenow_incident(events: list[tuple[int, dict[str, str]]]) -> tuple[int, dict]:
    first_line, first = events[0]
    last = events[-1][1]
    answered = next((event for _line, event in events
                     if event.get("incident_state", "").strip() not in {"New", ""}), None)
    value = lambda text: "" if is_missing(text or "") else text.strip()  # noqa: E731
    return first_line, {
        "external_id": value(first.get("number")),
        "customer_external_id": value(first.get("caller_id")),
        "channel": SERVICENOW_CHANNELS.get(value(first.get("contact_type")).lower(),
                                           value(first.get("contact_type"))),
        "kind": "service",
        "opened_at": value(first.get("opened_at")),
        "first_response_at": value(answered.get("sys_updated_at")) if answered else "",
        "resolved_at": value(last.get("resolved_at")),
        "team": value(last.get("assignment_group")),
        "agent_username": value(last.get("assigned_to")),
        "language": "en",
        "text": " / ".join(part for part in (value(first.get("category")),
                                             value(first.get("subcategory")),
                                             value(first.get("u_symptom"))) if part),
        # Kept for the SLA comparison; not an interaction column.
        "made_sla": value(last.get("made_sla")),
    }


PRESETS = {preset.name: preset for preset in (
    Preset("kliento", "Kliento template", kinds=("customers", "agents", "interactions",
                                                 "promises", "survey_responses")),
    Preset("zendesk", "Zendesk ticket export", kinds=("interactions",), columns={
        "Id": "external_id", "Requester id": "customer_external_id", "Via": "channel",
        "Created at": "opened_at", "Solved at": "resolved_at", "Group": "team",
        "Subject": "text"}, transform=_zendesk, creates=frozenset({"customers", "teams"})),
    Preset("servicenow", "ServiceNow incident event log", kinds=("interactions",),
           regroup=_servicenow_incidents,
           creates=frozenset({"customers", "teams", "agents"})),
)}


def preset_named(name: str) -> Preset | None:
    """A built-in preset, or a saved column mapping of that name."""
    if name in PRESETS:
        return PRESETS[name]
    from kliento.imports.models import ColumnMapping  # presets are plain data otherwise

    mapping = ColumnMapping.objects.filter(name=name).first()
    if mapping is None:
        return None
    return Preset(mapping.name, mapping.name, kinds=(mapping.kind,), columns=mapping.columns)
