"""A one-off import, on the first start on rutin/db, of what an older rutin kept as files under
the data directory: ``conversations/<id>.json``, ``feedback/feedback.jsonl``,
``report/unanswered.jsonl`` and ``audit/audit.jsonl``.

Each source is first renamed to ``<name>.importing`` (atomic: of several instances starting on
one data directory only one imports it), then read into the database, then renamed to
``<name>.imported`` and left for the operator to delete. Rows of the wrong shape are skipped,
as the file stores skipped them; the texts were masked when they were written.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from sqlalchemy import insert, select

from rutin.db import Database, upsert
from rutin.db.schema import audit, conversations, feedback, unanswered

log = logging.getLogger("rutin.db")


def _claim(path: Path) -> Path | None:
    """Rename ``path`` to ``<path>.importing``; None when it is not there (or another process
    took it)."""
    target = path.with_name(path.name + ".importing")
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def _done(path: Path) -> None:
    os.rename(path, path.with_name(path.name.removesuffix(".importing") + ".imported"))


def _json_lines(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            out.append(record)
    return out


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def _import(source: Path, read, counts: dict, name: str) -> None:
    """Claim ``source``, import it with ``read(claimed) -> rows``, mark it imported; on an
    error give it back under its name (imported at the next start) and raise."""
    if not source.exists() or (claimed := _claim(source)) is None:
        return
    try:
        counts[name] = read(claimed)
    except BaseException:
        os.rename(claimed, source)
        raise
    _done(claimed)


def import_legacy_files(database: Database, data_dir: Path) -> dict[str, int]:
    """Import the file stores found under ``data_dir``; how many rows of each kind."""
    from rutin.db import next_touch
    from server.chat.conversations import conversation_from_json, valid_id

    data_dir = Path(data_dir)
    counts: dict[str, int] = {}

    def read_conversations(folder: Path) -> int:
        rows = []
        for path in folder.glob("*.json"):
            if not valid_id(path.stem):
                continue
            try:
                conv = conversation_from_json(json.loads(path.read_text(encoding="utf-8")),
                                              path.stem)
            except (OSError, ValueError, RecursionError):
                continue
            if conv is not None:
                rows.append(conv)
        rows.sort(key=lambda c: c.updated)  # least recently used first, as the cap reads them
        with database.begin() as conn:
            known = set(conn.execute(select(conversations.c.id)).scalars())
            values = [{"id": c.id, "created": c.created, "updated": c.updated,
                       "touched": next_touch(),
                       "data": json.dumps(c.to_json(), ensure_ascii=False)}
                      for c in rows if c.id not in known]
            if values:
                conn.execute(insert(conversations), values)
        return len(values)

    def read_feedback(path: Path) -> int:
        n = 0
        with database.begin() as conn:
            for r in _json_lines(path):  # oldest first: a later vote replaces an earlier one
                at = _number(r.get("at"))
                if at is None or r.get("rating") not in ("helpful", "not_helpful") \
                        or not isinstance(r.get("key"), str):
                    continue
                citations = [list(map(str, c))[:2] for c in r.get("citations") or []
                             if isinstance(c, list)]
                values = {"at": at, "rating": r["rating"], "reason": str(r.get("reason", "")),
                          "question": str(r.get("question", "")),
                          "kind": str(r.get("kind", ""))[:40],
                          "citations": json.dumps(citations, ensure_ascii=False)}
                conn.execute(upsert(conn, feedback, {"key": r["key"][:64], **values}, ["key"],
                                    values))
                n += 1
        return n

    def read_unanswered(path: Path) -> int:
        values = []
        for r in _json_lines(path):
            at = _number(r.get("at"))
            if at is None or not isinstance(r.get("question"), str):
                continue
            passages = [list(map(str, p))[:2] for p in r.get("passages") or []
                        if isinstance(p, list)]
            values.append({"at": at, "question": r["question"],
                           "organization": str(r.get("organization", "")),
                           "language": str(r.get("language", ""))[:8],
                           "passages": json.dumps(passages, ensure_ascii=False)})
        if values:
            with database.begin() as conn:
                conn.execute(insert(unanswered), values)
        return len(values)

    def read_audit(path: Path) -> int:
        values = []
        for r in _json_lines(path):
            at = _number(r.get("at"))
            if at is None or not isinstance(r.get("action"), str):
                continue
            detail = r.get("detail") if isinstance(r.get("detail"), dict) else {}
            values.append({"at": at, "action": r["action"][:100], "who": str(r.get("who", "")),
                           "detail": json.dumps(detail, ensure_ascii=False)})
        if values:
            with database.begin() as conn:
                conn.execute(insert(audit), values)
        return len(values)

    if (data_dir / "conversations").is_dir():
        _import(data_dir / "conversations", read_conversations, counts, "conversations")
    _import(data_dir / "feedback" / "feedback.jsonl", read_feedback, counts, "feedback")
    _import(data_dir / "report" / "unanswered.jsonl", read_unanswered, counts, "unanswered")
    _import(data_dir / "audit" / "audit.jsonl", read_audit, counts, "audit")
    if counts:
        log.info("database: imported the files of an older data directory: %s",
                 ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts
