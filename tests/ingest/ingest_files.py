"""Real small documents written by the tests: Word with python-docx, PDF with fpdf2."""

from __future__ import annotations

from pathlib import Path

import docx
from fpdf import FPDF

LONG_SENTENCE = (
    "Ersättning utgår med 500 kr per hemsjukvårdsbesök utfört av läkare som sker i samband med "
    "någon av nedan uppräknade tillfällen för patienter i kommunal hälso- och sjukvård."
)


def write_docx(path: Path) -> Path:
    """A routine in Word: a title, headings in two levels, a bullet list and a table."""
    document = docx.Document()
    document.add_heading("Rutin för hemsjukvårdsbesök", level=0)
    document.add_heading("Syfte", level=1)
    document.add_paragraph("Rutinen ska leda till ett gemensamt sätt att registrera besök.")
    document.add_heading("Registrering", level=1)
    document.add_heading("Registrering i Cosmic", level=2)
    document.add_paragraph("Kontakttyp: Hemsjukvårdsbesök")
    document.add_paragraph("Riktad hemsjukvård| information| inskrivningssamtal", style="List Bullet")
    document.add_paragraph("Riktad hemsjukvård| information| brytpunktssamtal", style="List Bullet")
    document.add_heading("Avgifter", level=1)
    table = document.add_table(rows=3, cols=2)
    for row, (age, fee) in zip(
        table.rows, [("Ålder", "Patientavgift"), ("under 85 år", "200 kr"), ("85 år och äldre", "0 kr")]
    ):
        row.cells[0].text = age
        row.cells[1].text = fee
    document.add_paragraph("Avgiften tas ut vid besöket.")
    document.save(path)
    return path


def write_docx_without_heading_styles(path: Path) -> Path:
    """Word text typed with plain paragraphs only, as many routines are."""
    document = docx.Document()
    document.add_paragraph("Syfte")
    document.add_paragraph("Rutinen ska leda till ett gemensamt sätt att registrera besök.")
    document.add_paragraph("Uppföljning")
    document.add_paragraph("• Antal riktade hemsjukvårdsbesök av läkare.")
    document.add_paragraph("• Antal inskrivningssamtal.")
    document.save(path)
    return path


def write_pdf(path: Path, pages: list[tuple[str, str]], header: str | None = None) -> Path:
    """A PDF with one (heading, body) per page, an optional running header and page numbers."""
    pdf = FPDF()
    for number, (heading, body) in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=9)
            pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 6, f"Sida {number} av {len(pages)}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path) -> Path:
    """A PDF that opens only with a password."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="agare", user_password="hemligt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Syfte")
    pdf.output(str(path))
    return path
