"""The one error every command raises for a problem the user can fix, and the check of a
tracking number typed on the command line, whose failure is that error."""

from pra.domain.tracking import is_tracking_number, normalize_tracking_number


class CliError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


def tracking_number_argument(raw: str) -> str:
    """The tracking number as stored, or CliError naming what was typed."""
    number = normalize_tracking_number(raw)
    if not is_tracking_number(number):
        raise CliError(f"not a tracking number: {raw!r} (expected e.g. PRA-2026-00042)")
    return number
