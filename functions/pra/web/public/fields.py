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
        "hidden_characters": "Remove the invisible control characters from {label_lower}: "
        "they can hide or reorder the text",
    },
    "es": {
        "required": "Escriba: {label_lower}",
        "too_short": "Describa los registros con al menos 10 caracteres",
        "too_long": "{label}: el texto es demasiado largo",
        "invalid": "Escriba un dato válido en: {label_lower}",
        "choose_one": "Elija una de las opciones de {label_lower}",
        "required_for_delivery": "Escriba: {label_lower}, o elija otra forma de recibir los "
        "registros",
        "hidden_characters": "Quite los caracteres de control invisibles de: {label_lower}; "
        "pueden ocultar o reordenar el texto",
    },
}


# Whole sentences that say what to do, the same words the site's script shows (pra.js), so
# the browser and the server never disagree; the general forms above serve the rest.
_SENTENCES = {
    "en": {
        ("description", "required"): "Describe the records in at least 10 characters",
        ("description", "too_long"): "Shorten the description to 10,000 characters or fewer",
        ("format", "choose_one"): "Choose how you want the records",
        ("delivery", "choose_one"): "Choose how we should get them to you",
        ("delivery", "inspect_not_mailed"): "Records you inspect in person are not mailed: "
        "choose “Pick up”, or another format",
        ("email", "required_for_delivery"): "Enter an email address, or choose another way to "
        "get the records",
        ("email", "invalid"): "Enter an email address like name@example.org",
        ("mailing_address", "required_for_delivery"): "Enter a mailing address, or choose "
        "another way to get the records",
        ("phone", "invalid"): "Enter a phone number with digits, spaces, dashes or brackets",
        ("language", "choose_one"): "Choose English or Spanish for our letters",
    },
    "es": {
        ("description", "required"): "Describa los registros con al menos 10 caracteres",
        ("description", "too_long"): "Acorte la descripción a 10.000 caracteres o menos",
        ("format", "choose_one"): "Elija cómo quiere los registros",
        ("delivery", "choose_one"): "Elija cómo se los hacemos llegar",
        ("delivery", "inspect_not_mailed"): "Los registros que consulta en persona no se "
        "envían por correo postal: elija «Recoger», u otro formato",
        ("email", "required_for_delivery"): "Escriba un correo electrónico, o elija otra forma "
        "de recibir los registros",
        ("email", "invalid"): "Escriba un correo electrónico como nombre@ejemplo.org",
        ("mailing_address", "required_for_delivery"): "Escriba una dirección postal, o elija "
        "otra forma de recibir los registros",
        ("phone", "invalid"): "Escriba un teléfono con números, espacios, guiones o paréntesis",
        ("language", "choose_one"): "Elija inglés o español para nuestras cartas",
    },
}


def error_message(field: str, code: str, language: str) -> str:
    sentence = _SENTENCES[language].get((field, code))
    if sentence is not None:
        return sentence
    label = FIELD_LABELS[language].get(field, field)
    template = _ERRORS[language].get(code, _ERRORS[language]["invalid"])
    if field == "description" and code == "too_long":
        template = _ERRORS[language]["too_long"] + " (10,000)"
    return template.format(label=label, label_lower=label[0].lower() + label[1:])


def language_or_default(value: object) -> str:
    return value if value in ("en", "es") else "en"
