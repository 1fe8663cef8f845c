"""The responses inbox's download: the filtered responses as CSV (streamed, any number) or
as an Excel workbook (written row by row). Every text cell is formula-neutralised."""

import csv
from collections.abc import Iterable, Iterator
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kliento.surveys.models import SCALES, SurveyResponse
from kliento.ui.spreadsheet_cells import row_neutralised

SCORE_FIELDS = [field for field, *_rest in SCALES]

# Beyond this a workbook is too big to build in a request; the CSV has no limit.
XLSX_ROW_LIMIT = 100_000


def export_header() -> list[str]:
    return [_("id"), _("responded at"), _("survey"), _("customer"), _("customer e-mail"),
            _("agent"), _("touchpoint"), _("channel"), _("language"), *SCORE_FIELDS,
            _("comment"), _("tags")]


def export_row(response: SurveyResponse) -> list:
    interaction = response.interaction
    agent = interaction.agent if interaction is not None else None
    return row_neutralised([
        response.pk, response.responded_at.isoformat(timespec="seconds"),
        str(response.survey or ""), response.customer.full_name if response.customer else "",
        response.customer.email if response.customer else "", str(agent or ""),
        str(response.touchpoint or ""), str(response.channel or ""), response.language,
        *(getattr(response, field) for field in SCORE_FIELDS), response.comment,
        ", ".join(tag.name for tag in response.tags.all()),
    ])


class _Echo:
    def write(self, value):
        return value


def responses_as_csv(responses: Iterable[SurveyResponse]) -> Iterator[str]:
    """CSV lines, header first, one response at a time: for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export_header())  # the BOM makes Excel read UTF-8
    for response in responses:
        yield writer.writerow(export_row(response))


def responses_as_xlsx(responses: Iterable[SurveyResponse]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    sheet.append(export_header())
    for response in responses:
        sheet.append(export_row(response))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
