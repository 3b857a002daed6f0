"""The Flask app: create_app wires the public web and the staff desk. Imports: all but aws, cli."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask

from pra.bootstrap import services_for
from pra.config import Settings
from pra.services import Services
from pra.web import (
    context,
    errors,
    origin_check,
    public,
    rate_limits,
    request_ids,
    security_headers,
    shell,
    staff,
)
from pra.web.viewer_address import ViewerAddress

MAX_BODY_BYTES = 64 * 1024
log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, services: Services | None = None) -> Flask:
    settings = services.settings if services else (settings or Settings.from_env())
    services = services or services_for(settings)
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_BODY_BYTES,
        SECRET_KEY=services.signing_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        # Staff sessions are permanent, so their cookie expires with the sign-in.
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.staff_session_hours),
    )
    context.attach(app, services)
    origin_check.attach(app, settings)
    request_ids.attach(app)
    rate_limits.attach(app, settings)
    security_headers.attach(app, settings)
    shell.attach(app, settings.shell_dir)
    public.register(app)
    staff.register(app)
    errors.register(app)
    if settings.site_dir is not None:
        public.register_site(app, settings.site_dir)
    if settings.client_address_header:
        app.wsgi_app = ViewerAddress(app.wsgi_app, settings.client_address_header)  # type: ignore[method-assign]
    return app
