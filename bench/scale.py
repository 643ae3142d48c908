"""Scale: the real ingest path on synthetic corpora of about 1k, 10k and 100k chunks.

Each size runs in its own subprocess (peak memory is that process's). Ingest time and chunks/s,
index size on disk, peak memory and search p50/p95 over the benchmark questions are measured.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench import kbaccess
from bench.measure import dir_size_mib, peak_rss_mib, summary_ms, time_calls


def run(params: dict) -> dict:
    """Stage: ingest ``corpus_dir`` into a fresh data dir with ``model``, then query it."""
    data_dir, corpus = Path(params["data_dir"]), Path(params["corpus_dir"])
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    settings = kbaccess.settings_for(data_dir, params["model"], corpus, ingest_on_start=False)
    out: dict = {"model": params["model"], "documents": params.get("documents")}
    start = time.perf_counter()
    kb = kbaccess.open_kb(settings)
    out["open_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    report = kb.ingest(corpus)
    out["ingest_s"] = round(time.perf_counter() - start, 2)
    out["ingest_report"] = _plain(report)
    out["chunks"] = kbaccess.chunk_count(kb)
    out["chunks_per_s"] = round(out["chunks"] / out["ingest_s"], 1) if out["ingest_s"] else None
    out["peak_rss_after_ingest_mib"] = peak_rss_mib()
    questions = params["questions"]
    kbaccess.search(kb, "uppvärmning")
    out["search"] = summary_ms(time_calls(lambda q: kbaccess.search(kb, q), questions, repeats=1))
    kb.close()
    out["index_mib"] = dir_size_mib(data_dir)
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def _plain(report) -> object:
    """A JSON-able view of whatever ``KnowledgeBase.ingest`` returned."""
    if report is None or isinstance(report, (int, float, str, bool)):
        return report
    if isinstance(report, dict):
        return {str(k): _plain(v) for k, v in report.items()}
    if isinstance(report, (list, tuple)):
        return [_plain(v) for v in report][:20]
    fields = getattr(report, "__dict__", None)
    if fields:
        return {k: _plain(v) for k, v in fields.items() if not k.startswith("_")}
    return str(report)
