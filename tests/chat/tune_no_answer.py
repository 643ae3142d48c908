"""Tune and measure the chat's no-answer decision on tests/eval/questions.toml (not a test):

    HF_HUB_OFFLINE=1 python -m tests.chat.tune_no_answer

Prints ``SearchHit.support`` of the best passage for every on- and off-topic question of the
tuning part, how many are answered/refused at candidate thresholds, and then the decision with
the tuned thresholds (kb.retrieval.TUNED_SUPPORT_THRESHOLD) on the tuning part and, separately,
on the held-out part (never used for tuning).
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from kb.retrieval import is_supported
from kb.service import open_knowledge_base
from rutin.config import Settings
from server.chat.facts import detect_language

EVAL = Path(__file__).resolve().parent.parent / "eval" / "questions.toml"


def _rows(kb, on: list[dict], off: list[dict]) -> list[tuple]:
    rows = []
    for tag, items in (("on", on), ("off", off)):
        for q in items:
            hit = kb.search(q["text"], k=1)[0]
            rows.append((tag, hit.support, hit.lexical_score, detect_language(q["text"]),
                         q["text"], hit))
    return rows


def _decided(kb, rows) -> tuple[int, int, int, int]:
    on = [r for r in rows if r[0] == "on"]
    off = [r for r in rows if r[0] == "off"]
    answered = sum(is_supported(r[5], kb.no_answer_threshold_for(r[3]), r[3]) for r in on)
    refused = sum(not is_supported(r[5], kb.no_answer_threshold_for(r[3]), r[3]) for r in off)
    return answered, len(on), refused, len(off)


def main() -> None:
    data = tomllib.loads(EVAL.read_text(encoding="utf-8"))
    kb = open_knowledge_base(Settings(data_dir=Path(tempfile.mkdtemp())))
    rows = _rows(kb, data.get("question", []), data.get("off_topic", []))
    for r in sorted(rows, key=lambda r: r[1]):
        print(f"{r[0]:3} {r[1]:.3f} overlap={r[2]:.2f} {r[3]} {r[4]}")
    for lang in ("sv", "en"):
        part = [r for r in rows if r[3] == lang]
        for t in [x / 1000 for x in range(700, 921, 10)]:
            answered = sum(is_supported(r[5], t, lang) for r in part if r[0] == "on")
            refused = sum(not is_supported(r[5], t, lang) for r in part if r[0] == "off")
            print(f"{lang} threshold {t:.3f}: on-topic answered {answered}/"
                  f"{sum(r[0] == 'on' for r in part)}, off-topic refused {refused}/"
                  f"{sum(r[0] == 'off' for r in part)}")
    a, n_on, r, n_off = _decided(kb, rows)
    print(f"tuning part, tuned thresholds: on-topic answered {a}/{n_on}, "
          f"off-topic refused {r}/{n_off}")
    held = _rows(kb, data.get("held_out_question", []), data.get("held_out_off_topic", []))
    for row in sorted(held, key=lambda r: r[1]):
        print(f"held-out {row[0]:3} {row[1]:.3f} overlap={row[2]:.2f} {row[3]} {row[4]}")
    a, n_on, r, n_off = _decided(kb, held)
    print(f"held-out part, tuned thresholds: on-topic answered {a}/{n_on}, "
          f"off-topic refused {r}/{n_off}")
    kb.close()


if __name__ == "__main__":
    main()
