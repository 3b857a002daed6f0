"""Words of the statistics page (issue 16), in English and Spanish. The site's page
(site_docs/assets/statistics.js) has the same words for the figures it draws from the JSON."""

from __future__ import annotations

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
}

STATISTICS_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Statistics",
        "intro": "How the Library has answered public records requests: how many came, how "
        "fast they were answered and what became of them. The figures identify no one.",
        "as_of": "Figures as of",
        "none_yet": "No figures yet: they are written by the daily update.",
        "open_now": "Requests open now",
        "overdue_now": "of them overdue",
        "charts": "The last 12 months",
        "figures": "All figures",
        "period": "Figures for",
        "show": "Show",
        "figure": "Figure",
        "value": "Number",
        "month": "Month",
        "chart_received": "Requests received each month",
        "chart_received_desc": "Bar chart of the requests received in each of the last 12 "
        "months. The table beside it gives the numbers.",
        "chart_determinations": "Written decisions on time and late each month",
        "chart_determinations_desc": "Stacked bar chart of the written decisions sent each month, "
        "on time and late. The table beside it gives the numbers.",
        "chart_days": "Days to a written decision each month",
        "chart_days_desc": "Bar chart of the median and the 90th percentile of the calendar days "
        "from a request to its written decision, each month. The table beside it gives the "
        "numbers.",
        "received": "Requests received",
        "channel_online": "online",
        "channel_email": "by email",
        "channel_mail": "by mail",
        "channel_phone": "by phone",
        "channel_in_person": "in person",
        "patron_records": "Requests for one's own library records (counted apart)",
        "determinations_on_time": "Written decisions on time",
        "determinations_late": "Written decisions late",
        "on_time": "On time",
        "late": "Late",
        "median": "Median",
        "p90": "90th percentile",
        "days_to_determination_median": "Days to a written decision: median",
        "days_to_determination_p90": "Days to a written decision: 90th percentile",
        "releases_on_time": "Records handed over by the date promised",
        "releases_late": "Records handed over late",
        "days_to_release_median": "Days to the records: median",
        "days_to_release_p90": "Days to the records: 90th percentile",
        "extensions": "Extensions of the deadline",
        "reason_field_facilities": "records in field facilities or other buildings",
        "reason_voluminous": "a voluminous amount of records",
        "reason_consultation": "consultation with another agency",
        "reason_data_extraction": "data compiled or extracted by programming",
        "reason_emergency": "a proclaimed emergency",
        "reason_cyberattack": "a cyberattack",
        "outcome_released": "Records released in full",
        "outcome_partly_released": "Records released in part",
        "outcome_no_records": "No records found",
        "outcome_denied": "Request denied",
        "outcome_withdrawn": "Request withdrawn",
        "appeals": "Appeals",
        "appeal_upheld": "denial upheld",
        "appeal_overturned": "overturned",
        "appeal_overturned_in_part": "overturned in part",
        "appeal_pending": "not yet decided",
        "open": "Open now",
        "overdue": "Overdue now",
        "fewer_than": "fewer than {n}",
        "none": "none",
        "how_title": "How the figures are counted",
        "how_months": "Each figure counts in the month of its own event: requests in the month "
        "they were received; decisions and their days in the month of the decision; "
        "records in the month they were handed over; outcomes in the month the request closed. "
        "Extensions, appeals and the requests open or overdue now count in the month the request "
        "was received. A year is the sum of its months.",
        "how_days": "Days are calendar days from the day a request was received. The written "
        "decision is due 10 days after it (later if that day is a weekend or holiday, or when "
        "extended). Medians and 90th percentiles are by nearest rank: each is the number of days "
        "some request took.",
        "how_patron": "Requests for a person's own library records are confidential (Policy "
        "4005): they are counted in one figure of their own, shown as “fewer than 5” when there "
        "are 1 to 4, and left out of every other figure.",
        "data": "The figures as data",
        "site_page": "The statistics page",
    },
    "es": {
        "title": "Estadísticas",
        "intro": "Cómo ha respondido la Biblioteca a las solicitudes de registros públicos: "
        "cuántas llegaron, con qué rapidez se respondieron y cómo terminaron. Las cifras no "
        "identifican a nadie.",
        "as_of": "Cifras al",
        "none_yet": "Aún no hay cifras: las escribe la actualización diaria.",
        "open_now": "Solicitudes abiertas ahora",
        "overdue_now": "de ellas vencidas",
        "charts": "Los últimos 12 meses",
        "figures": "Todas las cifras",
        "period": "Cifras de",
        "show": "Mostrar",
        "figure": "Cifra",
        "value": "Número",
        "month": "Mes",
        "chart_received": "Solicitudes recibidas cada mes",
        "chart_received_desc": "Gráfico de barras de las solicitudes recibidas en cada uno de "
        "los últimos 12 meses. La tabla a su lado da los números.",
        "chart_determinations": "Decisiones a tiempo y tardías cada mes",
        "chart_determinations_desc": "Gráfico de barras apiladas de las decisiones enviadas "
        "cada mes, a tiempo y tardías. La tabla a su lado da los números.",
        "chart_days": "Días hasta la decisión cada mes",
        "chart_days_desc": "Gráfico de barras de la mediana y el percentil 90 de los días "
        "naturales entre una solicitud y su decisión, cada mes. La tabla a su lado da los "
        "números.",
        "received": "Solicitudes recibidas",
        "channel_online": "en línea",
        "channel_email": "por correo electrónico",
        "channel_mail": "por correo postal",
        "channel_phone": "por teléfono",
        "channel_in_person": "en persona",
        "patron_records": "Solicitudes de los propios registros de la biblioteca (contadas aparte)",
        "determinations_on_time": "Decisiones a tiempo",
        "determinations_late": "Decisiones tardías",
        "on_time": "A tiempo",
        "late": "Tardías",
        "median": "Mediana",
        "p90": "Percentil 90",
        "days_to_determination_median": "Días hasta la decisión: mediana",
        "days_to_determination_p90": "Días hasta la decisión: percentil 90",
        "releases_on_time": "Registros entregados en la fecha prometida",
        "releases_late": "Registros entregados con retraso",
        "days_to_release_median": "Días hasta los registros: mediana",
        "days_to_release_p90": "Días hasta los registros: percentil 90",
        "extensions": "Prórrogas del plazo",
        "reason_field_facilities": "registros en instalaciones de campo u otros edificios",
        "reason_voluminous": "un volumen grande de registros",
        "reason_consultation": "consulta con otra agencia",
        "reason_data_extraction": "datos compilados o extraídos por programación",
        "reason_emergency": "una emergencia declarada",
        "reason_cyberattack": "un ciberataque",
        "outcome_released": "Registros entregados por completo",
        "outcome_partly_released": "Registros entregados en parte",
        "outcome_no_records": "No se hallaron registros",
        "outcome_denied": "Solicitud denegada",
        "outcome_withdrawn": "Solicitud retirada",
        "appeals": "Apelaciones",
        "appeal_upheld": "negativa confirmada",
        "appeal_overturned": "revocada",
        "appeal_overturned_in_part": "revocada en parte",
        "appeal_pending": "aún sin decidir",
        "open": "Abiertas ahora",
        "overdue": "Vencidas ahora",
        "fewer_than": "menos de {n}",
        "none": "ninguno",
        "how_title": "Cómo se cuentan las cifras",
        "how_months": "Cada cifra cuenta en el mes de su propio hecho: las solicitudes en el mes "
        "en que se recibieron; las decisiones y sus días en el mes de la decisión; los "
        "registros en el mes en que se entregaron; los resultados en el mes en que se cerró la "
        "solicitud. Las prórrogas, las apelaciones y las solicitudes abiertas o vencidas ahora "
        "cuentan en el mes en que se recibió la solicitud. Un año es la suma de sus meses.",
        "how_days": "Los días son naturales, desde el día en que se recibió la solicitud. La "
        "decisión vence 10 días después (más tarde si ese día es fin de semana o feriado, o "
        "si se prorrogó). Las medianas y los percentiles 90 son por rango más cercano: cada uno "
        "es el número de días que tardó alguna solicitud.",
        "how_patron": "Las solicitudes de los propios registros de la biblioteca son "
        "confidenciales (Política 4005): se cuentan en una cifra aparte, que dice “menos de 5” "
        "cuando son de 1 a 4, y no entran en ninguna otra cifra.",
        "data": "Las cifras como datos",
        "site_page": "La página de estadísticas",
    },
}
