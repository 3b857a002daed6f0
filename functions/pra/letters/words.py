"""Words of the letters. Paragraph lists per kind; {markers} are filled by the builder."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pra.domain.deadlines import ExtensionReason

REASONS = {
    "en": {
        "field_facilities": "we need to search for and collect records from field facilities "
        "or other places separate from the office processing your request",
        "voluminous": "we need to search for, collect and examine a large number of separate "
        "records asked for in one request",
        "consultation": "we need to consult another agency, or two or more parts of the "
        "Library, with a substantial interest in the request",
        "data_extraction": "we need to compile data, write programming or build a computer "
        "report to extract data",
        "emergency": "a state of emergency proclaimed by the Governor directly affects the "
        "Library, through staffing shortages or closed facilities, and we cannot respond in "
        "time",
        "cyberattack": "a cyberattack keeps us from the servers that hold the only copies of "
        "the records; we will take the extra time only until access is restored",
    },
    "es": {
        "field_facilities": "debemos buscar y reunir registros en instalaciones u otros "
        "lugares separados de la oficina que tramita su solicitud",
        "voluminous": "debemos buscar, reunir y examinar una gran cantidad de registros "
        "distintos pedidos en una sola solicitud",
        "consultation": "debemos consultar a otra agencia, o a dos o más áreas de la "
        "Biblioteca, con un interés sustancial en la solicitud",
        "data_extraction": "debemos compilar datos, escribir programas o crear un informe "
        "informático para extraer datos",
        "emergency": "un estado de emergencia proclamado por el Gobernador afecta "
        "directamente a la Biblioteca, por falta de personal o instalaciones cerradas, y no "
        "podemos responder a tiempo",
        "cyberattack": "un ciberataque nos impide llegar a los servidores que guardan las "
        "únicas copias de los registros; usaremos el tiempo adicional solo hasta recuperar "
        "el acceso",
    },
}

# § 7922.535(c) as it stood before AB 370 (1 January 2026): SB 1034's emergency reason.
REASONS_2025 = {
    "en": {
        "emergency": "a state of emergency proclaimed by the Governor in our area has caused "
        "staffing shortages or closed facilities, and we cannot respond in time",
    },
    "es": {
        "emergency": "un estado de emergencia proclamado por el Gobernador en nuestra zona ha "
        "causado falta de personal o el cierre de instalaciones, y no podemos responder a "
        "tiempo",
    },
}
AB_370 = date(2026, 1, 1)


def reason_text(reason: ExtensionReason, language: str, sent_on: date) -> str:
    """What the letter says of the reason, as § 7922.535(c) read on the day it is sent."""
    if sent_on < AB_370 and reason.key in REASONS_2025[language]:
        return REASONS_2025[language][reason.key]
    return REASONS[language][reason.key]


def clock_time(hhmm: str, language: str) -> str:
    """A time as the letter's reader writes it: "10:00 a.m." in English, "10:00" in Spanish."""
    try:
        moment = time.fromisoformat(hhmm)
    except ValueError:
        return hhmm
    if language != "en":
        return moment.strftime("%H:%M")
    suffix = "a.m." if moment.hour < 12 else "p.m."
    return f"{(moment.hour % 12) or 12}:{moment.minute:02d} {suffix}"


# § 7922.600: after a denial or "no records", the Library helps the requester reach records
# that may be disclosable. A deployment may put its own words (PRA_HELP_PARAGRAPH_EN/_ES).
HELP_PARAGRAPHS = {
    "en": "We can help you find records we may be able to give you: by narrowing or "
    "rewording your request, by telling you who else may hold the records, or by pointing "
    "you to records that are already public. Reply to this letter and we will work on it "
    "with you.",
    "es": "Podemos ayudarle a encontrar registros que quizá podamos entregarle: acotando o "
    "redactando de otra forma su solicitud, indicándole quién más puede tener los registros, "
    "o señalándole registros que ya son públicos. Responda a esta carta y lo haremos con "
    "usted.",
}


