"""Tune and measure the chat's no-answer decision on tests/eval/questions.toml (not a test):

    HF_HUB_OFFLINE=1 python -m tests.chat.tune_no_answer

Prints ``SearchHit.support`` and term coverage of the best passage for every on- and off-topic
question of the tuning part, how many are answered/refused at candidate thresholds, and then
the decision with the tuned thresholds (kb.support.TUNED_SUPPORT_THRESHOLD) on the tuning part
and, separately, on the held-out part (never used for tuning).
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from kb.evaluation import QUESTIONS_PATH, no_answer_figures
from kb.service import open_knowledge_base
from kb.support import is_supported
from rutin.config import Settings
from server.chat.facts import detect_language


def main() -> None:
    data = tomllib.loads(QUESTIONS_PATH.read_text(encoding="utf-8"))
    kb = open_knowledge_base(Settings(data_dir=Path(tempfile.mkdtemp())))
    rows = []
    for tag, key in (("on", "question"), ("off", "off_topic")):
        for q in data.get(key, []):
            hit = kb.search(q["text"], k=1)[0]
            rows.append((tag, hit, detect_language(q["text"]), q["text"]))
    for tag, hit, lang, text in sorted(rows, key=lambda r: r[1].support):
        print(f"{tag:3} {hit.support:.4f} coverage={hit.term_coverage:.2f} {lang} {text}")
    for lang in ("sv", "en"):
        part = [r for r in rows if r[2] == lang]
        for t in [x / 1000 for x in range(760, 921, 10)]:
            answered = sum(is_supported(r[1], t, lang) for r in part if r[0] == "on")
            refused = sum(not is_supported(r[1], t, lang) for r in part if r[0] == "off")
            print(f"{lang} threshold {t:.3f}: on-topic answered {answered}/"
                  f"{sum(r[0] == 'on' for r in part)}, off-topic refused {refused}/"
                  f"{sum(r[0] == 'off' for r in part)}")
    for fig in no_answer_figures(kb, detect_language):
        if fig.part == "held-out":
            for tag, lang, support, supported, text in sorted(fig.rows, key=lambda r: r[2]):
                print(f"held-out {tag:3} {support:.4f} {'answered' if supported else 'refused'}"
                      f" {lang} {text}")
        print(f"{fig.part} part, tuned thresholds: on-topic answered {fig.answered}/"
              f"{fig.on_topic}, off-topic refused {fig.refused}/{fig.off_topic}")
    kb.close()


if __name__ == "__main__":
    main()
