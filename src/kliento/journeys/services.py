"""Writes for journeys: the lifecycle rollups (each customer's status now and a snapshot per
month end), the lifecycle rules, the engagement block and its answers, and the markers of
gestures and campaigns. The rollups are rewritten set-based — one ``INSERT … SELECT`` and one
``UPDATE`` — never customer by customer."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from kliento.customers.models import Customer
from kliento.interactions.models import Interaction
from kliento.journeys.models import (
    CustomerStatus,
    EngagementAnswer,
    EngagementBlock,
    LifecycleRules,
    Marker,
    Segment,
    SegmentSnapshot,
    Stage,
)
from kliento.journeys.rollups import journey_rollups_fill
from kliento.lifecycle import engagement
from kliento.orders.models import Order
from kliento.organisation.calendar import local_date, organisation_timezone
from kliento.promises.models import Promise
from kliento.recovery.models import RecoveryCase
from kliento.surveys.models import Question, Survey, SurveyResponse
from kliento.surveys.services import question_add

# The fact columns of CustomerStatus, in the order the INSERT writes them.
FACT_COLUMNS = ("first_seen_at", "last_seen_at", "last_ordered_at", "last_nps", "last_kv",
                "open_cases", "broken_promises", "last_resolved_at", "stage")


def lifecycle_rules() -> LifecycleRules:
    """The one row of rules (made with the defaults the first time it is asked for)."""
    rules, _created = LifecycleRules.objects.get_or_create(pk=1)
    return rules


def lifecycle_rules_update(**values) -> LifecycleRules:
    """Change the rules; ``ValidationError`` naming the field when a value is refused."""
    rules = lifecycle_rules()
    for name, value in values.items():
        setattr(rules, name, value)
    if rules.quiet_after_days >= rules.lost_after_days:
        raise ValidationError({"lost_after_days": _(
            "A customer is lost only after being at risk: make this longer than the quiet "
            "period.")})
    rules.full_clean()
    rules.save()
    return rules


def _latest(queryset: QuerySet, moment: str, column: str, *, first: bool = False) -> Subquery:
    """``column`` of the customer's latest row by ``moment`` (their earliest with ``first``)."""
    order = (moment, "pk") if first else (f"-{moment}", "-pk")
    return Subquery(queryset.filter(customer=OuterRef("pk")).order_by(*order)
                    .values(column)[:1])


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.filter(customer=OuterRef("pk")).order_by().values("customer") \
        .annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _either(a, b):
    """The later (or earlier) of two moments either of which may be missing: GREATEST of
    PostgreSQL skips a NULL, SQLite's MAX() returns it, so each side stands in for the other."""
    return Coalesce(a, b), Coalesce(b, a)


def customer_facts(as_of: datetime, rules: LifecycleRules) -> QuerySet[Customer]:
    """Every customer annotated with the facts the segment rules read, as of ``as_of``:
    correlated subqueries over the (customer, time) indexes of each table."""
    orders = Order.objects.filter(ordered_at__lte=as_of)
    contacts = Interaction.objects.filter(opened_at__lte=as_of)
    scored = SurveyResponse.objects.filter(responded_at__lte=as_of)
    cases = RecoveryCase.objects.filter(opened_at__lte=as_of)
    open_cases = cases.filter(Q(resolved_at__isnull=True) | Q(resolved_at__gt=as_of),
                              Q(closed_at__isnull=True) | Q(closed_at__gt=as_of))
    broken = Promise.objects.filter(
        status=Promise.Status.BROKEN,
        due_at__range=(as_of - timedelta(days=rules.broken_promise_days), as_of))
    kv = scored.filter(expectation__isnull=False, experience__isnull=False).annotate(
        kv=Cast("experience", FloatField()) / Cast("expectation", FloatField()))
    answers = EngagementAnswer.objects.filter(answered_at__lte=as_of).annotate(
        stage=stage_case())
    last_order, first_order = (_latest(orders, "ordered_at", "ordered_at"),
                               _latest(orders, "ordered_at", "ordered_at", first=True))
    last_contact, first_contact = (_latest(contacts, "opened_at", "opened_at"),
                                   _latest(contacts, "opened_at", "opened_at", first=True))
    return Customer.objects.annotate(
        # A customer never seen is judged by when they were added.
        first_seen_at=Coalesce(Least(*_either(first_order, first_contact)), "created_at"),
        last_seen_at=Coalesce(Greatest(*_either(last_order, last_contact)), "created_at"),
        last_ordered_at=last_order,
        last_nps=_latest(scored.filter(nps__isnull=False), "responded_at", "nps"),
        last_kv=_latest(kv, "responded_at", "kv"),
        open_cases=_count(open_cases),
        broken_promises=_count(broken),
        last_resolved_at=_latest(cases.filter(resolved_at__lte=as_of), "resolved_at",
                                 "resolved_at"),
        stage=_latest(answers, "answered_at", "stage"),
    )


