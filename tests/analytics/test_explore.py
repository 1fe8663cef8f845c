import csv
import io
import json
import re
from datetime import date

import numpy as np
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kliento.access.roles import Role
from kliento.analytics.drivers import (
    broken_promise_share,
    factor_drivers,
    touchpoint_drivers,
)
from kliento.analytics.explore import explore_table
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.services import demo_reset
from kliento.measure import relative_weights
from kliento.measure.factors import FACTORS
from kliento.surveys.models import SurveyResponse
from tests.factories import UserFactory

START, END = date(2026, 7, 1), date(2026, 9, 30)
# Two of them read the rollups' fill state for the drivers' kept sums (none filled here);
# both durations' histograms come from one query.
EXPLORE_QUERIES = 16
PARAMS = {"start": "2026-07-01", "end": "2026-09-30", "grain": "month", "breakdown": "language"}


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo(DemoPlan(interactions=4000, weeks=16, seed=4, end=date(2026, 10, 4)))
        yield
        demo_reset()


@pytest.fixture
def signed_in(client, history):
    client.force_login(UserFactory(username="explorer", role=Role.MANAGER))
    return client


@pytest.mark.django_db
def test_explore_page_shows_a_row_per_month_and_language(signed_in):
    response = signed_in.get(reverse("analytics:explore"), PARAMS)
    assert response.status_code == 200
    html = response.content.decode()
    for language in ("Lithuanian", "Latvian", "Russian", "Polish", "English"):
        assert f'<th scope="row">{language}</th>' in html
    assert html.count('<td class="left" data-sort="2026-0') == 3 * 5


