"""No page template puts a method's name or a statistic's symbol in front of its readers:
"R²", "Johnson 2000", "p-value", "Poisson", "Pearson's r"… belong in the folded "How this is
computed" note ({% how_computed %}, ui/_how_computed.html), the page itself says it in plain
words. The owners' monthly PDF is a document, not a page: its footnote may name its method."""

import re
from pathlib import Path

import pytest

import kliento

JARGON = ("R²", "R2 ", "p-value", "p-Wert", "Johnson", "Shapley", "Kaplan", "Poisson",
          "Wilson", "bootstrap", "Pearson", "Agresti", "Wald", "Fisher", "Welch", "Erlang",
          "WAPE", "MASE")
NOTE = re.compile(r"{% how_computed %}.*?{% endhow_computed %}", re.S)
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)
DOCUMENTS = {"analytics/templates/analytics/monthly_report.html"}
ROOT = Path(kliento.__file__).parent
TEMPLATES = sorted(path for path in ROOT.glob("*/templates/**/*.html")
                   if path.relative_to(ROOT).as_posix() not in DOCUMENTS)


def test_the_templates_are_found():
    assert len(TEMPLATES) > 100
    assert any(path.name == "_how_computed.html" for path in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_jargon_outside_the_how_this_is_computed_note(path):
    text = NOTE.sub("", COMMENT.sub("", path.read_text(encoding="utf-8")))
    found = [word for word in JARGON if word in text]
    assert not found, f"{', '.join(found)} on the page: move it into {{% how_computed %}}"
