"""Valid HTML from the theme (issue 15): the Nu HTML Checker and pa11y find no error on the
site's pages (tests/browser/test_validators.py).

Listed before hooks/pra_extra.py in mkdocs.yml, so the page shell it makes for the app's pages
is built from the fixed page and the app's pages inherit the fix.

Material's base.html (not a block an override can replace) writes the checkboxes that hold
the drawer's and the search's state, and its nav-item.html the table of contents' one. CSS
never shows them (`.md-toggle {display: none}`); labels and the theme's script flip them.
`valid_toggles` fixes them in the built page:

- no `autocomplete="off"`, which HTML allows on text-like inputs only (a Nu error twice on
  every page). The theme set it so that Firefox would not restore an open drawer on reload;
- `hidden` on each: a page whose stylesheet did not load (the app's pages on AWS are served
  without the site's assets in the tests) showed the drawer's checkbox outside any landmark
  (axe's region rule). Labels still flip a hidden checkbox;
- `aria-hidden="true"` too on a toggle no label names, which nobody can reach: `__search`
  (the site has no search plugin, but the theme's script needs the toggle) and `__toc` on a
  page whose table of contents is empty. pa11y asked for their names; its HTML_CodeSniffer
  skips what is aria-hidden, not what is `hidden`.
"""

import re

_TOGGLE = re.compile(r'<input class="[^"]*\bmd-toggle\b[^"]*"[^>]*>')
_ID = re.compile(r'\bid="([^"]+)"')


def on_post_page(output, page, config):
    return valid_toggles(output)


def valid_toggles(output):
    def fix(match):
        tag = match.group(0).replace(' autocomplete="off"', "")
        if " hidden" not in tag:
            tag = tag[:-1].rstrip() + " hidden>"
        found = _ID.search(tag)
        if found and f'for="{found.group(1)}"' not in output:
            tag = tag[:-1] + ' aria-hidden="true">'
        return tag

    return _TOGGLE.sub(fix, output)
