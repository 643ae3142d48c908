"""Issue "Faults": a corrupt or empty PDF/DOCX among good ones is reported by name, the rest served."""

from __future__ import annotations

import logging

import docx
from fastapi.testclient import TestClient
from fpdf import FPDF

from rutin.config import Settings
from server.app import create_app


def _good_pdf(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Rutin for nattpatrull i hemsjukvarden. Nattpatrullen ringer "
                         "jourlakaren vid akut forsamring.")
    pdf.output(str(path))


def _good_docx(path):
    document = docx.Document()
    document.add_heading("Rutin för läkemedelsgenomgång", level=1)
    document.add_paragraph("Läkemedelsgenomgången görs av läkaren tillsammans med sjuksköterskan "
                           "vid inskrivning i hemsjukvården.")
    document.save(str(path))


def test_corrupt_and_empty_files_are_named_and_the_good_ones_served(tmp_path, seed_copy, caplog):
    _good_pdf(seed_copy / "nattpatrull.pdf")
    _good_docx(seed_copy / "lakemedelsgenomgang.docx")
    (seed_copy / "tom.pdf").write_bytes(b"")
    (seed_copy / "trasig.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog" + bytes(range(256)))
    (seed_copy / "tom.docx").write_bytes(b"")
    (seed_copy / "trasig.docx").write_bytes(b"PK\x03\x04 this is no zip archive at all")
    caplog.set_level(logging.WARNING)
    settings = Settings(data_dir=tmp_path / "data", documents_dir=seed_copy,
                        embedding_model="none")
    with TestClient(create_app(settings, load_in_background=False)) as client:
        ready = client.get("/readyz")
        listing = client.get("/documents")
        good_pdf = client.get("/documents/nattpatrull")
        good_docx = client.get("/documents/lakemedelsgenomgang")
    assert ready.status_code == 200
    assert ready.json()["documents"] == 7  # five seeds, one PDF, one DOCX
    assert good_pdf.status_code == 200 and "Nattpatrullen" in good_pdf.text
    assert good_docx.status_code == 200 and "Läkemedelsgenomgången" in good_docx.text
    assert listing.status_code == 200
    failed = {f["filename"]: f["reason"] for f in ready.json()["failed_files"]}
    assert set(failed) == {"tom.pdf", "trasig.pdf", "tom.docx", "trasig.docx"}
    assert all(reason for reason in failed.values())
    for name in failed:
        assert name in caplog.text, f"{name} is not reported in the log"
        assert name in listing.text, f"{name} is not shown on /documents"
    assert "Traceback" not in caplog.text


def test_random_bytes_and_text_with_nul_are_named_not_indexed(tmp_path, seed_copy, caplog):
    # Issue 13, finding 7: 20 KB of random bytes in a .txt was ingested and became the top hit
    # for a query; invalid UTF-8 with NUL was also accepted.
    import random

    rng = random.Random(13)
    (seed_copy / "slump.txt").write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
    # Random bytes without a single NUL: only the decoding tells them from text.
    (seed_copy / "slump-utan-nul.txt").write_bytes(
        bytes(rng.randrange(1, 256) for _ in range(20_000)))
    (seed_copy / "nul.txt").write_bytes(
        "Rutin för nattpatrull i hemsjukvården.\n".encode("cp1252") + b"\xff\xfe\x00\x00\x01"
        + "Nattpatrullen ringer jourläkaren.\n".encode("cp1252"))
    (seed_copy / "styrtecken.md").write_bytes(b"# Rutin\n" + bytes(range(1, 9)) * 50)
    (seed_copy / "binar.html").write_bytes(b"<html><body><p>Rutin</p>\x00\x00\x00" + bytes(
        rng.randrange(256) for _ in range(2_000)))
    # Text in Windows-1252 is still text: read, with a warning.
    (seed_copy / "latin.txt").write_bytes(
        "Rutin för läkemedelsgenomgång\n\nLäkemedelsgenomgången görs av läkaren vid "
        "inskrivning i hemsjukvården.\n".encode("cp1252"))
    caplog.set_level(logging.WARNING)
    settings = Settings(data_dir=tmp_path / "data", documents_dir=seed_copy,
                        embedding_model="none")
    with TestClient(create_app(settings, load_in_background=False)) as client:
        ready = client.get("/readyz").json()
        listing = client.get("/documents")
        queries = ("rutin", "nattpatrull jourläkaren", "läkemedelsgenomgång")
        ids = {d["document_id"] for q in queries
               for d in client.get("/api/v1/search", params={"q": q, "k": 50}).json()["results"]}
    rejected = {"slump.txt", "slump-utan-nul.txt", "nul.txt", "styrtecken.md", "binar.html"}
    failed = {f["filename"]: f["reason"] for f in ready["failed_files"]}
    assert set(failed) == rejected
    for name in rejected:
        assert "ingen" in failed[name], failed[name]  # "... ingen textfil / ingen läsbar text"
        assert name in caplog.text, f"{name} is not reported in the log"
        assert name in listing.text, f"{name} is not shown on /documents"
    assert ready["documents"] == 6  # the five seeds and latin.txt
    assert not ids & {"slump", "slump-utan-nul", "nul", "styrtecken", "binar"}
    assert "latin" in ids
