"""Every FileStore adapter passes these."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pra.adapters.folder_files import FolderFileStore, UnsafeKey
from pra.ports import FileStore


def _folder(tmp_path: Path) -> Iterator[FileStore]:
    yield FolderFileStore(tmp_path / "files")


def _s3(tmp_path: Path) -> Iterator[FileStore]:
    from pra.adapters.s3_files import S3FileStore
    from tests.aws.resources import FILES_BUCKET, RECORDS_BUCKET, mocked_aws

    with mocked_aws() as aws:
        yield S3FileStore(aws.s3, FILES_BUCKET, RECORDS_BUCKET)


ADAPTERS: dict[str, Callable[[Path], Iterator[FileStore]]] = {"folder": _folder, "s3": _s3}


@pytest.fixture(params=sorted(ADAPTERS))
def files(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FileStore]:
    yield from ADAPTERS[request.param](tmp_path)


def test_a_file_reads_back_as_written(files: FileStore) -> None:
    files.put("public/manifest.json", b'{"records": []}', "application/json")
    assert files.get("public/manifest.json") == b'{"records": []}'


def test_a_missing_file_reads_as_none(files: FileStore) -> None:
    assert files.get("public/nothing.pdf") is None


def test_put_replaces_the_whole_file(files: FileStore) -> None:
    files.put("private/a.txt", b"first version, longer", "text/plain")
    files.put("private/a.txt", b"second", "text/plain")
    assert files.get("private/a.txt") == b"second"


def test_list_gives_the_keys_under_a_prefix(files: FileStore) -> None:
    for key in ["public/b.pdf", "public/a.pdf", "private/c.pdf"]:
        files.put(key, b"%PDF", "application/pdf")
    assert files.keys("public/") == ["public/a.pdf", "public/b.pdf"]


def test_delete_removes_and_is_idempotent(files: FileStore) -> None:
    files.put("private/x.txt", b"x", "text/plain")
    files.delete("private/x.txt")
    files.delete("private/x.txt")
    assert files.get("private/x.txt") is None


@pytest.mark.parametrize("key", ["../escape.txt", "/etc/passwd", "public/../../x", ""])
def test_the_folder_refuses_keys_that_leave_it(tmp_path: Path, key: str) -> None:
    with pytest.raises(UnsafeKey):
        FolderFileStore(tmp_path / "files").put(key, b"x", "text/plain")


def test_a_stream_is_stored_whole_and_read_back_as_a_stream(files: FileStore) -> None:
    import io

    data = bytes(range(256)) * 8192  # 2 MiB: more than one part of a multipart upload
    files.put_stream("requests/PRA-2026-00001/files/a/big.pdf", io.BytesIO(data), "application/pdf")
    stream = files.open("requests/PRA-2026-00001/files/a/big.pdf")
    assert stream is not None
    with stream:
        assert stream.read() == data
    assert files.get("requests/PRA-2026-00001/files/a/big.pdf") == data


def test_opening_a_missing_file_is_none(files: FileStore) -> None:
    assert files.open("requests/PRA-2026-00001/files/none.pdf") is None
