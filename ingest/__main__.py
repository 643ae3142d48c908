"""``python -m ingest [DIRECTORY] [--text]``: show how the documents are cleaned and chunked."""

from __future__ import annotations

import sys
from pathlib import Path

from ingest.pipeline import load_directory


def main(argv: list[str]) -> int:
    """Print each document's chunks (anchor, kind, section, start); ``--text`` prints the text."""
    show_text = "--text" in argv
    arguments = [a for a in argv if not a.startswith("--")]
    directory = Path(arguments[0]) if arguments else Path("documents")
    documents, failures = load_directory(directory)
    for document in documents:
        print(f"== {document.id} ({document.meta.filename}, {len(document.chunks)} chunks)")
        for warning in document.warnings:
            print(f"   varning: {warning}")
        if show_text:
            print(document.text)
            print()
        for chunk in document.chunks:
            start = chunk.text[:60].replace("\n", " / ")
            print(f"   {chunk.anchor:<48} {chunk.kind:<5} {chunk.section[:40]:<40} {start}")
    for failure in failures:
        print(f"!! {failure.filename}: {failure.reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
