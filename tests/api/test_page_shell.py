"""The site's build makes the page shell the app's pages extend (hooks/pra_extra.py), and
the shell's own page is not published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pra.config import SHELL_DIR
from pra.services import Services
from pra.web import create_app

SITE = Path(__file__).resolve().parents[2] / "site"


@pytest.fixture(autouse=True)
def _built() -> None:
    if not (SHELL_DIR / "_shell.en.html").exists():
        pytest.fail("the site is not built: run `make site` (make test does)")


def test_the_shell_pages_are_not_published() -> None:
    assert not (SITE / "shell").exists() and not (SITE / "es" / "shell").exists()
    for sitemap in (SITE / "sitemap.xml", SITE / "es" / "sitemap.xml"):
        if sitemap.exists():
            assert "/shell/" not in sitemap.read_text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_server_page_has_the_sites_header_navigation_and_footer(
    services: Services, language: str
) -> None:
    client = create_app(services=services).test_client()
    html = client.post("/api/requests", data={"language": language}).get_data(as_text=True)
    site_page = (
        SITE / ("es/request" if language == "es" else "request") / "index.html"
    ).read_text()
    for part in ('class="md-header', 'class="md-footer"', 'class="md-nav', "pra-footer__contact"):
        assert part in html and part in site_page
    assert f'<html lang="{language}"' in html
    assert "Made with" not in html and "Made with" not in site_page
    # Every address the shell gives is absolute: the app's pages live at other depths.
    assert 'href="../' not in html and 'src="../' not in html


def _form_words(html: str) -> list[str]:
    """The form's labels, legends and hints, in order."""
    form = html[html.index('<form id="pra-request-form"') : html.index("</form>")]
    found = re.findall(
        r'<(label|legend|p class="pra-hint"[^>]*)[^>]*>(.*?)</(?:label|legend|p)>', form, re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for _tag, text in found]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_form_shown_again_is_the_sites_form_with_its_labels_and_hints(
    services: Services, language: str
) -> None:
    client = create_app(services=services).test_client()
    html = client.post("/api/requests", data={"language": language}).get_data(as_text=True)
    site_page = (
        SITE / ("es/request" if language == "es" else "request") / "index.html"
    ).read_text()
    assert _form_words(html) == _form_words(site_page)
    assert len(_form_words(html)) >= 20
    # Nothing was chosen, so nothing is checked, and format and delivery are said to be missing.
    assert " checked" not in html[html.index('<form id="pra-request-form"') :]
    assert 'id="pra-format-error"' in html and 'id="pra-delivery-error"' in html
