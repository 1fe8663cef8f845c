"""The ledger's writes: what a promise must say, the customer's e-mail, changing and closing."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kliento.accounts.tokens import token_digest
from kliento.promises.models import Promise
from kliento.promises.services import promise_create, promise_update
from tests.factories import CustomerFactory, InteractionFactory
from tests.promises.conftest import DELIVERY_SPEC, NOW

pytestmark = pytest.mark.django_db


def delivery(customer, owner, **overrides) -> Promise:
    fields = {"customer": customer, "owner": owner, "kind": "delivery",
              "description": "Pristatyti šaldytuvą į namus", "specification": DELIVERY_SPEC,
              "promised_at": NOW, "due_at": NOW + timedelta(days=2), "now": NOW} | overrides
    return promise_create(**fields)


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


@pytest.mark.parametrize(("specification", "field", "words"), [
    ({"model": "Bosch", "size": "60 cm", "accessories": []}, "specification.colour",
     "needs “colour”"),
    (DELIVERY_SPEC | {"size": 60}, "specification.size", "“size” must be text"),
    (DELIVERY_SPEC | {"accessories": "remote"}, "specification.accessories",
     "must be a list of texts"),
    (DELIVERY_SPEC | {"accessories": ["remote", 2]}, "specification.accessories",
     "must be a list of texts"),
    (DELIVERY_SPEC | {"model": "  "}, "specification.model", "which model"),
    (DELIVERY_SPEC | {"color": "white"}, "specification.color", "is not one of them"),
    (["Bosch", "inox"], "specification", "must be an object"),
])
def test_a_delivery_specification_error_names_the_field(customer, rasa, specification, field,
                                                        words):
    errors = errors_of(lambda: delivery(customer, rasa, specification=specification))
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert not Promise.objects.exists()


def test_every_problem_is_reported_at_once_and_nothing_is_written(customer, rasa):
    someone_else = InteractionFactory(customer=CustomerFactory(full_name="Kitas"))
    errors = errors_of(lambda: delivery(
        customer, rasa, description=" ", due_at=NOW - timedelta(hours=1),
        interaction=someone_else, kind="delivery",
        specification={"model": "Bosch", "colour": "white", "size": "M"}))
    assert errors == {
        "description": ["Say what exactly was promised."],
        "due_at": ["A promise cannot fall due before it is made."],
        "interaction": ["This interaction is with another customer."],
        "specification.accessories": [
            "A delivery's specification needs “accessories”: the model, colour, size and "
            "accessories promised."],
    }
    assert not Promise.objects.exists() and mail.outbox == []


def test_an_unknown_kind_and_an_agent_who_left_are_refused(customer, rasa):
    rasa.left_on = NOW.date() - timedelta(days=1)
    rasa.save()
    errors = errors_of(lambda: delivery(customer, rasa, kind="pigeon"))
    assert set(errors) == {"kind", "owner"}
    assert "Rasa Petraitė has left" in errors["owner"][0]


def test_other_kinds_need_no_specification_and_the_owner_may_be_required(customer, rasa):
    callback = promise_create(customer=customer, owner=rasa, kind="callback",
                              description="Paskambinti dėl sąskaitos", promised_at=NOW,
                              due_at=NOW + timedelta(hours=3), now=NOW)
    assert callback.specification == {} and callback.status == "open"
    errors = errors_of(lambda: promise_create(
        customer=customer, kind="reply", description="Atsakyti", due_at=NOW, now=NOW,
        owner_required=True))
    assert list(errors) == ["owner"]


def test_the_customer_is_emailed_what_and_by_when_with_a_working_link(
        customer, rasa, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        promise = delivery(customer, rasa, due_at=datetime.fromisoformat(
            "2026-06-03T15:00:00+03:00"))
    assert promise.status_url.startswith("http://localhost:8000/p/")
    token = promise.status_url.rsplit("/p/", 1)[1].strip("/")
    promise.refresh_from_db()
    assert promise.status_token_digest == token_digest(token)  # only the digest is stored
    assert token not in promise.status_token_digest
    [message] = mail.outbox
    assert message.to == ["jurate@example.lt"]
    assert "birželio 3" in message.subject  # in Lithuanian, the customer's language
    assert "Pristatyti šaldytuvą į namus" in message.body
    assert "Bosch KGN39VWEA" in message.body and "door handles, egg tray" in message.body
    assert "15:00" in message.body and "Rasa" in message.body
    assert promise.status_url in message.body
    assert client.get(promise.status_url.removeprefix("http://localhost:8000")
                      ).status_code == 200


@pytest.mark.parametrize("customer_fields", [
    {"email": ""}, {"email": "a@example.lt", "consents_to_promise_updates": False}])
def test_no_email_without_an_address_or_consent(rasa, customer_fields,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        promise = delivery(CustomerFactory(**customer_fields), rasa)
    assert mail.outbox == []
    assert promise.status_url.startswith("http://localhost:8000/p/")  # to pass on by hand


def test_no_email_when_the_promise_is_recorded_after_its_due_time(
        customer, rasa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delivery(customer, rasa, promised_at=NOW - timedelta(days=3),
                 due_at=NOW - timedelta(days=1))
    assert mail.outbox == []


def test_an_open_promise_changes_and_closes_by_the_rules(customer, rasa, jonas):
    promise = delivery(customer, rasa)
    later = NOW + timedelta(days=3)
    promise = promise_update(promise, owner=jonas, due_at=later, description="Pristatyti",
                             now=NOW + timedelta(hours=1))
    assert (promise.owner, promise.due_at, promise.description) == (jonas, later, "Pristatyti")
    assert str(promise.due_on) == "2026-06-04"
    closed = promise_update(promise, status="kept", done_at=later - timedelta(hours=1),
                            closed_note="  Pristatyta  ", now=later)
    assert (closed.status, closed.kept_at, closed.closed_note) == (
        "kept", later - timedelta(hours=1), "Pristatyta")
    assert closed.updated_at == later
    errors = errors_of(lambda: promise_update(closed, description="Kita", status="broken",
                                              now=later))
    assert errors == {
        "description": ["This promise is closed (Kept): only an open promise can change."],
        "status": ["This promise is closed already (Kept)."]}


def test_closing_must_match_the_times_and_the_specification(customer, rasa):
    promise = delivery(customer, rasa)
    after_due = promise.due_at + timedelta(hours=2)
    assert "kept late" in errors_of(lambda: promise_update(
        promise, status="kept", done_at=after_due, now=after_due))["status"][0]
    assert "kept, not late" in errors_of(lambda: promise_update(
        promise, status="late", done_at=NOW + timedelta(hours=1), now=after_due))["status"][0]
    assert list(errors_of(lambda: promise_update(
        promise, status="kept", as_specified=False, now=NOW + timedelta(hours=1)))) == [
        "as_specified"]
    assert list(errors_of(lambda: promise_update(
        promise, status="kept", done_at=NOW + timedelta(days=1), now=NOW))) == ["done_at"]
    assert list(errors_of(lambda: promise_update(promise, status="open", now=NOW))) == [
        "status"]
    promise.refresh_from_db()
    assert promise.status == "open" and promise.kept_at is None
    # Delivered on time, but in the wrong colour: broken, with the time it came.
    broken = promise_update(promise, status="broken", done_at=NOW + timedelta(days=1),
                            as_specified=False, now=after_due)
    assert (broken.status, broken.kept_at) == ("broken", NOW + timedelta(days=1))


def test_a_late_promise_cannot_have_its_due_time_moved(customer, rasa):
    promise = delivery(customer, rasa)
    after_due = promise.due_at + timedelta(minutes=1)
    errors = errors_of(lambda: promise_update(
        promise, due_at=after_due + timedelta(days=1), status="kept", now=after_due))
    assert "can no longer move" in errors["due_at"][0]
    assert list(errors_of(lambda: promise_update(
        promise, due_at=NOW - timedelta(hours=1), now=NOW))) == ["due_at"]
    assert list(errors_of(lambda: promise_update(promise, owner=None, now=NOW))) == ["owner"]
    assert list(errors_of(lambda: promise_update(
        promise, specification=DELIVERY_SPEC | {"colour": None}, now=NOW))) == [
        "specification.colour"]
    promise.refresh_from_db()
    assert promise.due_at == NOW + timedelta(days=2) and promise.owner == rasa


def test_a_mail_server_that_is_down_does_not_lose_the_promise(
        customer, rasa, monkeypatch, django_capture_on_commit_callbacks):
    def refuse(*_args, **_kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("kliento.customers.consent.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        promise = delivery(customer, rasa)
    assert Promise.objects.get() == promise and mail.outbox == []
