"""The API's documentation page works offline: Swagger UI and every other asset come from
the project, and no page's template loads a script, style or image from another host."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ASSET = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=["']([^"']+)""",
                   re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


def test_the_api_docs_load_no_third_party_script_and_their_assets_resolve(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assets = ASSET.findall(html)
    assert any("swagger-ui-bundle.js" in asset for asset in assets)
    assert any("swagger-ui.css" in asset for asset in assets)
    assert [asset for asset in assets if EXTERNAL.match(asset)] == []
    for asset in assets:
        assert asset.startswith(STATIC_PREFIX), asset
        assert finders.find(asset.removeprefix(STATIC_PREFIX)), f"{asset} is not in the project"
    assert "cdn." not in html and "jsdelivr" not in html and "unpkg" not in html


def test_the_vendored_swagger_ui_keeps_its_licence():
    bundle = Path(finders.find("vendor/swagger-ui-5.35.0/swagger-ui-bundle.js"))
    licence = (bundle.parent / "LICENSE").read_text()
    assert "Apache License" in licence


def template_files() -> list[Path]:
    package = Path(__file__).resolve().parents[2] / "src" / "kliento"
    templates = sorted(package.rglob("templates/**/*.html"))
    assert len(templates) > 20  # the walk found the templates, not an empty folder
    return templates


@pytest.mark.parametrize("template", template_files(), ids=lambda path: path.name)
def test_no_template_loads_an_asset_from_another_host(template):
    external = [asset for asset in ASSET.findall(template.read_text())
                if EXTERNAL.match(asset)]
    assert external == []
