"""The Lambda package, built as `sam build` builds it (functions/Makefile) without Docker: only
arm64 wheels for Python 3.13, no boto3 (the runtime's), the app with its data files, and
handlers that import from the package alone."""

from __future__ import annotations

import platform
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
ELF_MACHINE = {183: "aarch64", 62: "x86_64"}  # e_machine of an ELF header


def build(target: Path, *settings: str) -> Path:
    make = ["make", "--no-print-directory", "-C", str(ROOT / "functions"), "build-ApiFunction"]
    made = subprocess.run(
        [*make, f"ARTIFACTS_DIR={target}", f"PIP={sys.executable} -m pip", *settings],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    return target


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build(tmp_path_factory.mktemp("lambda") / "package")


def machine(library: Path) -> str:
    header = library.read_bytes()[:20]
    assert header[:4] == b"\x7fELF", library
    return ELF_MACHINE.get(int.from_bytes(header[18:20], "little"), "other")


def test_every_compiled_library_is_for_arm64(package: Path) -> None:
    libraries = [p for p in package.rglob("*") if p.is_file() and ".so" in p.name]
    assert len(libraries) > 10  # pydantic-core, lxml, Pillow, markupsafe…
    assert {machine(library) for library in libraries} == {"aarch64"}


def test_every_wheel_is_for_arm64_linux_or_pure_python(package: Path) -> None:
    tags = {
        line.removeprefix("Tag: ")
        for wheel in package.glob("*.dist-info/WHEEL")
        for line in wheel.read_text().splitlines()
        if line.startswith("Tag: ")
    }
    platform_tags = {tag.rsplit("-", 1)[1] for tag in tags}
    assert all(t == "any" or t.endswith("aarch64") for t in platform_tags), platform_tags
    assert any("cp313" in tag for tag in tags)  # the runtime's Python


def test_the_package_holds_the_app_and_not_what_the_runtime_or_the_tests_have(
    package: Path,
) -> None:
    assert (package / "pra" / "aws" / "api.py").is_file()
    assert (package / "pra" / "web" / "public" / "openapi.json").is_file()
    assert list(package.glob("pra/emails/templates/*"))
    for absent in ("boto3", "botocore", "tests", "pytest", "moto", "mkdocs", "bin"):
        assert not (package / absent).exists(), absent
    assert not list((package / "pra").rglob("__pycache__"))


def test_the_handlers_import_from_the_package_alone(tmp_path: Path) -> None:
    # The same build for this machine (an arm64 library cannot load on x86), then the handlers
    # imported with nothing but the standard library and the package on the path.
    here = "manylinux2014_" + (
        "aarch64" if platform.machine() in ("arm64", "aarch64") else "x86_64"
    )
    version = f"PYTHON_VERSION={sys.version_info.major}.{sys.version_info.minor}"
    local = build(tmp_path / "package", f"PLATFORM={here}", version)
    imported = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IMPORT_HANDLERS, str(local)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert imported.stdout.split() == ["handler", "handler", "handler"]


IMPORT_HANDLERS = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
for module in ("pra.aws.api", "pra.aws.sweep", "pra.aws.bounces"):
    print(importlib.import_module(module).handler.__name__)
"""
