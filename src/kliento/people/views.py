"""Pages of the people app: an agent's scorecard, the fair leaderboard, contests and the
bonus payouts for payroll. Thin: parse, ask one selector or service, render."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kliento.access.decorators import page_requires
from kliento.people.bonuses import payouts_for
from kliento.people.forms import (
    BoardForm,
    ContestForm,
    PayoutPeriodForm,
    ScorecardForm,
    period_of,
)
from kliento.people.leaderboard import board_for
from kliento.people.models import BonusRule
from kliento.people.payroll_export import payroll_csv, payroll_xlsx
from kliento.people.presentation import month_chart, shown, shown_board
from kliento.people.scorecard import definition_of
from kliento.people.selectors import (
    SCORECARD,
    agent_scorecard,
    badges_for,
    contest_board,
    contest_entrants,
    contest_standings_for,
    contests_visible,
    open_cases,
    open_promises,
    praise_for,
    scorecard_agents,
)
from kliento.people.services import contest_create, payouts_export_log
from kliento.ui.formatting import format_money


@page_requires(SCORECARD)
def scorecard_mine(request):
    agent = getattr(request.user, "agent", None)
    if agent is None:
        # A lead or manager without a desk of their own goes to the board of their agents.
        return redirect("people:leaderboard")
    return scorecard(request, agent.pk)


@page_requires(SCORECARD)
def scorecard(request, pk: int):
    agent = get_object_or_404(scorecard_agents(request.user), pk=pk)
    form = ScorecardForm(request.GET or None)
    today = timezone.localdate()
    start, end = period_of(form.months_chosen(), today)
    lines = agent_scorecard(agent, start, end)
    rows = [{"line": line, "chart": month_chart(line.months),
             "agent": shown(line.unit, line.agent and line.agent.value),
             "team": shown(line.unit, line.team and line.team.value),
             "company": shown(line.unit, line.company and line.company.value),
             "interval": line.agent and (shown(line.unit, line.agent.low),
                                         shown(line.unit, line.agent.high))}
            for line in lines]
    return render(request, "people/scorecard.html", {
        "agent": agent, "form": form, "start": start, "end": end, "rows": rows,
        "praise": praise_for(agent), "promises": open_promises(agent)[:20],
        "cases": open_cases(agent)[:20], "badges": badges_for(agent, today),
        "contests": contest_standings_for(agent, today),
        "is_self": agent.user_id == request.user.pk})


def _board_context(board):
    d = definition_of(board.metric)
    return {"board": shown_board(board, d.unit), "unit": d.unit,
            "group_value": shown(d.unit, board.group_value),
            "kind": d.kind}


@page_requires(SCORECARD)
def leaderboard(request):
    form = BoardForm(request.GET or None)
    params = form.params()
    start, end = period_of(params["months"], timezone.localdate())
    agents = list(scorecard_agents(request.user))
    board = board_for(params["metric"], start, end, agents, params["minimum"])
    return render(request, "people/leaderboard.html", {
        "form": form, "params": params, **_board_context(board)})


@page_requires("people.view_contest")
def contest_list(request):
    today = timezone.localdate()
    return render(request, "people/contests.html", {
        "contests": contests_visible(request.user), "today": today})


@page_requires("people.add_contest")
@require_http_methods(["GET", "POST"])
def contest_new(request):
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contest = contest_create(**form.cleaned_data, created_by=request.user)
        messages.success(request, _("Contest “%(name)s” created.") % {"name": contest.name})
        return redirect("people:contest", pk=contest.pk)
    return render(request, "people/contest_new.html", {"form": form})


@page_requires("people.view_contest")
def contest_detail(request, pk: int):
    contest = get_object_or_404(contests_visible(request.user), pk=pk)
    today = timezone.localdate()
    board = None if contest.starts_on > today else contest_board(contest, today)
    return render(request, "people/contest.html", {
        "contest": contest, "today": today, "finished": contest.ends_on < today,
        "entrants": len(contest_entrants(contest)),
        **(_board_context(board) if board else {"board": None})})


@page_requires("people.export_payouts")
def bonus_list(request):
    form = PayoutPeriodForm(request.GET or None)
    rules = list(BonusRule.objects.filter(is_active=True))
    tables = []  # per rule: its payouts, each with its amount written for the page
    if not form.is_bound or form.is_valid():
        start, end = form.period()
        agents = list(scorecard_agents(request.user))
        for rule in rules:
            payouts = payouts_for(rule, start, end, agents)
            tables.append({"rule": rule, "payouts": payouts,
                           "rows": [(p, format_money(p.amount)) for p in payouts],
                           "cap": format_money(rule.cap) if rule.cap is not None else "—",
                           "per_point": format_money(rule.amount_per_point),
                           "total": format_money(sum((p.amount for p in payouts),
                                                     start=Decimal("0.00")))})
    return render(request, "people/bonuses.html", {"form": form, "tables": tables})


@page_requires("people.export_payouts")
def bonus_export(request, pk: int, file_format: str):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    rule = get_object_or_404(BonusRule, pk=pk)
    form = PayoutPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse("; ".join(f"{field}: {' '.join(errors)}"
                                      for field, errors in form.errors.items()),
                            status=400, content_type="text/plain; charset=utf-8")
    start, end = form.period()
    payouts = payouts_for(rule, start, end, list(scorecard_agents(request.user)))
    payouts_export_log(rule=rule, start=start, end=end, payouts=payouts,
                       file_format=file_format, actor=request.user)
    name = f"bonus-{rule.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(payroll_csv(rule, payouts),
                                content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            payroll_xlsx(rule, payouts),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