@pytest.mark.django_db
def test_csv_export_is_the_table_with_intervals(signed_in):
    response = signed_in.get(reverse("analytics:explore"), PARAMS | {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "kliento-2026-07-01-2026-09-30-month-language.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["bucket", "group", "Contacts", "Responses"]
    assert {"NPS", "NPS low", "NPS high", "NPS n"} <= set(header)
    assert len(body) == 15
    nps, low, high = (header.index(name) for name in ("NPS", "NPS low", "NPS high"))
    for row in body:
        if row[nps]:
            assert float(row[low]) <= float(row[nps]) <= float(row[high])


@pytest.mark.django_db
def test_xlsx_export_matches_the_csv(signed_in):
    csv_rows = list(csv.reader(io.StringIO(signed_in.get(
        reverse("analytics:explore"), PARAMS | {"export": "csv"}).content.decode().lstrip(
        "\ufeff"))))
    response = signed_in.get(reverse("analytics:explore"), PARAMS | {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(
        values_only=True)]
    assert len(xlsx_rows) == len(csv_rows)
    assert xlsx_rows[0] == csv_rows[0]
    assert [row[:2] for row in xlsx_rows] == [row[:2] for row in csv_rows]


@pytest.mark.django_db
def test_a_period_ending_before_it_starts_says_so_and_exports_nothing(signed_in):
    response = signed_in.get(reverse("analytics:explore"), PARAMS | {
        "start": "2026-09-30", "end": "2026-07-01", "export": "csv"})
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()


@pytest.mark.django_db
def test_factor_drivers_are_johnson_weights_of_the_stored_scores(history):
    analysis = factor_drivers(START, END)
    scores = np.array(SurveyResponse.objects.filter(
        responded_on__range=(START, END), nps__isnull=False,
        **{f"{f}__isnull": False for f in FACTORS}).values_list(*FACTORS, "nps"), dtype=float)
    expected = relative_weights(scores[:, :-1], scores[:, -1])
    shares = {d.key: d.share for d in analysis.drivers}
    assert [shares[f] for f in FACTORS] == pytest.approx(list(expected.rescaled))
    assert analysis.r_squared == pytest.approx(expected.r_squared)
    assert sum(shares.values()) == pytest.approx(100)
    # The demo makes reliability (keeping promises) matter most, as the seed articles say.
    assert analysis.drivers[0].key in {"reliability", "empathy", "responsiveness"}
    assert shares["reliability"] > shares["tangibles"]


@pytest.mark.django_db
def test_touchpoint_weights_from_group_sums_equal_those_of_the_answers(history):
    """The database's per-touchpoint count, sum and sum of squares give the same weights as
    Johnson's method on every answer's yes/no columns."""
    pairs = np.array(SurveyResponse.objects.filter(
        responded_on__range=(START, END), nps__isnull=False, touchpoint__isnull=False,
    ).values_list("touchpoint_id", "nps"), dtype=float)
    ids, counts = np.unique(pairs[:, 0], return_counts=True)
    others = ids[ids != ids[np.argmax(counts)]]
    expected = relative_weights((pairs[:, [0]] == others[None, :]).astype(float), pairs[:, 1])
    analysis = touchpoint_drivers(START, END)
    shares = {driver.key: driver.share for driver in analysis.drivers}
    assert [shares[str(int(t))] for t in others] == pytest.approx(list(expected.rescaled))
    assert analysis.r_squared == pytest.approx(expected.r_squared)
    assert analysis.n == len(pairs)


@pytest.mark.django_db
def test_drivers_read_sums_not_answers(history, django_assert_num_queries):
    # The rollups' fill state first: the weeks they hold have their sums kept
    # (kliento.analytics.finished); none are filled here.
    with django_assert_num_queries(2):
        factor_drivers(START, END)
    with django_assert_num_queries(3):  # the fill state, the touchpoints' sums, their names
        touchpoint_drivers(START, END)


@pytest.mark.django_db
def test_touchpoint_drivers_leave_out_the_reference_touchpoint(history):
    analysis = touchpoint_drivers(START, END)
    assert analysis is not None
    assert sum(d.share for d in analysis.drivers) == pytest.approx(100)
    assert all(d.n > 0 for d in analysis.drivers)


@pytest.mark.django_db
def test_most_complaints_follow_a_broken_promise_in_the_demo(history):
    share = broken_promise_share(START, END)
    assert share.n > 50
    assert 45 < share.value < 80
    assert share.low < share.value < share.high


@pytest.mark.django_db
def test_the_broken_promise_share_has_one_definition_on_every_surface(history, client):
    """Explore's card, the KPI rows behind the dashboard and the API all read one number."""
    from kliento.analytics.metrics import Breakdown, MetricsQuery, run_metrics
    from kliento.analytics.rollups import run_metrics_with_rollups

    reference = run_metrics(MetricsQuery(START, END, None, Breakdown.NONE))[0]
    assert broken_promise_share(START, END) == reference.broken_promise_share
    assert explore_table(START, END, "week", "team").broken_promise_share() == (
        reference.broken_promise_share)
    weekly = run_metrics_with_rollups(MetricsQuery(START, END))
    assert sum(row.broken_promise_share.n for row in weekly if row.broken_promise_share) == (
        reference.broken_promise_share.n)


def explore_in(language: str) -> str:
    return "/dashboard/explore/" if language == "en" else f"/{language}/dashboard/explore/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lt", "lv", "ru", "pl"])
def test_date_fields_hold_iso_dates_in_every_language(signed_in, language):
    """ru and pl rendered "01.07.2026" into <input type=date>, which browsers show empty."""
    url = explore_in(language)
    response = signed_in.get(url, PARAMS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="date" name="start" value="2026-07-01"' in html
    assert 'type="date" name="end" value="2026-09-30"' in html
    again = signed_in.get(url, PARAMS)
    assert again.content.decode().count('<td class="left" data-sort="2026-0') == 3 * 5


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lt", "lv", "ru", "pl"])
def test_the_export_link_on_first_arrival_downloads_the_table_not_the_page(signed_in, language):
    page = signed_in.get(explore_in(language))
    html = page.content.decode()
    link = html.split('class="exports">', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    download = signed_in.get(explore_in(language) + link.replace("&amp;", "&"))
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.decode("utf-8").lstrip("\ufeff").startswith("bucket,group,")


@pytest.mark.django_db
def test_the_table_shows_the_chosen_measure_with_its_interval_and_basis(signed_in):
    html = signed_in.get(reverse("analytics:explore"),
                         PARAMS | {"measure": "csat"}).content.decode()
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert 'data-measure="csat"' in html and "<h2>CSAT %</h2>" in html
    assert rows.count('class="iv"') >= 10  # the interval under the value, not in a tooltip
    # Few answers: greyed and said, exactly where the cell rests on fewer than 30.
    for cell in rows.split('class="measure-value')[1:]:
        n = int(re.search(r'<td data-sort="(\d+)"', cell).group(1))
        assert (cell.startswith(" few") and "few answers" in cell.split("</tr>")[0]) == (n < 30)
    chart = json.loads(html.split('id="explore-chart-data" type="application/json">', 1)[1]
                       .split("</script>", 1)[0])
    assert chart["unit"] == "csat" and len(chart["series"]) == 5 and len(chart["labels"]) == 3


@pytest.mark.django_db
def test_jargon_waits_in_the_how_this_is_computed_note(signed_in):
    html = signed_in.get(reverse("analytics:explore"), PARAMS).content.decode()
    page, note = html.split('<details class="card how-computed">', 1)
    assert "Johnson" not in page and "R²" not in page
    assert "Johnson 2000" in note and "R² = " in note
    assert re.search(r"Together the five explain \d+ % of the differences", page)


@pytest.mark.django_db
def test_an_unknown_measure_is_named_not_a_server_error(signed_in):
    response = signed_in.get(reverse("analytics:explore"), PARAMS | {"measure": "bogus"})
    assert response.status_code == 200
    assert "Measure:" in response.content.decode()


@pytest.mark.django_db
def test_explore_query_count_is_pinned(signed_in, django_assert_num_queries):
    """A fixed number of queries whatever the data size — none per row, group or answer
    (the drivers read two sums; the broken-promise card adds up the table's rows)."""
    signed_in.get(reverse("analytics:explore"), PARAMS)  # warm the permission cache alike
    with django_assert_num_queries(EXPLORE_QUERIES):
        signed_in.get(reverse("analytics:explore"), PARAMS)


# The table row as the template wrote it before the presenter built it (kept here so the
# two are compared on awkward values: markup in a label, "&" in a link, None, few answers).
ROW_TEMPLATE = """{% load i18n %}<tr{% if row.unfinished %} class="unfinished" title="{% translate 'Still running: not all answers are in' %}"{% endif %}><td class="left" data-sort="{{ row.bucket|date:'Y-m-d' }}">{{ row.bucket|date:"Y-m-d"|default:"—" }}{% if row.unfinished %} <span class="muted">({% translate "running" %})</span>{% endif %}</td><th scope="row">{{ row.label }}</th>
        {% with c=row.contacts %}<td data-sort="{{ c.raw|default_if_none:'' }}">{% if c.url %}<a class="cell-drill" href="{{ c.url }}">{{ c.text }}</a>{% else %}{{ c.text }}{% endif %}</td>{% endwith %}
        {% with c=row.responses %}<td data-sort="{{ c.raw|default_if_none:'' }}">{% if c.url %}<a class="cell-drill" href="{{ c.url }}">{{ c.text }}</a>{% else %}{{ c.text }}{% endif %}</td>{% endwith %}
        {% with c=row.measure %}<td data-sort="{{ c.raw|default_if_none:'' }}" class="measure-value{% if c.few %} few{% endif %}"{% if c.few %} data-few{% endif %}>{% if c.url %}<a class="cell-drill" href="{{ c.url }}">{{ c.text }}</a>{% else %}{{ c.text }}{% endif %}{% if c.interval %}<span class="iv">{{ c.interval }}</span>{% endif %}{% if row.anonymity_note %}<span class="iv anonymity-note">{{ row.anonymity_note }}</span>{% endif %}</td>
        <td data-sort="{{ c.n|default_if_none:'' }}">{% if c.n is not None %}{{ c.n }}{% if c.few %} <span class="few-answers">{% translate "few answers" %}</span>{% endif %}{% else %}—{% endif %}</td>{% endwith %}</tr>"""  # noqa: E501


@pytest.mark.parametrize("language", ["en", "lt"])
@pytest.mark.parametrize("unfinished,few,bucket", [(True, True, date(2026, 9, 7)),
                                                   (False, False, None)])
def test_a_row_built_by_the_presenter_is_the_row_the_template_wrote(language, unfinished,
                                                                   few, bucket):
    from django.template import Context, Template
    from django.utils import translation

    from kliento.analytics.explore import RowWords, row_html

    row = {"bucket": bucket, "label": "<b>Web & \"chat\"</b>", "unfinished": unfinished,
           "contacts": {"text": "1 234", "raw": 1234, "url": "/behind/?a=1&b=<2>"},
           "responses": {"text": "—", "raw": None, "url": None},
           "measure": {"text": "41,5", "raw": 41.523456, "interval": "38 … 45", "n": 12,
                       "few": few, "url": "/behind/?m=nps&x=\"y\""},
           "anonymity_note": "3 anonymous answers <left out>" if few else ""}
    with translation.override(language):
        words = RowWords(translation.gettext("Still running: not all answers are in"),
                         translation.gettext("running"), translation.gettext("few answers"))
        assert row_html(row, words) == Template(ROW_TEMPLATE).render(Context({"row": row}))


@pytest.mark.parametrize("language", ["en", "lt", "pl"])
def test_a_negative_figure_and_its_interval_carry_the_true_minus(language):
    from django.utils import translation

    from kliento.analytics.explore import COLUMNS, cell
    from kliento.analytics.metrics import Estimate, MetricsRow

    nps = next(column for column in COLUMNS if column.key == "nps")
    row = MetricsRow(bucket=date(2026, 11, 2), group=None,
                     nps=Estimate(-25.4, -57.2, 2.6, 40))
    with translation.override(language):
        shown = cell(row, nps)
    assert shown["text"] == "−25"
    assert shown["interval"] == "−57 … 3"
    assert "-" not in shown["text"] + shown["interval"]
