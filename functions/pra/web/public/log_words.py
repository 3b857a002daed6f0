"""Words of the public request log's pages, English and Spanish."""

from __future__ import annotations

LOG_TEXT = {
    "en": {
        "title": "Request log",
        "intro": "Every public records request the Library has received, newest first, with "
        "what was asked in the Library's words, its due dates and whether each was met. It "
        "never names who asked. Requests for a person's own library records are counted in the "
        "statistics but never listed.",
        "pending": "Request received — summary pending",
        "received": "Received",
        "status": "Status",
        "response_due": "Written response due",
        "responded": "Written response sent",
        "extended": "Extended to",
        "extension_reason": "Reason for the extension",
        "records_due": "Records promised for",
        "records_delivered": "Records handed over",
        "appealed": "Appealed",
        "appeal_outcome": "Appeal decided",
        "closed": "Closed",
        "on_time": "on time",
        "late": "late",
        "overdue": "overdue",
        "open": "not yet",
        "older": "Older requests",
        "newest": "Newest requests",
        "none": "No requests are listed yet.",
        "entry_title": "Request {number}",
        "records_link": "Records released for this request",
        "back": "Back to the request log",
        "data": "The log as open data",
    },
    "es": {
        "title": "Registro de solicitudes",
        "intro": "Todas las solicitudes de registros públicos que ha recibido la Biblioteca, de "
        "la más reciente a la más antigua, con lo que se pidió en palabras de la Biblioteca, "
        "sus plazos y si se cumplieron. Nunca dice quién las hizo. Las solicitudes de los "
        "propios registros de una persona como usuaria de la biblioteca se cuentan en las "
        "estadísticas, pero nunca se listan.",
        "pending": "Solicitud recibida: resumen pendiente",
        "received": "Recibida",
        "status": "Estado",
        "response_due": "Plazo de la respuesta por escrito",
        "responded": "Respuesta por escrito enviada",
        "extended": "Prorrogado hasta",
        "extension_reason": "Motivo de la prórroga",
        "records_due": "Registros prometidos para",
        "records_delivered": "Registros entregados",
        "appealed": "Apelada",
        "appeal_outcome": "Apelación resuelta",
        "closed": "Cerrada",
        "on_time": "a tiempo",
        "late": "con retraso",
        "overdue": "vencido",
        "open": "todavía no",
        "older": "Solicitudes anteriores",
        "newest": "Solicitudes más recientes",
        "none": "Todavía no hay solicitudes en el registro.",
        "entry_title": "Solicitud {number}",
        "records_link": "Registros entregados para esta solicitud",
        "back": "Volver al registro de solicitudes",
        "data": "El registro como datos abiertos",
    },
}

EXTENSION_REASONS = {
    "en": {
        "field_facilities": "records kept at other sites",
        "voluminous": "a large number of records",
        "consultation": "consultation with another agency",
        "data_extraction": "data to be compiled or extracted",
        "emergency": "a declared emergency",
        "cyberattack": "a cyberattack",
    },
    "es": {
        "field_facilities": "registros guardados en otros lugares",
        "voluminous": "un gran número de registros",
        "consultation": "consulta con otra agencia",
        "data_extraction": "datos que hay que reunir o extraer",
        "emergency": "una emergencia declarada",
        "cyberattack": "un ciberataque",
    },
}

APPEAL_OUTCOMES = {
    "en": {
        "upheld": "decision upheld",
        "overturned": "decision overturned",
        "overturned_in_part": "decision overturned in part",
    },
    "es": {
        "upheld": "decisión confirmada",
        "overturned": "decisión revocada",
        "overturned_in_part": "decisión revocada en parte",
    },
}
