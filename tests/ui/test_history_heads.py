"""The history table's column heads say who changed what, in every language: "Who" and
"What" there are not the audit overview's "who was audited" and "kind of audit" (Lithuanian
once read "Kas vertintas" and "Tipas" over a record's changes)."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kliento.audit_trail.presentation import ShownChange

EVENT = SimpleNamespace(at=datetime(2026, 6, 10, 12, tzinfo=UTC), actor_name="Rasa",
                        token_prefix="", get_source_display="web", get_action_display="changed",
                        changes={"status": ["open", "resolved"]}, detail={},
                        shown_changes=[ShownChange("Būsena", "Atvira", "Išspręsta")])


@pytest.mark.parametrize(("language", "who", "what", "not_here"), [
    ("en", "Who", "What", ()),
    ("lt", "Kas", "Veiksmas", ("Kas vertintas", "Tipas")),
    ("lv", "Kas", "Darbība", ("Kas vērtēts", "Veids")),
    ("ru", "Кто", "Действие", ("Кого оценивали",)),
    ("pl", "Kto", "Czynność", ("Kogo oceniono", "Rodzaj")),
])
def test_the_history_heads_name_who_changed_it_and_what_happened(language, who, what,
                                                                 not_here):
    with translation.override(language):
        html = render_to_string("ui/_history.html", {"history": [EVENT]})
    heads = html.split("<thead>")[1].split("</thead>")[0]
    assert f'<th scope="col">{who}</th>' in heads
    assert f'<th scope="col">{what}</th>' in heads
    assert not any(word in heads for word in not_here)


def test_the_changes_show_as_read_not_as_stored():
    html = render_to_string("ui/_history.html", {"history": [EVENT]})
    assert "Būsena</span>: Atvira → Išspręsta" in html
    assert "<code>status</code>" not in html and "resolved" not in html
