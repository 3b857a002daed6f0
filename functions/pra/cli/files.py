"""Files named on the command line, opened for the upload use cases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pra.cli.errors import CliError
from pra.domain.files import Visibility
from pra.services.files import Upload


@contextmanager
def opened_uploads(
    paths: list[Path], title: str = "", visibility: Visibility = Visibility.PUBLIC
) -> Iterator[list[Upload]]:
    """Each file opened for reading (closed after), titled only when it is the one file."""
    with ExitStack() as stack:
        uploads = []
        for path in paths:
            try:
                stream = stack.enter_context(path.open("rb"))
            except OSError as error:
                raise CliError(f"cannot read {path}: {error.strerror}") from None
            uploads.append(Upload(stream, path.name, title if len(paths) == 1 else "", visibility))
        yield uploads
