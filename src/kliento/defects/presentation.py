"""Wording and drawing for the defect pages: the weekly rate as a small server-side SVG
chart, and a plain sentence for the effect of open defects."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kliento.defects.selectors import OpenDefectEffect
from kliento.ui.formatting import format_count, format_number
from kliento.ui.periods import not_after_today, running_index, so_far

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 180, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    running: bool = False  # the week not over yet: pale, dashed outline, "(so far)"


def weekly_bars(weeks: list[datetime], values: list[float | None]) -> dict:
    """Bars for the defects per 1,000 visits of each week, scaled to the tallest; the week
    not over yet drawn as on the dashboard (pale, dashed, "(so far)"), none after today."""
    starts = not_after_today([week.date() if isinstance(week, datetime) else week
                              for week in weeks])
    weeks, values = weeks[:len(starts)], values[:len(starts)]
    running = running_index([start + timedelta(days=6) for start in starts])
    top = max((value for value in values if value is not None), default=0.0) or 1.0
    slot = (CHART_WIDTH - 2 * CHART_PAD) / max(len(weeks), 1)
    usable = CHART_HEIGHT - 2 * CHART_PAD
    bars = []
    for index, (week, value) in enumerate(zip(weeks, values, strict=True)):
        height = usable * (value or 0.0) / top
        bars.append(Bar(x=CHART_PAD + index * slot + slot * 0.15,
                        y=CHART_HEIGHT - CHART_PAD - height, width=slot * 0.7, height=height,
                        label=so_far(date_format(week, "j M")) if index == running
                        else date_format(week, "j M"),
                        value="—" if value is None else format_number(value, 1),
                        running=index == running))
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT, "pad": CHART_PAD,
            "top": format_number(top, 1), "baseline": CHART_HEIGHT - CHART_PAD}


def effect_sentence(effect: OpenDefectEffect) -> str:
    """"While a defect was open, NPS was 12.0 points lower [3.1, 20.5]" or why it cannot say."""
    if effect.difference is None:
        return _("Not enough answers yet: it takes answers about visits both with and without "
                 "an open defect (%(with)s with, %(without)s without).") % {
            "with": format_count(effect.answers_with),
            "without": format_count(effect.answers_without)}
    values = {"points": format_number(abs(effect.difference), 1),
              "low": format_number(effect.low, 1), "high": format_number(effect.high, 1)}
    if effect.low > 0:
        return _("While a defect was open, NPS was %(points)s points higher "
                 "[%(low)s, %(high)s] — surprising; look at which defects.") % values
    if effect.high < 0:
        return _("While a defect was open, NPS was %(points)s points lower [%(low)s, %(high)s]: "
                 "the defects cost real goodwill.") % values
    return _("No real difference yet: %(low)s to %(high)s NPS points either way.") % values

