"""Staff accounts on the AWS adapters: a reset link through SES, its digest and the change log
in DynamoDB, every call allowed by the API function's role in the template."""

from __future__ import annotations

import re

from pra.aws import api, wiring
from pra.staff.reset import token_digest
from tests.aws.resources import TABLE, Aws, ses_received
from tests.conftest import text_body
from tests.staff.conftest import EMAILS, PASSWORD, account_for, csrf_token, sign_in

SAM, ANA = EMAILS["staff"], EMAILS["coordinator"]
NEW = "a brand new passphrase"


def test_a_reset_link_by_ses_sets_the_password_and_deactivation_ends_a_session(
    aws: Aws, aws_env: dict[str, str]
) -> None:
    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    services.staff.add_staff(account_for("staff"))
    app = api.build_app()
    desk, sam_elsewhere, sam = app.test_client(), app.test_client(), app.test_client()
    assert sign_in(desk, ANA).status_code == 303
    assert sign_in(sam_elsewhere, SAM).status_code == 303

    token = csrf_token(desk, "/staff/accounts")
    sent = desk.post("/staff/accounts/reset", data={"csrf_token": token, "account": SAM})
    assert sent.status_code == 303
    (message,) = [m for m in ses_received() if m["To"] == SAM]
    found = re.search(r"/staff/reset/([A-Za-z0-9_-]+)", text_body(message))
    assert found is not None
    link = f"/staff/reset/{found.group(1)}"
    item = wiring.services().staff.password_reset(token_digest(found.group(1)))
    assert item is not None and item.email == SAM

    form = {"csrf_token": csrf_token(sam, link), "new_password": NEW, "new_password_again": NEW}
    assert sam.post(link, data=form).status_code == 303
    assert sam.get("/staff/").status_code == 200
    assert sam_elsewhere.get("/staff/").status_code == 303
    assert sam.get(link).status_code == 410  # once only

    token = csrf_token(desk, "/staff/accounts")
    off = {"csrf_token": token, "account": SAM, "active": "no"}
    assert desk.post("/staff/accounts/active", data=off).status_code == 303
    assert sam.get("/staff/").status_code == 303
    assert sign_in(app.test_client(), SAM, NEW).status_code == 401
    assert sign_in(app.test_client(), SAM, PASSWORD).status_code == 401

    page = desk.get("/staff/accounts").get_data(as_text=True)
    assert "password set with a reset link" in page and "deactivated" in page
    whats = [c.what for c in services.staff.account_changes(10, SAM)]
    assert whats == ["deactivated", "password set with a reset link", "password-reset link sent"]
    # The token itself is nowhere in the table: only its digest.
    scanned = aws.dynamodb.scan(TableName=TABLE)["Items"]
    assert found.group(1) not in str(scanned) and token_digest(found.group(1)) in str(scanned)


def test_a_wrong_password_then_the_right_one_signs_in_and_changes_it(
    aws_env: dict[str, str],
) -> None:
    # Forgetting the failed count after a success must not need DeleteItem (the role lacks it).
    wiring.services().staff.add_staff(account_for("coordinator"))
    client = api.build_app().test_client()
    assert sign_in(client, ANA, "not the password!").status_code == 401
    assert sign_in(client, ANA).status_code == 303
    form = {
        "csrf_token": csrf_token(client, "/staff/account"),
        "current_password": PASSWORD,
        "new_password": NEW,
        "new_password_again": NEW,
    }
    assert client.post("/staff/account/password", data=form).status_code == 303
    assert client.get("/staff/account").status_code == 200
