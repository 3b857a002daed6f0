"""The session signing key: the setting when given, else one made once and kept private."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

from pra.config import Settings
from pra.web import create_app


def test_the_setting_is_the_key(settings: Settings) -> None:
    assert create_app(settings).secret_key == "test-secret"
    assert not (settings.data_dir / "secret_key").exists()


def test_without_a_setting_a_key_is_made_once_readable_only_by_its_owner(
    settings: Settings,
) -> None:
    local = dataclasses.replace(settings, secret_key=None)
    first = create_app(local).secret_key
    path: Path = local.data_dir / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert isinstance(first, str) and len(first) == 64
    # A restart signs with the same key, so sessions survive it.
    assert create_app(local).secret_key == first
    assert [p.name for p in local.data_dir.iterdir() if p.name.startswith(".secret")] == []
