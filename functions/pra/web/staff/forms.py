"""The staff action forms: which fields each written response asks for, read into a Response.

Field errors are found here, in the words the form shows; the rules of the law (extension
limits, the lifecycle) stay in the service, which refuses what breaks them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pra.domain.exemptions import CATALOGUE
from pra.services.respond import Response

WITHHOLDING_ROWS = 5  # rows offered without JavaScript; blank rows are ignored
TEXT_MAX = 10_000
WHAT_MAX = 500
OUTCOMES = {
    "upheld": "Uphold the denial",
    "overturned": "Overturn the denial: the records will be released",
    "overturned_in_part": "Overturn the denial in part",
}
WITHDRAWN_BY = {
    "requester": "The requester asked to withdraw it",
    "staff": "The Library closes it (for example, no answer to a question)",
}
# § 7922.540(b): staff accounts ticked, and others typed (counsel), one per line.
_RESPONSIBLE = ("others_chosen", "others_typed")
FIELDS: dict[str, tuple[str, ...]] = {
    "initial_response": ("presumed_scope", "available_on", "available_at"),
    "clarification": ("question",),
    "extension": ("reason", "new_due"),
    "released": ("available_on", "available_at"),
    "partly_released": ("available_on", "available_at", "withheld", *_RESPONSIBLE),
    "no_records": (*_RESPONSIBLE, "help"),
    "denied": ("withheld", *_RESPONSIBLE, "help"),
    "withdrawn": ("withdrawn_by", "explanation"),
    "appeal_decision": ("outcome", "explanation", "available_on", "available_at"),
}
# What staff type that the letter prints as typed, by the label the form gives it.
TYPED = {
    "presumed_scope": "Presumed scope",
    "question": "Question for the requester",
    "explanation": "Explanation",
    "help": "Suggestions for the requester",
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
_EXEMPTIONS = {exemption.key for exemption in CATALOGUE}


@dataclass
class Filled:
    """A form as posted: its values to show again, its errors, and the Response it makes."""

    form: str
    values: dict[str, str]
    rows: list[tuple[str, str, str]]  # (what, exemption, law cited) as typed, padded
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)

    @property
    def error_by_field(self) -> dict[str, str]:
        return dict(self.errors)

    def hidden_fields(self) -> list[tuple[str, str]]:
        """What the preview's Send and Edit buttons post again."""
        fields = [
            (n, line)
            for n in FIELDS[self.form]
            if n in self.values
            for line in (self.values[n].splitlines() if n == "others_chosen" else [self.values[n]])
        ]
        for number, (what, key, law) in enumerate(self.given_rows(), start=1):
            fields += [
                (f"withheld-{number}-what", what),
                (f"withheld-{number}-exemption", key),
                (f"withheld-{number}-law", law),
            ]
        return fields

    def typed(self) -> list[tuple[str, str]]:
        """What staff typed that the letter prints as it is, by the form's labels."""
        typed = [(TYPED[n], self.values[n]) for n in TYPED if self.values.get(n)]
        return typed + [
            (f"Withholding {number}", what)
            for number, (what, _, _) in enumerate(self.given_rows(), start=1)
        ]

    def given_rows(self) -> list[tuple[str, str, str]]:
        return [(what, key, law) for what, key, law in self.rows if what or key or law]

    def response(self) -> Response:
        """The Response for the service; only once there are no errors."""
        values = self.values
        kind = self.form
        if kind == "appeal_decision":
            kind = f"appeal_{values['outcome']}"
        promised = _promises_records(self)
        return Response(
            kind=kind,
            presumed_scope=values.get("presumed_scope", ""),
            available_on=_date(values.get("available_on", "")) if promised else None,
            available_at=values.get("available_at", "") if promised else "",
            question=values.get("question", ""),
            reason=values.get("reason", ""),
            new_due=_date(values.get("new_due", "")),
            withheld=tuple(self.given_rows()),
            explanation=values.get("explanation", ""),
            note=_withdrawn_note(values.get("withdrawn_by", "")),
            others_responsible=tuple(
                values.get("others_chosen", "").splitlines()
                + values.get("others_typed", "").splitlines()
            ),
            help=values.get("help", ""),
            closed_by="library" if values.get("withdrawn_by") == "staff" else "requester",
        )


def empty_form(form: str) -> Filled:
    return Filled(form, {}, [("", "", "")] * WITHHOLDING_ROWS)


def read_form(form: str, posted: Mapping[str, str], today: date, reasons: list[str]) -> Filled:
    """The posted fields of `form`, checked; `reasons` are the extension reasons offered."""
    names = FIELDS[form]
    values = {name: posted.get(name, "").strip() for name in names if name != "withheld"}
    if "others_chosen" in names and hasattr(posted, "getlist"):
        values["others_chosen"] = "\n".join(v.strip() for v in posted.getlist("others_chosen"))
    rows = [
        (
            posted.get(f"withheld-{n}-what", "").strip(),
            posted.get(f"withheld-{n}-exemption", "").strip(),
            posted.get(f"withheld-{n}-law", "").strip(),
        )
        for n in range(1, WITHHOLDING_ROWS + 1)
    ]
    filled = Filled(form, values, rows)
    for name in names:
        filled.errors += _CHECKS[name](filled, today, reasons)
    return filled


