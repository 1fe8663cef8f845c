"""The charts' one number writer (ui/static/ui/numbers.js), run in Node with full ICU: the page
language's decimal mark and grouping, and the true minus sign U+2212 in all five languages
(Intl alone writes a hyphen in en, lv, pl and ru). The dashboard, explore and staffing charts
use it and load it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "kliento"
NUMBERS_JS = SRC / "ui" / "static" / "ui" / "numbers.js"
MINUS = "\u2212"
NBSP_OR_NARROW = ("\xa0", "\u202f")

def _run(language: str, calls: list[str]) -> list[str]:
    # Fails, never skips, without Node (as the browser tests do without Chromium).
    assert shutil.which("node"), "these tests need Node (apt-get install -y nodejs)"
    script = (f"globalThis.document = {{documentElement: {{lang: {json.dumps(language)}}}}};\n"
              + NUMBERS_JS.read_text() + "\nconst f = globalThis.KlientoNumbers.format;\n"
              + f"console.log(JSON.stringify([{', '.join(calls)}]));")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("language,decimal", [("en", "."), ("lt", ","), ("lv", ","),
                                              ("pl", ","), ("ru", ",")])
def test_negative_numbers_take_the_true_minus_and_the_page_decimal_mark(language, decimal):
    negative, plus, zero, grouped, exact = _run(language, [
        "f(-2.5, 1)", "f(3.25, 2, {plus: true})", "f(-0.004, 2)", "f(-12345.5, 1)",
        "f(1, 2, {exact: true})"])
    assert negative == f"{MINUS}2{decimal}5"
    assert plus == f"+3{decimal}25"
    assert zero == "0"
    assert "-" not in grouped and grouped.startswith(MINUS) and grouped.endswith(f"{decimal}5")
    group = grouped[3]
    assert group == "," if language == "en" else group in NBSP_OR_NARROW
    assert exact == f"1{decimal}00"


def test_no_chart_drawer_formats_numbers_on_its_own():
    """No toFixed / toLocaleString / Intl.NumberFormat outside the shared writer; every page
    that draws charts loads it after Chart.js and before its drawer."""
    for script in SRC.glob("*/static/**/*.js"):
        if "vendor" in script.parts or script == NUMBERS_JS:
            continue
        text = script.read_text()
        for call in ("toFixed(", "toLocaleString(", "Intl.NumberFormat"):
            assert call not in text, f"{call} in {script.name}"
    for template in SRC.glob("*/templates/**/*.html"):
        text = template.read_text()
        if "chart-4.6.1.umd.min.js" in text:
            assert text.index("chart-4.6.1") < text.index("ui/numbers.js"), template.name
