"""Reads for imports."""

from pathlib import Path

from kliento.imports.presets import PRESETS
from kliento.imports.readers import read_rows
from kliento.interactions.models import Interaction


def servicenow_sla_comparison(path: Path) -> dict[str, float | int]:
    """Kliento's SLA (first response within the channel's target) against ServiceNow's own
    ``made_sla`` for the incidents of an imported event log. They need not agree:
    ServiceNow's SLA is about resolution by priority."""
    theirs = {row["external_id"]: row["made_sla"].upper() == "TRUE"
              for _line, row in PRESETS["servicenow"].rows(read_rows(path))
              if row.get("made_sla")}
    ours = {
        external_id: seconds is not None and seconds <= target
        for external_id, seconds, target in Interaction.objects.filter(
            external_id__in=list(theirs)).values_list(
            "external_id", "first_response_seconds", "channel__first_response_target_seconds")
    }
    both = [key for key in theirs if key in ours]
    return {"incidents": len(both),
            "kliento_met": sum(ours[key] for key in both),
            "servicenow_met": sum(theirs[key] for key in both),
            "agree": sum(ours[key] == theirs[key] for key in both)}
