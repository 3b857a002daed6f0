"""`pra serve` for a benchmark: started on a free port with a data folder, stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

PRA = Path(sys.executable).parent / "pra"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def pra_serve(data_dir: Path, site_dir: Path | None = None) -> Iterator[str]:
    """The URL of a running `pra serve` (the API alone unless a built site is given)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # A benchmark is one client sending as fast as it can: no per-client limits.
    env = {
        **os.environ,
        "PRA_SITE_DIR": str(site_dir or ""),
        "PRA_PUBLIC_URL": url,
        "PRA_RATE_LIMITS": "off",
    }
    server = subprocess.Popen(
        [str(PRA), "serve", "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            if requests.get(f"{url}/api/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit(f"pra serve did not answer at {url}")
