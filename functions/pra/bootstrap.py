"""The one place that chooses adapters from settings."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pra.adapters.clocks import SystemClock
from pra.config import Settings, SettingsError
from pra.domain.calendar import BusinessCalendar
from pra.services import Services

if TYPE_CHECKING:
    from pra.ports import Clock, Mailer


def services_for(settings: Settings) -> Services:
    """AWS when the settings name a table (as the template's functions do), else embedded."""
    return bootstrap_aws(settings) if settings.table_name else bootstrap(settings)


def bootstrap(
    settings: Settings, *, clock: Clock | None = None, mailer: Mailer | None = None
) -> Services:
    """The embedded default: SQLite, a local folder, ClamAV, and an outbox folder or SMTP."""
    # Imported here, as bootstrap_aws imports its own: neither set of adapters loads the other.
    from pra.adapters.clamav import ClamAvScanner
    from pra.adapters.folder_files import FolderFileStore
    from pra.adapters.sqlite_staff import SqliteStaffStore
    from pra.adapters.sqlite_store import SqliteRequestStore

    files = FolderFileStore(settings.files_dir)
    return Services(
        settings=settings,
        store=SqliteRequestStore(settings.database_path),
        files=files,
        mailer=mailer or _mailer(settings),
        clock=clock or SystemClock(settings.timezone),
        calendar=BusinessCalendar(settings.closure_days),
        staff=SqliteStaffStore(settings.database_path),
        scanner=ClamAvScanner(files.path_of, settings.clamav_db),
        signing_key=settings.secret_key or _local_secret(settings.data_dir),
    )


def bootstrap_aws(
    settings: Settings, *, clock: Clock | None = None, mailer: Mailer | None = None
) -> Services:
    """On AWS: DynamoDB, S3 and SES, named by the template's environment variables."""
    # Imported here, so the embedded default never loads boto3 (nor botocore: the clients are
    # made on their first call).
    from pra.adapters.dynamodb_staff import DynamoStaffStore
    from pra.adapters.dynamodb_store import DynamoRequestStore
    from pra.adapters.guardduty import GuardDutyScanResults
    from pra.adapters.s3_files import S3FileStore
    from pra.adapters.ses_mailer import SesMailer
    from pra.aws.clients import LazyClient

    table, private, public = _aws_names(settings)
    endpoint, region = settings.aws_endpoint_url, settings.aws_region
    dynamodb = LazyClient("dynamodb", endpoint, region)
    s3 = LazyClient("s3", endpoint, region)
    return Services(
        settings=settings,
        store=DynamoRequestStore(dynamodb, table),
        files=S3FileStore(s3, private, public),
        mailer=mailer
        or SesMailer(
            LazyClient("sesv2", endpoint, region),
            settings.from_address,
            settings.ses_configuration_set,
        ),
        clock=clock or SystemClock(settings.timezone),
        calendar=BusinessCalendar(settings.closure_days),
        staff=DynamoStaffStore(dynamodb, table),
        # Uploads land in the private bucket, which GuardDuty protects (infra/template.yaml).
        scanner=GuardDutyScanResults(s3, private),
        # Only the API function signs (pra.aws.wiring.web_services gives it the key it keeps in
        # SSM); elsewhere nothing signed could be checked, so a throwaway key unless one is set.
        signing_key=settings.secret_key or secrets.token_hex(32),
    )


def _aws_names(settings: Settings) -> tuple[str, str, str]:
    names = {
        "PRA_TABLE_NAME": settings.table_name,
        "PRA_PRIVATE_BUCKET": settings.private_bucket,
        "PRA_PUBLIC_BUCKET": settings.public_bucket,
    }
    missing = [name for name, value in names.items() if not value]
    if missing:
        raise SettingsError(f"on AWS these must be set: {', '.join(missing)}")
    return str(settings.table_name), str(settings.private_bucket), str(settings.public_bucket)


def _mailer(settings: Settings) -> Mailer:
    from pra.adapters.mailers import OutboxMailer, SmtpMailer

    if settings.smtp_host:
        return SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )
    return OutboxMailer(settings.outbox_dir)


def _local_secret(data_dir: Path) -> str:
    """One machine keeps its own signing key beside its data, made on first start."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # Written whole beside it (mkstemp makes mode 0600), then linked into place: a reader
        # never sees it empty, and if two processes start at once the first link wins.
        handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".secret_key-")
        try:
            with os.fdopen(handle, "w") as stream:
                stream.write(secrets.token_hex(32))
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()
