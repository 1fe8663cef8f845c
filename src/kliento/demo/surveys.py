"""The demo's surveys: three questionnaires, the generated answers filed under them, and the
invitations behind the recent ones — some answered, some still waiting."""

from datetime import timedelta

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kliento.accounts.tokens import token_digest, token_new
from kliento.customers.models import Customer
from kliento.interactions.models import Channel
from kliento.surveys.models import SCALES, Invitation, Survey, SurveyResponse
from kliento.surveys.services import invitation_create, question_add, survey_create

INVITED_WEEKS = 4
ANSWER_RATE = 0.35  # of those invited, as e-mail surveys go

WHAT_DECIDED = {
    "en": "What decided your score most?",
    "lt": "Kas labiausiai lėmė jūsų įvertinimą?",
    "lv": "Kas visvairāk noteica jūsu vērtējumu?",
    "ru": "Что больше всего повлияло на вашу оценку?",
    "pl": "Co najbardziej wpłynęło na Twoją ocenę?",
}
DECIDED_OPTIONS = [
    ("staff", {"en": "The staff", "lt": "Darbuotojai", "lv": "Darbinieki", "ru": "Сотрудники",
               "pl": "Obsługa"}),
    ("product", {"en": "The product", "lt": "Prekė", "lv": "Prece", "ru": "Товар",
                 "pl": "Produkt"}),
    ("waiting", {"en": "Waiting time", "lt": "Laukimo laikas", "lv": "Gaidīšanas laiks",
                 "ru": "Время ожидания", "pl": "Czas oczekiwania"}),
    ("promise", {"en": "Whether the promise was kept", "lt": "Ar buvo ištesėtas pažadas",
                 "lv": "Vai solījums tika izpildīts", "ru": "Было ли выполнено обещание",
                 "pl": "Czy obietnica została dotrzymana"}),
]


@transaction.atomic
def demo_surveys_create() -> dict[str, Survey]:
    surveys = {
        "contact": survey_create(name="Po kontakto",
                                 blocks=["nps", "csat", "ces", "kv", "grade", "comment"],
                                 trigger=Survey.Trigger.INTERACTION_RESOLVED),
        "promise": survey_create(name="Pažadai ir pristatymai",
                                 blocks=["nps", "csat", "kv", "grade", "comment"],
                                 trigger=Survey.Trigger.PROMISE_CLOSED),
        "store": survey_create(name="Apsilankymas parduotuvėje",
                               blocks=["nps", "kv", "grade", "comment"]),
    }
    question_add(survey=surveys["store"], kind="choice", text=WHAT_DECIDED, required=False,
                 options=[{"value": value, "text": text} for value, text in DECIDED_OPTIONS])
    # The generator's answers, filed by where they came from: three set-based UPDATEs.
    store_channels = Q(channel__code__in=[Channel.Code.STORE])
    delivery = Q(channel__code=Channel.Code.DELIVERY)
    SurveyResponse.objects.filter(store_channels).update(survey=surveys["store"])
    SurveyResponse.objects.filter(delivery).update(survey=surveys["promise"])
    SurveyResponse.objects.filter(survey__isnull=True).update(survey=surveys["contact"])
    # The generator scores every measure; a survey keeps only the answers to what it asks.
    for survey in surveys.values():
        asked = set(survey.questions.values_list("kind", flat=True))
        never = {field: None for field, _label, _low, _high in SCALES if field not in asked}
        if never:
            SurveyResponse.objects.filter(survey=survey).update(**never)
    return surveys


def demo_invitations_create(seed: int) -> int:
    """Invitations for the last weeks' answers, and for as many again that went unanswered.
    Their links are not kept (only digests are), exactly as for real ones."""
    rng = np.random.default_rng(seed)
    since = timezone.now() - timedelta(weeks=INVITED_WEEKS)
    answered = list(
        SurveyResponse.objects.filter(responded_at__gte=since, customer__isnull=False,
                                      survey__isnull=False)
        .values_list("pk", "survey_id", "customer_id", "channel_id", "interaction_id",
                     "responded_at", "language"))
    invitations = []
    for pk, survey_id, customer_id, channel_id, interaction_id, at, language in answered:
        sent = at - timedelta(hours=float(rng.uniform(0.5, 48)))
        invitations.append(Invitation(
            survey_id=survey_id, customer_id=customer_id, channel_id=channel_id,
            interaction_id=interaction_id, delivery=Invitation.Delivery.EMAIL,
            language=language, token_digest=token_digest(token_new()), created_at=sent,
            sent_at=sent, opened_at=at - timedelta(minutes=3), answered_at=at, response_id=pk,
            expires_at=sent + timedelta(days=14)))
    unanswered = int(len(answered) * (1 - ANSWER_RATE) / ANSWER_RATE)
    customers = Customer.objects.filter(consents_to_surveys=True).values_list(
        "pk", "preferred_language")[:unanswered]
    surveys = list(Survey.objects.filter(trigger=Survey.Trigger.INTERACTION_RESOLVED))
    email = Channel.objects.get(code=Channel.Code.EMAIL)
    span = (timezone.now() - since).total_seconds()
    for customer_id, language in customers:
        sent = since + timedelta(seconds=float(rng.uniform(0, span)))
        invitations.append(Invitation(
            survey=surveys[0], customer_id=customer_id, channel=email,
            delivery=Invitation.Delivery.EMAIL, language=language,
            token_digest=token_digest(token_new()), created_at=sent, sent_at=sent,
            opened_at=sent + timedelta(hours=2) if rng.random() < 0.3 else None,
            expires_at=sent + timedelta(days=14)))
    Invitation.objects.bulk_create(invitations, batch_size=2000, ignore_conflicts=True)
    return len(invitations)


def demo_survey_link(base_url: str) -> str | None:
    """A fresh in-store link for a customer who has not been asked lately: printed at start so
    that whoever tries the demo can see the customer's side."""
    quiet = Customer.objects.filter(consents_to_surveys=True, survey_invitations__isnull=True)
    customer = quiet.order_by("pk").first()
    survey = Survey.objects.filter(name="Apsilankymas parduotuvėje").first()
    if customer is None or survey is None:
        return None
    _invitation, url = invitation_create(
        survey=survey, customer=customer, channel=Channel.objects.get(code=Channel.Code.STORE),
        delivery=Invitation.Delivery.LINK, base_url=base_url)
    return url
