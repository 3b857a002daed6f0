"""The agency's values in the site, and the site's page shell for the app.

1. `{{ extra.library.name }}` and other markers in pages take their values from the agency
   (pra/agency/agency.toml, PRA_AGENCY_* overrides), as the app's pages, emails and letters
   do. Values are HTML-escaped, so a marker may stand in text or in an attribute of raw HTML.
   An unknown marker is a warning, which --strict makes fatal.
2. The agency's colours open the built assets/pra.css (no request more); its logo is drawn by
   overrides/partials/logo.html.
3. shell.md and shell.es.md are built like every page, then turned into the Jinja templates
   the app's own pages extend (_shell.<language>.html in functions/pra/web/page_shell/, or
   PRA_SHELL_DIR): the same
   header, navigation, footer, fonts and colours, so a branding change reaches both. Their
   pages are then removed from the site and its sitemap.
4. The request form goes where request.md marks it, from the app's template (pra.web.public.
   request_form), which the app also uses to show the form again with its errors.
"""

import gzip
import html
import logging
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

log = logging.getLogger("mkdocs.hooks.pra_extra")

MARKER = re.compile(r"\{\{\s*extra\.([A-Za-z0-9_.]+)\s*\}\}")
SHELL_PAGES = {"shell.md": "en", "shell.es.md": "es"}
SHELL_TITLE = "PRA-SHELL-TITLE"
SKIP = {"en": "Skip to content", "es": "Saltar al contenido"}  # the theme's own words
_shells: dict[str, str] = {}


def on_config(config):
    """The agency, the per-page fee and the glossary's titles into `extra`; the API origin
    without a trailing slash, so `{{ extra.api_base }}/api/...` works."""
    from pra.config import Settings
    from pra.domain.fees import dollars
    from pra.glossary import TERMS

    agency = Settings.from_env().agency
    config.extra["api_base"] = (config.extra.get("api_base") or "").rstrip("/")
    config.extra["fees"] = {
        "per_page": dollars(agency.fees.per_page),
        "postage": dollars(agency.fees.postage),
    }
    config.extra["glossary"] = TERMS
    config.extra["library"] = {
        **agency.public_values(),
        "director_title": TERMS["en"]["director"],
        "director_title_es": TERMS["es"]["director"],
    }
    config.extra["agency_logo"] = agency.logo_svg
    config.extra["agency_colours"] = agency.colours
    return config


def on_page_markdown(markdown, page, config, files):
    """Replace every marker in the page with its escaped value."""

    def value(match):
        found = lookup(config.extra, match.group(1))
        if found is None:
            log.warning("%s: no value for %s in extra", page.file.src_uri, match.group(0))
            return match.group(0)
        return html.escape(str(found), quote=True)

    return MARKER.sub(value, markdown)


FORM_MARKER = re.compile(r"<!-- pra:request-form\b.*?-->")


def on_page_content(html_text, page, config, files):
    """The request form where request.md marks it: the app's own template, which also shows
    the form again after a refused post, so the two never differ."""
    if not FORM_MARKER.search(html_text):
        return html_text
    from pra.web.public.request_form import form_html

    language = "es" if page.file.src_uri.endswith(".es.md") else "en"
    form = form_html(language, config.extra["fees"]["per_page"], config.extra["api_base"])
    return FORM_MARKER.sub(lambda _: form, html_text)


def on_post_page(output, page, config):
    """Keep the shell pages' HTML, made into templates, for on_post_build."""
    language = SHELL_PAGES.get(page.file.src_uri)
    if language:
        _shells[language] = shell_template(output, "/" + page.url, SKIP[language])
    return output


