"""Measure the answer latency of POST /api/v1/chat in process (not a test; run it):

    HF_HUB_OFFLINE=1 python -m tests.chat.measure_latency

50 mixed questions (search, rules with and without a missing fact, follow-ups, off-topic) through
the real app with TestClient, after one warm-up question; prints p50, p95 and max per kind.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tomllib
from pathlib import Path

from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

EVAL = Path(__file__).resolve().parent.parent / "eval" / "questions.toml"

RULES = [
    "Hur registrerar jag ett hembesök igår efter utskrivning för en 87-årig patient på säbo?",
    "Vad blir patientavgiften för ett brytpunktssamtal i ordinärt boende?",
    "Vilken vårdtjänst väljer jag för inskrivningssamtal av en ny patient på säbo 2024-06-15?",
    "Ger ett videobesök efter utskrivning ersättning?",
    "What is the patient fee for a home visit after discharge for a 90 year old patient?",
    "Hur registreras ett hembesök inom Läkarmedverkan förra tisdagen?",
    "Vad betalar en patient född 1950 för läkarens hembesök på äldreboende?",
    "Får vårdcentralen 500 kr för ett brytpunktssamtal hemma?",
]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    data = tomllib.loads(EVAL.read_text(encoding="utf-8"))
    search = [q["text"] for q in data["question"]][:34]
    off = [q["text"] for q in data.get("off_topic", [])][:4]
    # (every question starts a conversation: the per-client limit on new ones is lifted)
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), new_conversations_per_minute=10_000)
    timings: dict[str, list[float]] = {}
    with TestClient(create_app(settings, load_in_background=False)) as client:
        client.post("/api/v1/chat", json={"message": "Vad är Läkarmedverkan?"})  # warm-up

        def ask(message, cid=None):
            t0 = time.perf_counter()
            r = client.post("/api/v1/chat", json={"message": message, "conversation_id": cid})
            ms = (time.perf_counter() - t0) * 1000
            body = r.json()
            timings.setdefault(body["kind"], []).append(ms)
            timings.setdefault("all", []).append(ms)
            return body

        for q in search + off:
            ask(q)
        for q in RULES:
            first = ask(q)
            if first.get("question"):
                ask("Patienten är 90 år.", first["conversation_id"])
    for kind, values in sorted(timings.items()):
        print(f"{kind:10} n={len(values):3} p50={statistics.median(values):7.1f} ms "
              f"p95={percentile(values, 95):7.1f} ms max={max(values):7.1f} ms")


if __name__ == "__main__":
    main()
