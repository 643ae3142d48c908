"""``python -m ingest.messy_eval [DIRECTORY]``: junk rate and suggestion accuracy on the team's
own messy-document set (default ``tests/ingest/messy``, described in its ``cases.toml``).

Prints, over all documents:

- the junk rate: indexed passages (chunks) that hold planted junk / all indexed passages;
- junk caught: planted junk pieces absent from the cleaned text (a repeated block: left once);
- content kept, numbered headings found, and pieces kept in one passage (table caption with
  its values, a slide's boxes);
- the suggestion accuracy per catalog field (``ingest.suggest``) and overall.

``*.docx.spec`` and ``*.pdf.spec`` files are rendered to Word (python-docx) and PDF (fpdf2) first.
"""

from __future__ import annotations

import json
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("title", "organization", "kind", "valid_from", "valid_to", "document_id", "supersedes")
DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "tests" / "ingest" / "messy"


@dataclass
class MessyResult:
    """The figures of one run over the set."""

    chunks: int = 0
    junk_chunks: int = 0
    junk_planted: int = 0
    junk_caught: int = 0
    content: int = 0
    content_kept: int = 0
    headings: int = 0
    headings_found: int = 0
    together: int = 0
    together_kept: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    documents: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def junk_rate(self) -> float:
        return self.junk_chunks / self.chunks if self.chunks else 0.0

    @property
    def junk_caught_share(self) -> float:
        return self.junk_caught / self.junk_planted if self.junk_planted else 1.0

    def accuracy(self, name: str | None = None) -> float:
        if not self.documents:
            return 0.0
        if name is not None:
            return self.field_right[name] / self.documents
        return sum(self.field_right.values()) / (self.documents * len(FIELDS))

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "junk_chunks": self.junk_chunks,
            "junk_rate": round(self.junk_rate, 3),
            "junk_caught": f"{self.junk_caught}/{self.junk_planted}",
            "content_kept": f"{self.content_kept}/{self.content}",
            "headings_found": f"{self.headings_found}/{self.headings}",
            "together": f"{self.together_kept}/{self.together}",
            "accuracy": {name: round(self.accuracy(name), 3) for name in FIELDS}
            | {"all": round(self.accuracy(), 3)},
        }


def _flat(text: str) -> str:
    return " ".join(text.split())


