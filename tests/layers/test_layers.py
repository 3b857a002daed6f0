"""The layers stay honest: import-linter checks the contracts in pyproject.toml.

Forbidden imports are forbidden through any chain of imports, not only directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the `pra` package found under `root`/functions."""
    # Wide enough that each contract reports on one line.
    environment = {**os.environ, "PYTHONPATH": str(root / "functions"), "COLUMNS": "250"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def contracts() -> dict[str, dict[str, Any]]:
    options = read_configuration(str(ROOT / "pyproject.toml"))["contracts_options"]
    return {contract["id"]: contract for contract in options}


def test_every_layer_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("contract", "source", "forbidden"),
    [
        ("domain", "pra.domain", {"pra.services", "pra.adapters", "pra.web", "pra.staff"}),
        ("domain", "pra.domain", {"pra.aws"}),
        ("services", "pra.services", {"flask", "boto3"}),
        ("staff", "pra.staff", {"flask"}),
    ],
)
def test_the_contracts_forbid_what_the_layers_promise(
    contract: str, source: str, forbidden: set[str]
) -> None:
    found = contracts()[contract]
    assert found["type"] == "forbidden"
    assert source in found["source_modules"]
    assert forbidden <= set(found["forbidden_modules"])


def test_the_public_web_and_the_staff_desk_are_independent() -> None:
    found = contracts()["rooms"]
    assert found["type"] == "independence"
    assert set(found["modules"]) == {"pra.web.public", "pra.web.staff"}


@pytest.mark.parametrize(
    ("module", "statement", "broken"),
    [
        ("domain/_planted.py", "from pra.services import Services", "The domain is plain Python"),
        # Indirectly: the domain reaches Flask through a module that imports it.
        ("domain/_planted.py", "import pra.web.context", "The domain is plain Python"),
        ("services/_planted.py", "import flask", "Use cases import no Flask"),
        ("services/_planted.py", "import boto3", "Use cases import no Flask"),
        ("staff/_planted.py", "from flask import session", "pra.staff knows no Flask"),
        ("web/public/_planted.py", "import pra.web.staff.gate", "separate rooms"),
    ],
)
def test_an_import_across_a_layer_breaks_its_contract(
    tmp_path: Path, module: str, statement: str, broken: str
) -> None:
    shutil.copytree(
        ROOT / "functions" / "pra",
        tmp_path / "functions" / "pra",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "functions" / "pra" / module).write_text(statement + "\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    broken_line = next(line for line in result.stdout.splitlines() if " BROKEN" in line)
    assert broken in broken_line
