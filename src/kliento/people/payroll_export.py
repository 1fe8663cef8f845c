"""The payroll file of a bonus rule's payouts: CSV or an Excel workbook, one row per agent and
month, every text cell formula-neutralised."""

import csv
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kliento.people.bonuses import Payout
from kliento.people.models import BonusRule
from kliento.ui.spreadsheet_cells import row_neutralised


def payroll_header() -> list[str]:
    return [_("agent"), _("username"), _("team"), _("month"), _("bonus rule"), _("metric"),
            _("observations"), _("result"), _("target"), _("points above target"),
            _("amount (EUR)"), _("capped")]


def payroll_row(rule: BonusRule, payout: Payout) -> list:
    agent = payout.agent
    return row_neutralised([
        str(agent), agent.user.get_username(), str(agent.team or ""),
        payout.month.strftime("%Y-%m"), rule.name, rule.get_metric_display(), payout.n,
        round(payout.result, 2), rule.target, payout.points, float(payout.amount),
        _("yes") if payout.capped else _("no")])


def payroll_csv(rule: BonusRule, payouts: list[Payout]) -> str:
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(payroll_header())
    for payout in payouts:
        writer.writerow(payroll_row(rule, payout))
    return "\ufeff" + buffer.getvalue()  # the BOM makes Excel read UTF-8


def payroll_xlsx(rule: BonusRule, payouts: list[Payout]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Payouts"))
    sheet.append(payroll_header())
    for payout in payouts:
        sheet.append(payroll_row(rule, payout))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
