"""ClamAV for the tests: a signature database of our own that knows the EICAR test string.

These machines cannot fetch ClamAV's official signatures; ClamAV reads any folder given to it
with --database (PRA_CLAMAV_DB). The EICAR string is assembled here, so that no file in the
repository trips a scanner.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "EICAR-STANDARD-ANTIVIRUS" + "-TEST-FILE"
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + MARKER + "!$H+H*").encode()
SIGNATURE = "Pra.Test.EICAR.UNOFFICIAL"  # ClamAV marks a signature of its own UNOFFICIAL


def write_database(folder: Path) -> Path:
    (folder / "pra-test.ndb").write_text(f"Pra.Test.EICAR:0:*:{MARKER.encode().hex()}\n")
    return folder
