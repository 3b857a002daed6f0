"""Settings, read once from the environment and frozen."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import Any

from pra.agency import Agency, AgencyError, load_agency, shipped_agency

# Inside the package, so the Lambda package carries it (functions/Makefile).
SHELL_DIR = Path(__file__).parent / "web" / "page_shell"


class SettingsError(ValueError):
    """A setting in the environment has a value we cannot use."""


# Per client (address), what a flood would abuse; generous enough that a person who types
# slowly, retries on a poor connection or shares a library's address is never stopped.
# (group, limits in the `limits` library's notation); PRA_RATE_LIMIT_<GROUP> replaces one.
RATE_LIMITS = (
    ("submissions", "5 per minute; 30 per hour"),
    ("status", "20 per minute; 200 per hour"),
    ("replies", "5 per minute; 30 per hour"),
    ("sign_in", "10 per minute; 60 per hour"),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".pra-data")
    site_dir: Path | None = Path("site")
    # The site's page shell, which the app's own pages extend: `make site` writes it here.
    shell_dir: Path = SHELL_DIR
    public_url: str = "http://127.0.0.1:8000"
    # Name, logo, contacts, colours and fees: pra/agency/agency.toml (PRA_AGENCY_FILE).
    agency: Agency = field(default_factory=shipped_agency)
    from_address: str = "pra@library.example"
    # Where the coordinator is told of each request; empty: the agency's public PRA email.
    coordinator_email: str = ""
    director_email: str = "director@library.example"
    # Policy 4005 § III.C.i: requests for patron information that do not qualify go here.
    branch_manager_email: str = "branch-manager@library.example"
    timezone: str = "America/Los_Angeles"
    # The law does not settle whether a request arriving after hours counts the next business day.
    after_hours_next_day: bool = False
    office_closes_at: time = time(17, 0)
    closure_days: frozenset[date] = field(default_factory=frozenset)
    # Calendar days before a due date on which the coordinator is reminded, farthest first.
    reminder_days: tuple[int, ...] = (3, 1)
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    secret_key: str | None = None
    # On AWS: the SSM parameter the API function keeps its signing key in (pra.aws.parameters).
    secret_key_parameter: str | None = None
    # On AWS: the SSM parameter holding the public address, read when PRA_PUBLIC_URL is unset.
    public_url_parameter: str | None = None
    staff_session_hours: int = 8  # a staff sign-in lasts this long, then signs in again
    max_upload_mb: int = 100  # per file uploaded to a request
    link_days: int = 30  # a private download link works this many days
    # How long `pra records publish` waits for an asynchronous scan (GuardDuty) to answer.
    scan_wait_seconds: int = 120
    clamav_db: Path | None = None  # ClamAV's signature folder; None: ClamAV's own default
    # § 7922.600's offer of help in denial and "no records" letters; empty: the product's words.
    help_paragraph_en: str = ""
    help_paragraph_es: str = ""
    rate_limits: tuple[tuple[str, str], ...] = RATE_LIMITS  # empty: none (PRA_RATE_LIMITS=off)
    # Days after a request closes that the sweep erases the requester's name and contacts;
    # None keeps them (the agency's records-retention schedule decides).
    contact_retention_days: int | None = None
    # The public request log, its open data and feed (issue 16); off: none of them is served.
    public_log: bool = True
    # Open data served from files the sweep publishes (AWS: answers are capped at 6 MB and not
    # streamed), not streamed by the app.
    open_data_files: bool = False
    # A proxy's header naming the viewer's address (CloudFront-Viewer-Address on AWS), trusted
    # for per-client counts; None: the connection's own address.
    client_address_header: str | None = None
    # On AWS: the value CloudFront's X-Origin-Verify header carries; other requests are refused.
    origin_verify: str | None = None
    # On AWS: the CloudWatch namespace the sweep publishes its figures in, for the alarms.
    metrics_namespace: str | None = None
    # AWS (bootstrap_aws): the template hands resource names over as environment variables.
    table_name: str | None = None
    private_bucket: str | None = None
    public_bucket: str | None = None
    ses_configuration_set: str | None = None
    aws_endpoint_url: str | None = None  # an emulator's address (moto in tests); never in AWS
    # The region of the AWS resources: AWS_REGION as Lambda sets it, or the stack's (--stack).
    aws_region: str | None = None
    # `pra --stack NAME` (or PRA_STACK): the deployed stack whose outputs name the resources.
    stack_name: str | None = None

    def __post_init__(self) -> None:
        if not self.coordinator_email:
            object.__setattr__(self, "coordinator_email", self.agency.email)

    @property
    def agency_name(self) -> str:
        return self.agency.name

    @property
    def copy_fee_per_page(self) -> int:
        """Paper copies, cents a page (Policy 1002 § III.E); the site's fees page shows it."""
        return self.agency.fees.per_page

    def help_paragraph(self, language: str) -> str:
        """The deployment's own offer of help (§ 7922.600) in a letter's language, or ""."""
        return self.help_paragraph_es if language == "es" else self.help_paragraph_en

    @property
    def database_path(self) -> Path:
        return self.data_dir / "pra.sqlite3"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    def with_overrides(self, **changes: Any) -> Settings:
        """Explicit arguments win over the environment."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        defaults = cls()
        return cls(
            data_dir=Path(env.get("PRA_DATA_DIR", str(defaults.data_dir))),
            site_dir=_optional_path(env.get("PRA_SITE_DIR", "site")),
            shell_dir=Path(env.get("PRA_SHELL_DIR") or SHELL_DIR),
            public_url=env.get("PRA_PUBLIC_URL", defaults.public_url).rstrip("/"),
            agency=_agency(env),
            from_address=env.get("PRA_FROM_ADDRESS", defaults.from_address),
            coordinator_email=env.get("PRA_COORDINATOR_EMAIL", "").strip(),
            director_email=env.get("PRA_DIRECTOR_EMAIL", defaults.director_email),
            branch_manager_email=env.get("PRA_BRANCH_MANAGER_EMAIL", defaults.branch_manager_email),
            timezone=env.get("PRA_TIMEZONE", defaults.timezone),
            after_hours_next_day=_flag(env, "PRA_AFTER_HOURS_NEXT_DAY", False),
            office_closes_at=_time(env, "PRA_OFFICE_CLOSES_AT", defaults.office_closes_at),
            closure_days=_dates(env, "PRA_CLOSURE_DAYS"),
            reminder_days=_offsets(env, "PRA_REMINDER_DAYS", defaults.reminder_days),
            smtp_host=env.get("PRA_SMTP_HOST") or None,
            smtp_port=_int(env, "PRA_SMTP_PORT", 25),
            smtp_user=env.get("PRA_SMTP_USER") or None,
            smtp_password=env.get("PRA_SMTP_PASSWORD") or None,
            smtp_starttls=_flag(env, "PRA_SMTP_STARTTLS", False),
            secret_key=env.get("PRA_SECRET_KEY") or None,
            secret_key_parameter=env.get("PRA_SECRET_KEY_PARAMETER") or None,
            public_url_parameter=None
            if "PRA_PUBLIC_URL" in env
            else env.get("PRA_PUBLIC_URL_PARAMETER") or None,
            table_name=env.get("PRA_TABLE_NAME") or None,
            private_bucket=env.get("PRA_PRIVATE_BUCKET") or None,
            public_bucket=env.get("PRA_PUBLIC_BUCKET") or None,
            ses_configuration_set=env.get("PRA_SES_CONFIGURATION_SET") or None,
            aws_endpoint_url=env.get("PRA_AWS_ENDPOINT_URL") or None,
            aws_region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or None,
            stack_name=env.get("PRA_STACK") or None,
            staff_session_hours=_int(env, "PRA_STAFF_SESSION_HOURS", 8),
            max_upload_mb=_int(env, "PRA_MAX_UPLOAD_MB", defaults.max_upload_mb),
            link_days=_int(env, "PRA_LINK_DAYS", defaults.link_days),
            scan_wait_seconds=_int(env, "PRA_SCAN_WAIT_SECONDS", defaults.scan_wait_seconds),
            clamav_db=_optional_path(env.get("PRA_CLAMAV_DB", "")),
            help_paragraph_en=env.get("PRA_HELP_PARAGRAPH_EN", "").strip(),
            help_paragraph_es=env.get("PRA_HELP_PARAGRAPH_ES", "").strip(),
            rate_limits=_rate_limits(env),
            contact_retention_days=_retention_days(env, "PRA_CONTACT_RETENTION_DAYS"),
            public_log=_flag(env, "PRA_PUBLIC_LOG", True),
            open_data_files=_flag(env, "PRA_OPEN_DATA_FILES", False),
            client_address_header=env.get("PRA_CLIENT_ADDRESS_HEADER", "").strip() or None,
            origin_verify=env.get("PRA_ORIGIN_VERIFY") or None,
            metrics_namespace=env.get("PRA_METRICS_NAMESPACE") or None,
        )


def _agency(env: dict[str, str]) -> Agency:
    try:
        return load_agency(env)
    except AgencyError as error:
        raise SettingsError(str(error)) from None


def _optional_path(value: str) -> Path | None:
    return Path(value) if value else None


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _rate_limits(env: dict[str, str]) -> tuple[tuple[str, str], ...]:
    if not _flag(env, "PRA_RATE_LIMITS", True):
        return ()
    from limits import parse_many  # only where limits are on: Lambda leaves them to AWS

    chosen = []
    for group, default in RATE_LIMITS:
        name = f"PRA_RATE_LIMIT_{group.upper()}"
        value = env.get(name, "").strip() or default
        try:
            parse_many(value)
        except ValueError:
            raise SettingsError(
                f"{name} must be limits such as '5 per minute; 30 per hour', not {value!r}"
            ) from None
        chosen.append((group, value))
    return tuple(chosen)


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None


def _retention_days(env: dict[str, str], name: str) -> int | None:
    """A number of days of at least one, or blank/"off" for none."""
    raw = env.get(name, "").strip()
    if raw.lower() in {"", "off"}:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise SettingsError(f"{name} must be a number of days such as 730, or off, not {raw!r}")
    return int(raw)


def _offsets(env: dict[str, str], name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    """Days before a due date, e.g. PRA_REMINDER_DAYS=3,1; kept farthest first, once each."""
    if env.get("PRA_REMINDER_DAYS_BEFORE"):
        # It counted business days and took one number: reading it as calendar days would
        # change when reminders go out without anyone noticing, so it is refused instead.
        raise SettingsError("PRA_REMINDER_DAYS_BEFORE is replaced by PRA_REMINDER_DAYS, e.g. 3,1")
    raw = env.get(name, "")
    if not raw.strip():
        return default
    try:
        days = {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        days = {-1}
    if not days or min(days) < 0:
        raise SettingsError(f"{name} must list whole numbers of days like 3,1, not {raw!r}")
    return tuple(sorted(days, reverse=True))


def _time(env: dict[str, str], name: str, default: time) -> time:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a time like 17:00, not {raw!r}") from None


def _dates(env: dict[str, str], name: str) -> frozenset[date]:
    """Agency closure days (CCP § 12b), e.g. PRA_CLOSURE_DAYS=2026-12-24,2026-12-31."""
    raw = env.get(name, "")
    try:
        return frozenset(date.fromisoformat(p.strip()) for p in raw.split(",") if p.strip())
    except ValueError:
        raise SettingsError(f"{name} must list dates like 2026-12-24, not {raw!r}") from None
