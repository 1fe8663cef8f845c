"""Pages for recurring questions: the FAQ candidates, one topic (its name, weeks, questions,
FAQ entry and deflection), the comment topics by touchpoint, and the public FAQ (no login)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.access.policy import may
from kliento.customers.models import Language
from kliento.questions import selectors
from kliento.questions.access import access_faq_entry, access_topic
from kliento.questions.charts import weekly_bars
from kliento.questions.forms import (
    CandidateFilterForm,
    FaqEntryForm,
    QuestionFilterForm,
    TopicNameForm,
)
from kliento.questions.models import Source
from kliento.questions.presentation import (
    LANGUAGE_NAMES,
    agreement_words,
    candidate_rows,
    comment_rows,
    deflection_words,
    run_words,
)
from kliento.questions.schedule import mining_run_request
from kliento.questions.services import faq_entry_publish, faq_entry_save, topic_name
from kliento.ui.customer_pages import customer_page_language

PAGE_SIZE = 25
QUESTIONS_PAGE_SIZE = 50
TOPIC_WEEKS = 26


def _add_errors(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@page_requires("questions.view_topic")
def candidate_list(request):
    form = CandidateFilterForm(request.GET or None)
    params = form.params()
    table = selectors.faq_candidates(params["ranking"], weeks=params["weeks"])
    page = Paginator(table.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = ("questions/_candidates.html" if request.headers.get("HX-Request")
                else "questions/candidates.html")
    return render(request, template, {
        "form": form, "params": params, "table": table, "page": page,
        "rows": candidate_rows(page.object_list, table),
        "run": run_words(selectors.latest_run(Source.QUESTIONS)),
        "pending": selectors.pending_run(Source.QUESTIONS),
        "may_mine": may(request.user, "questions.change_topic"),
    })


@page_requires("questions.change_topic")
@require_POST
def mining_request(request):
    source = request.POST.get("source", Source.QUESTIONS)
    try:
        run = mining_run_request(source, user=request.user)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect("questions:candidates")
    if run is None:
        messages.info(request, _("A mining is already waiting or running; its topics will "
                                 "appear when it finishes."))
    else:
        messages.success(request, _("Mining queued: the job worker finds the topics again, "
                                    "keeping the numbers and names of the ones it recognises."))
    return redirect("questions:comments" if source == Source.COMMENTS else "questions:candidates")


def _entry_languages(entry) -> dict:
    """The entry's languages with a text, and those that fall back (to which one)."""
    if entry is None:
        return {}
    written = [(code, name, entry.question[code], entry.answer.get(code, ""))
               for code, name in Language.choices if entry.question.get(code)]
    falling_back = [(name, LANGUAGE_NAMES[selectors.in_language(entry.question, code)[1]])
                    for code, name in Language.choices if not entry.question.get(code)]
    return {"written": written, "falling_back": falling_back}


@page_requires("questions.view_topic")
def topic_detail(request, pk: int):
    topic = access_topic(request.user, pk)
    entry = access_faq_entry(request.user, topic, "questions.view_faqentry")
    weekly = selectors.topic_weekly(topic, weeks=TOPIC_WEEKS)
    deflection = selectors.deflection(topic)
    name_form = TopicNameForm(initial={"name": topic.name})
    return render(request, "questions/topic.html", {
        "topic": topic, "entry": entry, "name_form": name_form,
        "weekly_chart": weekly_bars(
            weekly, title=_("Contacts a week"), width=640, height=150, labelled=True,
            marked=deflection.published_on if deflection else None),
        "weekly_total": sum(count for _week, count in weekly),
        "deflection": deflection_words(deflection),
        "typical": _typical(request.user, topic),
        "entry_languages": _entry_languages(entry),
        "polarity": selectors.polarity_by_topic([topic]).get(topic.pk),
        "may_name": may(request.user, "questions.change_topic"),
        "may_write": may(request.user, "questions.change_faqentry"),
        "may_publish": may(request.user, "questions.publish_faqentry"),
    })


