"""Publishing into the released-records library as it grows, on the embedded default.

Publishes N records (one small PDF each, proactive disclosure through the publish service)
into a fresh data folder, spread over --years years as a library's releases are (5,000 over
ten years is a busy county library), and reports, as ratios measured in this same run:
  publish       median time per publish of the first hundred and of the last hundred,
                and their ratio (flat is ~1; a rebuild that rereads every record grows)
  manifest      the index's size, and the largest year page's
  page          with --page: the site's records page in Debian's Chromium, until its list is
                drawn, over `pra serve` on this library against the same page on an empty one
                (median of 7 loads each; needs the built site, `make site`)

Usage:  .venv/bin/python bench/publish.py [--records 5000] [--years 10] [--page]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pra.adapters.clocks import FixedClock
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.domain.files import ScanState, ScanVerdict
from pra.services.files import LIBRARY_UPLOADS, Upload, upload_files
from pra.services.library import publish_record
from pra.services.manifest import MANIFEST_KEY

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class CleanScanner:
    """ClamAV's time is not what is measured here: every file is clean at once."""

    def scan(self, key: str) -> ScanVerdict:
        return ScanVerdict(ScanState.CLEAN)


def publish_many(count: int, data_dir: Path, years: int = 10) -> list[float]:
    clock = FixedClock(datetime(2017, 1, 2, 10, tzinfo=ZoneInfo("America/Los_Angeles")))
    settings = Settings(data_dir=data_dir, site_dir=None, secret_key="bench")
    services = replace(bootstrap(settings, clock=clock), scanner=CleanScanner())
    step = timedelta(days=365 * years / count)
    times = []
    for n in range(count):
        clock.advance(seconds=step.total_seconds())
        upload = Upload(_bytes(PDF), f"minutes-{n}.pdf")
        start = time.perf_counter()
        (file,) = upload_files(services, LIBRARY_UPLOADS, [upload], "bench")
        # Confirmed: the personal-data check reads each file once, whatever the library's size.
        publish_record(
            services,
            [file],
            title=f"Minutes {n}",
            description="Board minutes",
            actor="bench",
            confirmed=True,
        )
        times.append(time.perf_counter() - start)
    manifest = services.files.get(MANIFEST_KEY) or b""
    pages = [len(services.files.get(key) or b"") for key in services.files.keys("public/records-")]
    print(f"manifest (index and newest year): {len(manifest):,} bytes")
    print(f"year pages: {len(pages)}, the largest {max(pages, default=0):,} bytes")
    return times


def page_load(data_dir: Path, runs: int = 7) -> float:
    """Median seconds until the records page has drawn its list (or says it is empty)."""
    import os
    import subprocess
    import sys

    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PRA_SITE_DIR": "site", "PRA_PUBLIC_URL": url, "PRA_RATE_LIMITS": "off"}
    pra = Path(sys.executable).parent / "pra"
    command = [str(pra), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(f"{url}/api/health")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            times = []
            for _ in range(runs):
                page = browser.new_context().new_page()  # a new visitor: nothing cached
                start = time.perf_counter()
                page.goto(f"{url}/records/")
                page.wait_for_function(
                    "document.querySelector('#pra-records-list li') || "
                    "!document.getElementById('pra-records-empty').hidden"
                )
                times.append(time.perf_counter() - start)
                page.context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return statistics.median(times)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, seconds: float = 20) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"pra serve did not answer at {url}")


def _bytes(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--page", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as empty:
        times = publish_many(args.records, Path(folder), args.years)
        if args.page:
            full, bare = page_load(Path(folder)), page_load(Path(empty))
            print(
                f"records page: {full * 1000:.0f} ms with the library, {bare * 1000:.0f} ms "
                f"empty: {full / bare:.2f}x"
            )
    first, last = statistics.median(times[:100]), statistics.median(times[-100:])
    per_year = args.records // args.years
    year_end = statistics.median(times[per_year - 100 : per_year])
    print(f"publish: first 100 median {first * 1000:.1f} ms, last 100 median {last * 1000:.1f} ms")
    print(f"publish: last / first = {last / first:.2f}x over {args.records} records")
    # A publish rewrites its own year: the end of the last year against the end of the first
    # says whether the library's size (rather than the year's) costs anything.
    print(
        f"publish: last 100 of the last year / last 100 of the first year = "
        f"{last / year_end:.2f}x ({year_end * 1000:.1f} ms then)"
    )


if __name__ == "__main__":
    main()
