"""The staff desk on the AWS adapters: accounts and requests in DynamoDB, views in the history."""

from __future__ import annotations

from datetime import date

from pra.aws import api, wiring
from tests.contract.test_request_store import event, make_request
from tests.staff.conftest import EMAILS, account_for, sign_in


def test_a_coordinator_signs_in_reads_the_log_and_opens_a_request(
    aws_env: dict[str, str],
) -> None:
    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    services.store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    client = api.build_app().test_client()

    signed = sign_in(client, EMAILS["coordinator"])
    assert signed.status_code == 303
    assert "PRA-2026-00001" in client.get("/staff/").get_data(as_text=True)
    page = client.get("/staff/requests/PRA-2026-00001")
    assert page.status_code == 200 and "Ana Núñez" in page.get_data(as_text=True)
    viewer = services.store.history("PRA-2026-00001")[-1].actor
    assert viewer == EMAILS["coordinator"]


def test_wrong_passwords_lock_the_account_for_that_client_only(aws_env: dict[str, str]) -> None:
    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    guesser, desk = api.build_app().test_client(), api.build_app().test_client()
    guesser.environ_base["REMOTE_ADDR"], desk.environ_base["REMOTE_ADDR"] = (
        "198.51.100.9",
        "192.0.2.9",
    )
    codes = [
        sign_in(guesser, EMAILS["coordinator"], "not the password!").status_code for _ in range(5)
    ]
    assert codes == [401] * 4 + [429]
    assert sign_in(desk, EMAILS["coordinator"]).status_code == 303


def test_the_desk_searches_pages_and_exports_on_dynamodb(aws_env: dict[str, str]) -> None:
    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    for n in range(1, 4):
        number = f"PRA-2026-0000{n}"
        services.store.add(make_request(number, date(2026, 11, 16)), event("received"), [])
    client = api.build_app().test_client()
    assert sign_in(client, EMAILS["coordinator"]).status_code == 303
    found = client.get("/staff/?q=commission").get_data(as_text=True)
    assert all(f"PRA-2026-0000{n}" in found for n in range(1, 4))
    assert client.get("/staff/?status=received").status_code == 200
    exported = client.get("/staff/requests.csv?contacts=1").get_data(as_text=True)
    assert exported.count("someone@example.org") == 3


def test_the_desk_assigns_filters_by_assignee_and_keeps_notes_on_dynamodb(
    aws_env: dict[str, str],
) -> None:
    from tests.aws.resources import ses_received
    from tests.staff.conftest import csrf_token

    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    services.staff.add_staff(account_for("staff"))
    for n in range(1, 4):
        number = f"PRA-2026-0000{n}"
        services.store.add(make_request(number, date(2026, 11, 16)), event("received"), [])
    client = api.build_app().test_client()
    assert sign_in(client, EMAILS["coordinator"]).status_code == 303
    page = "/staff/requests/PRA-2026-00002"
    for who in (EMAILS["coordinator"], EMAILS["staff"]):
        number = "PRA-2026-00002" if who == EMAILS["coordinator"] else "PRA-2026-00003"
        token = csrf_token(client, f"/staff/requests/{number}")
        answer = client.post(
            f"/staff/requests/{number}/assignee", data={"assignee": who, "csrf_token": token}
        )
        assert answer.status_code == 303
    mine = client.get("/staff/?assigned=mine").get_data(as_text=True)
    assert "PRA-2026-00002" in mine and "PRA-2026-00003" not in mine
    nobodys = client.get("/staff/?assigned=unassigned&status=received").get_data(as_text=True)
    assert "PRA-2026-00001" in nobodys and "PRA-2026-00002" not in nobodys
    assert "PRA-2026-00003" not in nobodys
    note = "Checked with facilities: drafts only."
    answer = client.post(
        f"{page}/notes", data={"note": note, "csrf_token": csrf_token(client, page)}
    )
    assert answer.status_code == 303
    assert note in client.get(page).get_data(as_text=True)
    # Only the colleague assigned by someone else is emailed, through SES.
    [assigned] = [m for m in ses_received() if "assigned to you" in str(m["Subject"])]
    assert str(assigned["To"]) == EMAILS["staff"]
