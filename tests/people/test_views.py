"""The scorecard and the leaderboard pages: who may open whose, what they show."""

from datetime import date

from django.urls import reverse

from kliento.people.selectors import praise_for
from tests.people.conftest import answers


def test_praise_wall_finds_the_name_whatever_its_accents_and_case(org):
    rasa = org.agents["rasa"]
    rasa.user.first_name = "Rūta"
    rasa.user.save()
    contact = org.contacts["rasa"]
    answers(contact, [10], comment="Labai ačiū RUTAI už pagalbą!")
    answers(contact, [9], comment="rūta viską paaiškino")
    answers(contact, [8], comment="Nupirkau rūtų vainiką")  # a plant, not her: no word start
    answers(contact, [7], comment="Viskas gerai")
    answers(org.contacts["jonas"], [10], comment="Rūta padėjo")  # not her contact
    assert sorted(r.comment for r in praise_for(rasa)) == [
        "Labai ačiū RUTAI už pagalbą!", "rūta viską paaiškino"]


def test_an_agent_sees_only_their_own_scorecard(client, org):
    rasa, jonas = org.agents["rasa"], org.agents["jonas"]
    answers(org.contacts["rasa"], [10, 9, 3], on=date.today())
    client.force_login(rasa.user)
    mine = client.get(reverse("people:me"))
    assert mine.status_code == 200
    assert 'data-metric="nps"' in mine.content.decode()
    assert client.get(reverse("people:agent", kwargs={"pk": jonas.pk})).status_code == 404


def test_a_lead_opens_their_team_but_not_another(client, org):
    client.force_login(org.lead)
    assert client.get(reverse("people:agent", kwargs={"pk": org.agents["jonas"].pk})) \
        .status_code == 200
    assert client.get(reverse("people:agent", kwargs={"pk": org.agents["tomas"].pk})) \
        .status_code == 404
    # A lead with no desk of their own is sent to the board of their agents.
    assert client.get(reverse("people:me"))["Location"].endswith("/people/leaderboard/")


def test_the_leaderboard_explains_the_order(client, org):
    answers(org.contacts["rasa"], [10] * 40, on=date.today())
    answers(org.contacts["jonas"], [10] * 20 + [3] * 20, on=date.today())
    client.force_login(org.manager)
    page = client.get(reverse("people:leaderboard"), {"metric": "nps", "minimum": 30})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Why this order" in html
    assert html.index(f'data-agent="{org.agents["rasa"].pk}"') < html.index(
        f'data-agent="{org.agents["jonas"].pk}"')
