from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from kliento.customers.models import Customer
from kliento.customers.services import customer_create, customer_rename
from kliento.promises.models import Promise
from kliento.promises.services import promise_close, promise_create
from kliento.surveys.models import SurveyResponse
from kliento.surveys.services import survey_response_record
from tests.factories import CustomerFactory

MADE = datetime(2026, 6, 5, 20, 30, tzinfo=UTC)  # 23:30 in Vilnius


@pytest.mark.django_db
def test_customer_names_keep_every_letter_and_can_be_corrected():
    customer = customer_create(full_name="  Ona  Žemaitytė-Šimkienė ")
    assert Customer.objects.get().full_name == "Ona  Žemaitytė-Šimkienė"
    customer_rename(customer, "Ona Žemaitytė-Šimkienė")
    assert Customer.objects.get().full_name == "Ona Žemaitytė-Šimkienė"


@pytest.mark.django_db
def test_promise_falls_due_on_the_local_day_and_closes_by_the_rules():
    promise = promise_create(customer=CustomerFactory(), kind="delivery",
                             description="Pristatyti šaldytuvą", promised_at=MADE,
                             due_at=MADE + timedelta(hours=1))
    assert str(promise.due_on) == "2026-06-06"  # 00:30 local time, the next day
    assert promise_close(promise, done_at=MADE + timedelta(minutes=50)).status == "kept"
    assert promise_close(promise, done_at=MADE + timedelta(hours=3)).status == "late"
    assert promise_close(promise, done_at=MADE, as_specified=False).status == "broken"
    assert promise_close(promise, done_at=None).status == "broken"


@pytest.mark.django_db
def test_a_promise_due_before_it_was_made_is_refused():
    with pytest.raises(ValidationError, match="before it is made"):
        promise_create(customer=CustomerFactory(), kind="callback", description="Paskambinti",
                       promised_at=MADE, due_at=MADE - timedelta(hours=1))
    assert not Promise.objects.exists()


@pytest.mark.django_db
def test_out_of_range_answer_names_the_field_and_stores_nothing():
    with pytest.raises(ValidationError) as error:
        survey_response_record(customer=CustomerFactory(), responded_at=MADE, language="lt",
                               nps=11, csat=4)
    assert list(error.value.message_dict) == ["nps"]
    assert not SurveyResponse.objects.exists()
    stored = survey_response_record(customer=CustomerFactory(full_name="Jānis Bērziņš"),
                                    responded_at=MADE, language="lv", nps=10, csat=5)
    assert str(stored.responded_on) == "2026-06-05"


@pytest.mark.django_db
def test_a_second_response_with_the_same_external_id_is_refused_by_name():
    survey_response_record(customer=CustomerFactory(), responded_at=MADE, language="lt",
                           nps=8, external_id="crm-resp-1")
    with pytest.raises(ValidationError) as error:
        survey_response_record(customer=CustomerFactory(), responded_at=MADE, language="lt",
                               nps=9, external_id="crm-resp-1")
    assert list(error.value.message_dict) == ["external_id"]
    assert SurveyResponse.objects.get().nps == 8
    survey_response_record(customer=CustomerFactory(), responded_at=MADE, language="lt", nps=7)
    survey_response_record(customer=CustomerFactory(), responded_at=MADE, language="lt", nps=6)
    assert SurveyResponse.objects.filter(external_id=None).count() == 2
