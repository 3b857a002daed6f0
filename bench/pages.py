"""What each public page costs a first visit, in Chromium, against a stock Material page.

Builds a stock mkdocs-material site (font off, everything else as the theme ships it) whose one
page is our request form's Markdown, serves it with Python's static server, and serves our
built site (`make site`) with `pra serve`. Each page is opened in a fresh browser context
(an empty cache, as a first visit), and every response is counted until the network is idle:
the number of requests, and the bytes each body takes gzipped (level 6, as a server would
send it; measured the same way for both sites), with any response of 400 or more named.
The target: the request form page at most the stock page in bytes and in requests, no 404s.

Usage:  .venv/bin/python bench/pages.py [--only request/,es/request/] [--site site]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Response, sync_playwright
from pra_server import pra_serve

ROOT = Path(__file__).parents[1]
STOCK_CONFIG = "site_name: Stock\ntheme:\n  name: material\n  font: false\n"


@dataclass
class Visit:
    requests: int = 0
    gzip_bytes: int = 0
    failures: list[str] = field(default_factory=list)


def visit(browser: Browser, url: str) -> Visit:
    """One first visit: every response until the network has been idle a moment."""
    context = browser.new_context()
    page, seen = context.new_page(), Visit()

    def count(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted response has no body
            body = b""
        seen.requests += 1
        seen.gzip_bytes += len(gzip.compress(body, compresslevel=6))
        if response.status >= 400:
            seen.failures.append(f"{response.status} {response.url}")

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # scripts that fetch after load (the theme's workers did)
    context.close()
    return seen


def stock_site(folder: Path) -> Path:
    """A stock Material site whose one page is our request form's Markdown."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text((ROOT / "site_docs" / "request.md").read_text())
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=folder,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return folder / "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_static(root: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def our_pages(site: Path) -> list[str]:
    """Every page of the built site, both languages, as paths under the root ("" for home)."""
    pages = sorted(str(index.parent.relative_to(site)) for index in site.rglob("index.html"))
    return ["" if page == "." else f"{page}/" for page in pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated page paths (default: every page)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site")
    args = parser.parse_args(argv)
    site = args.site
    if not (site / "index.html").exists():
        raise SystemExit("pages: build the site first (make site)")
    pages = args.only.split(",") if args.only else our_pages(site)
    with tempfile.TemporaryDirectory() as folder:
        stock = serve_static(stock_site(Path(folder) / "stock"))
        with pra_serve(Path(folder) / "data", site) as ours, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            baseline = visit(browser, f"{stock}/")
            print("pages: a first visit in Chromium, against a stock Material page")
            print(f"  {'page':44} {'requests':>8} {'gzip KB':>8} {'bytes/stock':>11}")
            print(
                f"  {'(stock Material page)':44} {baseline.requests:>8} "
                f"{baseline.gzip_bytes / 1000:>8.1f} {1:>11.2f}"
            )
            failures = []
            for path in pages:
                seen = visit(browser, f"{ours}/{path}")
                print(
                    f"  {'/' + path:44} {seen.requests:>8} {seen.gzip_bytes / 1000:>8.1f} "
                    f"{seen.gzip_bytes / baseline.gzip_bytes:>11.2f}"
                )
                failures += [f"/{path}: {failure}" for failure in seen.failures]
            browser.close()
    print(f"  responses of 400 or more: {len(failures)}")
    for failure in failures:
        print(f"    {failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
