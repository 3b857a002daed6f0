"""A smoke run of bench/pages.py on the request form, both languages, in Chromium."""

from __future__ import annotations

import pytest

from tests.bench import run_bench

pytestmark = pytest.mark.e2e


def test_the_request_form_asks_no_more_than_a_stock_page_and_nothing_is_missing() -> None:
    output = run_bench("pages", "--only", "request/,es/request/", timeout=180)
    rows = {line.split()[0]: line.split() for line in output.splitlines()[2:5]}
    stock_requests = int(rows["(stock"][-3])
    assert set(rows) == {"(stock", "/request/", "/es/request/"}
    assert all(int(rows[page][1]) <= stock_requests for page in ("/request/", "/es/request/"))
    assert "responses of 400 or more: 0" in output
