"""Words of the pages the API renders, in English and Spanish."""

PAGE_TEXT = {
    "en": {
        "skip": "Skip to main content",
        "home": "Public records requests",
        "confirmation_title": "Your request was received",
        "tracking_number": "Tracking number",
        "access_code": "Access code",
        "keep_these": "Write these down or save this page. You need both to check the status "
        "of your request. We cannot show the access code again.",
        "due": "We will send you a written response by",
        "due_note": "The law gives us 10 calendar days, moved to the next business day when the "
        "tenth day is a weekend or holiday. In unusual circumstances we may extend it once, "
        "by written notice, by up to 14 days.",
        "no_reason": "You do not need to tell us why you want these records.",
        "email_sent": "If you gave an email address, we have sent these details to it.",
        "status_link": "Check the status of your request",
        "status_title": "Status of request",
        "status": "Status",
        "received": "Received",
        "target": "Tenth calendar day",
        "legal_due": "Written response due",
        "extended_due": "Extended response date",
        "letters": "Letters",
        "no_letters": "No letters have been sent yet.",
        "not_found_title": "We could not find that request",
        "not_found": "No request matches that tracking number and access code. Check both "
        "against your acknowledgement email and try again.",
        "try_again": "Check another request",
        "no_receipt_title": "No recent request in this browser",
        "no_receipt": "We could not find a request submitted from this browser. If you "
        "submitted one, your tracking number and access code are in the acknowledgement email.",
        "form_title": "Request public records",
        "error_summary": "There is a problem",
        "error_prefix": "Error:",
        "submit": "Send request",
        "optional": "optional",
        "description_hint": "Describe the records as clearly as you can: subject, people or "
        "departments, document types. You do not need to say why you want them.",
        "date_range_hint": "For example: January to March 2026.",
        "email_hint": "We send your tracking number and our letters here. Without an email, "
        "keep the tracking number shown after you send the request.",
        "format_electronic": "Electronic copy (free by email)",
        "format_paper": "Paper copies (per-page fee and postage)",
        "format_inspect": "Inspect the records in person",
        "delivery_email": "By email",
        "delivery_mail": "By mail",
        "delivery_pickup": "Pick up at Library Headquarters",
        "language_en": "English",
        "language_es": "Spanish",
        "problem_title": "Something is wrong with that request",
    },
    "es": {
        "skip": "Ir al contenido principal",
        "home": "Solicitudes de registros públicos",
        "confirmation_title": "Recibimos su solicitud",
        "tracking_number": "Número de seguimiento",
        "access_code": "Código de acceso",
        "keep_these": "Anote estos datos o guarde esta página. Necesita ambos para consultar el "
        "estado de su solicitud. No podemos volver a mostrar el código de acceso.",
        "due": "Le enviaremos una respuesta por escrito a más tardar el",
        "due_note": "La ley nos da 10 días naturales; si el décimo día cae en fin de semana o "
        "feriado, el plazo pasa al siguiente día hábil. En circunstancias inusuales podemos "
        "prorrogarlo una vez, con aviso por escrito, hasta 14 días.",
        "no_reason": "No necesita decirnos por qué quiere estos registros.",
        "email_sent": "Si nos dio un correo electrónico, le enviamos estos datos.",
        "status_link": "Consultar el estado de su solicitud",
        "status_title": "Estado de la solicitud",
        "status": "Estado",
        "received": "Recibida",
        "target": "Décimo día natural",
        "legal_due": "Fecha límite de la respuesta por escrito",
        "extended_due": "Fecha de respuesta prorrogada",
        "letters": "Cartas",
        "no_letters": "Todavía no se ha enviado ninguna carta.",
        "not_found_title": "No encontramos esa solicitud",
        "not_found": "Ninguna solicitud coincide con ese número de seguimiento y código de "
        "acceso. Compruebe ambos en su correo de confirmación y vuelva a intentarlo.",
        "try_again": "Consultar otra solicitud",
        "no_receipt_title": "No hay una solicitud reciente en este navegador",
        "no_receipt": "No encontramos una solicitud enviada desde este navegador. Si envió una, "
        "su número de seguimiento y código de acceso están en el correo de confirmación.",
        "form_title": "Solicitar registros públicos",
        "error_summary": "Hay un problema",
        "error_prefix": "Error:",
        "submit": "Enviar solicitud",
        "optional": "opcional",
        "description_hint": "Describa los registros con la mayor claridad posible: tema, personas "
        "o departamentos, tipos de documento. No necesita decir por qué los quiere.",
        "date_range_hint": "Por ejemplo: de enero a marzo de 2026.",
        "email_hint": "Aquí le enviamos su número de seguimiento y nuestras cartas. Sin correo, "
        "guarde el número de seguimiento que aparece al enviar la solicitud.",
        "format_electronic": "Copia electrónica (gratis por correo electrónico)",
        "format_paper": "Copias en papel (tarifa por página y franqueo)",
        "format_inspect": "Consultar los registros en persona",
        "delivery_email": "Por correo electrónico",
        "delivery_mail": "Por correo postal",
        "delivery_pickup": "Recoger en la sede de la biblioteca",
        "language_en": "Inglés",
        "language_es": "Español",
        "problem_title": "Hay un problema con esa solicitud",
    },
}
