"""Tune the chat's no-answer threshold on tests/eval/questions.toml (not a test; run it):

    HF_HUB_OFFLINE=1 python -m tests.chat.tune_no_answer

Prints the support score of the best passage for every on- and off-topic question, and for
candidate thresholds how many on-topic questions are answered and off-topic ones refused.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from kb.service import open_knowledge_base
from rutin.config import Settings
from server.chat.facts import detect_language
from server.chat.service import _tokenizer_for, support, support_score, threshold

EVAL = Path(__file__).resolve().parent.parent / "eval" / "questions.toml"


def main() -> None:
    data = tomllib.loads(EVAL.read_text(encoding="utf-8"))
    kb = open_knowledge_base(Settings(data_dir=Path(tempfile.mkdtemp())))
    tok = _tokenizer_for(kb)
    rows = []
    for tag, items in (("on", data.get("question", [])), ("off", data.get("off_topic", []))):
        for q in items:
            hit = kb.search(q["text"], k=1)[0]
            _, overlap = support(q["text"], hit, tok)
            lang = detect_language(q["text"])
            score = support_score(hit, overlap, kb.model_name)
            rows.append((tag, score, overlap, lang, q["text"]))
    for r in sorted(rows, key=lambda r: r[1]):
        print(f"{r[0]:3} {r[1]:.3f} overlap={r[2]:.2f} {r[3]} {r[4]}")
    on = [r for r in rows if r[0] == "on"]
    off = [r for r in rows if r[0] == "off"]
    for t in [x / 1000 for x in range(820, 921, 5)]:
        answered = sum(r[1] >= t and (r[2] > 0 or r[3] != "sv") for r in on)
        refused = sum(not (r[1] >= t and (r[2] > 0 or r[3] != "sv")) for r in off)
        print(f"threshold {t:.3f}: on-topic answered {answered}/{len(on)}, "
              f"off-topic refused {refused}/{len(off)}")
    tuned = [r for r in rows if r[1] >= threshold(kb, r[3]) and (r[2] > 0 or r[3] != "sv")]
    print(f"tuned thresholds: on-topic answered {sum(r[0] == 'on' for r in tuned)}/{len(on)}, "
          f"off-topic refused {len(off) - sum(r[0] == 'off' for r in tuned)}/{len(off)}")
    kb.close()


if __name__ == "__main__":
    main()
