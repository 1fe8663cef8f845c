"""Realistic demo data for Kliento, streamed into the database in batches.

What makes it believable: customers named in five languages exactly as they write themselves;
weekly and daily contact rhythms per channel; agents of different skill; promises that are
kept, kept late or broken — and broken ones followed by low scores; survey comments in the
customer's language that fit the score; expectations that drift upwards; and a service
programme half-way through the history that visibly lifts promise keeping and scores.

Memory stays bounded whatever the scale: only per-customer and per-agent arrays (a few bytes
each) live for the whole run; interactions, promises and responses are built and written one
batch at a time.
"""

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from kliento.accounts.models import User
from kliento.customers.models import Customer
from kliento.database.bulk_insert import (
    bulk_insert,
    dates,
    next_ids,
    sequences_reset,
    timestamps,
)
from kliento.demo import phrasebook
from kliento.demo.audits import build_audits
from kliento.demo.rhythm import daily_weights, sample_hours
from kliento.interactions.models import Interaction, Touchpoint
from kliento.interactions.services import channels_ensure, next_contacts_refresh
from kliento.measure.scores import DETRACTOR_UP_TO, PROMOTER_FROM
from kliento.organisation.calendar import local_dates
from kliento.organisation.models import Agent, Location, Team
from kliento.promises.models import Promise
from kliento.surveys.models import SurveyResponse

LANGUAGE_MIX = {"lt": 0.45, "lv": 0.20, "ru": 0.15, "pl": 0.12, "en": 0.08}
CHANNEL_MIX = {
    "phone": 0.30, "chat": 0.18, "store": 0.22, "email": 0.15,
    "delivery": 0.06, "web": 0.05, "social": 0.04,
}
# Share of each interaction kind by channel: (question, complaint, order, service, sale).
KINDS = ("question", "complaint", "order", "service", "sale")
KIND_MIX = {
    "phone": (0.50, 0.16, 0.14, 0.14, 0.06),
    "chat": (0.60, 0.12, 0.15, 0.08, 0.05),
    "email": (0.45, 0.22, 0.15, 0.15, 0.03),
    "social": (0.45, 0.35, 0.05, 0.10, 0.05),
    "web": (0.30, 0.05, 0.55, 0.05, 0.05),
    "store": (0.25, 0.08, 0.12, 0.15, 0.40),
    "delivery": (0.05, 0.15, 0.45, 0.35, 0.00),
}
# Median first response in seconds, and the spread of its log-normal.
FIRST_RESPONSE = {
    "phone": (45, 0.9), "chat": (70, 0.8), "store": (90, 0.7), "email": (4 * 3600, 0.9),
    "social": (2 * 3600, 1.0), "web": (3 * 3600, 1.0), "delivery": (6 * 3600, 0.8),
}
TOUCHPOINTS = (  # name, journey stage, channel, share of that channel's contacts
    ("Website and product pages", "before", "web", 1.0),
    ("Social media", "before", "social", 1.0),
    ("Store sales floor", "during", "store", 0.55),
    ("Store checkout", "during", "store", 0.25),
    ("Store entrance and security", "during", "store", 0.05),
    ("Returns desk", "after", "store", 0.15),
    ("Phone hotline", "after", "phone", 1.0),
    ("Live chat", "after", "chat", 1.0),
    ("E-mail support", "after", "email", 1.0),
    ("Home delivery", "after", "delivery", 0.7),
    ("Installation and repair", "after", "delivery", 0.3),
)
PROMISE_CHANCE = {"question": 0.10, "complaint": 0.60, "order": 0.35, "service": 0.50, "sale": 0.2}
PROMISE_KINDS = {  # interaction kind -> (promise kinds, probabilities)
    "question": (("reply", "callback"), (0.6, 0.4)),
    "complaint": (("callback", "refund", "reply"), (0.5, 0.3, 0.2)),
    "order": (("delivery",), (1.0,)),
    "service": (("repair", "visit"), (0.6, 0.4)),
    "sale": (("delivery",), (1.0,)),
}
PROMISE_LEAD_HOURS = {  # (shortest, longest) time between the promise and its due time
    "callback": (2, 24), "reply": (24, 48), "delivery": (48, 168),
    "repair": (72, 240), "visit": (24, 120), "refund": (120, 336),
}
# What each delivery description of the phrasebook names, in its order (sofa, TV, washing
# machine, running shoes, laptop): a promise's specification is the product its words name.
PRODUCTS = (
    ("IKEA KIVIK sofa", ("grey",), ("3-seat",), ("cushions",)),
    ("Samsung QE55Q80", ("black",), ('55"',), ("wall bracket", "remote")),
    ("Miele WWD 120", ("white",), ("8 kg",), ("drain hose extension",)),
    ("Asics Gel-Nimbus 26", ("black",), ("44",), ()),
    ("Lenovo ThinkPad E14", ("black", "silver"), ('14"',), ("charger", "carry case")),
)
COUNTRY_BY_LANGUAGE = {"lt": ("LT",), "lv": ("LV",), "pl": ("PL",), "ru": ("LT", "LV"),
                       "en": ("GB", "IE")}