def stage_case() -> Case:
    """The engagement ladder (:func:`kliento.lifecycle.engagement.engagement_stage`) as SQL
    over an engagement answer's three items."""
    top = engagement.TOP
    return Case(
        When(satisfaction__lt=top, then=Value(Stage.DISCONNECTED)),
        When(differentiation__lt=top, then=Value(Stage.HIGHLY_SATISFIED)),
        When(connection__lt=top, then=Value(Stage.SEES_DIFFERENT)),
        default=Value(Stage.FULLY_CONNECTED))


def segment_case(as_of: datetime, rules: LifecycleRules) -> Case:
    """The rules of :class:`LifecycleRules`, first match wins, over the fact columns (of
    CustomerStatus, or of :func:`customer_facts`' annotations)."""
    seen_last, seen_first = F("last_seen_at"), F("first_seen_at")

    def before(days: int) -> datetime:
        return as_of - timedelta(days=days)

    at_risk = (Q(GreaterThan(Value(before(rules.quiet_after_days)), seen_last))
               | Q(last_nps__lte=rules.detractor_at_most) | Q(last_kv__lt=1)
               | Q(open_cases__gt=0) | Q(broken_promises__gt=0))
    return Case(
        When(GreaterThan(Value(before(rules.lost_after_days)), seen_last),
             then=Value(Segment.LOST)),
        When(at_risk, then=Value(Segment.AT_RISK)),
        When(last_resolved_at__gte=before(rules.recovered_within_days),
             then=Value(Segment.RECOVERED)),
        When(GreaterThanOrEqual(seen_first, Value(before(rules.new_within_days))),
             then=Value(Segment.NEW)),
        default=Value(Segment.ACTIVE))


def _insert_select(model, columns: list[str], queryset: QuerySet) -> None:
    """``INSERT INTO model (columns) SELECT …``: the rows go from query to table without
    passing through Python. ``queryset`` selects exactly ``columns``, in order."""
    sql, params = queryset.query.sql_with_params()
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column)
                      for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
                       f"({names}) {sql}", params)


def _moment_of(day: date) -> datetime:
    """The start of ``day`` on the organisation's clock."""
    return datetime.combine(day, time(), tzinfo=organisation_timezone())


@transaction.atomic
def lifecycle_refresh(now: datetime | None = None) -> int:
    """Rewrite every customer's status as of ``now``: the facts in one INSERT … SELECT, the
    segment in one UPDATE over them. Returns how many customers it placed."""
    now = now or timezone.now()
    rules = lifecycle_rules()
    engagement_answers_collect()
    CustomerStatus.objects.all().delete()
    facts = customer_facts(now, rules).annotate(
        customer_pk=F("pk"), pending=Value(Segment.ACTIVE), day=Value(local_date(now)))
    _insert_select(CustomerStatus, ["customer", "segment", "computed_on", *FACT_COLUMNS],
                   facts.values_list("customer_pk", "pending", "day", *FACT_COLUMNS))
    return CustomerStatus.objects.update(segment=segment_case(now, rules))