EXEMPTION_TITLES_ES = {
    "circulation": "Registros de circulación",
    "patron_use": "Registros de uso de los usuarios",
    "reference_exhibition": "Materiales de consulta o exhibición",
    "drafts": "Borradores y memorandos",
    "pending_litigation": "Litigio pendiente",
    "personnel": "Expedientes de personal",
    "employee_personal": "Información personal de empleados",
    "tests": "Exámenes",
    "privileged": "Registros confidenciales y privilegiados",
    "collective_bargaining": "Negociación colectiva",
    "native_american": "Registros sagrados de pueblos indígenas",
    "terrorist_vulnerability": "Análisis de vulnerabilidad ante ataques terroristas",
    "computer_programs": "Programas informáticos",
    "official_information": "Privilegio de información oficial",
    "public_interest": "El interés público en la confidencialidad supera al de la divulgación",
    "other_law": "Otra disposición legal",
}

_APPEAL_EN = (
    "If you disagree with this decision, you may ask the Library Director to review it by "
    "{appeal_by}{appeal_moved}. Appealing is free and you do not have to: you may also go to "
    "court without it. To appeal, use the appeal page at {appeal_url} with your tracking "
    "number and access code, or write to {office} with your tracking number and what you "
    "would like reconsidered."
)
_APPEAL_ES = (
    "Si no está de acuerdo con esta decisión, puede pedir a la Dirección de la Biblioteca que "
    "la revise a más tardar el {appeal_by}{appeal_moved}. Apelar es gratis y no es obligatorio: "
    "también puede acudir a los tribunales sin apelar. Para apelar, use la página de "
    "apelaciones en {appeal_url} con su número de seguimiento y su código de acceso, o escriba "
    "a {office} con su número de seguimiento y lo que desea que se reconsidere."
)
APPEAL_MOVED = {
    "en": (
        " (10 calendar days from the date of this letter)",
        " (the tenth calendar day from the date of this letter falls on a weekend or holiday, "
        "so the next business day)",
    ),
    "es": (
        " (10 días naturales a partir de la fecha de esta carta)",
        " (el décimo día natural a partir de la fecha de esta carta cae en fin de semana o "
        "feriado, así que el siguiente día hábil)",
    ),
}
_AVAILABLE_EN = "{available_sentence}"
_AVAILABLE_ES = "{available_sentence}"
# Where and how the records come, by the way the requester asked for them (DeliveryMethod).
AVAILABLE = {
    "en": {
        "link": "We will email you the records, or links to them, from {at} on {available}.",
        "mail": "We will mail the records to you on {available}.",
        "pickup": "You can pick up the records at {agency} from {at} on {available}.",
        "inspection": "You can inspect the records at {agency} from {at} on {available}.",
    },
    "es": {
        "link": "Le enviaremos los registros, o enlaces a ellos, por correo electrónico el "
        "{available}, a partir de las {at}.",
        "mail": "Le enviaremos los registros por correo postal el {available}.",
        "pickup": "Puede recoger los registros en {agency} el {available}, a partir de las {at}.",
        "inspection": "Puede consultar los registros en {agency} el {available}, a partir de "
        "las {at}.",
    },
}

