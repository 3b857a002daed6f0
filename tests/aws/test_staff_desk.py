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
