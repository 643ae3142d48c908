"""A separate process that opens the knowledge base without ingesting (what a worker or a start
with RUTIN_INGEST_ON_START=false serves; ``probe.py ingest``: with the ingest a start does) and
prints, as JSON, each served document's content
hash and text, and whether every served chunk has its vector and no vector is left over."""

from __future__ import annotations

import json

from kb.manifest import Manifest
from kb.service import open_knowledge_base
from rutin.config import Settings

if __name__ == "__main__":
    import sys

    settings = Settings()
    kb = open_knowledge_base(settings, ingest=sys.argv[1:] == ["ingest"])
    manifest = Manifest.load(settings.data_dir / "kb" / "manifest.json")
    stored = set(kb.store.entries()) if kb.store is not None else set()
    print(json.dumps({
        "hashes": {d.id: d.content_hash for d in kb.documents()},
        "texts": {d.id: d.text for d in kb.documents()},
        "whole": kb.store is None or stored == manifest.expected_ids(),
    }, ensure_ascii=False))
    kb.close()
