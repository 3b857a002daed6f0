"""`pra staff add|list`: accounts made from the terminal, never with a password argument."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from pra.cli.main import main
from pra.config import Settings
from pra.services import Services
from pra.staff.passwords import verify_password

PRA = Path(sys.executable).parent / "pra"
PASSWORD = "a long enough passphrase"
ADD = [
    "staff",
    "add",
    "Ana.Coordinator@Library.example",
    "--role",
    "coordinator",
    "--name",
    "Ana Coordinator",
    "--title",
    "Public Records Coordinator",
    "--phone",
    "707-555-0100",
]


class FakeStdin(io.StringIO):
    def __init__(self, text: str, tty: bool = False) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run(argv: list[str], settings: Settings, stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", FakeStdin(stdin))
    return main([*argv, "--data-dir", str(settings.data_dir)])


def test_add_reads_the_password_from_stdin_and_stores_only_its_hash(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    assert capsys.readouterr().out == "added ana.coordinator@library.example (coordinator)\n"
    account = services.staff.staff("ana.coordinator@library.example")
    assert account is not None
    assert (account.name, account.title, account.role, account.phone) == (
        "Ana Coordinator",
        "Public Records Coordinator",
        "coordinator",
        "707-555-0100",
    )
    assert PASSWORD not in account.password_hash
    assert verify_password(account.password_hash, PASSWORD)


def test_add_asks_twice_on_a_terminal(
    settings: Settings, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(sys, "stdin", FakeStdin("", tty=True))
    assert main([*ADD, "--data-dir", str(settings.data_dir)]) == 0
    assert services.staff.staff("ana.coordinator@library.example") is not None


def test_two_different_passwords_on_a_terminal_store_nothing(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = iter([PASSWORD, PASSWORD + "?"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(sys, "stdin", FakeStdin("", tty=True))
    assert main([*ADD, "--data-dir", str(settings.data_dir)]) == 2
    assert capsys.readouterr().err == "pra: the two passwords differ; nothing was stored\n"
    assert services.staff.all_staff() == []


def test_a_duplicate_email_is_refused_clearly(
    capsys: pytest.CaptureFixture[str], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    capsys.readouterr()
    again = [*ADD[:2], "ana.coordinator@library.example", *ADD[3:]]
    assert run(again, settings, PASSWORD + "\n", monkeypatch) == 2
    assert capsys.readouterr().err == (
        "pra: a staff account for ana.coordinator@library.example already exists\n"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"--role": "boss"},
            "pra: unknown role 'boss': choose coordinator, director or staff\n",
        ),
        ({"email": "not-an-email"}, "pra: not an email address: 'not-an-email'\n"),
        ({"--name": "  "}, "pra: --name must not be empty\n"),
    ],
)
def test_bad_arguments_are_one_line_and_store_nothing(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    change: dict[str, str],
    message: str,
) -> None:
    argv = list(ADD)
    for key, value in change.items():
        argv[2 if key == "email" else argv.index(key) + 1] = value
    assert run(argv, settings, PASSWORD + "\n", monkeypatch) == 2
    assert capsys.readouterr().err == message
    assert services.staff.all_staff() == []


def test_a_short_password_is_refused(
    capsys: pytest.CaptureFixture[str], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(ADD, settings, "short\n", monkeypatch) == 2
    assert capsys.readouterr().err == (
        "pra: the password must be at least 12 characters long; nothing was stored\n"
    )


def test_list_shows_accounts_without_secrets(
    capsys: pytest.CaptureFixture[str], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["staff", "list"], settings, "", monkeypatch) == 0
    assert capsys.readouterr().out == "no staff accounts\n"
    run(ADD, settings, PASSWORD + "\n", monkeypatch)
    director = [
        "staff", "add", "dee@library.example", "--role", "director",
        "--name", "Dee Director", "--title", "Library Director",
    ]  # fmt: skip
    run(director, settings, PASSWORD + "\n", monkeypatch)
    capsys.readouterr()
    assert run(["staff", "list"], settings, "", monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:] == [
        "ana.coordinator@library.example  coordinator  active    "
        "Ana Coordinator, Public Records Coordinator",
        "dee@library.example              director     active    Dee Director, Library Director",
    ]
    assert "scrypt" not in out and PASSWORD not in out


def test_the_installed_command_takes_the_password_on_stdin(tmp_path: Path) -> None:
    command = [str(PRA), *ADD, "--data-dir", str(tmp_path / "data")]
    result = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    again = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True)
    assert again.returncode == 2
    assert again.stderr == (
        "pra: a staff account for ana.coordinator@library.example already exists\n"
    )


def test_edit_gives_an_account_its_spanish_title_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    edit = ["staff", "edit", "ana.coordinator@library.example"]
    assert (
        run(
            [*edit, "--title-es", " Coordinadora de Registros Públicos "], settings, "", monkeypatch
        )
        == 0
    )
    assert "changed title_es of ana.coordinator@library.example" in capsys.readouterr().out
    account = services.staff.staff("ana.coordinator@library.example")
    assert account is not None
    assert (account.title, account.title_es, account.phone) == (
        "Public Records Coordinator",
        "Coordinadora de Registros Públicos",
        "707-555-0100",
    )
    assert verify_password(account.password_hash, PASSWORD)
    assert run(["staff", "list"], settings, "", monkeypatch) == 0
    assert (
        "Public Records Coordinator / Coordinadora de Registros Públicos" in capsys.readouterr().out
    )


def test_edit_refuses_an_empty_title_and_an_unknown_account(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    capsys.readouterr()
    edit = ["staff", "edit", "ana.coordinator@library.example"]
    assert run([*edit, "--title", "  "], settings, "", monkeypatch) == 2
    assert capsys.readouterr().err == "pra: --title must not be empty\n"
    assert (
        run(["staff", "edit", "nobody@library.example", "--name", "X"], settings, "", monkeypatch)
        == 2
    )
    assert capsys.readouterr().err == "pra: no staff account for nobody@library.example\n"
    assert run(edit, settings, "", monkeypatch) == 2
    assert "say what to change" in capsys.readouterr().err
    account = services.staff.staff("ana.coordinator@library.example")
    assert account is not None and account.title == "Public Records Coordinator"


EMAIL = "ana.coordinator@library.example"


@pytest.mark.parametrize(
    ("argv", "stdin", "said"),
    [
        (["password", EMAIL], "another long passphrase\n", "its sessions have ended"),
        (["role", EMAIL, "director"], "", f"{EMAIL} is now director; its sessions have ended"),
        (["deactivate", EMAIL], "", f"{EMAIL} is inactive; its sessions have ended"),
        (["sign-out", EMAIL], "", f"the sessions of {EMAIL} have ended"),
    ],
)
def test_account_changes_end_its_sessions(
    argv: list[str],
    stdin: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    capsys.readouterr()
    assert run(["staff", *argv], settings, stdin, monkeypatch) == 0
    assert said in capsys.readouterr().out
    account = services.staff.staff(EMAIL)
    assert account is not None and account.session_version == 1


def test_a_new_password_replaces_the_old_one_and_reactivation_allows_sign_in(
    settings: Settings, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    assert (
        run(["staff", "password", EMAIL], settings, "another long passphrase\n", monkeypatch) == 0
    )
    account = services.staff.staff(EMAIL)
    assert account is not None
    assert verify_password(account.password_hash, "another long passphrase")
    assert not verify_password(account.password_hash, PASSWORD)
    assert run(["staff", "deactivate", EMAIL], settings, "", monkeypatch) == 0
    assert run(["staff", "activate", EMAIL], settings, "", monkeypatch) == 0
    account = services.staff.staff(EMAIL)
    assert account is not None and account.active and account.session_version == 3


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (
            ["password", "nobody@library.example"],
            "x\n",
            "no staff account for nobody@library.example",
        ),
        (["password", EMAIL], "short\n", "the password must be at least"),
        (["role", EMAIL, "janitor"], "", "janitor"),
        (["sign-out", "not an email"], "", "pra: "),
    ],
)
def test_account_changes_refuse_bad_input_in_one_line(
    argv: list[str],
    stdin: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(ADD, settings, PASSWORD + "\n", monkeypatch) == 0
    capsys.readouterr()
    assert run(["staff", *argv], settings, stdin, monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.startswith("pra: ") and message in err and err.count("\n") == 1
    account = services.staff.staff(EMAIL)
    assert account is not None and (account.role, account.session_version) == ("coordinator", 0)
    assert verify_password(account.password_hash, PASSWORD)
