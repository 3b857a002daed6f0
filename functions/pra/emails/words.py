"""Words every message to a requester shares: dates spelled out, never numeric-only, and the
public names of a request's statuses, in English and Spanish (emails, letters, public pages)."""

from __future__ import annotations

from datetime import date

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
}


def long_date(day: date, language: str) -> str:
    month = _MONTHS[language].split()[day.month - 1]
    weekday = _WEEKDAYS[language].split()[day.weekday()]
    if language == "es":
        return f"{weekday}, {day.day} de {month} de {day.year}"
    return f"{weekday}, {month} {day.day}, {day.year}"


STATUS_LABELS = {
    "en": {
        "received": "Received: a written response is being prepared",
        "awaiting_requester": "Waiting for your answer to our question",
        "initial_response_sent": "Initial response sent",
        "extended": "Response date extended",
        "released": "Closed: records released",
        "partly_released": "Closed: records released in part",
        "no_records": "Closed: no responsive records",
        "denied": "Closed: request denied",
        "withdrawn": "Closed: withdrawn",
        "appealed": "Appeal received",
        "appeal_decided": "Appeal decided",
        "reopened": "Reopened after your appeal: records will be released",
    },
    "es": {
        "received": "Recibida: se está preparando una respuesta por escrito",
        "awaiting_requester": "Esperando su respuesta a nuestra pregunta",
        "initial_response_sent": "Respuesta inicial enviada",
        "extended": "Fecha de respuesta prorrogada",
        "released": "Cerrada: registros entregados",
        "partly_released": "Cerrada: registros entregados en parte",
        "no_records": "Cerrada: no hay registros que respondan a la solicitud",
        "denied": "Cerrada: solicitud denegada",
        "withdrawn": "Cerrada: retirada",
        "appealed": "Apelación recibida",
        "appeal_decided": "Apelación resuelta",
        "reopened": "Reabierta tras su apelación: se entregarán los registros",
    },
}

# Promised records not yet delivered: the request is not closed until they are (DESIGN.md).
RECORDS_OWED_LABELS = {
    "en": {
        "released": "Records released: being made available",
        "partly_released": "Records released in part: being made available",
    },
    "es": {
        "released": "Registros aprobados para su entrega: en preparación",
        "partly_released": "Registros aprobados en parte para su entrega: en preparación",
    },
}


def status_label(status: str, records_owed: bool, language: str) -> str:
    """The public name of a status, which does not say "closed" while records are owed."""
    owed = RECORDS_OWED_LABELS[language]
    return owed[status] if records_owed and status in owed else STATUS_LABELS[language][status]