LETTER_TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "common": {
            "greeting": "{salutation}",
            "intro": "This letter answers your public records request {tracking_number}. "
            "We received it on {received}.",
            "intro_question": "We are working on your public records request "
            "{tracking_number}, received on {received}, and need your help.",
            "intro_appeal": "This letter answers your appeal on public records request "
            "{tracking_number}.",
            "signed_question": "Person to contact about this question:",
            "signed": "Person responsible for this decision:",
            "signed_delivery": "Person responsible for this delivery:",
            "signed_contact": "Person to contact:",
            "intro_fee": "This letter is about your public records request {tracking_number}, "
            "received on {received}.",
            "fee_owed": "Please pay {owed} before you get the records, as our letter about "
            "their cost explains. To pay, write to {office}.",
            "also_responsible": "Also responsible for this decision:",
            "help_heading": "How we can help",
            "signed_extension": "Sent for the head of the Library, the Library Director "
            "(Gov. Code § 7922.535(b)), by:",
            "tracking": "Tracking number",
            "withheld_heading": "What we withheld or blacked out, and why",
            "files_heading": "Your records",
            "appeal": _APPEAL_EN,
            "open_question": "We asked you a question on {asked} and have not had your answer "
            "yet. The law does not let us stop the clock while we wait, so this letter answers "
            "your request as we understood it. If your answer changes what you are asking for, "
            "we will tell you what it means for your request.",
        },
        "subjects": {
            "initial_response": "Your public records request {tracking_number}: our response",
            "clarification": "Your public records request {tracking_number}: a question",
            "extension": "Your public records request {tracking_number}: more time needed",
            "released": "Your public records request {tracking_number}: records released",
            "partly_released": "Your public records request {tracking_number}: "
            "records released in part",
            "no_records": "Your public records request {tracking_number}: no records found",
            "denied": "Your public records request {tracking_number}: decision",
            "withdrawn": "Your public records request {tracking_number}: withdrawn",
            "closed": "Your public records request {tracking_number}: closed",
            "appeal_upheld": "Your appeal on request {tracking_number}: decision",
            "appeal_overturned": "Your appeal on request {tracking_number}: decision",
            "appeal_overturned_in_part": "Your appeal on request {tracking_number}: decision",
            "delivered": "Your public records request {tracking_number}: your records",
            "fee_estimate": "Your public records request {tracking_number}: cost of copies",
            "patron_referral": "Your request {tracking_number}: library user records",
        },
        "initial_response": [
            "Our decision: your request asks for records that we have and that the law "
            "lets us disclose. We will disclose them.",
            "We understood your request as: {scope}. If we have misunderstood it, reply to "
            "this email and tell us.",
            "We are gathering the records now. " + _AVAILABLE_EN,
        ],
        "clarification": [
            "To find the records you want, we need to know: {question}",
            "Please answer by {answer_by}: reply to this email, or answer on the status page "
            "with your tracking number and access code.",
            "If we have not heard from you by then, we will answer your request as we "
            "understand it now, by {due}, as the law requires. The clock does not stop while "
            "we wait.",
        ],
        "extension": [
            "We need more time to decide whether we can give you the records. The reason: "
            "{reason} (Government Code § 7922.535(c)).",
            "We will send you our decision by {new_due}.",
        ],
        "released": [
            "We found records that respond to your request and are releasing them in full.",
            _AVAILABLE_EN,
        ],
        "partly_released": [
            "We found records that respond to your request and are releasing them in part. "
            "Where only part of a record is exempt, we released the rest.",
            _AVAILABLE_EN,
        ],
        "no_records": [
            "We searched and did not find any records that respond to your request. The Act "
            "covers records that already exist; it does not require us to create new ones.",
        ],
        "denied": ["We are not releasing the records you asked for, for the reasons below."],
        "withdrawn": ["As you asked, we have closed your request as withdrawn. {explanation}"],
        "closed": [
            "We have closed your request. {explanation}",
            "If you still want these records, you may make a new request at any time.",
        ],
        "appeal_upheld": [
            "The Library Director reviewed your appeal and upheld the decision. {explanation}",
            "This decision is final: the Library will not review it again. You may still ask "
            "a court to review it (Government Code § 7923.000).",
        ],
        "appeal_overturned": [
            "The Library Director reviewed your appeal and overturned the decision. We will "
            "release the records. {explanation}",
            _AVAILABLE_EN,
        ],
        "appeal_overturned_in_part": [
            "The Library Director reviewed your appeal and overturned the decision in part. "
            "{explanation}",
            _AVAILABLE_EN,
        ],
        "delivered": ["{how}", "This delivery holds: {holds}", "{completion}"],
        "fee_estimate": [
            "The copies you asked for will cost {total}:\n{costs}",
            "Please pay before we send them. To pay, or to ask about the cost, write to {office}.",
            "Copies sent by email are free. If you would like the records that way, tell "
            "us.{if_not_email}",
        ],
        "patron_referral": [
            "You asked about what a library user borrowed or did at the Library. We keep "
            "this private (Library Policy 4005 and Government Code § 7927.105).",
            "We can give it only to the user, or to a person the user named in writing. A "
            "parent or guardian who brings a child's library card may see what a child under "
            "13 borrowed. For a child aged 13 to 17, we can tell them only whether items are "
            "overdue and what fees are owed.",
            "Your request is not one of these. We have passed it to the Branch Manager, who "
            "will contact you to explain the policy and see how we can help.",
            "If you are one of these people, reply to this email, or bring your library card "
            "or photo ID to any branch.",
        ],
    },
    "es": {
        "common": {
            "greeting": "{salutation}",
            "intro": "Esta carta responde a su solicitud {tracking_number}. La recibimos el "
            "{received}.",
            "intro_question": "Estamos trabajando en su solicitud de registros públicos "
            "{tracking_number}, recibida el {received}, y necesitamos su ayuda.",
            "intro_appeal": "Esta carta responde a su apelación sobre la solicitud "
            "{tracking_number}.",
            "signed_question": "Persona de contacto para esta pregunta:",
            "signed": "Persona responsable de esta decisión:",
            "signed_delivery": "Persona responsable de esta entrega:",
            "signed_contact": "Persona de contacto:",
            "intro_fee": "Esta carta trata de su solicitud de registros públicos "
            "{tracking_number}, recibida el {received}.",
            "fee_owed": "Por favor pague {owed} antes de recibir los registros, como explica "
            "nuestra carta sobre su costo. Para pagar, escriba a {office}.",
            "also_responsible": "También son responsables de esta decisión:",
            "help_heading": "Cómo podemos ayudarle",
            "signed_extension": "Enviado en nombre de la máxima autoridad de la Biblioteca, la "
            "Dirección de la Biblioteca (Código de Gobierno § 7922.535(b)), por:",
            "tracking": "Número de seguimiento",
            "withheld_heading": "Lo que retuvimos o tachamos, y por qué",
            "files_heading": "Sus registros",
            "appeal": _APPEAL_ES,
            "open_question": "Le hicimos una pregunta el {asked} y todavía no tenemos su "
            "respuesta. La ley no nos permite detener el plazo mientras esperamos, así que esta "
            "carta responde a su solicitud tal como la entendimos. Si su respuesta cambia lo que "
            "pide, le diremos qué significa para su solicitud.",
        },
        "subjects": {
            "initial_response": "Su solicitud de registros públicos {tracking_number}: "
            "nuestra respuesta",
            "clarification": "Su solicitud de registros públicos {tracking_number}: una pregunta",
            "extension": "Su solicitud de registros públicos {tracking_number}: "
            "necesitamos más tiempo",
            "released": "Su solicitud de registros públicos {tracking_number}: "
            "registros divulgados",
            "partly_released": "Su solicitud de registros públicos {tracking_number}: "
            "registros divulgados en parte",
            "no_records": "Su solicitud de registros públicos {tracking_number}: "
            "no se encontraron registros",
            "denied": "Su solicitud de registros públicos {tracking_number}: decisión",
            "withdrawn": "Su solicitud de registros públicos {tracking_number}: retirada",
            "closed": "Su solicitud de registros públicos {tracking_number}: cerrada",
            "appeal_upheld": "Su apelación sobre la solicitud {tracking_number}: decisión",
            "appeal_overturned": "Su apelación sobre la solicitud {tracking_number}: decisión",
            "appeal_overturned_in_part": "Su apelación sobre la solicitud {tracking_number}: "
            "decisión",
            "delivered": "Su solicitud de registros públicos {tracking_number}: sus registros",
            "fee_estimate": "Su solicitud de registros públicos {tracking_number}: costo de "
            "las copias",
            "patron_referral": "Su solicitud {tracking_number}: registros de usuarios de la "
            "biblioteca",
        },
        "initial_response": [
            "Nuestra decisión: su solicitud pide registros que tenemos y que la ley nos "
            "permite divulgar. Los divulgaremos.",
            "Entendimos su solicitud así: {scope}. Si la entendimos mal, responda a este "
            "correo y díganoslo.",
            "Ya estamos reuniendo los registros. " + _AVAILABLE_ES,
        ],
        "clarification": [
            "Para encontrar los registros que desea, necesitamos saber: {question}",
            "Por favor responda a más tardar el {answer_by}: conteste este correo, o responda "
            "en la página de estado con su número de seguimiento y código de acceso.",
            "Si no sabemos de usted para entonces, responderemos a su solicitud tal como la "
            "entendemos ahora, a más tardar el {due}, como exige la ley. El plazo no se detiene "
            "mientras esperamos.",
        ],
        "extension": [
            "Necesitamos más tiempo para decidir si podemos darle los registros. El motivo: "
            "{reason} (Código de Gobierno § 7922.535(c)).",
            "Le enviaremos nuestra decisión a más tardar el {new_due}.",
        ],
        "released": [
            "Encontramos registros que responden a su solicitud y los divulgamos en su totalidad.",
            _AVAILABLE_ES,
        ],
        "partly_released": [
            "Encontramos registros que responden a su solicitud y los divulgamos en parte. "
            "Cuando solo una parte de un registro está exenta, divulgamos el resto.",
            _AVAILABLE_ES,
        ],
        "no_records": [
            "Buscamos y no encontramos registros que respondan a su solicitud. La Ley abarca "
            "registros que ya existen; no nos obliga a crear registros nuevos.",
        ],
        "denied": ["No entregamos los registros que pidió, por las razones que siguen."],
        "withdrawn": [
            "Como nos pidió, cerramos su solicitud como retirada. {explanation}",
        ],
        "closed": [
            "Cerramos su solicitud. {explanation}",
            "Si todavía desea estos registros, puede presentar una nueva solicitud cuando quiera.",
        ],
        "appeal_upheld": [
            "La Dirección de la Biblioteca revisó su apelación y confirmó la decisión. "
            "{explanation}",
            "Esta decisión es definitiva: la Biblioteca no la volverá a ver. Si quiere, puede "
            "pedir a un tribunal que la revise (Código de Gobierno § 7923.000).",
        ],
        "appeal_overturned": [
            "La Dirección de la Biblioteca revisó su apelación y revocó la decisión. "
            "Divulgaremos los registros. {explanation}",
            _AVAILABLE_ES,
        ],
        "appeal_overturned_in_part": [
            "La Dirección de la Biblioteca revisó su apelación y revocó la decisión en parte. "
            "{explanation}",
            _AVAILABLE_ES,
        ],
        "delivered": ["{how}", "Esta entrega contiene: {holds}", "{completion}"],
        "fee_estimate": [
            "Las copias que pidió costarán {total}:\n{costs}",
            "Por favor pague antes de que se las enviemos. Para pagar, o para preguntar por el "
            "costo, escriba a {office}.",
            "Las copias enviadas por correo electrónico son gratis. Si quiere los registros "
            "así, díganoslo.{if_not_email}",
        ],
        "patron_referral": [
            "Usted preguntó qué tomó prestado o qué hizo en la Biblioteca uno de sus usuarios. "
            "Esto es privado (Política 4005 de la Biblioteca y Código de Gobierno § 7927.105).",
            "Solo podemos darlo al usuario, o a la persona que el usuario nombre por escrito. "
            "Un padre, una madre o un tutor que trae la tarjeta de la biblioteca de un niño "
            "menor de 13 años puede ver lo que el niño tomó prestado. Para un joven de 13 a 17 "
            "años, solo podemos decirle si tiene materiales atrasados y qué multas debe.",
            "Su solicitud no es uno de estos casos. La pasamos a la gerencia de la sucursal, que "
            "se pondrá en contacto con usted para explicarle la política y ver cómo podemos "
            "ayudarle.",
            "Si usted es una de estas personas, responda a este correo, o traiga su tarjeta de "
            "la biblioteca o una identificación con foto a cualquier sucursal.",
        ],
    },
}