def _scope(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    return _length(filled, "presumed_scope", "the presumed scope", TEXT_MAX)


def _promises_records(filled: Filled) -> bool:
    """Every form with a date promises records, but an appeal decision only if it overturns."""
    if filled.form == "appeal_decision":
        return filled.values.get("outcome", "").startswith("overturned")
    return "available_on" in FIELDS[filled.form]


def _available_on(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if not _promises_records(filled):
        return []
    what = "the anticipated date" if filled.form == "initial_response" else "the date"
    value = filled.values["available_on"]
    found = _check_date(value, f"Enter {what} the records will be available")
    if found:
        return [("available_on", found)]
    day = _date(value)
    if day is not None and day < today:
        return [("available_on", "The date the records will be available must be today or later")]
    return []


def _available_at(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if not _promises_records(filled):
        return []
    value = filled.values["available_at"]
    if not value:
        return [("available_at", "Enter the time the records will be available")]
    if not _TIME.match(value):
        return [("available_at", "Enter the time in hours and minutes, for example 10:00")]
    return []


def _question(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if not filled.values["question"]:
        return [("question", "Enter the question for the requester")]
    return _length(filled, "question", "the question", TEXT_MAX)


def _reason(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if filled.values["reason"] not in reasons:
        return [("reason", "Choose the unusual circumstance that needs more time")]
    return []


def _new_due(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    found = _check_date(filled.values["new_due"], "Enter the date the determination will be sent")
    return [("new_due", found)] if found else []


def _withheld(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    errors = []
    for number, (what, key, law) in enumerate(filled.rows, start=1):
        if key and key not in _EXEMPTIONS:
            errors.append((f"withheld-{number}-exemption", "Choose an exemption from the list"))
        elif what and not key:
            errors.append(
                (f"withheld-{number}-exemption", f"Choose the exemption for row {number}")
            )
        elif key and not what:
            errors.append((f"withheld-{number}-what", f"Enter what row {number} withholds"))
        elif key == "other_law" and not law:
            errors.append((f"withheld-{number}-law", f"Cite the provision of law for row {number}"))
        elif len(what) > WHAT_MAX or len(law) > WHAT_MAX:
            errors.append(
                (f"withheld-{number}-what", f"Shorten row {number} to {WHAT_MAX} characters")
            )
    if not filled.given_rows():
        errors.append(("withheld-1-what", "Enter each record or part withheld and its exemption"))
    return errors


def _withdrawn_by(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if filled.values["withdrawn_by"] not in WITHDRAWN_BY:
        return [("withdrawn_by", "Choose who withdrew the request")]
    return []


def _outcome(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if filled.values["outcome"] not in OUTCOMES:
        return [("outcome", "Choose the decision on the appeal")]
    return []


def _explanation(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    if filled.form == "appeal_decision" and not filled.values["explanation"]:
        return [("explanation", "Enter the reasons for the decision")]
    return _length(filled, "explanation", "the explanation", TEXT_MAX)


def _others_typed(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    lines = [line for line in filled.values["others_typed"].splitlines() if line.strip()]
    if any("," not in line for line in lines):
        return [("others_typed", "Give each person as: name, title or position")]
    return _length(filled, "others_typed", "the other persons responsible", WHAT_MAX * 4)


def _help(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    return _length(filled, "help", "the suggestions", TEXT_MAX)


def _no_check(filled: Filled, today: date, reasons: list[str]) -> list[tuple[str, str]]:
    return []  # ticked from the desk's own list of staff


_CHECKS = {
    "presumed_scope": _scope,
    "available_on": _available_on,
    "available_at": _available_at,
    "question": _question,
    "reason": _reason,
    "new_due": _new_due,
    "withheld": _withheld,
    "withdrawn_by": _withdrawn_by,
    "outcome": _outcome,
    "explanation": _explanation,
    "others_chosen": _no_check,
    "others_typed": _others_typed,
    "help": _help,
}


def _length(filled: Filled, name: str, what: str, limit: int) -> list[tuple[str, str]]:
    if len(filled.values[name]) > limit:
        return [(name, f"Shorten {what} to {limit:,} characters or fewer")]
    return []


def _check_date(value: str, missing: str) -> str:
    """The message for a blank or unreadable date; empty when it reads."""
    if not value:
        return missing
    if _date(value) is None:
        return "Enter the date as year-month-day, for example 2026-12-04"
    return ""


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def _withdrawn_note(who: str) -> str:
    return {"requester": "withdrawn by the requester", "staff": "closed by the Library"}.get(
        who, ""
    )
