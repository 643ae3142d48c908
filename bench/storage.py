"""Storage benchmark (issue 14): operations of the stores in rutin/db on SQLite (the default,
a file in a temporary data directory) and on PostgreSQL (RUTIN_DATABASE_URL; without
``--postgres-url`` a throwaway local cluster from Debian's binaries, tests/services/postgres.py).

    python -m bench.storage [--seconds 5] [--threads 1,4] [--rows 20000] [--postgres-url URL]

Measures, per database: conversation save+get pairs per second (each thread its own
conversations, as users do), feedback votes and unanswered questions added per second, and the
sweep's expiry and cap over ``--rows`` stored conversations (one indexed DELETE each). Prints
one JSON object. A benchmark, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import insert

from rutin.db import Database, SQLITE_FILENAME, next_touch, sqlite_url
from rutin.db.schema import conversations


def _rate(database: Database, seconds: float, threads: int, operation) -> dict:
    """``operation(store, worker_index)`` as often as possible by ``threads`` threads."""
    counts = [0] * threads
    errors = [0] * threads
    deadline = time.perf_counter() + seconds

    def work(i: int) -> None:
        while time.perf_counter() < deadline:
            try:
                operation(i)
                counts[i] += 1
            except Exception:  # noqa: BLE001 - counted and reported
                errors[i] += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    return {"threads": threads, "ops": sum(counts), "errors": sum(errors),
            "per_s": round(sum(counts) / elapsed, 1)}


def measure(database: Database, seconds: float, threads: list[int], rows: int) -> dict:
    from server.chat.conversations import ConversationStore
    from server.feedback import FeedbackStore
    from server.report import UnansweredStore

    store = ConversationStore(database, ttl_seconds=3600, max_conversations=rows * 2)
    mine = {}

    def save_get(i: int) -> None:
        conv = mine.get(i)
        if conv is None or conv.turns >= 5:  # a conversation of five turns, then a new one
            conv = mine[i] = store.new()
        conv.turns += 1
        conv.facts = {"patient_age": 80 + conv.turns}
        conv.thread.append({"asked": "Vad kostar ett hembesök?", "number": conv.turns,
                            "answer": "x" * 800})
        store.save(conv)
        assert store.get(conv.id) is not None

    feedback = FeedbackStore(database)
    unanswered = UnansweredStore(database, retention_days=365)
    counter = iter(range(10**9))
    out: dict = {"database": database.kind}
    out["conversation_save_get"] = [_rate(database, seconds, n, save_get) for n in threads]
    out["feedback_add"] = _rate(database, seconds, 1, lambda i: feedback.add(
        f"k{next(counter)}", "not_helpful", "saknas", "vad kostar ett hembesök?", "search", []))
    out["unanswered_add"] = _rate(database, seconds, 1, lambda i: unanswered.add(
        "vad är telefonnumret till hallandsjouren?", "Region Halland", "sv", []))
    # the sweep over many stored conversations: half expired, then the cap halves the rest
    now = time.time()
    with database.begin() as conn:
        conn.execute(insert(conversations), [
            {"id": f"bench{i:027d}", "created": now, "touched": next_touch(),
             "updated": now - 7200 if i % 2 else now, "data": "{}"} for i in range(rows)])
    expiring = ConversationStore(database, ttl_seconds=3600, max_conversations=rows // 4)
    started = time.perf_counter()
    removed = expiring.sweep()
    out["sweep"] = {"rows": rows, "removed": removed,
                    "seconds": round(time.perf_counter() - started, 4),
                    "left": expiring.count()}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", default="1,4")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--postgres-url", default="")
    args = parser.parse_args(argv)
    threads = [int(t) for t in args.threads.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="rutin-bench-db-") as tmp:
        sqlite = Database(sqlite_url(Path(tmp) / SQLITE_FILENAME))
        results.append(measure(sqlite, args.seconds, threads, args.rows))
        sqlite.dispose()
        server = None
        url = args.postgres_url
        if not url:
            from tests.services.postgres import PostgresServer

            server = PostgresServer.start_new()
            url = server.create_database("bench")
        try:
            postgres = Database(url)
            results.append(measure(postgres, args.seconds, threads, args.rows))
            postgres.dispose()
        finally:
            if server is not None:
                server.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
