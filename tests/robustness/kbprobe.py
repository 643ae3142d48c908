"""A separate process that opens the knowledge base the way the server does, for fault tests.

``python kbprobe.py ingest``  open with ingest (what a start does); print the report as JSON.
``python kbprobe.py inspect`` open without ingest; print what is served and what is stored.
``python kbprobe.py hold MARKER`` open with ingest, and once the first batch of new vectors is
stored (the ingest not yet committed) write the file MARKER and wait to be killed: a kill -9
that lands mid-ingest by construction, not by timing.
Settings come from the RUTIN_* environment, as for ``rutin serve``.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from kb.manifest import Manifest
from kb.service import open_knowledge_base
from rutin.config import Settings


def hold(marker: Path) -> None:
    """Ingest, and stop for good inside the first progress report (see the module doc)."""

    def first_batch_stored(done: int, total: int) -> None:
        written = marker.with_suffix(".tmp")
        written.write_text(f"{done}/{total}\n")
        written.replace(marker)  # whole when it appears
        threading.Event().wait()  # until the test kills this process

    open_knowledge_base(Settings(), progress=first_batch_stored, ingest=True)
    raise SystemExit("the ingest had nothing to embed")


def main(mode: str) -> None:
    settings = Settings()
    kb = open_knowledge_base(settings, ingest=(mode == "ingest"))
    manifest = Manifest.load(settings.data_dir / "kb" / "manifest.json")
    stored = kb.store.entries() if kb.store is not None else {}
    print(json.dumps({
        "documents": {d.id: len(d.chunks) for d in kb.documents()},
        "chunks": kb.chunk_count(),
        "expected_ids": sorted(manifest.expected_ids()),
        "stored_ids": sorted(stored),
        "stored_per_document": {d: sum(1 for m in stored.values() if m.get("document_id") == d)
                                for d in {m.get("document_id") for m in stored.values()}},
    }))
    kb.close()


if __name__ == "__main__":
    if sys.argv[1] == "hold":
        hold(Path(sys.argv[2]))
    else:
        main(sys.argv[1])
