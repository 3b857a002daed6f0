"""The request lifecycle of DESIGN.md as an explicit state machine."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    AWAITING_REQUESTER = "awaiting_requester"  # clarification requested
    INITIAL_RESPONSE_SENT = "initial_response_sent"
    EXTENDED = "extended"
    RELEASED = "released"  # records released in full
    PARTLY_RELEASED = "partly_released"  # released in part, with grounds for each withholding
    NO_RECORDS = "no_records"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
    APPEALED = "appealed"
    APPEAL_DECIDED = "appeal_decided"  # the denial upheld: final (Policy 1002 § III.D)
    REOPENED = "reopened"  # the appeal overturned the denial in full or in part: release follows


class Action(StrEnum):
    REQUEST_CLARIFICATION = "request_clarification"
    RECEIVE_CLARIFICATION = "receive_clarification"
    SEND_INITIAL_RESPONSE = "send_initial_response"
    EXTEND = "extend"
    RELEASE = "release"
    RELEASE_IN_PART = "release_in_part"
    REPORT_NO_RECORDS = "report_no_records"
    DENY = "deny"
    WITHDRAW = "withdraw"
    APPEAL = "appeal"
    UPHOLD_APPEAL = "uphold_appeal"
    OVERTURN_APPEAL = "overturn_appeal"  # in full or in part; the letter says which


class IllegalTransition(ValueError):
    def __init__(self, status: Status, action: Action) -> None:
        state, verb = status.value.replace("_", " "), action.value.replace("_", " ")
        super().__init__(f"a request that is {state} cannot {verb}")
        self.status = status
        self.action = action


_CLOSINGS = {
    Action.RELEASE: Status.RELEASED,
    Action.RELEASE_IN_PART: Status.PARTLY_RELEASED,
    Action.REPORT_NO_RECORDS: Status.NO_RECORDS,
    Action.DENY: Status.DENIED,
    Action.WITHDRAW: Status.WITHDRAWN,
}

TRANSITIONS: dict[Status, dict[Action, Status]] = {
    # An initial response may itself carry the records or the denial, or be an extension notice.
    Status.RECEIVED: {
        Action.REQUEST_CLARIFICATION: Status.AWAITING_REQUESTER,
        Action.SEND_INITIAL_RESPONSE: Status.INITIAL_RESPONSE_SENT,
        Action.EXTEND: Status.EXTENDED,
        **_CLOSINGS,
    },
    # Asking does not stop the clock (§ 7922.535 has no pause): everything that may follow a
    # new request may follow while the answer is awaited, on the scope as understood.
    Status.AWAITING_REQUESTER: {
        Action.RECEIVE_CLARIFICATION: Status.RECEIVED,
        Action.REQUEST_CLARIFICATION: Status.AWAITING_REQUESTER,
        Action.SEND_INITIAL_RESPONSE: Status.INITIAL_RESPONSE_SENT,
        Action.EXTEND: Status.EXTENDED,
        **_CLOSINGS,
    },
    # The initial response is the determination (§ 7922.535(a)): no extension after it.
    Status.INITIAL_RESPONSE_SENT: dict(_CLOSINGS),
    Status.EXTENDED: dict(_CLOSINGS),
    # A denial, in full or in part, opens the appeal window (Policy 1002 § III.D).
    Status.PARTLY_RELEASED: {Action.APPEAL: Status.APPEALED},
    Status.DENIED: {Action.APPEAL: Status.APPEALED},
    Status.APPEALED: {
        Action.UPHOLD_APPEAL: Status.APPEAL_DECIDED,
        Action.OVERTURN_APPEAL: Status.REOPENED,
    },
    Status.REOPENED: {
        Action.RELEASE: Status.RELEASED,
        Action.RELEASE_IN_PART: Status.PARTLY_RELEASED,
    },
    Status.RELEASED: {},
    Status.NO_RECORDS: {},
    Status.WITHDRAWN: {},
    Status.APPEAL_DECIDED: {},
}

# Requests on which the agency still owes the § 7922.535 determination by a date. Once the
# initial response is sent the statutory date is met; production must then be prompt.
AWAITING_DETERMINATION = frozenset({Status.RECEIVED, Status.AWAITING_REQUESTER, Status.EXTENDED})


def next_status(status: Status, action: Action) -> Status:
    """The status after `action`, or IllegalTransition if the lifecycle forbids it."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise IllegalTransition(status, action) from None


def is_open(status: Status) -> bool:
    return bool(TRANSITIONS[status])
