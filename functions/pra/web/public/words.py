"""Words of the pages the API renders, in English and Spanish."""

PAGE_TEXT = {
    "en": {
        "skip": "Skip to main content",
        "appeal": "Appeal",
        "tracking_hint": "For example, PRA-2026-00042.",
        "code_hint": "The code shown with your tracking number, also in our acknowledgement email.",
        "reply_not_found": "No request matches that tracking number and access code",
        "appeal_title": "Appeal a denial",
        "appeal_intro": "Ask the Library Director to review a decision to withhold all or part "
        "of the records. Send it within 10 calendar days of the date on our written response; "
        "if that has passed, you can still send it and the Library Director decides whether to "
        "consider it.",
        "reasons_label": "What you disagree with, and why",
        "reasons_hint": "Which record or part was withheld, and why you think it should be "
        "released. You do not have to cite the law or say why you want the records.",
        "appeal_submit": "Send the appeal",
        "appeal_empty": "Write what you disagree with",
        "appeal_too_long": "Shorten the appeal to 10,000 characters or fewer",
        "appeal_hidden_characters": "Remove the invisible control characters from the appeal",
        "appeal_not_open": "This request has no denial to appeal, or an appeal was already "
        "received. Check its status, or write to the PRA Coordinator.",
        "appeal_received_title": "Your appeal was received",
        "appeal_received_text": "We have passed your appeal to the Library Director for request",
        "appeal_decision_by": "You will get a written decision, with its reasons, by",
        "appeal_late_note": "Your appeal arrived after the 10-day window, which closed on",
        "clarification_title": "Answer our question",
        "clarification_intro": "We asked you a question about your request. Your answer goes to "
        "the PRA Coordinator, who continues with your request.",
        "answer_label": "Your answer",
        "answer_hint": "Answer the question in our letter as fully as you can.",
        "clarification_submit": "Send the answer",
        "clarification_empty": "Write your answer",
        "clarification_too_long": "Shorten the answer to 10,000 characters or fewer",
        "clarification_hidden_characters": "Remove the invisible control characters from the "
        "answer",
        "clarification_not_open": "This request is not waiting for an answer from you. Check its "
        "status, or write to the PRA Coordinator.",
        "clarification_received_title": "Your answer was received",
        "clarification_received_text": "The PRA Coordinator has your answer for request",
        "withdrawal_title": "Withdraw this request",
        "withdrawal_intro": "If you no longer want these records, you can withdraw your "
        "request. We will close it and stop working on it. You can make a new request at any "
        "time.",
        "reason_label": "Why you are withdrawing it (optional)",
        "reason_hint": "You do not have to say. Only the PRA Coordinator reads it.",
        "withdrawal_submit": "Withdraw the request",
        "withdrawal_too_long": "Shorten the reason to 10,000 characters or fewer",
        "withdrawal_hidden_characters": "Remove the invisible control characters from the reason",
        "withdrawal_not_open": "This request can no longer be withdrawn: it is closed or "
        "decided. Check its status, or write to the PRA Coordinator.",
        "withdrawal_received_title": "Your request is withdrawn",
        "withdrawal_received_text": "We closed your request as you asked:",
        "appeal_link": "Appeal this decision",
        "appeal_received": "Appeal received",
        "appeal_late": "after the appeal window closed on",
        "appeal_decision_due": "Decision due by",
        "records_title": "Released records",
        "released": "Released",
        "no_records": "No records have been published yet.",
        "records_page": "Search the released records",
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
        "asked": "What you asked for",
        "status": "Status",
        "received": "Received",
        "target": "Tenth calendar day",
        "legal_due": "Written response due",
        "extended_due": "Extended response date",
        "records_available": "Records available from",
        "your_records": "Your records",
        "records_year": "Year",
        "records_type": "Kind of file",
        "records_all_types": "All kinds",
        "records_type_pdf": "PDF",
        "records_type_spreadsheet": "Spreadsheets",
        "records_type_document": "Documents",
        "records_type_image": "Images",
        "records_type_other": "Other",
        "records_search": "Search titles, descriptions and request numbers",
        "records_show": "Show",
        "records_request": "Released in answer to request",
        "your_records_hint": "Links work for {days} days; this page makes fresh ones.",
        "download_all": "Download all as one ZIP file",
        "link_expired_title": "This download link has expired",
        "link_expired": "Private download links work for {days} days. Get fresh links on the "
        "status page with your tracking number and access code.",
        "link_unknown_title": "We could not find that file",
        "link_unknown": "The link is incomplete, or the file is no longer available. Check "
        "the status page with your tracking number and access code.",
        "to_status": "Go to the status page",
        "letters": "Letters",
        "no_letters": "No letters have been sent yet.",
        "not_found_title": "We could not find that request",
        "not_found": "No request matches that tracking number and access code. Check both "
        "against your acknowledgement email and try again.",
        "try_again": "Check another request",
        "no_receipt_title": "No recent request in this browser",
        "no_receipt": "We could not find a request submitted from this browser. If you "
        "submitted one, your tracking number and access code are in the acknowledgement email.",
        "receipt_shown_title": "Your request was received",
        "receipt_shown": "Request {number} was received. For your privacy, its access code was "
        "shown only once, so that the next person at this computer cannot see it. It is in your "
        "acknowledgement email. If you gave no email and did not note the code, contact the "
        "library's PRA Coordinator with your tracking number.",
        "bad_idempotency_key": "The Idempotency-Key must be 16 to 100 letters, digits, - or _.",
        "error_summary": "There is a problem",
        "error_prefix": "Error:",
        "problem_title": "Something is wrong with that request",
    },
    "es": {
        "skip": "Ir al contenido principal",
        "appeal": "Apelación",
        "tracking_hint": "Por ejemplo, PRA-2026-00042.",
        "code_hint": "El código que se muestra con su número de seguimiento; también está en "
        "nuestro acuse de recibo.",
        "reply_not_found": "Ninguna solicitud coincide con ese número de seguimiento y ese código "
        "de acceso",
        "appeal_title": "Apelar una negativa",
        "appeal_intro": "Pida a la Dirección de la Biblioteca que revise la decisión de retener "
        "todos o parte de los registros. Envíela dentro de los 10 días naturales siguientes a la "
        "fecha de nuestra respuesta por escrito; si ya pasaron, aún puede enviarla y la Dirección "
        "decide si la considera.",
        "reasons_label": "Con qué no está de acuerdo y por qué",
        "reasons_hint": "Qué registro o parte se retuvo y por qué cree que debería entregarse. "
        "No tiene que citar la ley ni decir para qué quiere los registros.",
        "appeal_submit": "Enviar la apelación",
        "appeal_empty": "Escriba con qué no está de acuerdo",
        "appeal_too_long": "Acorte la apelación a 10.000 caracteres o menos",
        "appeal_hidden_characters": "Quite los caracteres de control invisibles de la apelación",
        "appeal_not_open": "Esta solicitud no tiene una negativa que apelar, o ya se recibió una "
        "apelación. Consulte su estado o escriba a la Coordinación de Registros Públicos.",
        "appeal_received_title": "Recibimos su apelación",
        "appeal_received_text": "Entregamos su apelación a la Dirección de la Biblioteca para la "
        "solicitud",
        "appeal_decision_by": "Recibirá una decisión por escrito, con sus motivos, a más tardar el",
        "appeal_late_note": "Su apelación llegó después del plazo de 10 días, que venció el",
        "clarification_title": "Responder a nuestra pregunta",
        "clarification_intro": "Le hicimos una pregunta sobre su solicitud. Su respuesta llega a "
        "la Coordinación de Registros Públicos, que continúa con su solicitud.",
        "answer_label": "Su respuesta",
        "answer_hint": "Responda a la pregunta de nuestra carta lo más completo que pueda.",
        "clarification_submit": "Enviar la respuesta",
        "clarification_empty": "Escriba su respuesta",
        "clarification_too_long": "Acorte la respuesta a 10.000 caracteres o menos",
        "clarification_hidden_characters": "Quite los caracteres de control invisibles de la "
        "respuesta",
        "clarification_not_open": "Esta solicitud no está esperando una respuesta suya. Consulte "
        "su estado o escriba a la Coordinación de Registros Públicos.",
        "clarification_received_title": "Recibimos su respuesta",
        "clarification_received_text": "La Coordinación de Registros Públicos tiene su respuesta "
        "para la solicitud",
        "withdrawal_title": "Retirar esta solicitud",
        "withdrawal_intro": "Si ya no quiere estos registros, puede retirar su solicitud. La "
        "cerraremos y dejaremos de trabajar en ella. Puede presentar una nueva solicitud "
        "cuando quiera.",
        "reason_label": "Por qué la retira (opcional)",
        "reason_hint": "No tiene que decirlo. Solo lo lee la Coordinación de Registros Públicos.",
        "withdrawal_submit": "Retirar la solicitud",
        "withdrawal_too_long": "Acorte el motivo a 10.000 caracteres o menos",
        "withdrawal_hidden_characters": "Quite los caracteres de control invisibles del motivo",
        "withdrawal_not_open": "Esta solicitud ya no se puede retirar: está cerrada o decidida. "
        "Consulte su estado o escriba a la Coordinación de Registros Públicos.",
        "withdrawal_received_title": "Su solicitud está retirada",
        "withdrawal_received_text": "Cerramos su solicitud como nos pidió:",
        "appeal_link": "Apelar esta decisión",
        "appeal_received": "Apelación recibida",
        "appeal_late": "después de que venció el plazo para apelar, el",
        "appeal_decision_due": "Decisión a más tardar el",
        "records_title": "Registros publicados",
        "released": "Publicado el",
        "no_records": "Todavía no se ha publicado ningún registro.",
        "records_page": "Buscar en los registros publicados",
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
        "asked": "Lo que pidió",
        "status": "Estado",
        "received": "Recibida",
        "target": "Décimo día natural",
        "legal_due": "Fecha límite de la respuesta por escrito",
        "extended_due": "Fecha de respuesta prorrogada",
        "records_available": "Registros disponibles desde",
        "your_records": "Sus registros",
        "records_year": "Año",
        "records_type": "Tipo de archivo",
        "records_all_types": "Todos los tipos",
        "records_type_pdf": "PDF",
        "records_type_spreadsheet": "Hojas de cálculo",
        "records_type_document": "Documentos",
        "records_type_image": "Imágenes",
        "records_type_other": "Otros",
        "records_search": "Buscar en títulos, descripciones y números de solicitud",
        "records_show": "Mostrar",
        "records_request": "Entregado en respuesta a la solicitud",
        "your_records_hint": "Los enlaces funcionan {days} días; esta página crea enlaces nuevos.",
        "download_all": "Descargar todo en un archivo ZIP",
        "link_expired_title": "Este enlace de descarga venció",
        "link_expired": "Los enlaces privados de descarga funcionan {days} días. Obtenga enlaces "
        "nuevos en la página de estado con su número de seguimiento y su código de acceso.",
        "link_unknown_title": "No encontramos ese archivo",
        "link_unknown": "El enlace está incompleto o el archivo ya no está disponible. Consulte "
        "la página de estado con su número de seguimiento y su código de acceso.",
        "to_status": "Ir a la página de estado",
        "letters": "Cartas",
        "no_letters": "Todavía no se ha enviado ninguna carta.",
        "not_found_title": "No encontramos esa solicitud",
        "not_found": "Ninguna solicitud coincide con ese número de seguimiento y código de "
        "acceso. Compruebe ambos en su correo de confirmación y vuelva a intentarlo.",
        "try_again": "Consultar otra solicitud",
        "no_receipt_title": "No hay una solicitud reciente en este navegador",
        "no_receipt": "No encontramos una solicitud enviada desde este navegador. Si envió una, "
        "su número de seguimiento y código de acceso están en el correo de confirmación.",
        "receipt_shown_title": "Recibimos su solicitud",
        "receipt_shown": "Recibimos la solicitud {number}. Para proteger su privacidad, su código "
        "de acceso se mostró una sola vez, para que la próxima persona en esta computadora no "
        "pueda verlo. Está en su correo de confirmación. Si no dio un correo electrónico y no "
        "anotó el código, comuníquese con la Coordinación de Registros Públicos de la "
        "biblioteca con su número de seguimiento.",
        "bad_idempotency_key": "La Idempotency-Key debe tener de 16 a 100 letras, dígitos, - o _.",
        "error_summary": "Hay un problema",
        "error_prefix": "Error:",
        "problem_title": "Hay un problema con esa solicitud",
    },
}
