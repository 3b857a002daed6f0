"""Who is asking, behind a proxy that names the viewer in a header of its own.

Behind CloudFront every request reaches the app from an edge server's address, so counting
sign-in failures or look-ups per client would put everyone at one edge together (an attacker
could lock staff out for a whole region). CloudFront names the viewer in
CloudFront-Viewer-Address ("198.51.100.10:46532"); with PRA_CLIENT_ADDRESS_HEADER set to that
header (the template does), REMOTE_ADDR becomes the viewer's address before any view runs.
Only a deployment whose app is reached through that proxy alone may trust the header.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

WsgiApp = Callable[[dict[str, Any], Any], Iterable[bytes]]


class ViewerAddress:
    """WSGI middleware: REMOTE_ADDR from the trusted header, when it holds an address."""

    def __init__(self, app: WsgiApp, header: str) -> None:
        self._app = app
        self._key = "HTTP_" + header.upper().replace("-", "_")

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        named = viewer_address(environ.get(self._key, ""))
        if named is not None:
            environ["REMOTE_ADDR"] = named
        return self._app(environ, start_response)


def viewer_address(value: str) -> str | None:
    """The address of "address:port" (IPv4 or IPv6, as CloudFront writes it); None if the
    value is not one."""
    host, _, port = value.strip().rpartition(":")
    if not port.isdigit():
        host = value.strip()
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None
