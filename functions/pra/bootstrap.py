"""The one place that chooses adapters from settings."""

from __future__ import annotations

from pra.adapters.clocks import SystemClock
from pra.adapters.folder_files import FolderFileStore
from pra.adapters.mailers import OutboxMailer, SmtpMailer
from pra.adapters.sqlite_staff import SqliteStaffStore
from pra.adapters.sqlite_store import SqliteRequestStore
from pra.config import Settings
from pra.domain.calendar import BusinessCalendar
from pra.ports import Clock, Mailer
from pra.services import Services


def bootstrap(
    settings: Settings, *, clock: Clock | None = None, mailer: Mailer | None = None
) -> Services:
    """The embedded default: SQLite, a local folder, and an outbox folder or SMTP."""
    return Services(
        settings=settings,
        store=SqliteRequestStore(settings.database_path),
        files=FolderFileStore(settings.files_dir),
        mailer=mailer or _mailer(settings),
        clock=clock or SystemClock(settings.timezone),
        calendar=BusinessCalendar(settings.closure_days),
        staff=SqliteStaffStore(settings.database_path),
    )


def _mailer(settings: Settings) -> Mailer:
    if settings.smtp_host:
        return SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )
    return OutboxMailer(settings.outbox_dir)