# How the records reach the requester (Policy 1002 §III.C), and whether more will follow.
DELIVERY_WORDS = {
    "en": {
        "link": "Your records are ready. Download them with the links below until {expires}. "
        "After that, get fresh links on the status page with your tracking number and access "
        "code.",
        "inspection": "Your records are ready for you to inspect at the Library. Write to "
        "{contact} to arrange a time.",
        "mail": "We mailed your records on {delivered} to the address you gave us.",
        "pickup": "Your records are ready for you to pick up at the Library from {delivered}. "
        "Bring your tracking number.",
        "final": "This completes the release of the records for your request.",
        "partial": "This is part of the records. We will deliver the rest from {at} on "
        "{available}.",
    },
    "es": {
        "link": "Sus registros están listos. Descárguelos con los enlaces de abajo hasta el "
        "{expires}. Después, obtenga enlaces nuevos en la página de estado con su número de "
        "seguimiento y su código de acceso.",
        "inspection": "Sus registros están listos para que los consulte en la Biblioteca. "
        "Escriba a {contact} para acordar una hora.",
        "mail": "Enviamos sus registros por correo postal el {delivered} a la dirección que nos "
        "dio.",
        "pickup": "Sus registros están listos para que los recoja en la Biblioteca a partir del "
        "{delivered}. Traiga su número de seguimiento.",
        "final": "Con esto completamos la entrega de los registros de su solicitud.",
        "partial": "Esta es una parte de los registros. Entregaremos el resto a más tardar el "
        "{available}, a partir de las {at}.",
    },
}

