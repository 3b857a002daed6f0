"""Words of the public forms, English and Spanish: field labels and their error messages."""

from __future__ import annotations

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
