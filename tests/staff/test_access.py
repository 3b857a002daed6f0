"""Who may reach what under /staff: nobody without a sign-in, and each role what it may do."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import pytest
from flask import Blueprint, Flask
from flask.testing import FlaskClient
from werkzeug.routing import IntegerConverter, PathConverter, Rule

from pra.ports import StaffAccount
from pra.services import Services
from pra.services.files import request_files
from pra.staff.roles import PERMISSIONS, Permission, may
from pra.web import create_app
from pra.web.staff.gate import SIGN_IN_ENDPOINTS, protects, requires
from tests.staff.conftest import EMAILS, add_file, sign_in, store_request

NUMBER = "PRA-2026-00007"
SECRETS = {
    "description": "Correspondence about the Quillfeather bequest to the branch",
    "name": "Zyxwv Quillfeather",
    "email": "zyxwv.quillfeather@example.org",
}
# Values for URL arguments, by name; anything else gets a plain word or number.
SAMPLES = {"tracking_number": NUMBER, "name": "scan.pdf", "path": "scan.pdf"}


@pytest.fixture
def stored(services: Services) -> None:
    store_request(
        services,
        NUMBER,
        date(2026, 11, 10),
        description=SECRETS["description"],
        name=SECRETS["name"],
        email=SECRETS["email"],
    )
    add_file(services, NUMBER, "scan.pdf", b"%PDF-1.7 Quillfeather")


def staff_rules(app: Flask) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if protects(rule.rule)]


def sample_url(rule: Rule) -> str:
    values: dict[str, object] = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        if isinstance(converter, IntegerConverter):
            values[argument] = 1
        elif isinstance(converter, PathConverter):
            values[argument] = SAMPLES.get(argument, "some/file.txt")
        else:
            values[argument] = SAMPLES.get(argument, "x")
    built = rule.build(values, append_unknown=False)
    assert built is not None, rule.rule
    return built[1]


def _without_echo(body: str, location: str | None) -> str:
    """A redirect repeats the address asked for: that is the caller's own words, not data."""
    if not location:
        return body
    return body.replace(html.escape(location), "").replace(location, "")


def test_the_walk_covers_the_staff_routes(app: Flask) -> None:
    walked = {rule.rule for rule in staff_rules(app)}
    assert {
        "/staff/",
        "/staff/sign-in",
        "/staff/sign-out",
        "/staff/requests.csv",
        "/staff/requests/<tracking_number>",
        "/staff/requests/<tracking_number>/files",
        "/staff/requests/<tracking_number>/files/<file_id>",
        "/staff/requests/<tracking_number>/files/<file_id>/scan",
    } <= walked


@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/csv"])
def test_no_staff_route_answers_or_leaks_without_a_sign_in(
    app: Flask, stored: None, accept: str
) -> None:
    problems = []
    for rule in staff_rules(app):
        url = sample_url(rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            for query in ("", "?contacts=1&q=bequest"):
                client = app.test_client()
                response = client.open(url + query, method=method, headers={"Accept": accept})
                body = _without_echo(response.get_data(as_text=True), response.location)
                leaked = [k for k, v in {"number": NUMBER, **SECRETS}.items() if v in body]
                if "Quillfeather" in body or leaked:
                    problems.append(f"{method} {url}{query}: leaks {leaked or 'Quillfeather'}")
                if rule.endpoint in SIGN_IN_ENDPOINTS:
                    continue
                if response.status_code not in (303, 401):
                    problems.append(f"{method} {url}{query}: {response.status_code}")
                if response.status_code == 303:
                    assert response.headers["Location"].startswith("/staff/sign-in")
    assert problems == []


def test_the_only_pages_open_without_a_sign_in_are_sign_in_and_a_reset_link(app: Flask) -> None:
    assert {
        "staff.sign_in_form",
        "staff.sign_in",
        "staff_accounts.reset_form",
        "staff_accounts.reset",
    } == SIGN_IN_ENDPOINTS
    assert {r.rule for r in staff_rules(app) if r.endpoint in SIGN_IN_ENDPOINTS} == {
        "/staff/sign-in",
        "/staff/reset/<token>",
    }


def test_every_staff_route_but_sign_in_says_who_may_use_it(app: Flask) -> None:
    unguarded = [
        rule.rule
        for rule in staff_rules(app)
        if rule.endpoint not in SIGN_IN_ENDPOINTS
        and not hasattr(app.view_functions[rule.endpoint], "staff_permissions")
    ]
    assert unguarded == []


@pytest.mark.parametrize(
    ("path", "accept", "code"),
    [
        ("/staff/no-such-page", "text/html", 303),
        ("/staff", "text/html", 303),
        ("/api/staff/requests", "text/html", 401),
        ("/staff/requests.csv", "text/html", 401),
        ("/staff/", "application/json", 401),
    ],
)
def test_even_unknown_staff_addresses_ask_for_a_sign_in_first(
    client: FlaskClient, path: str, accept: str, code: int
) -> None:
    assert client.get(path, headers={"Accept": accept}).status_code == code


def test_a_data_caller_gets_a_json_401(client: FlaskClient) -> None:
    response = client.get("/staff/", headers={"Accept": "application/json"})
    assert response.get_json() == {
        "error": "unauthorized",
        "message": "Sign in to the staff pages first.",
    }


def test_staff_responses_are_never_cached_or_framed(client: FlaskClient, signed_in) -> None:  # type: ignore[no-untyped-def]
    for response in (client.get("/staff/sign-in"), signed_in("staff").get("/staff/")):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        ("staff", Permission.READ_LOG, True),
        ("staff", Permission.READ_CONTACTS, False),
        ("staff", Permission.ACT_ON_REQUESTS, False),
        ("coordinator", Permission.ACT_ON_REQUESTS, True),
        ("coordinator", Permission.READ_CONTACTS, True),
        ("coordinator", Permission.DECIDE_APPEALS, False),
        ("coordinator", Permission.HANDLE_ESCALATIONS, False),
        ("director", Permission.DECIDE_APPEALS, True),
        ("director", Permission.HANDLE_ESCALATIONS, True),
        ("nobody", Permission.READ_LOG, False),
    ],
)
def test_the_role_table(role: str, permission: Permission, allowed: bool) -> None:
    assert may(role, permission) is allowed