def on_post_build(config):
    site = Path(config.site_dir)
    styles = site / "assets" / "pra.css"
    styles.write_text(colours_css(config.extra["agency_colours"]) + styles.read_text())
    if not _shells:
        return  # a build of one language, or a dirty reload: the templates stay as they are
    from pra.config import Settings

    shell_dir = Settings.from_env().shell_dir
    shell_dir.mkdir(parents=True, exist_ok=True)
    for language, text in _shells.items():
        (shell_dir / f"_shell.{language}.html").write_text(text, encoding="utf-8")
    for folder in (site / "shell", site / "es" / "shell"):
        shutil.rmtree(folder, ignore_errors=True)
    _drop_from_sitemap(site)


def shell_template(output, page_path, skip_words):
    """The built page as a Jinja template: its article is `{% block main %}` (after
    `{% block before_main %}`), its title `{% block title %}`, every relative address absolute
    (the app's pages live at other depths) and the language menu leads to each language's home
    page. The theme links its skip link to a page's first heading; the shell's goes to the
    content itself."""
    article = '<article class="md-content__inner md-typeset">'
    output = output.replace(article, article[:-1] + ' id="pra-main" tabindex="-1">', 1)
    output = re.sub(
        r"(<body[^>]*>)",
        rf'\1<a href="#pra-main" class="md-skip">{skip_words}</a>',
        output,
        count=1,
    )
    start = output.index('<article class="md-content__inner md-typeset"')
    start = output.index(">", start) + 1
    end = output.index("</article>", start)
    before = _absolute(output[:start], page_path).lstrip()  # <!doctype html> first
    after = _absolute(output[end:], page_path)
    pieces = []
    for i, part in enumerate((before, after)):
        for j, chunk in enumerate(part.split(SHELL_TITLE)):
            if j:  # the first is the <title>; the header repeats it
                first = not i and j == 1
                pieces.append("{% block title %}{% endblock %}" if first else "{{ self.title() }}")
            pieces.append("{% raw %}" + chunk + "{% endraw %}")
        if not i:  # the desk puts its menu before each page's own content
            pieces.append("{% block before_main %}{% endblock %}{% block main %}{% endblock %}")
    return "".join(pieces)


_ADDRESS = re.compile(r'\b(href|src)="([^"]*)"')


def _absolute(html_text, page_path):
    def absolute(match):
        attribute, address = match.groups()
        if address.startswith(("#", "/", "data:", "mailto:", "tel:")) or urlsplit(address).scheme:
            return match.group(0)
        resolved = urljoin(page_path, address)
        resolved = re.sub(r"^(/(?:es/)?)shell/", r"\1", resolved)  # the language menu
        return f'{attribute}="{resolved}"'

    text = _ADDRESS.sub(absolute, html_text)
    # Material's script resolves its own requests against this base.
    return re.sub(r'"base": "[^"]*"', '"base": "/"', text)


def colours_css(colours):
    """The agency's colours as the theme's and our variables (white text on primary)."""
    primary, accent = colours.primary, colours.accent
    return (
        "/* The agency's colours, from pra/agency/agency.toml (hooks/pra_extra.py). */\n"
        ":root, [data-md-color-scheme=\"default\"], [data-md-color-primary=\"custom\"],\n"
        "[data-md-color-accent=\"custom\"] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: #ffffffb3;\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {accent}1a;\n"
        f"  --md-typeset-a-color: {accent};\n"
        f"  --pra-button: {primary};\n"
        f"  --pra-button-hover: {accent};\n"
        f"  --pra-focus: {accent};\n"
        "}\n"
    )


def _drop_from_sitemap(site):
    for sitemap in (site / "sitemap.xml", site / "es" / "sitemap.xml"):
        if not sitemap.is_file():
            continue
        text = re.sub(r"\s*<url>(?:(?!</url>).)*?/shell/(?:(?!</url>).)*?</url>", "",
                      sitemap.read_text(encoding="utf-8"), flags=re.S)
        sitemap.write_text(text, encoding="utf-8")
        zipped = sitemap.with_name(sitemap.name + ".gz")
        if zipped.exists():
            zipped.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def lookup(extra, dotted):
    """`extra["a"]["b"]` for "a.b", or None when a key is missing or not a plain value."""
    node = extra
    for key in dotted.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, (str, int, float)) else None