SALUTATIONS = {"en": ("Dear {name},", "Hello,"), "es": ("Estimado/a {name}:", "Hola:")}

# An estimate's lines (§ 7922.530; Policy 1002 § III.E; § 7922.575 for extraction).
FEE_WORDS = {
    "en": {
        "pages": "{pages} pages of paper copies at {per_page} a page",
        "postage": "Postage",
        "device": "Flash drive or disc",
        "extraction": "Programming or computer work to produce the data (Government Code "
        "§ 7922.575)",
    },
    "es": {
        "pages": "{pages} páginas de copias en papel a {per_page} por página",
        "postage": "Franqueo",
        "device": "Memoria USB o disco",
        "extraction": "Programación o trabajo informático para producir los datos (Código de "
        "Gobierno § 7922.575)",
    },
}

# Policy 4005 § III.B.ii: what a parent, guardian or caretaker may have (PatronCase values).
PATRON_MAY_HAVE = {
    "en": {
        "child_under_13": "As the parent, guardian or caretaker of a child under 13, you may "
        "see the child's borrowing records only (Library Policy 4005).",
        "child_13_to_17": "As the parent, guardian or caretaker of a child aged 13 to 17, you "
        "may learn only whether items on the child's account are overdue, and the fees owed. "
        "We cannot give the titles borrowed (Library Policy 4005).",
    },
    "es": {
        "child_under_13": "Como padre, madre, tutor o cuidador de un niño menor de 13 años, "
        "puede ver solo lo que el niño tomó prestado (Política 4005 de la Biblioteca).",
        "child_13_to_17": "Como padre, madre, tutor o cuidador de un joven de 13 a 17 años, "
        "puede saber solo si hay materiales atrasados en su cuenta y qué multas debe. No "
        "podemos darle los títulos prestados (Política 4005 de la Biblioteca).",
    },
}
