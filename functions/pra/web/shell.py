"""The page shell the app's pages extend: the site's own page, made into a template by the
site's build (hooks/pra_extra.py writes _shell.<language>.html into Settings.shell_dir), so the
server's pages share the site's header, navigation, footer and look.

Without a built site (a checkout that never ran `make site`) a plain shell stands in.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound

PLAIN = "_plain_shell.html"


def attach(app: Flask, shell_dir: Path) -> None:
    """Templates are looked for in the shell's folder first, then the blueprints' own."""
    app.jinja_env.loader = ChoiceLoader([FileSystemLoader(shell_dir), app.jinja_env.loader])  # type: ignore[list-item]


def shell_for(language: str) -> str:
    """The name of the shell template for `language` ("en" or "es")."""
    name = f"_shell.{language}.html"
    try:
        current_app.jinja_env.get_template(name)  # cached after the first page
    except TemplateNotFound:
        return PLAIN
    return name
