"""A letter as a PDF to print and post: US Letter, laid out for a #10 window envelope.

fpdf2 is pure Python, so the same code runs on Lambda. Its built-in Helvetica covers Latin-1
(Spanish accents, ¿, ¡, §, ·); the few typographic characters beyond it are written plainly
rather than embedding a font file.
"""

from __future__ import annotations

from pra.agency import Agency
from pra.domain.request import SentLetter

INCH = 72.0  # points
# A #10 window envelope shows the address 7/8 in from the left, 2 in from the top.
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH = 0.875 * INCH, 2.0 * INCH, 4.0 * INCH
MARGIN = 0.875 * INCH
BODY_TOP = 3.4 * INCH  # below the window
PLAIN = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "…": "...", "\u00a0": " "}
)


def letter_pdf(letter: SentLetter, agency: Agency) -> bytes:
    """The letter as sent, with the agency's return address, phone and email, and, when posted,
    the requester's address where the envelope's window shows it."""
    # Imported here: fpdf2 and its font tools take 0.3 s to import, and only a letter needs them
    # (a Lambda container answering the public's requests never does).
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_title(_plain(letter.subject))
    pdf.set_author(_plain(agency.name))
    pdf.set_lang(letter.language)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(text=_plain(agency.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for line in (*agency.address, f"{agency.phone} · {agency.email}"):
        pdf.cell(text=_plain(line), new_x="LMARGIN", new_y="NEXT")
    if letter.address:
        pdf.set_font("Helvetica", "", 11)
        pdf.set_xy(WINDOW_LEFT, WINDOW_TOP)
        pdf.multi_cell(WINDOW_WIDTH, 14, _plain("\n".join(letter.address)))
    pdf.set_xy(MARGIN, BODY_TOP)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 14, _plain(letter.subject), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 14, _plain(letter.text.replace("\r\n", "\n").strip()))
    return bytes(pdf.output())


def _plain(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")
