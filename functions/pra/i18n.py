"""English and Spanish words the API and emails show. Dates spelled out, never numeric-only."""

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

FIELD_LABELS = {
    "en": {
        "description": "Records you are asking for",
        "date_range": "Dates the records cover",
        "format": "Format",
        "delivery": "How to get the records",
        "name": "Name",
        "email": "Email address",
        "phone": "Phone number",
        "mailing_address": "Mailing address",
        "language": "Language for our letters",
        "website": "Leave this empty",
        "tracking_number": "Tracking number",
        "code": "Access code",
    },
    "es": {
        "description": "Registros que solicita",
        "date_range": "Fechas de los registros",
        "format": "Formato",
        "delivery": "Cómo recibir los registros",
        "name": "Nombre",
        "email": "Correo electrónico",
        "phone": "Teléfono",
        "mailing_address": "Dirección postal",
        "language": "Idioma de nuestras cartas",
        "website": "Deje esto vacío",
        "tracking_number": "Número de seguimiento",
        "code": "Código de acceso",
    },
}

_ERRORS = {
    "en": {
        "required": "Enter {label_lower}",
        "too_short": "Describe the records in at least 10 characters",
        "too_long": "{label} is too long",
        "invalid": "Enter a valid {label_lower}",
        "choose_one": "Choose one of the options for {label_lower}",
        "required_for_delivery": "Enter {label_lower}, or choose another way to get the records",
    },
    "es": {
        "required": "Escriba: {label_lower}",
        "too_short": "Describa los registros con al menos 10 caracteres",
        "too_long": "{label}: el texto es demasiado largo",
        "invalid": "Escriba un dato válido en: {label_lower}",
        "choose_one": "Elija una de las opciones de {label_lower}",
        "required_for_delivery": "Escriba: {label_lower}, o elija otra forma de recibir los "
        "registros",
    },
}


def error_message(field: str, code: str, language: str) -> str:
    label = FIELD_LABELS[language].get(field, field)
    template = _ERRORS[language].get(code, _ERRORS[language]["invalid"])
    if field == "description" and code == "too_long":
        template = _ERRORS[language]["too_long"] + " (10,000)"
    return template.format(label=label, label_lower=label[0].lower() + label[1:])


def language_or_default(value: object) -> str:
    return value if value in ("en", "es") else "en"
