"""The demo agrees with itself: a delivery promise specifies the product its words name,
nobody answers a question their survey never asked, and no answer is dated in the future."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from kliento.demo.generator import PRODUCTS
from kliento.demo.people import UPSELL_PRODUCTS
from kliento.demo.phrasebook import PROMISE_DESCRIPTIONS
from kliento.interactions.models import Interaction
from kliento.promises.models import Promise
from kliento.surveys.models import SCALES, Survey, SurveyResponse


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # Topic mining, the command's last step, adds no contact, answer or promise: left out;
    # the sign-ins' passwords are hashed as fast as in every other test (conftest).
    with django_db_blocker.unblock():
        with pytest.MonkeyPatch.context() as patch, override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            patch.setattr("kliento.demo.management.commands.demo.demo_topics_mine",
                          lambda manager: 0)
            call_command("demo", "--no-serve", "--reset", "--scale", "1500", "--weeks", "8",
                         "--seed", "11")
        yield
        call_command("flush", "--no-input")


@pytest.mark.django_db
def test_a_delivery_specifies_the_product_its_description_names(demo):
    # Each language lists its delivery descriptions in the order of PRODUCTS.
    product_of = {text: PRODUCTS[index][0] for descriptions in PROMISE_DESCRIPTIONS.values()
                  for index, text in enumerate(descriptions["delivery"])}
    deliveries = list(Promise.objects.filter(kind=Promise.Kind.DELIVERY)
                      .values_list("description", "specification"))
    assert len(deliveries) > 20
    mismatched = [(text, spec["model"]) for text, spec in deliveries
                  if product_of[text] != spec["model"]]
    assert mismatched == []


@pytest.mark.django_db
def test_no_answer_to_a_question_the_survey_never_asked(demo):
    checked = 0
    for survey in Survey.objects.prefetch_related("questions"):
        kinds = {question.kind for question in survey.questions.all()}
        ids = {str(question.pk) for question in survey.questions.all()}
        responses = SurveyResponse.objects.filter(survey=survey)
        for field, _label, _low, _high in SCALES:
            if field not in kinds:
                assert not responses.filter(**{f"{field}__isnull": False}).exists(), \
                    f"{survey}: answers to {field}, which it never asks"
        if "comment" not in kinds:
            assert not responses.exclude(comment="").exists()
        for answers in responses.exclude(answers={}).values_list("answers", flat=True):
            assert set(answers) <= ids, f"{survey}: answers to questions it does not have"
        checked += responses.count()
    assert checked == SurveyResponse.objects.count() > 100


@pytest.mark.django_db
def test_no_response_is_dated_in_the_future(demo):
    now = timezone.now()
    assert SurveyResponse.objects.exists()
    assert not SurveyResponse.objects.filter(responded_at__gt=now).exists()
    assert not SurveyResponse.objects.filter(responded_on__gt=timezone.localdate()).exists()


@pytest.mark.django_db
def test_an_upsell_offer_names_an_extra_of_its_touchpoint(demo):
    offers = list(Interaction.objects.filter(upsell_offered=True)
                  .values_list("touchpoint__name", "upsell_product"))
    assert len(offers) > 20
    strays = [(place, product) for place, product in offers
              if product and product not in UPSELL_PRODUCTS.get(place, ((),))[0]
              and place in UPSELL_PRODUCTS]
    assert strays == []
    assert not Interaction.objects.filter(upsell_offered=False).exclude(upsell_product="") \
        .exists()
