"""What can be imported, column by column: our own template's columns, what each one accepts,
and how a checked row becomes a row of the database.

A column's name is also its name in the downloadable template; presets for other tools map
their column names onto these.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from django.db import models

from kliento.customers.models import Customer, Language
from kliento.imports.fields import (
    choice_parser,
    parse_amount,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_email,
    score_parser,
    text_parser,
)
from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.orders.models import Order
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.surveys.models import SCALES, SurveyResponse


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], object] | None = None  # None: the text itself
    required: bool = False
    example: str = ""
    help: str = ""


@dataclass(frozen=True)
class Reference:
    """A column naming another record by its key (e.g. the customer's external id)."""

    column: str
    model: type[models.Model]
    key: str
    attribute: str  # the foreign key attribute set on the new row, e.g. "customer_id"
    required: bool = False


@dataclass(frozen=True)
class Lookup:
    """A column naming a small reference table by name (teams, locations, touchpoints):
    resolved from a dictionary loaded once per import."""

    column: str
    model: type[models.Model]
    key: str
    attribute: str


@dataclass(frozen=True)
class ImportKind:
    name: str
    model: type[models.Model]
    key: str  # the column (and model field) that makes a re-import idempotent
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    lookups: tuple[Lookup, ...] = ()
    prepare: Callable[[dict], dict] = field(default=lambda values: values)
    # ``prepare`` column-wise: the values it fills in, and which rows it might refuse (those
    # go through ``prepare`` itself, one by one, for the exact reason).
    fills: dict[str, str | bool] = field(default_factory=dict)
    screen: Callable[[], pl.Expr] = field(default=lambda: pl.lit(False))

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _languages():
    spellings = {code: code for code, _label in Language.choices}
    spellings |= {str(label).lower(): code for code, label in Language.choices}
    return choice_parser(spellings, "language")


def _channels():
    spellings = {code: code for code in Channel.Code.values}
    spellings |= {str(label).lower(): code for code, label in Channel.Code.choices}
    spellings |= {"e-mail": "email", "mail": "email", "telephone": "phone", "call": "phone",
                  "self-service": "web", "walk-in": "store"}
    return choice_parser(spellings, "channel")


def _choices(choices, what: str):
    spellings = {value: value for value in choices.values}
    spellings |= {str(label).lower(): value for value, label in choices.choices}
    return choice_parser(spellings, what)


def _interaction_prepare(values: dict) -> dict:
    values.setdefault("kind", Interaction.Kind.QUESTION)
    for flag in ("upsell_offered", "upsell_accepted"):
        if values.get(flag) is None:
            values[flag] = False
    if values["upsell_accepted"] and not values["upsell_offered"]:
        raise ValueError(("upsell_accepted", "yes only where upsell_offered is yes"))
    opened, responded, resolved = (values.get("opened_at"), values.get("first_response_at"),
                                   values.get("resolved_at"))
    for name, moment in (("first_response_at", responded), ("resolved_at", resolved)):
        if moment is not None and opened is not None and moment < opened:
            raise ValueError((name, f"before opened_at ({opened:%Y-%m-%d %H:%M})"))
    return values


def _interaction_screen() -> pl.Expr:
    opened = pl.col("opened_at")
    accepted_unoffered = pl.col("upsell_accepted").fill_null(False) & \
        ~pl.col("upsell_offered").fill_null(False)
    return (pl.col("first_response_at") < opened) | (pl.col("resolved_at") < opened) | \
        accepted_unoffered


def _promise_prepare(values: dict) -> dict:
    if values["due_at"] < values["promised_at"]:
        raise ValueError(("due_at", "before promised_at"))
    status = values.get("status") or Promise.Status.OPEN
    if status in (Promise.Status.KEPT, Promise.Status.LATE) and not values.get("kept_at"):
        raise ValueError(("kept_at", f"required when the status is {status}"))
    return values


def _promise_screen() -> pl.Expr:
    kept = [Promise.Status.KEPT.value, Promise.Status.LATE.value]
    kept_without_time = pl.col("status").is_in(kept) & pl.col("kept_at").is_null()
    return (pl.col("due_at") < pl.col("promised_at")) | kept_without_time


def _response_prepare(values: dict) -> dict:
    if not any(values.get(name) is not None for name, *_rest in SCALES) \
            and not values.get("comment"):
        raise ValueError(("nps", "the response has no score and no comment"))
    return values


def _response_screen() -> pl.Expr:
    return pl.all_horizontal(pl.col(name).is_null() for name, *_rest in SCALES) \
        & pl.col("comment").is_null()


CUSTOMERS = ImportKind(
    name="customers", model=Customer, key="external_id",
    columns=(
        Column("external_id", text_parser(100), required=True, example="C-1001",
               help="Your system's customer id: the key for re-imports."),
        Column("full_name", text_parser(200), required=True, example="Jūratė Ąžuolaitė"),
        Column("email", parse_email, example="jurate@example.lt"),
        Column("phone", text_parser(40), example="+37061234567"),
        Column("city", text_parser(80), example="Šiauliai"),
        Column("country", text_parser(2), example="LT"),
        Column("preferred_language", _languages(), example="lt"),
        # Consent per purpose (yes/no, 1/0, true/false, in any of the five languages); each
        # one given is kept in the customer's consent history, with the import as its source.
        Column("consents_to_surveys", parse_bool, example="true"),
        Column("consents_to_promise_updates", parse_bool, example="true"),
        Column("consents_to_offers", parse_bool, example="false"),
    ),
)

AGENTS = ImportKind(
    name="agents", model=Agent, key="username",
    columns=(
        Column("username", text_parser(150), required=True, example="rasa.p",
               help="Sign-in name: the key for re-imports."),
        Column("first_name", text_parser(150), required=True, example="Rasa"),
        Column("last_name", text_parser(150), example="Petrauskienė"),
        Column("email", parse_email, example="rasa@example.lt"),
        Column("team", text_parser(120), example="Kontaktų centras"),
        Column("location", text_parser(120), example="Vilnius, Gedimino pr. 9"),
        Column("hired_on", parse_date, required=True, example="2024-03-01"),
        Column("left_on", parse_date),
    ),
)

INTERACTIONS = ImportKind(
    name="interactions", model=Interaction, key="external_id",
    columns=(
        Column("external_id", text_parser(100), required=True, example="T-55012"),
        Column("customer_external_id", text_parser(100), required=True, example="C-1001"),
        Column("channel", _channels(), required=True, example="phone"),
        Column("kind", _choices(Interaction.Kind, "kind"), example="question"),
        Column("opened_at", parse_datetime, required=True, example="2026-05-12 09:00"),
        Column("first_response_at", parse_datetime, example="2026-05-12 09:04"),
        Column("resolved_at", parse_datetime, example="2026-05-12 09:20"),
        Column("agent_username", text_parser(150), example="rasa.p"),
        Column("team", text_parser(120)),
        Column("location", text_parser(120)),
        Column("touchpoint", text_parser(120)),
        Column("language", _languages(), example="lt"),
        Column("text", text_parser(20000), example="Kada atvyks mano užsakymas?"),
        Column("upsell_offered", parse_bool, example="true",
               help="Whether the agent offered an extra in this contact (yes/no)."),
        Column("upsell_accepted", parse_bool, example="false",
               help="Whether the customer took it: yes only where upsell_offered is yes."),
        Column("upsell_product", text_parser(120), example="Pratęsta garantija 3 m.",
               help="The extra the agent offered (a warranty, delivery, assembly, a card)."),
    ),
    references=(Reference("customer_external_id", Customer, "external_id", "customer_id",
                          required=True),),
    lookups=(Lookup("channel", Channel, "code", "channel_id"),
             Lookup("agent_username", Agent, "user__username", "agent_id"),
             Lookup("team", Team, "name", "team_id"),
             Lookup("location", Location, "name", "location_id"),
             Lookup("touchpoint", Touchpoint, "name", "touchpoint_id")),
    prepare=_interaction_prepare,
    fills={"kind": Interaction.Kind.QUESTION.value, "upsell_offered": False,
           "upsell_accepted": False},
    screen=_interaction_screen,
)

PROMISES = ImportKind(
    name="promises", model=Promise, key="external_id",
    columns=(
        Column("external_id", text_parser(100), required=True, example="P-301"),
        Column("customer_external_id", text_parser(100), required=True, example="C-1001"),
        Column("interaction_external_id", text_parser(100), example="T-55012"),
        Column("kind", _choices(Promise.Kind, "promise kind"), required=True,
               example="delivery"),
        Column("description", text_parser(5000), required=True,
               example="Pristatyti juodą sofą su pagalvėlėmis"),
        Column("promised_at", parse_datetime, required=True, example="2026-05-12 09:10"),
        Column("due_at", parse_datetime, required=True, example="2026-05-15 18:00"),
        Column("owner_username", text_parser(150), example="rasa.p"),
        Column("status", _choices(Promise.Status, "status"), example="kept"),
        Column("kept_at", parse_datetime, example="2026-05-15 16:40"),
    ),
    references=(Reference("customer_external_id", Customer, "external_id", "customer_id",
                          required=True),
                Reference("interaction_external_id", Interaction, "external_id",
                          "interaction_id")),
    lookups=(Lookup("owner_username", Agent, "user__username", "owner_id"),),
    prepare=_promise_prepare, screen=_promise_screen,
)

SURVEY_RESPONSES = ImportKind(
    name="survey_responses", model=SurveyResponse, key="external_id",
    columns=(
        Column("external_id", text_parser(100), required=True, example="R-9001"),
        Column("customer_external_id", text_parser(100), example="C-1001"),
        Column("interaction_external_id", text_parser(100), example="T-55012"),
        Column("responded_at", parse_datetime, required=True, example="2026-05-12 18:02"),
        Column("language", _languages(), required=True, example="lt"),
        *(Column(name, score_parser(low, high), example=str(high - 1))
          for name, _label, low, high in SCALES),
        Column("comment", text_parser(20000), example="Ačiū, viskas puiku!"),
    ),
    references=(Reference("customer_external_id", Customer, "external_id", "customer_id"),
                Reference("interaction_external_id", Interaction, "external_id",
                          "interaction_id")),
    prepare=_response_prepare, screen=_response_screen,
)

def _currency(text: str) -> str:
    if len(text) != 3 or not text.isalpha():
        raise ValueError(("currency", "not a three-letter currency code (EUR, PLN)"))
    return text.upper()


def _order_prepare(values: dict) -> dict:
    values["currency"] = _currency(values.get("currency") or "EUR")
    return values


def _order_screen() -> pl.Expr:
    code = pl.col("currency")
    return code.is_not_null() & ~code.str.contains(r"^[A-Z]{3}$")  # "eur" too: uppercased


ORDERS = ImportKind(
    name="orders", model=Order, key="external_id",
    columns=(
        Column("external_id", text_parser(100), required=True, example="O-7001",
               help="Your system's order id: the key for re-imports."),
        Column("customer_external_id", text_parser(100), required=True, example="C-1001"),
        Column("ordered_at", parse_datetime, required=True, example="2026-05-12 17:45"),
        Column("amount", parse_amount, required=True, example="129.99"),
        Column("currency", text_parser(3), example="EUR"),
        Column("location", text_parser(120), example="Vilnius, Gedimino pr. 9",
               help="The store; leave empty for an order on a channel."),
        Column("channel", _channels(), example="web"),
        Column("items", text_parser(5000), example="Sofa; 2 pagalvėlės"),
        Column("item_count", score_parser(1, 999), example="3"),
    ),
    references=(Reference("customer_external_id", Customer, "external_id", "customer_id",
                          required=True),),
    lookups=(Lookup("channel", Channel, "code", "channel_id"),
             Lookup("location", Location, "name", "location_id")),
    prepare=_order_prepare, fills={"currency": "EUR"}, screen=_order_screen,
)

KINDS = {kind.name: kind for kind in (CUSTOMERS, AGENTS, INTERACTIONS, PROMISES,
                                      SURVEY_RESPONSES, ORDERS)}


def template_row(kind: ImportKind) -> dict[str, str]:
    return {column.name: column.example for column in kind.columns}