def test_the_director_can_do_all_the_coordinator_can() -> None:
    assert PERMISSIONS["coordinator"] < PERMISSIONS["director"]


@pytest.fixture
def appeal_client(services: Services, accounts: dict[str, StaffAccount]) -> FlaskClient:
    """An app with one extra route that only the Director may use, as later work will add."""
    extra = Blueprint("appeals_test", __name__, url_prefix="/staff/appeals-test")

    @extra.get("/")
    @requires(Permission.DECIDE_APPEALS)
    def decide() -> str:
        return "decide the appeal"

    app = create_app(services=services)
    app.register_blueprint(extra)
    return app.test_client()


@pytest.mark.parametrize(
    ("role", "code"), [("director", 200), ("coordinator", 403), ("staff", 403)]
)
def test_a_route_answers_403_to_a_role_that_may_not_act(
    appeal_client: FlaskClient, role: str, code: int
) -> None:
    sign_in(appeal_client, EMAILS[role])
    response = appeal_client.get("/staff/appeals-test/")
    assert response.status_code == code
    if code == 403:
        html = response.get_data(as_text=True)
        assert "Your role does not allow this." in html
        assert "decide the appeal" not in html


def test_a_later_route_is_closed_without_a_sign_in(appeal_client: FlaskClient) -> None:
    assert appeal_client.get("/staff/appeals-test/").status_code == 303


ROLE_CASES: list[tuple[str, str, int]] = [
    ("staff", "/staff/", 200),
    ("staff", "/staff/requests.csv", 200),
    ("staff", "/staff/requests.csv?contacts=1", 403),
    ("staff", f"/staff/requests/{NUMBER}", 200),
    ("staff", f"/staff/requests/{NUMBER}/files/FILE", 403),
    ("coordinator", "/staff/requests.csv?contacts=1", 200),
    ("coordinator", f"/staff/requests/{NUMBER}/files/FILE", 200),
    ("director", "/staff/requests.csv?contacts=1", 200),
    ("director", f"/staff/requests/{NUMBER}/files/FILE", 200),
]


@pytest.mark.parametrize(("role", "path", "code"), ROLE_CASES)
def test_each_role_reaches_what_it_may(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    stored: None,
    role: str,
    path: str,
    code: int,
) -> None:
    (file,) = request_files(services, NUMBER)
    response = signed_in(role).get(path.replace("FILE", file.id))
    assert response.status_code == code
    if code == 403:
        assert "Quillfeather" not in response.get_data(as_text=True)


def test_a_403_to_a_data_caller_is_in_its_format_json_or_text(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    client = signed_in("staff")
    response = client.get("/staff/requests.csv?contacts=1")
    assert response.status_code == 403
    assert response.mimetype == "text/plain"  # a CSV caller reads a line, not a page
    assert "Your role does not allow this." in response.get_data(as_text=True)
    # A JSON caller (the direct upload's script asks for its form) gets JSON.
    answer = client.get(
        "/staff/requests/PRA-2026-00001/files/direct-form", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 403 and answer.mimetype == "application/json"
    assert answer.get_json() == {
        "error": "forbidden",
        "message": "Your role does not allow this. Ask the PRA Coordinator if you need it.",
    }


def test_the_staff_data_answers_fit_the_api_document(
    app: Flask,
    client: FlaskClient,
    signed_in: Callable[[str], FlaskClient],
    accounts: dict[str, StaffAccount],
    stored: None,
) -> None:
    from tests.api.test_openapi import fits

    form = "/staff/requests/{tracking_number}/files/direct-form"
    arrived = "/staff/requests/{tracking_number}/files/arrived/{token}"
    json_asked = {"Accept": "application/json"}
    fits(client.get(form.format(tracking_number=NUMBER), headers=json_asked), form, "get")  # 401
    staff = signed_in("staff")
    fits(staff.get(form.format(tracking_number=NUMBER), headers=json_asked), form, "get")  # 403
    coordinator = app.test_client()
    assert sign_in(coordinator, accounts["coordinator"].email).status_code == 303
    fits(coordinator.get(form.format(tracking_number=NUMBER)), form, "get")  # 404: embedded
    forged = arrived.format(tracking_number=NUMBER, token="forged") + "?key=x"
    fits(coordinator.get(forged, headers=json_asked), arrived, "get")  # 400