PHONE_PREFIX = {"LT": "+370 6", "LV": "+371 2", "PL": "+48 5", "GB": "+44 7", "IE": "+353 8"}

CUSTOMER_FIELDS = ("id", "external_id", "full_name", "email", "phone", "city", "country",
                   "preferred_language", "consents_to_surveys", "created_at")
INTERACTION_FIELDS = (
    "id", "customer", "channel", "touchpoint", "agent", "team", "location", "kind", "opened_at",
    "opened_on", "first_response_at", "resolved_at", "first_response_seconds",
    "resolution_seconds", "text", "language", "upsell_offered", "upsell_accepted",
)
PROMISE_FIELDS = ("customer", "interaction", "owner", "kind", "description", "specification",
                  "promised_at", "due_at", "due_on", "kept_at", "status")
SURVEY_FIELDS = (
    "customer", "interaction", "touchpoint", "channel", "location", "responded_at",
    "responded_on", "language",
    "nps", "csat", "ces", "expectation", "experience", "tangibles", "reliability",
    "responsiveness", "assurance", "empathy", "comment",
)

# Half-way through the history a promise programme starts: reminders, owners, follow-ups.
PROGRAMME_START = 0.5


@dataclass(frozen=True)
class DemoPlan:
    interactions: int = 20_000
    seed: int = 7
    weeks: int = 26
    end: date | None = None
    batch_size: int = 10_000
    survey_share: float = 0.2


@dataclass
class DemoSummary:
    customers: int = 0
    agents: int = 0
    interactions: int = 0
    promises: int = 0
    survey_responses: int = 0


BROKEN_PROMISE_MEMORY = 14 * 86400


@dataclass
class _BrokenPromises:
    """Promises broken or kept late recently: (due time, customer position)."""

    due: list = field(default_factory=list)
    customer: list = field(default_factory=list)

    def add(self, due: float, customer_position: int) -> None:
        self.due.append(due)
        self.customer.append(customer_position)

    def forget_before(self, moment: float) -> None:
        keep = [i for i, due in enumerate(self.due) if due >= moment]
        self.due = [self.due[i] for i in keep]
        self.customer = [self.customer[i] for i in keep]

    def customers_for(self, rng: np.random.Generator, moments: np.ndarray,
                      share: float) -> np.ndarray:
        """For each moment, with probability ``share``, a customer whose promise fell due in
        the 14 days before it; -1 where there is none or the dice say no."""
        chosen = np.full(len(moments), -1, dtype=np.int64)
        if not self.due or not len(moments):
            return chosen
        order = np.argsort(self.due)
        due = np.asarray(self.due)[order]
        customers = np.asarray(self.customer)[order]
        low = np.searchsorted(due, moments - BROKEN_PROMISE_MEMORY)
        high = np.searchsorted(due, moments)
        wanted = (high > low) & (rng.random(len(moments)) < share)
        picks = low + np.floor(rng.random(len(moments)) * (high - low)).astype(np.int64)
        chosen[wanted] = customers[picks[wanted]]
        return chosen


@dataclass
class _Staff:
    """Per-agent arrays, indexed like ``ids``."""

    ids: np.ndarray
    skill: np.ndarray
    upsell_propensity: np.ndarray
    team_ids: np.ndarray
    location_ids: np.ndarray
    hired: np.ndarray  # epoch seconds
    left: np.ndarray  # epoch seconds, +inf while employed
    pools: dict[str, np.ndarray]  # channel -> agent positions serving it