@page_requires("questions.change_topic")
@require_POST
def topic_rename(request, pk: int):
    topic = access_topic(request.user, pk, "questions.change_topic")
    form = TopicNameForm(request.POST)
    if form.is_valid():
        try:
            topic_name(topic, form.cleaned_data["name"], user=request.user)
        except ValidationError as error:
            for problems in error.message_dict.values():
                messages.error(request, " ".join(problems))
        else:
            messages.success(request, _("Name saved; it stays when topics are mined again."))
    else:
        for problems in form.errors.values():
            messages.error(request, " ".join(problems))
    return redirect("questions:topic", pk=topic.pk)


@page_requires("questions.change_faqentry")
def faq_entry_edit(request, pk: int):
    topic = access_topic(request.user, pk)
    entry = access_faq_entry(request.user, topic, "questions.change_faqentry")
    form = FaqEntryForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        question, answer = form.texts()
        try:
            faq_entry_save(topic, question=question, answer=answer, user=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("FAQ entry saved."))
            return redirect("questions:topic", pk=topic.pk)
    typical = _typical(request.user, topic)
    return render(request, "questions/faq_edit.html",
                  {"topic": topic, "entry": entry, "form": form, "typical": typical})


@page_requires("questions.publish_faqentry")
@require_POST
def faq_entry_publishing(request, pk: int):
    topic = access_topic(request.user, pk)
    entry = access_faq_entry(request.user, topic, "questions.publish_faqentry")
    if entry is None:
        messages.error(request, _("Write the FAQ entry before publishing it."))
        return redirect("questions:topic", pk=topic.pk)
    publish = request.POST.get("publish") == "1"
    faq_entry_publish(entry, publish=publish)
    messages.success(request, _("Published on the public FAQ.") if publish
                     else _("Taken off the public FAQ."))
    return redirect("questions:topic", pk=topic.pk)


def _members(user, topic, **filters):
    """The contacts (or, for a comment topic, the survey comments) behind a topic."""
    if topic.source == Source.COMMENTS:
        filters.pop("channel", None)
        return selectors.topic_comments(user, topic, **filters)
    return selectors.topic_questions(user, topic, **filters)


def _typical(user, topic) -> list:
    """The mining's most typical texts (distinct by construction) this person may see."""
    shown = _members(user, topic).filter(pk__in=topic.typical).in_bulk()
    return [shown[pk] for pk in topic.typical if pk in shown]


@page_requires("questions.view_topic")
def topic_question_list(request, pk: int):
    topic = access_topic(request.user, pk)
    form = QuestionFilterForm(request.GET or None)
    questions = _members(request.user, topic, **form.params())
    page = Paginator(questions, QUESTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    template = ("questions/_questions.html" if request.headers.get("HX-Request")
                else "questions/questions.html")
    return render(request, template, {"topic": topic, "form": form, "page": page})


@page_requires("questions.view_topic")
def comment_topic_list(request):
    by_touchpoint = selectors.comment_topics_by_touchpoint()
    topics = {topic for row in by_touchpoint for topic, _n in row.detractors + row.promoters}
    run = selectors.latest_run(Source.COMMENTS)
    return render(request, "questions/comments.html", {
        "by_touchpoint": comment_rows(by_touchpoint, selectors.polarity_by_topic(topics)),
        "run": run_words(run), "agreement": agreement_words(run),
        "pending": selectors.pending_run(Source.COMMENTS),
        "may_mine": may(request.user, "questions.change_topic"),
    })


def public_faq(request):
    """The published answers, in the customer's language (a missing one falls back, never
    blank), searchable whatever the accents and case. No login."""
    language = customer_page_language(request, None)
    query = request.GET.get("q", "")[:200]
    with translation.override(language):
        return render(request, "questions/public/faq.html", {
            "entries": selectors.public_faq(language, query), "query": query,
            "language": language, "languages": Language.choices,
            "today": timezone.localdate()})
