"""Small server-side SVG charts for the questions pages: a topic's contacts per week as bars,
small beside a candidate and large on the topic's page (where the week its FAQ entry went
public is marked). Plain SVG attributes, no inline styles (the pages' CSP refuses them)."""

from datetime import date, timedelta

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kliento.ui.formatting import format_count
from kliento.ui.periods import not_after_today, running_index, so_far


def weekly_bars(weeks: list[tuple[date, int]], *, title: str, width: int = 132,
                height: int = 30, labelled: bool = False, marked: date | None = None
                ) -> SafeString:
    """Bars of ``(week start, count)``; ``labelled`` adds the weeks' dates under every
    fourth bar and the highest count; ``marked`` draws a line at that week. The week not
    over yet is drawn as on the dashboard (pale, dashed outline, "(so far)"), and no week
    after today."""
    started = not_after_today([week for week, _count in weeks])
    weeks = weeks[:len(started)]
    running = running_index([week + timedelta(days=6) for week in started])
    if not weeks:
        return SafeString("")
    bottom = height - (16 if labelled else 1)
    top = 12 if labelled else 1
    slot = width / len(weeks)
    highest = max(count for _week, count in weeks) or 1
    bars, labels = [], []
    for i, (week, count) in enumerate(weeks):
        bar_height = (bottom - top) * count / highest
        x = i * slot + slot * 0.15
        bars.append(("wk-bar running" if i == running else "wk-bar", f"{x:.1f}",
                     f"{bottom - bar_height:.1f}", f"{slot * 0.7:.1f}",
                     f"{max(bar_height, 0.5):.1f}",
                     so_far(f"{week.isoformat()}: {format_count(count)}") if i == running
                     else f"{week.isoformat()}: {format_count(count)}"))
        if labelled and i % 4 == 0:
            labels.append((f"{x:.1f}", f"{height - 3}", week.strftime("%m-%d")))
    rects = format_html_join(
        "", '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        bars)
    texts = format_html_join("", '<text class="tick" x="{}" y="{}">{}</text>', labels)
    extra = SafeString("")
    if labelled:
        extra = format_html('<text class="tick" x="0" y="9">{}</text>', format_count(highest))
    if marked is not None:
        for i, (week, _count) in enumerate(weeks):
            if week <= marked < date.fromordinal(week.toordinal() + 7):
                x = i * slot + slot / 2
                extra += format_html('<line class="marker" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                                     f"{x:.1f}", f"{x:.1f}", top - 2, bottom)
    return format_html(
        '<svg class="weekly-bars" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}">{}{}{}</svg>', width, height, width, height, title, rects, texts, extra)
