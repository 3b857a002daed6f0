"""Errors answer in the caller's terms (JSON or a page), never with a stack trace."""

from __future__ import annotations

import logging
import math
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from pra.web.public import pages

log = logging.getLogger(__name__)

_MESSAGES = {
    "en": {
        400: "What you sent could not be read. Send a form or a JSON object.",
        404: "There is nothing at this address.",
        405: "This address does not accept that method.",
        413: "What you sent is too large: the limit is 64 KB. Shorten the description.",
        429: "Too many tries came from this connection in a short time, so this one was not "
        "taken. Wait {wait} and send it again: anything you were already given a tracking "
        "number for is safe.",
        500: "Something went wrong on our side. If you got a tracking number, nothing you "
        "sent was lost.",
    },
    "es": {
        400: "No pudimos leer lo que envió. Envíe un formulario o un objeto JSON.",
        404: "No hay nada en esta dirección.",
        405: "Esta dirección no acepta ese método.",
        413: "Lo que envió es demasiado grande: el límite es de 64 KB. Acorte la descripción.",
        429: "Llegaron demasiados intentos desde esta conexión en poco tiempo, así que este no "
        "se recibió. Espere {wait} y vuelva a enviarlo: todo aquello para lo que ya recibió un "
        "número de seguimiento está a salvo.",
        500: "Algo falló de nuestro lado. Si recibió un número de seguimiento, no se perdió "
        "nada de lo que envió.",
    },
}


def register(app: Flask) -> None:
    from pra.web.public.api import BadBody

    @app.errorhandler(BadBody)
    def bad_body(_: BadBody) -> Any:
        return _answer(400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        return _answer(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        # The class and the route's pattern only: an exception's text, and the path itself,
        # can carry what someone typed.
        route = request.url_rule.rule if request.url_rule else "(no route)"
        log.error("unhandled %s on %s %s", type(error).__name__, request.method, route)
        return _answer(500)


def too_many_requests(wait_seconds: int) -> Any:
    """429 in the caller's terms, saying how long to wait, in words and in Retry-After."""
    body, code = _answer(429, wait=_wait_words(wait_seconds, _language()))
    return body, code, {"Retry-After": str(wait_seconds)}


def _wait_words(seconds: int, language: str) -> str:
    minutes = math.ceil(seconds / 60)
    if language == "es":
        return "un minuto" if minutes <= 1 else f"{minutes} minutos"
    return "a minute" if minutes <= 1 else f"{minutes} minutes"


def _answer(code: int, **words: str) -> Any:
    language = _language()
    messages = _MESSAGES[language]
    message = messages.get(code, messages[400] if code < 500 else messages[500])
    message = message.format(**words) if words else message
    if _wants_json():
        return {"error": _error_name(code), "message": message}, code
    return pages.problem(code, message, language), code


def _language() -> str:
    """Spanish for a Spanish page's form, a Spanish address or a browser that prefers it.
    The body is not read here: it may be what was too large or unreadable."""
    referrer = request.referrer or ""
    if request.path.startswith("/es/") or "/es/" in referrer:
        return "es"
    if request.args.get("language") == "es":
        return "es"
    return request.accept_languages.best_match(["en", "es"]) or "en"


def _wants_json() -> bool:
    if request.is_json or request.path.startswith("/api/health"):
        return True
    accept = request.accept_mimetypes
    return request.path.startswith("/api/") and accept.best == "application/json"


def _error_name(code: int) -> str:
    names = {
        400: "bad_request",
        404: "not_found",
        405: "method_not_allowed",
        429: "too_many_requests",
    }
    return names.get(code, "payload_too_large" if code == 413 else "server_error")
