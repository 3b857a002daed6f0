"""The request form's words, English and Spanish: one form for the site's page (the site's
build renders it, hooks/pra_extra.py) and for the app's page that shows it again with errors
(templates/_request_form.html), so both have the same labels and hints."""

from __future__ import annotations

FORM_WORDS = {
    "en": {
        "title": "Make a request",
        "records_heading": "The records you want",
        "description": "Describe the records you want",
        "description_hint": "Be as specific as you can: the subject, names of people or "
        "departments, the kind of document (for example emails, contracts or reports) and words "
        "they may contain. Between 10 and 10,000 characters.",
        "date_range": "Dates the records cover (optional)",
        "date_range_hint": "For example: January 2024 to March 2025. Leave it blank if you are "
        "not sure.",
        "format": "How do you want the records?",
        "format_hint": "An electronic copy sent by email is free. Paper copies cost {per_page} a "
        "page, plus postage if we mail them. Inspecting records is free.",
        "fees_link": "See all fees",
        "format_electronic": "An electronic copy",
        "format_paper": "Paper copies",
        "format_inspect": "Inspect the records in person at Library Headquarters",
        "delivery": "How should we get them to you?",
        "delivery_hint": "Email needs an email address and mail needs a mailing address: enter "
        "them below. If you want to inspect the records, choose “Pick up”.",
        "delivery_email": "Email",
        "delivery_mail": "Mail",
        "delivery_pickup": "Pick up at Library Headquarters",
        "contact_heading": "How to reach you",
        "contact_intro": "All of these are optional. We use them only to answer your request.",
        "name": "Your name (optional)",
        "name_hint": "Any name you would like us to use in our letters.",
        "email": "Email address (optional)",
        "email_hint": "Needed if you chose email. We send the acknowledgement and our letters "
        "here.",
        "phone": "Phone number (optional)",
        "phone_hint": "Only used if we need to ask you about your request.",
        "mailing_address": "Mailing address (optional)",
        "mailing_address_hint": "Needed if you chose mail.",
        "language": "Language for our letters",
        "language_hint": "We write to you in this language.",
        "website": "Leave this empty",
        "submit": "Send request",
    },
    "es": {
        "title": "Presentar una solicitud",
        "records_heading": "Los registros que quiere",
        "description": "Describa los registros que quiere",
        "description_hint": "Dé todos los detalles que pueda: el tema, los nombres de personas o "
        "departamentos, el tipo de documento (por ejemplo, correos electrónicos, contratos o "
        "informes) y palabras que puedan contener. Entre 10 y 10 000 caracteres.",
        "date_range": "Fechas que abarcan los registros (opcional)",
        "date_range_hint": "Por ejemplo: de enero de 2024 a marzo de 2025. Déjelo en blanco si "
        "no lo sabe.",
        "format": "¿Cómo quiere los registros?",
        "format_hint": "Una copia electrónica enviada por correo electrónico es gratis. Las "
        "copias en papel cuestan {per_page} por página, más el franqueo si se las enviamos por "
        "correo postal. Consultar los registros es gratis.",
        "fees_link": "Vea todas las tarifas",
        "format_electronic": "Una copia electrónica",
        "format_paper": "Copias en papel",
        "format_inspect": "Consultar los registros en persona en la Sede de la Biblioteca",
        "delivery": "¿Cómo se los hacemos llegar?",
        "delivery_hint": "Para el correo electrónico necesitamos una dirección de correo "
        "electrónico y para el correo postal una dirección postal: escríbalas más abajo. Si "
        "quiere consultar los registros en persona, elija «Recoger».",
        "delivery_email": "Por correo electrónico",
        "delivery_mail": "Por correo postal",
        "delivery_pickup": "Recoger en la Sede de la Biblioteca",
        "contact_heading": "Cómo comunicarnos con usted",
        "contact_intro": "Todos estos datos son opcionales. Solo los usamos para responder a su "
        "solicitud.",
        "name": "Su nombre (opcional)",
        "name_hint": "El nombre que quiera que usemos en nuestras cartas.",
        "email": "Correo electrónico (opcional)",
        "email_hint": "Necesario si eligió el correo electrónico. Aquí le enviamos el acuse de "
        "recibo y nuestras cartas.",
        "phone": "Teléfono (opcional)",
        "phone_hint": "Solo lo usamos si necesitamos preguntarle algo sobre su solicitud.",
        "mailing_address": "Dirección postal (opcional)",
        "mailing_address_hint": "Necesaria si eligió el correo postal.",
        "language": "Idioma de nuestras cartas",
        "language_hint": "Le escribimos en este idioma.",
        "website": "Deje esto vacío",
        "submit": "Enviar solicitud",
    },
}
