"""How the people pages show numbers: values by unit, and small month-by-month charts drawn
as SVG on the server (agent, team and company lines)."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kliento.ui.formatting import format_value
from kliento.ui.periods import month_last_day, not_after_today, running_index, so_far

WIDTH, HEIGHT, PAD = 260, 70, 6
SERIES = (("agent", _("Agent")), ("team", _("Team")), ("company", _("Company")))


def shown(unit: str, value: float | None) -> str:
    return "—" if value is None else format_value(unit, value)


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    points: str  # SVG polyline points of the finished months
    running_points: str = ""  # the segment into the month not over yet (drawn dashed, pale)
    running_label: str = ""  # "Dec 2026 (so far)"


def _y(value: float, low: float, span: float) -> float:
    return HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)


def month_chart(months: list[tuple]) -> list[Line]:
    """Polylines for (month, agent, team, company) values, scaled to the box together; the
    month not over yet is drawn apart, as on the dashboard, and no month after today."""
    started = not_after_today([row[0] for row in months])
    months = months[:len(started)]
    running = running_index([month_last_day(month) for month in started])
    values = [v for row in months for v in row[1:] if v is not None]
    if len(months) < 2 or not values:
        return []
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(months) - 1)
    lines = []
    for position, (key, label) in enumerate(SERIES, start=1):
        points = [(i, f"{PAD + i * step:.1f},{_y(row[position], low, span):.1f}")
                  for i, row in enumerate(months) if row[position] is not None]
        if len(points) < 2:
            continue
        done = [xy for i, xy in points if running is None or i < running]
        tail = [xy for i, xy in points if running is not None and i >= running]
        lines.append(Line(key, str(label), " ".join(done),
                          " ".join(done[-1:] + tail) if tail else "",
                          so_far(date_format(months[running][0], "M Y")) if tail else ""))
    return lines


def shown_standing(standing, unit: str) -> dict:
    """A board row with its numbers written for the page."""
    return {"agent": standing.agent, "n": standing.n, "rank": standing.rank,
            "rank_low": standing.rank_low, "rank_high": standing.rank_high,
            "shown_estimate": shown(unit, standing.estimate),
            "shown_low": shown(unit, standing.low), "shown_high": shown(unit, standing.high),
            "shown_raw": shown(unit, standing.raw),
            "weight_percent": format_value("percent", 100.0 * standing.own_weight)}


def shown_board(board, unit: str) -> dict:
    return {"minimum_sample": board.minimum_sample,
            "ranked": [shown_standing(s, unit) for s in board.ranked],
            "unranked": [shown_standing(s, unit) for s in board.unranked]}


SCATTER_SIZE, SCATTER_PAD = 320, 28


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str


def loyalty_dots(rows) -> list[Dot]:
    """Team-periods shown on the loyalty page as dots: eNPS across (−100..100), the same
    team's customer NPS up. Hidden groups have no eNPS and so no dot."""
    inner = SCATTER_SIZE - 2 * SCATTER_PAD

    def place(value: float) -> float:
        return SCATTER_PAD + (value + 100.0) / 200.0 * inner

    return [Dot(round(place(row.enps), 1), round(SCATTER_SIZE - place(row.customer_nps), 1),
                f"{row.team} · {row.employee_survey.starts_on:%Y-%m}: eNPS "
                f"{format_value('points', row.enps)}, NPS "
                f"{format_value('points', row.customer_nps)}")
            for row in rows if row.enps is not None and row.customer_nps is not None]
