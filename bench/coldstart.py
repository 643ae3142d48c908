"""Cold start: process start to /readyz 200, with an ingested data dir and with an empty one."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.latency import Server


def run(params: dict) -> dict:
    """Stage: start ``rutin serve`` twice: on an empty data dir (it ingests), then again on it."""
    data_dir, documents_dir = Path(params["data_dir"]), Path(params["documents_dir"])
    log = Path(params["log"])
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    out: dict = {"model": params["model"]}
    with Server(data_dir, params["model"], documents_dir, log) as server:
        out["empty"] = server.wait_ready()
        out["empty"]["peak_rss_mib"] = server.peak_rss_mib()
    runs = []
    for _ in range(params.get("repeats", 3)):
        with Server(data_dir, params["model"], documents_dir, log) as server:
            ready = server.wait_ready()
            ready["peak_rss_mib"] = server.peak_rss_mib()
            runs.append(ready)
    runs.sort(key=lambda r: r["readyz_s"])
    out["existing"] = runs[len(runs) // 2]  # the median run
    out["existing"]["all_readyz_s"] = [r["readyz_s"] for r in runs]
    return out
