"""The statistics page in Chromium (issue 16), with JavaScript on and off, both languages,
axe-clean, against a server of its own seeded by the CLI: `pra seed-demo` then `pra
statistics`. Leaves test-artifacts/screenshots/statistics-seeded-{1280,375}.png."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Contexts, foreign, serving
from tests.browser.test_pages import (
    assert_no_axe_violations,
    assert_no_axe_violations_without_script,
    screenshots,
)
from tests.e2e.test_serve import PRA, Server

pytestmark = pytest.mark.e2e


def _pra(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([str(PRA), *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, clamav_db: Path) -> Iterator[Server]:
    def seed(env: dict[str, str], data_dir: Path) -> None:
        where = ["--data-dir", str(data_dir)]
        _pra("seed-demo", "--requests", "600", "--open", "40", *where, env=env)
        assert _pra("statistics", *where, env=env).startswith("statistics rebuilt: 600 requests")

    with serving(tmp_path_factory.mktemp("pra-statistics"), clamav_db, seed) as running:
        yield running


@pytest.fixture
def new_page(browser: Browser, seeded: Server) -> Iterator[Callable[..., Page]]:
    opened = Contexts(browser, seeded)
    try:
        yield opened.page
    finally:
        opened.close()
    assert not foreign(opened.requests), foreign(opened.requests)
    assert not opened.csp_violations, opened.csp_violations


@pytest.mark.parametrize(
    ("path", "charts_heading", "period_label"),
    [
        ("/statistics/", "The last 12 months", "Figures for"),
        ("/es/statistics/", "Los últimos 12 meses", "Cifras de"),
    ],
)
def test_the_site_page_reads_the_figures_with_javascript(
    new_page: Callable[..., Page], path: str, charts_heading: str, period_label: str
) -> None:
    page = new_page()
    page.goto(path, wait_until="networkidle")
    expect(page.get_by_role("heading", name=charts_heading)).to_be_visible()
    images = page.locator("#pra-statistics img")
    expect(images).to_have_count(3)
    for i in range(3):  # each chart drawn (the server's SVG), with a name
        assert page.evaluate("img => img.naturalWidth", images.nth(i).element_handle()) > 0
        assert images.nth(i).get_attribute("alt")
    expect(page.locator("#pra-statistics table")).to_have_count(4)
    select = page.get_by_label(period_label)
    years = select.locator("option")
    assert years.count() > 12
    first_caption = page.locator("#pra-statistics table").last.locator("caption").inner_text()
    select.select_option(index=years.count() - 1)  # the oldest month
    expect(page.locator("#pra-statistics table").last.locator("caption")).not_to_have_text(
        first_caption
    )
    assert_no_axe_violations(page, f"{path} with its figures")
    if path == "/statistics/":
        select.select_option(index=0)
        screenshots(page, "statistics-seeded")


@pytest.mark.parametrize(
    ("path", "link", "title"),
    [
        ("/statistics/", "statistics, one page", "Statistics"),
        ("/es/statistics/", "estadísticas, en una página", "Estadísticas"),
    ],
)
def test_without_javascript_the_server_renders_the_page(
    new_page: Callable[..., Page], path: str, link: str, title: str
) -> None:
    page = new_page(javascript=False)
    checker = new_page()
    page.goto(path)
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    charts = page.locator("main svg.pra-chart-svg[role=img]")
    expect(charts).to_have_count(3)
    expect(page.locator("main table")).to_have_count(4)
    assert_no_axe_violations_without_script(page, checker, f"{path} without JavaScript")
    # The period form works without script: a month's figures.
    options = page.locator("#pra-period option")
    month = options.nth(options.count() - 1)
    wanted = month.inner_text()
    page.locator("#pra-period").select_option(index=options.count() - 1)
    page.locator("form[action^='/api/statistics'] button").click()
    expect(page.locator("main table").last.locator("caption")).to_contain_text(wanted)
    if path == "/statistics/":
        screenshots(page, "statistics-server-seeded")
