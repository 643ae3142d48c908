"""Retrain the router (server/chat/router.py) and write its weights to server/chat/data/router.json.

    HF_HUB_OFFLINE=1 python -m server.chat.train_router [--data-dir DIR]

Training data: only tuning parts, never a held-out part:
- tests/eval/routing-train/*.toml: 320 messages written for training only, by helper sessions
  that had not read the code or the evaluation sets;
- tests/eval/routing/*.toml, ``part = "tuning"``: each message with its kind; of the dialogues,
  the first turns and the later turns that are new questions (search, version, date rule, out of
  scope: a short reply to a pending question is read by server/chat/dialogue.py, not routed);
- tests/eval/questions.toml: the retrieval questions ([[question]]) as ``search``, the
  off-topic ones ([[off_topic]]) as ``out_of_scope``;
- tests/eval/answers/*.toml, ``part = "tuning"``: answerable questions as ``search`` (those on
  the two registration routines that ask about versions are left out: their label is unclear),
  not-covered ones as ``out_of_scope``.

The features of a message are computed exactly as the chat computes them (masking, fact
extraction, search, language). The script prints the 5-fold cross-validated accuracy of
logistic regression on three feature sets (features alone, embedding alone, both) for several
regularization strengths, and keeps the best "features" model and the best model with the
embedding (used when the embedding model is the one trained with).
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path

import numpy as np

from server.chat.evaluation import ANSWERS_DIR, EVAL_DIR, EVAL_TODAY, ROUTING_DIR, _load_dir
from server.chat.router import (FEATURES, KINDS, SYSTEM_WORDS, VERSION_WORDS, WEIGHTS_PATH,
                               message_features)

TRAINING_DIR = EVAL_DIR / "routing-train"


def training_messages() -> list[tuple[str, str]]:
    """(text, kind) pairs from the tuning parts."""
    pairs = []
    for path in sorted(TRAINING_DIR.glob("*.toml")):
        with open(path, "rb") as fh:
            pairs += [(m["text"], m["kind"]) for m in tomllib.load(fh).get("message", [])]
    for m in _load_dir(ROUTING_DIR, "message"):
        if m["part"] == "tuning":
            pairs.append((m["text"], m["kind"]))
    for d in _load_dir(ROUTING_DIR, "dialogue"):
        if d["part"] != "tuning":
            continue
        for n, turn in enumerate(d.get("turn", [])):
            expect = turn.get("expect_kind")
            if not expect:
                continue
            if n == 0:
                pairs.append((turn["user"], "visit" if expect.startswith("visit") else expect))
            elif not expect.startswith("visit"):
                pairs.append((turn["user"], expect))
    with open(EVAL_DIR / "questions.toml", "rb") as fh:
        data = tomllib.load(fh)
    pairs += [(q["text"], "search") for q in data.get("question", [])]
    pairs += [(q["text"], "out_of_scope") for q in data.get("off_topic", [])]
    for q in _load_dir(ANSWERS_DIR, "question"):
        if q["part"] != "tuning":
            continue
        if q["expect"] == "not_covered":
            pairs.append((q["text"], "out_of_scope"))
        elif str(q.get("document")) in ("000", "001") and (VERSION_WORDS.search(q["text"])
                                                           or SYSTEM_WORDS.search(q["text"])):
            continue
        else:
            pairs.append((q["text"], "search"))
    return pairs


def featurize(kb, pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, embeddings, labels) as the chat computes them."""
    from rutin.redact import mask_personnummer
    from server.chat.facts import extract_facts

    feats, vecs, labels = [], [], []
    for text, kind in pairs:
        text = mask_personnummer(text)
        extracted = extract_facts(text, EVAL_TODAY)
        hits = kb.search(text, k=1)
        feats.append(message_features(text, extracted.stated(), hits[0] if hits else None,
                                      extracted.language))
        vecs.append(kb.embedder.embed_queries([text])[0] if kb.embedder is not None
                    else np.zeros(1, dtype=np.float32))
        labels.append(KINDS.index(kind))
    return np.stack(feats), np.stack(vecs), np.asarray(labels)


def _cv_accuracy(x: np.ndarray, y: np.ndarray, c: float, folds: int = 5) -> float:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    model = LogisticRegression(C=c, max_iter=4000)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    return float(cross_val_score(model, x, y, cv=cv).mean())


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> dict:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=4000).fit(x, y)
    coef = np.zeros((len(KINDS), x.shape[1]))
    intercept = np.full(len(KINDS), -30.0)  # a kind absent from training is never chosen
    for row, label in enumerate(model.classes_):
        coef[label], intercept[label] = model.coef_[row], model.intercept_[row]
    return {"coef": np.round(coef, 5).tolist(), "intercept": np.round(intercept, 5).tolist()}


def main(argv: list[str] | None = None) -> None:
    from kb.service import open_knowledge_base
    from rutin.config import get_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="Index to use (default: RUTIN_DATA_DIR/eval-<model>).")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    settings = get_settings()
    data_dir = args.data_dir or Path(settings.data_dir) / f"eval-{settings.embedding_model}"
    kb = open_knowledge_base(settings.model_copy(update={"data_dir": data_dir}), ingest=True)
    pairs = training_messages()
    feats, vecs, y = featurize(kb, pairs)
    counts = {k: int((y == i).sum()) for i, k in enumerate(KINDS)}
    print(f"{len(pairs)} training messages: {counts}")
    sets = {"features": feats, "embedding": vecs, "embedding+features": np.hstack([vecs, feats])}
    best: dict[str, tuple[float, float]] = {}
    print("feature set          C      5-fold accuracy")
    for name, x in sets.items():
        for c in (0.3, 1.0, 3.0, 10.0, 30.0, 100.0):
            acc = _cv_accuracy(x, y, c)
            print(f"{name:<20} {c:<6} {acc:.3f}")
            if name not in best or acc > best[name][0]:
                best[name] = (acc, c)
    models = {}
    for name in ("features", "embedding+features"):
        acc, c = best[name]
        models[name] = dict(_fit(sets[name], y, c), C=c, cv_accuracy=round(acc, 4),
                            embedding_model=kb.model_name if "embedding" in name else None)
        print(f"kept {name}: C={c}, 5-fold accuracy {acc:.3f}")
    # the documents the training messages were asked about: a passage of another document
    # (one a content owner published later) is a topic the router has never seen
    weights = {"kinds": list(KINDS), "features": list(FEATURES), "models": models,
               "training_messages": len(pairs), "label_counts": counts,
               "documents": sorted(d.id for d in kb.documents())}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    kb.close()


if __name__ == "__main__":
    main()