def render_docx(spec: str, path: Path) -> None:
    """Word from a spec: ``T:`` title, ``H1:``/``H2:`` headings, ``L:``/``N:`` bullet and numbered
    items, ``C:`` a caption, ``|a|b`` table rows, ``P:`` a plain paragraph."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, cells in zip(table.rows, rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
            rows.clear()

    for line in spec.splitlines():
        if line.startswith("|"):
            rows.append(line.strip("|").split("|"))
            continue
        flush_table()
        tag, _, text = line.partition(": ")
        if tag == "T":
            document.add_heading(text, level=0)
        elif tag in ("H1", "H2", "H3"):
            document.add_heading(text, level=int(tag[1]))
        elif tag == "L":
            document.add_paragraph(text, style="List Bullet")
        elif tag == "N":
            document.add_paragraph(text, style="List Number")
        elif tag == "C":
            document.add_paragraph(text, style="Caption")
        elif line.strip():
            document.add_paragraph(text if tag == "P" else line)
    flush_table()
    document.save(path)


def render_pdf(spec: str, path: Path) -> None:
    """PDF from a spec: ``=== page ===`` starts a page, ``HEADER: x`` a running header."""
    from fpdf import FPDF

    lines = spec.splitlines()
    header = next((ln[len("HEADER: "):] for ln in lines if ln.startswith("HEADER: ")), None)
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("HEADER: "):
            continue
        if line.strip() == "=== page ===":
            pages.append([])
        elif line.strip():
            pages[-1].append(line)
    pdf = FPDF()
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=9)
            pdf.cell(0, 6, f"{header} | Sida {number}", new_x="LMARGIN", new_y="NEXT")
        for index, line in enumerate(page):
            pdf.set_font("Helvetica", "B" if index == 0 else "", 14 if index == 0 else 11)
            pdf.multi_cell(0, 7, line.replace("–", "-"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def materialize(directory: Path, target: Path) -> None:
    """Copy the set into ``target``, rendering the Word and PDF specs."""
    for path in sorted(directory.iterdir()):
        if path.name == "cases.toml" or not path.is_file():
            continue
        if path.name.endswith(".docx.spec"):
            render_docx(path.read_text(encoding="utf-8"), target / path.name[: -len(".spec")])
        elif path.name.endswith(".pdf.spec"):
            render_pdf(path.read_text(encoding="utf-8"), target / path.name[: -len(".spec")])
        else:
            (target / path.name).write_bytes(path.read_bytes())


def evaluate(directory: Path = DEFAULT_DIRECTORY) -> MessyResult:
    """Run the cleaning and the suggestions over the set in ``directory``."""
    from ingest.pipeline import load_document

    try:
        from ingest.suggest import suggest_catalog
    except ImportError:  # measuring a version before the suggestions existed
        suggest_catalog = None
    cases = tomllib.loads((directory / "cases.toml").read_text(encoding="utf-8"))
    result = MessyResult()
    with tempfile.TemporaryDirectory(prefix="rutin-messy-") as temporary:
        target = Path(temporary)
        materialize(directory, target)
        for filename, case in cases.items():
            path = target / filename
            document = load_document(path)
            _measure_cleaning(result, filename, case, document)
            result.documents += 1
            if suggest_catalog is None:
                continue
            suggestion = suggest_catalog(filename, path.read_bytes())
            for name in FIELDS:
                got = getattr(suggestion, name)
                got = "" if got is None else str(got)
                want = case.get(name, "")
                if _flat(got).casefold() == _flat(want).casefold():
                    result.field_right[name] += 1
                else:
                    result.misses.append(f"{filename}: {name} {got!r}, väntat {want!r}")
    return result


def _measure_cleaning(result: MessyResult, filename: str, case: dict, document) -> None:
    chunks = [_flat(chunk.text) for chunk in document.chunks]
    text = _flat(document.text)
    result.chunks += len(chunks)
    junk = [j for j in case.get("junk", [])]
    plain = [j for j in junk if not j.startswith("repeated:")]
    repeated = [_flat(j[len("repeated:"):]) for j in junk if j.startswith("repeated:")]
    for chunk in chunks:
        if any(_flat(j) in chunk for j in plain):
            result.junk_chunks += 1
    for piece in repeated:
        holding = sum(1 for chunk in chunks if piece in chunk)
        result.junk_chunks += max(0, holding - 1)
    for piece in plain:
        result.junk_planted += 1
        if _flat(piece) in text:
            result.misses.append(f"{filename}: skräp kvar: {piece!r}")
        else:
            result.junk_caught += 1
    for piece in repeated:
        result.junk_planted += 1
        if text.count(piece) <= 1:
            result.junk_caught += 1
        else:
            result.misses.append(f"{filename}: upprepat block kvar: {piece!r}")
    for piece in case.get("content", []):
        result.content += 1
        if _flat(piece) in text:
            result.content_kept += 1
        else:
            result.misses.append(f"{filename}: text saknas: {piece!r}")
    for heading in case.get("headings", []):
        result.headings += 1
        if any(heading in chunk.heading_path for chunk in document.chunks):
            result.headings_found += 1
        else:
            result.misses.append(f"{filename}: rubrik inte funnen: {heading!r}")
    for pieces in case.get("together", []):
        result.together += 1
        if any(all(_flat(p) in chunk for p in pieces) for chunk in chunks):
            result.together_kept += 1
        else:
            result.misses.append(f"{filename}: inte i ett avsnitt: {pieces!r}")


def main(argv: list[str]) -> int:
    import logging

    logging.getLogger("rutin.ingest").setLevel(logging.ERROR)  # "saknas i catalog.toml"
    as_json = "--json" in argv
    show_misses = "--misses" in argv
    arguments = [a for a in argv if not a.startswith("--")]
    directory = Path(arguments[0]) if arguments else DEFAULT_DIRECTORY
    result = evaluate(directory)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"messy set: {result.documents} documents, {result.chunks} indexed passages")
        print(f"junk rate     {result.junk_rate:.3f}  ({result.junk_chunks} passages with junk "
              f"/ {result.chunks} indexed)")
        print(f"junk caught   {result.junk_caught_share:.3f}  ({result.junk_caught}/"
              f"{result.junk_planted} planted pieces)")
        print(f"content kept  {result.content_kept}/{result.content}   numbered headings "
              f"{result.headings_found}/{result.headings}   kept together "
              f"{result.together_kept}/{result.together}")
        print("suggestions   " + "  ".join(f"{n} {result.accuracy(n):.2f}" for n in FIELDS)
              + f"  | all {result.accuracy():.3f}")
    if show_misses:
        for miss in result.misses:
            print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
