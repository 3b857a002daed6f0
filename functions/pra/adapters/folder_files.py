"""FileStore on a local folder: the embedded default."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from pra.ports import UploadForm


class UnsafeKey(ValueError):
    """A key that would escape the store's folder."""


class FolderFileStore:
    def __init__(self, root: Path) -> None:
        self._root = root
        root.mkdir(parents=True, exist_ok=True)

    def path_of(self, key: str) -> Path:
        """Where a key's file lies on disk (the ClamAV scanner reads it there)."""
        return self._path(key)

    def _path(self, key: str) -> Path:
        parts = PurePosixPath(key).parts
        if not parts or key.startswith("/") or any(p in {"..", "."} for p in parts):
            raise UnsafeKey(f"not a file key: {key!r}")
        return self._root.joinpath(*parts)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._write(key, lambda stream: stream.write(data))

    def put_stream(self, key: str, source: BinaryIO, content_type: str) -> None:
        self._write(key, lambda stream: shutil.copyfileobj(source, stream, 1024 * 1024))

    def _write(self, key: str, write: Callable[[BinaryIO], object]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                write(stream)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        return None  # one machine: the app streams the file itself

    def upload_form(
        self, prefix: str, max_bytes: int, expires: timedelta, redirect: str | None
    ) -> UploadForm | None:
        return None  # one machine: the app takes uploads itself

    def metadata(self, key: str) -> dict[str, str]:
        return {}

    def open(self, key: str) -> BinaryIO | None:
        path = self._path(key)
        return path.open("rb") if path.is_file() else None

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def keys(self, prefix: str) -> list[str]:
        # Walk only the folder the prefix names, not the whole store.
        folder = prefix.rpartition("/")[0]
        base = self._path(folder) if folder else self._root
        keys = (
            Path(parent, name).relative_to(self._root).as_posix()
            for parent, _, names in os.walk(base)
            for name in names
            if not name.startswith(".tmp-")
        )
        return sorted(key for key in keys if key.startswith(prefix))

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
