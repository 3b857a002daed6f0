"""The request lifecycle of DESIGN.md: which action leads where, and what is refused."""

import itertools

import pytest

from pra.domain.lifecycle import Action, IllegalTransition, Status, is_open, next_status

S, A = Status, Action

LEGAL = [
    # An initial response may ask for clarification, answer, extend, or close the request.
    (S.RECEIVED, A.REQUEST_CLARIFICATION, S.AWAITING_REQUESTER),
    (S.RECEIVED, A.SEND_INITIAL_RESPONSE, S.INITIAL_RESPONSE_SENT),
    (S.RECEIVED, A.EXTEND, S.EXTENDED),
    (S.RECEIVED, A.RELEASE, S.RELEASED),
    (S.RECEIVED, A.RELEASE_IN_PART, S.PARTLY_RELEASED),
    (S.RECEIVED, A.REPORT_NO_RECORDS, S.NO_RECORDS),
    (S.RECEIVED, A.DENY, S.DENIED),
    (S.RECEIVED, A.WITHDRAW, S.WITHDRAWN),
    # The requester clarifies (back to received) or gives up.
    (S.AWAITING_REQUESTER, A.RECEIVE_CLARIFICATION, S.RECEIVED),
    (S.AWAITING_REQUESTER, A.WITHDRAW, S.WITHDRAWN),
    # A question never stops the clock (§ 7922.535): all that may answer a new request may
    # answer it while the requester's answer is awaited, and another question may be asked.
    (S.AWAITING_REQUESTER, A.REQUEST_CLARIFICATION, S.AWAITING_REQUESTER),
    (S.AWAITING_REQUESTER, A.SEND_INITIAL_RESPONSE, S.INITIAL_RESPONSE_SENT),
    (S.AWAITING_REQUESTER, A.EXTEND, S.EXTENDED),
    (S.AWAITING_REQUESTER, A.RELEASE, S.RELEASED),
    (S.AWAITING_REQUESTER, A.RELEASE_IN_PART, S.PARTLY_RELEASED),
    (S.AWAITING_REQUESTER, A.REPORT_NO_RECORDS, S.NO_RECORDS),
    (S.AWAITING_REQUESTER, A.DENY, S.DENIED),
    # The initial response is the determination (§ 7922.535(a)): a closing, no extension.
    (S.INITIAL_RESPONSE_SENT, A.RELEASE, S.RELEASED),
    (S.INITIAL_RESPONSE_SENT, A.RELEASE_IN_PART, S.PARTLY_RELEASED),
    (S.INITIAL_RESPONSE_SENT, A.REPORT_NO_RECORDS, S.NO_RECORDS),
    (S.INITIAL_RESPONSE_SENT, A.DENY, S.DENIED),
    (S.INITIAL_RESPONSE_SENT, A.WITHDRAW, S.WITHDRAWN),
    # An extended request can only be closed.
    (S.EXTENDED, A.RELEASE, S.RELEASED),
    (S.EXTENDED, A.RELEASE_IN_PART, S.PARTLY_RELEASED),
    (S.EXTENDED, A.REPORT_NO_RECORDS, S.NO_RECORDS),
    (S.EXTENDED, A.DENY, S.DENIED),
    (S.EXTENDED, A.WITHDRAW, S.WITHDRAWN),
    # A denial, in full or in part, opens an appeal; the Director decides it.
    (S.DENIED, A.APPEAL, S.APPEALED),
    (S.PARTLY_RELEASED, A.APPEAL, S.APPEALED),
    (S.APPEALED, A.UPHOLD_APPEAL, S.APPEAL_DECIDED),
    # Overturned in full or in part, the request reopens for release.
    (S.APPEALED, A.OVERTURN_APPEAL, S.REOPENED),
    (S.REOPENED, A.RELEASE, S.RELEASED),
    (S.REOPENED, A.RELEASE_IN_PART, S.PARTLY_RELEASED),
]


@pytest.mark.parametrize(("status", "action", "after"), LEGAL)
def test_a_legal_action_leads_to_the_next_status(status, action, after):
    assert next_status(status, action) == after


def test_every_pair_not_in_the_table_is_illegal():
    legal = {(status, action) for status, action, _ in LEGAL}
    refused = set()
    for status, action in itertools.product(Status, Action):
        if (status, action) in legal:
            continue
        with pytest.raises(IllegalTransition):
            next_status(status, action)
        refused.add((status, action))
    assert len(refused) == 111  # 12 statuses × 12 actions, less the 33 legal pairs


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        # The law allows one extension.
        (S.EXTENDED, A.EXTEND, "a request that is extended cannot extend"),
        # Only before the determination, which the initial response is.
        (
            S.INITIAL_RESPONSE_SENT,
            A.EXTEND,
            "a request that is initial response sent cannot extend",
        ),
        # Nothing has been denied yet.
        (S.RECEIVED, A.APPEAL, "a request that is received cannot appeal"),
        # Records released in full leave nothing to appeal.
        (S.RELEASED, A.APPEAL, "a request that is released cannot appeal"),
        # The Director decides an appeal once. Statuses read as words, like actions do.
        (
            S.APPEAL_DECIDED,
            A.UPHOLD_APPEAL,
            "a request that is appeal decided cannot uphold appeal",
        ),
        # Only an appeal can be decided.
        (S.DENIED, A.OVERTURN_APPEAL, "a request that is denied cannot overturn appeal"),
        # A reopened request is for release: the denial was overturned.
        (S.REOPENED, A.DENY, "a request that is reopened cannot deny"),
        # A withdrawn request stays withdrawn.
        (S.WITHDRAWN, A.RELEASE, "a request that is withdrawn cannot release"),
        # Only a question asked can be answered.
        (
            S.INITIAL_RESPONSE_SENT,
            A.RECEIVE_CLARIFICATION,
            "a request that is initial response sent cannot receive clarification",
        ),
    ],
)
def test_an_illegal_action_is_refused_with_a_readable_message(status, action, message):
    with pytest.raises(IllegalTransition) as refused:
        next_status(status, action)
    assert (str(refused.value), refused.value.status, refused.value.action) == (
        message,
        status,
        action,
    )


def test_an_illegal_transition_is_a_value_error():
    with pytest.raises(ValueError, match="cannot extend"):
        next_status(S.EXTENDED, A.EXTEND)


@pytest.mark.parametrize(
    "status",
    [S.RELEASED, S.NO_RECORDS, S.WITHDRAWN, S.APPEAL_DECIDED],
)
def test_a_terminal_status_allows_no_action_at_all(status):
    allowed = [action for action in Action if _allowed(status, action)]
    assert (allowed, is_open(status)) == ([], False)


def _allowed(status, action):
    try:
        next_status(status, action)
    except IllegalTransition:
        return False
    return True


@pytest.mark.parametrize("status", [S.DENIED, S.PARTLY_RELEASED])
def test_a_denial_in_full_or_in_part_opens_an_appeal(status):
    assert (next_status(status, A.APPEAL), is_open(status)) == (S.APPEALED, True)


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (S.RECEIVED, True),
        (S.AWAITING_REQUESTER, True),
        (S.INITIAL_RESPONSE_SENT, True),
        (S.EXTENDED, True),
        (S.DENIED, True),  # the appeal window is open
        (S.PARTLY_RELEASED, True),  # the appeal window is open
        (S.APPEALED, True),  # the Director has yet to decide
        (S.RELEASED, False),
        (S.NO_RECORDS, False),
        (S.WITHDRAWN, False),
        (S.APPEAL_DECIDED, False),
    ],
)
def test_is_open_while_some_action_remains(status, open_):
    assert is_open(status) is open_
