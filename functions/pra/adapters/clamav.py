"""MalwareScanner with Debian's ClamAV: `clamscan` on the file where the folder store keeps it.

The signature database folder is a setting (PRA_CLAMAV_DB), passed on as --database, so a
deployment or a test can point ClamAV at its own signatures. Anything but a clear answer
(ClamAV missing, no signatures, a time-out) is a failed scan, never a clean one.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from pathlib import Path

from pra.domain.files import ScanState, ScanVerdict

log = logging.getLogger(__name__)
FOUND, CLEAN = 1, 0  # clamscan's exit statuses; 2 is an error


class ClamAvScanner:
    def __init__(
        self,
        locate: Callable[[str], Path],
        database: Path | None = None,
        command: str = "clamscan",
        timeout_seconds: float = 600,
    ) -> None:
        self._locate, self._database = locate, database
        self._command, self._timeout = command, timeout_seconds

    def scan(self, key: str) -> ScanVerdict:
        path = self._locate(key)
        database = [f"--database={self._database}"] if self._database else []
        command = [self._command, "--no-summary", "--stdout", *database, "--", str(path)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self._timeout, check=False
            )
        except FileNotFoundError:
            return ScanVerdict(ScanState.FAILED, "ClamAV (clamscan) is not installed here")
        except subprocess.TimeoutExpired:
            return ScanVerdict(ScanState.FAILED, "ClamAV did not finish in time")
        if done.returncode == CLEAN:
            return ScanVerdict(ScanState.CLEAN)
        if done.returncode == FOUND:
            return ScanVerdict(ScanState.INFECTED, _signature(done.stdout, path))
        reason = _last_line(done.stderr) or _last_line(done.stdout) or "no answer"
        # The status only: ClamAV's words name the file, and a file's name can name a person.
        log.warning("clamscan failed with status %d", done.returncode)
        return ScanVerdict(ScanState.FAILED, f"ClamAV could not scan it: {reason}")


def _signature(output: str, path: Path) -> str:
    """`/path/file: Eicar-Signature FOUND` → `Eicar-Signature`."""
    for line in output.splitlines():
        if line.endswith(" FOUND"):
            return line.removeprefix(f"{path}: ").removesuffix(" FOUND")
    return "malware"


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