def build_demo(plan: DemoPlan, advance: Callable[[int], None] = lambda n: None) -> DemoSummary:
    """Write a complete demo data set; ``advance(n)`` is called as interactions are written."""
    rng = np.random.default_rng(plan.seed)
    tz = ZoneInfo(settings.TIME_ZONE)
    end = plan.end or datetime.now(tz).date()
    days = np.array([end - timedelta(days=d) for d in range(plan.weeks * 7, 0, -1)])
    # Local midnight of each day in UTC epoch seconds; per-day offsets keep DST right.
    midnights = np.array(
        [datetime(d.year, d.month, d.day, tzinfo=tz).timestamp() for d in days]
    )
    now = datetime.now(UTC).timestamp()
    summary = DemoSummary()
    _tune_sqlite_for_bulk_load()

    with transaction.atomic():
        channels = {code: c.pk for code, c in channels_ensure().items()}
        touchpoints = _create_touchpoints(channels)
        staff = _create_staff(rng, midnights[0], midnights[-1])
    summary.agents = len(staff.ids)

    n_customers = max(300, plan.interactions // 4)
    customer_ids, customer_langs, customer_consent = _create_customers(
        rng, n_customers, plan.batch_size
    )
    summary.customers = n_customers
    # Some customers are simply happier people: a stable per-customer mood.
    customer_mood = rng.normal(0, 0.5, n_customers)

    weekdays = np.array([d.weekday() for d in days])
    day_p = daily_weights(weekdays, growth=1.25)
    opened_all, channel_all, hour_all = _contact_times(rng, plan.interactions, midnights, day_p,
                                                       now)
    # Small demos use small batches, so that complaints can follow promises broken in
    # earlier batches (see _BrokenPromises).
    batch_size = min(plan.batch_size, max(500, plan.interactions // 40))
    broken_promises = _BrokenPromises()
    for start in range(0, plan.interactions, batch_size):
        window = slice(start, start + batch_size)
        with transaction.atomic():
            written = _write_batch(
                rng, opened_all[window], channel_all[window], hour_all[window], plan, channels,
                touchpoints, staff, customer_ids, customer_langs, customer_consent,
                customer_mood, midnights, now, summary, broken_promises,
            )
        advance(written)
    sequences_reset(Interaction)
    next_contacts_refresh()
    build_audits(seed=plan.seed, weeks=plan.weeks, end=end)
    return summary


def _tune_sqlite_for_bulk_load() -> None:
    """A demo database is rebuilt rather than recovered, so trade durability for speed for
    this connection: no fsync, and a larger page cache for the indexes."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # KiB: 256 MiB, only as pages are used


def _create_touchpoints(channels: dict[str, int]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Touchpoints, and per channel the touchpoint ids with their shares."""
    by_channel: dict[str, tuple[list[int], list[float]]] = {}
    for name, stage, channel, share in TOUCHPOINTS:
        tp, _ = Touchpoint.objects.get_or_create(
            name=name, defaults={"journey_stage": stage, "channel_id": channels[channel]}
        )
        ids, shares = by_channel.setdefault(channel, ([], []))
        ids.append(tp.pk)
        shares.append(share)
    return {c: (np.array(ids), np.array(s) / sum(s)) for c, (ids, s) in by_channel.items()}


def _create_staff(rng: np.random.Generator, first_day: float, last_day: float) -> _Staff:
    locations = {}
    for name, kind, city in phrasebook.LOCATIONS:
        locations[name], _ = Location.objects.get_or_create(
            name=name, defaults={"kind": kind, "city": city}
        )
    stores = [loc for loc in locations.values() if loc.kind == "store"]
    centre = next(loc for loc in locations.values() if loc.kind == "contact_centre")
    web = next(loc for loc in locations.values() if loc.kind == "web")
    sales, service, morning, evening, complaints, riga = (
        Team.objects.get_or_create(name=name)[0] for name in phrasebook.TEAMS[:6]
    )
    # (team, location, channels served, headcount)
    roster = [(morning, centre, ("phone", "chat", "email", "social", "web"), 11),
              (evening, centre, ("phone", "chat", "email", "social", "web"), 9),
              (complaints, centre, ("email", "phone"), 4),
              (service, web, ("delivery",), 6)]
    for store in stores:
        roster.append((riga if store.city == "Rīga" else sales, store, ("store",), 4))

    rows, serves = [], []
    for team, location, served, headcount in roster:
        for _ in range(headcount):
            rows.append((team, location))
            serves.append(served)
    n = len(rows)
    languages = rng.choice(["lt", "lt", "lt", "lv", "ru", "pl"], size=n)
    for position, (_team, location) in enumerate(rows):
        if location.city == "Rīga":
            languages[position] = "lv"
    users = [
        User(username=f"agent{position + 1:03d}", first_name=first, last_name=last)
        for position, (first, last) in enumerate(
            _names(rng, lang) for lang in languages
        )
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)

    # Turnover: a few agents left during the history, a few joined.
    hired = first_day - rng.uniform(30, 1500, n) * 86400
    left = np.full(n, np.inf)
    leavers = rng.choice(n, size=max(2, n // 12), replace=False)
    joiners = rng.choice(np.setdiff1d(np.arange(n), leavers), size=max(2, n // 12), replace=False)
    left[leavers] = rng.uniform(first_day + 20 * 86400, last_day - 20 * 86400, len(leavers))
    hired[joiners] = rng.uniform(first_day + 20 * 86400, last_day - 20 * 86400, len(joiners))

    agents = Agent.objects.bulk_create(
        Agent(
            user=user, team=team, location=location,
            hired_on=datetime.fromtimestamp(hired[i], UTC).date(),
            left_on=None if np.isinf(left[i]) else datetime.fromtimestamp(left[i], UTC).date(),
        )
        for i, (user, (team, location)) in enumerate(zip(users, rows, strict=True))
    )
    pools: dict[str, list[int]] = {}
    for position, served in enumerate(serves):
        for channel in served:
            pools.setdefault(channel, []).append(position)
    # Stores are served by the staff of the store the customer walks into.
    return _Staff(
        ids=np.array([a.pk for a in agents]),
        skill=rng.normal(0, 1, n),
        upsell_propensity=rng.beta(2, 5, n),
        team_ids=np.array([t.pk for t, _ in rows]),
        location_ids=np.array([loc.pk for _, loc in rows]),
        hired=hired,
        left=left,
        pools={c: np.array(p) for c, p in pools.items()},
    )


def _names(rng: np.random.Generator, language: str) -> tuple[str, str]:
    gender = "female" if rng.random() < 0.55 else "male"
    first = phrasebook.FIRST_NAMES[language][gender]
    last = phrasebook.LAST_NAMES[language][gender]
    return first[rng.integers(len(first))], last[rng.integers(len(last))]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum()) or "klientas"


def _create_customers(rng: np.random.Generator, n: int, batch_size: int):
    languages = rng.choice(list(LANGUAGE_MIX), size=n, p=list(LANGUAGE_MIX.values()))
    consent = rng.random(n) < 0.78
    ids = next_ids(Customer, n)
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if connection.vendor == "postgresql":
        created += "+00:00"
    for start in range(0, n, batch_size):
        stop = min(n, start + batch_size)
        rows = []
        for i in range(start, stop):
            lang = str(languages[i])
            first, last = _names(rng, lang)
            country = str(rng.choice(COUNTRY_BY_LANGUAGE[lang]))
            cities = phrasebook.CITIES[country]
            handle = _ascii(first)[:1] + _ascii(last)
            rows.append((
                int(ids[i]), f"DEMO-C{i + 1:07d}", f"{first} {last}",
                f"{handle}{i + 1}@example.com" if rng.random() < 0.85 else "",
                f"{PHONE_PREFIX[country]}{rng.integers(1_000_000, 9_999_999)}",
                cities[rng.integers(len(cities))], country, lang, bool(consent[i]), created,
            ))
        with transaction.atomic():
            bulk_insert(Customer, CUSTOMER_FIELDS, rows)
    sequences_reset(Customer)
    return ids, languages, consent


def _contact_times(rng, n, midnights, day_p, now):
    """When every contact happens and on which channel, in time order — as a real system
    receives them, which keeps each period's rows together on disk."""
    channel_codes = np.array(list(CHANNEL_MIX))
    channel_index = rng.choice(len(channel_codes), size=n, p=list(CHANNEL_MIX.values()))
    day = rng.choice(len(midnights), size=n, p=day_p)
    hour = np.empty(n, dtype=np.int8)
    for position, code in enumerate(channel_codes):
        mask = channel_index == position
        hour[mask] = sample_hours(str(code), int(mask.sum()), rng)
    opened = midnights[day] + hour.astype(np.int64) * 3600 + rng.uniform(0, 3600, n)
    # Contacts "in the future" of today move back a week so the scale stays exact.
    opened[opened >= now - 600] -= 7 * 86400
    order = np.argsort(opened, kind="stable")
    return opened[order], channel_codes[channel_index[order]], hour[order].astype(np.int64)


def _write_batch(rng, opened, channel, hour, plan, channels, touchpoints, staff, customer_ids,
                 customer_langs, customer_consent, customer_mood, midnights, now,
                 summary, broken_promises) -> int:
    size = len(opened)
    progress = (opened - midnights[0]) / (midnights[-1] - midnights[0] + 86400)
    after_programme = progress >= PROGRAMME_START

    customer_pos = rng.integers(len(customer_ids), size=size)
    lang = customer_langs[customer_pos]

    # Agent: from the pool serving the channel, employed on that day.
    agent_pos = np.empty(size, dtype=np.int64)
    for code in CHANNEL_MIX:
        mask = np.flatnonzero(channel == code)
        pool = staff.pools[code]
        picks = pool[rng.integers(len(pool), size=len(mask))]
        for _ in range(5):
            bad = (staff.hired[picks] > opened[mask]) | (staff.left[picks] < opened[mask])
            if not bad.any():
                break
            picks[bad] = pool[rng.integers(len(pool), size=int(bad.sum()))]
        agent_pos[mask] = picks
    skill = staff.skill[agent_pos]

    kind = np.empty(size, dtype=object)
    touchpoint = np.empty(size, dtype=np.int64)
    frt = np.empty(size)
    for code in CHANNEL_MIX:
        mask = channel == code
        m = int(mask.sum())
        kind[mask] = rng.choice(KINDS, size=m, p=KIND_MIX[code])
        ids, shares = touchpoints[code]
        touchpoint[mask] = rng.choice(ids, size=m, p=shares)
        median, sigma = FIRST_RESPONSE[code]
        frt[mask] = median * np.exp(rng.normal(0, sigma, m) - 0.25 * skill[mask])
    # Written contacts that arrive at night wait for the morning shift.
    local_hour = hour
    written = np.isin(channel, ["email", "social", "web"]) & ((local_hour < 8) | (local_hour >= 20))
    wait_to_8 = ((8 - local_hour) % 24) * 3600
    frt[written] += wait_to_8[written]
    frt = np.maximum(frt, 5).round()
    # More than half of complaints are broken promises: many complaints come from customers
    # whose promise was broken or kept late in the last two weeks.
    complaint = np.flatnonzero(kind == "complaint")
    follows = broken_promises.customers_for(rng, opened[complaint], share=0.6)
    customer_pos[complaint[follows >= 0]] = follows[follows >= 0]
    lang = customer_langs[customer_pos]
    frt_z = (np.log(frt) - np.log([FIRST_RESPONSE[c][0] for c in channel])) / 0.9
    handle = np.exp(rng.normal(np.log(900), 1.0, size) - 0.2 * skill)
    handle[kind == "service"] *= 20
    handle[kind == "complaint"] *= 6
    resolution = np.maximum(frt + handle, frt + 30).round()
    resolved = opened + resolution < now
    responded = opened + frt < now

    offered = np.isin(kind, ["sale", "order"]) & (rng.random(size) < staff.upsell_propensity[
        agent_pos] * 1.6)
    accepted = offered & (rng.random(size) < 0.22 + 0.06 * skill)

    texts = phrasebook.INTERACTION_TEXTS
    interaction_ids = next_ids(Interaction, size)
    text_column = [
        _pick(rng, texts[language][k]) for language, k in zip(lang.tolist(), kind, strict=True)
    ]
    first_response_at = timestamps(opened + frt, responded)
    resolved_at = timestamps(opened + resolution, resolved)
    bulk_insert(Interaction, INTERACTION_FIELDS, zip(
        interaction_ids.tolist(),
        customer_ids[customer_pos].tolist(),
        [channels[c] for c in channel.tolist()],
        touchpoint.tolist(),
        staff.ids[agent_pos].tolist(),
        staff.team_ids[agent_pos].tolist(),
        staff.location_ids[agent_pos].tolist(),
        kind.tolist(),
        timestamps(opened),
        dates(local_dates(opened)),
        first_response_at,
        resolved_at,
        _present(frt.astype(np.int64), responded),
        _present(resolution.astype(np.int64), resolved),
        text_column,
        lang.tolist(),
        offered.tolist(),
        accepted.tolist(),
        strict=True,
    ))

    # Promises: kept more often after the programme starts, and by better agents.
    has_promise = rng.random(size) < np.array([PROMISE_CHANCE[k] for k in kind])
    p_kept = np.where(after_programme, 0.86, 0.68) + 0.04 * skill
    outcome_roll = rng.random(size)
    outcome = np.where(outcome_roll < p_kept, "kept",
                       np.where(outcome_roll < p_kept + (1 - p_kept) * 0.55, "late", "broken"))
    promise_rows = []
    promise_outcome = np.full(size, "", dtype=object)
    promise_settled = np.zeros(size)
    for i in np.flatnonzero(has_promise):
        options, probabilities = PROMISE_KINDS[kind[i]]
        promise_kind = str(rng.choice(options, p=probabilities))
        low, high = PROMISE_LEAD_HOURS[promise_kind]
        promised = opened[i] + frt[i]
        due = promised + rng.uniform(low, high) * 3600
        status, done = str(outcome[i]), None
        if status == "kept":
            done = due - rng.uniform(0.05, 0.8) * (due - promised)
        elif status == "late":
            done = due + rng.lognormal(np.log(20 * 3600), 0.8)
        elif promise_kind == "delivery" and rng.random() < 0.5:
            # Delivered on time, but not as specified.
            done = due - rng.uniform(0.05, 0.5) * (due - promised)
        if done is not None and done > now:
            status, done = "open", None
        if status == "broken" and done is None and due > now:
            status = "open"
        descriptions = phrasebook.PROMISE_DESCRIPTIONS[str(lang[i])][promise_kind]
        if promise_kind == "delivery":
            described = int(rng.integers(len(PRODUCTS)))
            spec, description = _specification(rng, described), descriptions[described]
        else:
            spec, description = {}, _pick(rng, descriptions)
        if status == "broken" and done is not None:
            spec["delivered_not_as_specified"] = str(rng.choice(["colour", "size", "accessories",
                                                                 "model"]))
        promise_rows.append((
            int(customer_ids[customer_pos[i]]), int(interaction_ids[i]),
            int(staff.ids[agent_pos[i]]), promise_kind, description,
            json.dumps(spec, ensure_ascii=False), promised, due,
            np.nan if done is None else done, status,
        ))
        promise_outcome[i] = status
        promise_settled[i] = done if done is not None else due
        if status in ("broken", "late"):
            broken_promises.add(due, int(customer_pos[i]))
    if promise_rows:
        columns = list(zip(*promise_rows, strict=True))
        kept_at = np.array(columns[8], dtype=float)
        bulk_insert(Promise, PROMISE_FIELDS, zip(
            *columns[:6], timestamps(np.array(columns[6])), timestamps(np.array(columns[7])),
            dates(local_dates(np.array(columns[7]))), timestamps(kept_at, ~np.isnan(kept_at)),
            columns[9], strict=True,
        ))

    # Survey responses: from consenting customers after resolution; angry customers answer more.
    broken = promise_outcome == "broken"
    late = promise_outcome == "late"
    answer_p = plan.survey_share / 0.78 * np.where(broken, 1.6, 1.0)
    answers = resolved & customer_consent[customer_pos] & (rng.random(size) < answer_p)
    quality = (
        0.55 * skill
        - 0.35 * np.clip(frt_z, -2, 3)
        + customer_mood[customer_pos]
        + 0.6 * progress
        - np.where(kind == "complaint", 0.6, 0)
        - np.where(broken, 2.6, 0)
        - np.where(late, 1.1, 0)
        + rng.normal(0, 0.8, size)
    )
    reliability_q = quality - np.where(broken, 1.5, 0) - np.where(late, 0.8, 0)
    # Expectations drift upwards over the history (a spectacular gesture raises them for all).
    expectation = np.clip(np.round(rng.normal(7.0 + 0.8 * progress, 1.1)), 1, 10)
    experience = np.clip(np.round(expectation + 0.9 * quality + rng.normal(0, 0.7, size)), 1, 10)
    nps = np.clip(np.round(7.55 + 1.45 * quality + rng.normal(0, 0.9, size)), 0, 10)
    csat = np.clip(np.round(3.95 + 0.75 * quality + rng.normal(0, 0.5, size)), 1, 5)
    ces = np.clip(np.round(3.0 - 0.7 * quality + 0.4 * np.clip(frt_z, -2, 3)
                           + rng.normal(0, 0.7, size)), 1, 7)

    def factor(shift, q):
        return np.clip(np.round(7.3 + shift + 1.1 * q + rng.normal(0, 0.8, size)), 1, 10)

    factors = {
        "tangibles": factor(0.4, 0.4 * quality),
        "reliability": factor(0.0, reliability_q),
        "responsiveness": factor(-0.2, quality - 0.4 * np.clip(frt_z, -2, 3)),
        "assurance": factor(0.2, 0.6 * quality + 0.5 * skill),
        "empathy": factor(0.0, 0.8 * quality),
    }
    asks = rng.random((5, size)) < np.array([[0.92], [0.85], [0.6], [0.55], [0.4]])
    comments_p = np.where(nps <= DETRACTOR_UP_TO, 0.7, 0.4)
    rows = []
    for i in np.flatnonzero(answers):
        settled = max(opened[i] + resolution[i], promise_settled[i] or 0)
        at = settled + rng.uniform(0.2, 72) * 3600
        if at >= now:
            continue
        language = str(lang[i])
        comment = ""
        if rng.random() < comments_p[i]:
            band = "broken_promise" if broken[i] else _band(nps[i])
            comment = _pick(rng, phrasebook.COMMENTS[language][band])
        ask_nps, ask_csat, ask_ces, ask_kv, ask_factors = asks[:, i].tolist()
        rows.append((
            int(customer_ids[customer_pos[i]]), int(interaction_ids[i]), int(touchpoint[i]),
            channels[channel[i]], int(staff.location_ids[agent_pos[i]]), at, language,
            int(nps[i]) if ask_nps else None,
            int(csat[i]) if ask_csat else None,
            int(ces[i]) if ask_ces else None,
            int(expectation[i]) if ask_kv else None,
            int(experience[i]) if ask_kv else None,
            *((int(values[i]) if ask_factors else None) for values in factors.values()),
            comment,
        ))
    if rows:
        columns = list(zip(*rows, strict=True))
        responded = np.array(columns[5])
        columns[5] = timestamps(responded)
        columns.insert(6, dates(local_dates(responded)))
        bulk_insert(SurveyResponse, SURVEY_FIELDS, zip(*columns, strict=True))

    broken_promises.forget_before(opened[0] - BROKEN_PROMISE_MEMORY)
    summary.interactions += size
    summary.promises += len(promise_rows)
    summary.survey_responses += len(rows)
    return size


def _present(values: np.ndarray, present: np.ndarray) -> list:
    return [v if ok else None for v, ok in zip(values.tolist(), present.tolist(), strict=True)]


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]


def _band(nps_score: float) -> str:
    if nps_score >= PROMOTER_FROM:
        return "delighted"
    if nps_score > DETRACTOR_UP_TO:
        return "satisfied"
    if nps_score >= 4:
        return "disappointed"
    return "angry"


def _specification(rng: np.random.Generator, product: int) -> dict:
    model, colours, sizes, accessories = PRODUCTS[product]
    return {
        "model": model,
        "colour": colours[rng.integers(len(colours))],
        "size": sizes[rng.integers(len(sizes))],
        "accessories": list(accessories),
    }
