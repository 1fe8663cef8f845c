import pytest
from django.utils import translation

from kliento.audits.models import AuditKind, ServiceStandard
from kliento.audits.selectors import criteria_for
from kliento.audits.services import standard_default_ensure

LANGUAGES = ("en", "lt", "lv", "ru", "pl")


@pytest.fixture
def default_standard(db) -> ServiceStandard:
    # The data migration made it; a flushed database (transactional tests) makes it again.
    return standard_default_ensure()


@pytest.mark.django_db
def test_the_default_standard_is_worded_in_all_five_languages(default_standard):
    assert ServiceStandard.objects.filter(is_default=True).count() == 1
    criteria = list(default_standard.criteria.all())
    assert len(criteria) >= 8
    for criterion in criteria:
        texts = [criterion.text(language) for language in LANGUAGES]
        assert all(text.strip() for text in texts), criterion.text_en
        assert len(set(texts)) == 5, criterion.text_en  # really translated, not copied
        assert criterion.weight >= 1


@pytest.mark.django_db
def test_it_rewards_listening_asking_paraphrasing_mood_and_no_pushy_greeting(default_standard):
    texts = " ".join(c.text_en.lower() for c in default_standard.criteria.all())
    for behaviour in ("listened", "asked questions", "paraphrased", "mood", "first minute",
                      "by when"):
        assert behaviour in texts


@pytest.mark.django_db
def test_each_kind_of_audit_has_its_own_checklist(default_standard):
    visit = {c.text_en for c in criteria_for(default_standard, AuditKind.VISIT)}
    call = {c.text_en for c in criteria_for(default_standard, AuditKind.CALL)}
    email = {c.text_en for c in criteria_for(default_standard, AuditKind.EMAIL)}
    assert any("first minute" in text for text in visit)
    assert not any("first minute" in text for text in call | email)
    assert any("interrupting" in text for text in call)
    assert not any("interrupting" in text for text in email)
    assert len(email) >= 5


@pytest.mark.django_db
def test_the_wording_follows_the_page_language(default_standard):
    criterion = default_standard.criteria.get(position=2)
    with translation.override("lt"):
        assert criterion.text() == criterion.text_lt
        assert str(criterion) == criterion.text_lt
    with translation.override("ru"):
        assert criterion.text() == criterion.text_ru
    assert criterion.text("de") == criterion.text_en


@pytest.mark.django_db
def test_ensuring_twice_keeps_one_default(default_standard):
    assert standard_default_ensure() == default_standard
    assert ServiceStandard.objects.filter(is_default=True).count() == 1