@transaction.atomic
def segment_snapshot_take(month: date, now: datetime | None = None) -> int:
    """Each customer's segment at the end of ``month`` (any day of it; a month not over yet:
    as of ``now``), kept for the monthly flow; the month's snapshot is replaced. Promises
    count as broken by their status today — the ledger keeps no earlier status."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    as_of = min(_moment_of(following), now or timezone.now())
    rules = lifecycle_rules()
    SegmentSnapshot.objects.filter(month=first).delete()
    # Customers not yet seen by then (no purchase, no contact, not yet added) are left out.
    segments = customer_facts(as_of, rules).filter(first_seen_at__lte=as_of).annotate(
        snapshot_month=Value(first), customer_pk=F("pk"),
        snapshot_segment=segment_case(as_of, rules))
    _insert_select(SegmentSnapshot, ["month", "customer", "segment"],
                   segments.values_list("snapshot_month", "customer_pk", "snapshot_segment"))
    return SegmentSnapshot.objects.filter(month=first).count()


# The engagement block's three items (1 = strongly disagree … 5 = strongly agree), written
# in every product language; Polish and Russian are worded so they need no grammatical gender.
ENGAGEMENT_ITEM_TEXTS: dict[str, dict[str, str]] = {
    "satisfaction": {
        "en": "Overall, I am very satisfied with this company.",
        "lt": "Apskritai esu labai patenkintas (-a) šia įmone.",
        "lv": "Kopumā esmu ļoti apmierināts (-a) ar šo uzņēmumu.",
        "ru": "В целом эта компания меня полностью устраивает.",
        "pl": "Ogólnie ta firma bardzo mnie zadowala.",
    },
    "differentiation": {
        "en": "This company is different from the others I could buy from.",
        "lt": "Ši įmonė skiriasi nuo kitų, iš kurių galėčiau pirkti.",
        "lv": "Šis uzņēmums atšķiras no citiem, no kuriem es varētu pirkt.",
        "ru": "Эта компания не похожа на другие, где можно было бы покупать.",
        "pl": "Ta firma różni się od innych, w których można by kupować.",
    },
    "connection": {
        "en": "I feel a personal connection with this company; it fits who I am.",
        "lt": "Jaučiu asmeninį ryšį su šia įmone – ji atitinka tai, kas esu.",
        "lv": "Es jūtu personisku saikni ar šo uzņēmumu – tas atbilst tam, kas es esmu.",
        "ru": "Я чувствую личную связь с этой компанией: она мне по-настоящему близка.",
        "pl": "Czuję osobistą więź z tą firmą – pasuje do tego, kim jestem.",
    },
}


class AnswerText(Func):
    """A custom question's answer in a response's ``answers`` (keyed by the question's id),
    as text. Django's key lookups read a key of digits as an array index, so the JSON path
    is written here with the key quoted."""

    output_field = TextField()

    def __init__(self, question_id: int):
        self.question_id = int(question_id)  # an int: safe inside the SQL text
        super().__init__(F("answers"))

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"({column} ->> '{self.question_id}')", params

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"JSON_EXTRACT({column}, '$.\"{self.question_id}\"')", params


@transaction.atomic
def engagement_block_add(survey: Survey) -> EngagementBlock:
    """Add the three engagement items to ``survey`` as custom 1–5 scales and remember which
    questions they are; a survey has the block once."""
    if EngagementBlock.objects.filter(survey=survey).exists():
        raise ValidationError({"survey": _("This survey already has the engagement block.")})
    questions = {item: question_add(survey=survey, kind=Question.Kind.SCALE, text=texts,
                                    scale_low=engagement.SCALE_LOW,
                                    scale_high=engagement.SCALE_HIGH, required=False)
                 for item, texts in ENGAGEMENT_ITEM_TEXTS.items()}
    return EngagementBlock.objects.create(
        survey=survey, **{f"{item}_question_id": question.pk
                          for item, question in questions.items()})


def engagement_answers_collect() -> int:
    """File the engagement block's answers of every survey response not filed yet, one
    INSERT … SELECT per survey (the answers are read out of the responses' JSON by the
    database). A response with any of the three missing is left out. Returns how many."""
    collected = 0
    for block in EngagementBlock.objects.all():
        items = {item: Cast(AnswerText(getattr(block, f"{item}_question_id")), IntegerField())
                 for item in engagement.ITEMS}
        responses = SurveyResponse.objects.filter(
            survey_id=block.survey_id, customer__isnull=False, engagement_answer__isnull=True,
        ).annotate(**{f"item_{item}": value for item, value in items.items()}).filter(
            **{f"item_{item}__range": (engagement.SCALE_LOW, engagement.SCALE_HIGH)
               for item in engagement.ITEMS})
        before = EngagementAnswer.objects.count()
        _insert_select(EngagementAnswer, ["customer", "survey_response", "answered_at",
                                          "answered_on", *engagement.ITEMS],
                       responses.values_list("customer_id", "pk", "responded_at",
                                             "responded_on",
                                             *(f"item_{item}" for item in engagement.ITEMS)))
        collected += EngagementAnswer.objects.count() - before
    return collected


def lifecycle_sweep(now: datetime) -> int:
    """Once a day (the periodic jobs call it far more often): refresh every customer's
    segment and this month's snapshot. Returns the customers placed, 0 when already done."""
    today = local_date(now)
    if CustomerStatus.objects.filter(computed_on=today).exists():
        return 0
    placed = lifecycle_refresh(now)
    segment_snapshot_take(today, now)
    # The map's rollups are split by segment, so they follow every refresh of the segments.
    journey_rollups_fill(now)
    return placed


def engagement_answer_record(*, customer: Customer, answered_at: datetime, satisfaction: int,
                             differentiation: int, connection: int,
                             survey_response: SurveyResponse | None = None) -> EngagementAnswer:
    answer = EngagementAnswer(customer=customer, answered_at=answered_at,
                              answered_on=local_date(answered_at), satisfaction=satisfaction,
                              differentiation=differentiation, connection=connection,
                              survey_response=survey_response)
    answer.full_clean()
    answer.save()
    return answer


def marker_record(*, kind: str, what: str, happened_on: date, cost, touchpoint=None,
                  recorded_by=None) -> Marker:
    marker = Marker(kind=kind, what=what, happened_on=happened_on, cost=cost,
                    touchpoint=touchpoint, recorded_by=recorded_by)
    marker.full_clean()
    marker.save()
    return marker
