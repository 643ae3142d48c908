"""The benchmark report: ``docs/benchmarks.md`` (one table per section) and the scale plot.

Every target of the issue is listed with its measured value and met/missed. A stage that failed
shows its error instead of figures: a missing number is never silently a good one.
"""

from __future__ import annotations

import math
from pathlib import Path

from bench.targets import evaluate_targets

NA = "–"


def get(data, *path, default=None):
    """``data[p0][p1]...`` or ``default`` when any step is missing."""
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return default
    return data


def fmt(value, unit: str = "", digits: int = 1) -> str:
    """A number for a table cell, or a dash when it was not measured."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NA
    if isinstance(value, float):
        value = f"{value:.{digits}f}"
    return f"{value}{unit}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _first_line(text) -> str:
    return str(text).strip().splitlines()[0] if text else ""


def _error_line(stage: dict | None, name: str) -> list[str]:
    if stage is None:
        return [f"*{name}: not run.*", ""]
    if not stage.get("ok", True):
        return [f"*{name} failed: `{_first_line(stage.get('error'))}`*", ""]
    return []


def _quality(results: dict) -> list[str]:
    rows = results.get("quality")
    lines = ["## Retrieval quality (tests/eval/)", ""]
    if not rows:
        return lines + ["*Not run.*", ""]
    body = []
    for row in rows:
        if row.get("error"):
            body.append([row["configuration"], row["model"], NA, NA, NA, NA, f"error: {_first_line(row['error'])}"])
            continue
        body.append([row["configuration"], row["model"], fmt(row.get("fusion_dense_weight"), digits=2),
                     fmt(row.get("recall1"), digits=3), fmt(row.get("recall5"), digits=3),
                     fmt(row.get("mrr"), digits=3), fmt(row.get("n") or row.get("questions"))])
    return lines + _table(["configuration", "model", "dense weight", "recall@1", "recall@5", "MRR",
                           "questions"], body)


def _ratio(p50, floor):
    if p50 is None or not floor:
        return NA
    return f"{p50 / floor:.2f}×"


def _latency(results: dict) -> list[str]:
    inproc, http = results.get("inprocess"), results.get("http")
    lines = ["## Answer latency (after warm-up)", ""]
    lines += _error_line(inproc, "In-process stage") + _error_line(http, "HTTP stage")
    floor = get(inproc, "floor", "p50_ms")
    lines += [
        f"Floor (one uncached query embedding + one vector query, k=5, same model and index): "
        f"p50 **{fmt(floor, ' ms', 2)}**, p95 {fmt(get(inproc, 'floor', 'p95_ms'), ' ms', 2)} "
        f"over {fmt(get(inproc, 'floor', 'n'))} queries.", "",
        "*new*: each question's first ask (its query embedding is not cached); *repeat*: the same "
        "questions asked again. Ratios use the new-question p50.", "",
    ]
    rows = []
    paths = [("search", "library (`kb.search`)", inproc, "library_search"),
             ("search", "in-process app", inproc, "app_search"),
             ("search", "HTTP", http, "http_search"),
             ("chat", "in-process app", inproc, "app_chat"),
             ("chat", "HTTP", http, "http_chat"),
             ("visit", "in-process app", inproc, "app_visit"),
             ("visit", "HTTP", http, "http_visit"),
             ("healthz", "HTTP", http, "http_healthz")]
    for answer, where, stage, key in paths:
        if get(stage, key, "error"):
            rows.append([answer, where, f"error: `{get(stage, key, 'error')}`", NA, NA, NA, NA])
            continue
        new, rep = get(stage, key, "new"), get(stage, key, "repeat")
        rows.append([answer, where, fmt(get(new, "p50_ms"), " ms", 2), fmt(get(new, "p95_ms"), " ms", 2),
                     fmt(get(rep, "p50_ms"), " ms", 2), fmt(get(rep, "p95_ms"), " ms", 2),
                     _ratio(get(new, "p50_ms") or get(rep, "p50_ms"), floor)])
    lines += _table(["answer", "path", "new p50", "new p95", "repeat p50", "repeat p95",
                     "p50 / floor"], rows)
    tp = get(http, "throughput") or {}
    if tp:
        lines += ["### Throughput: 16 concurrent clients on loopback", ""]
        lines += _table(["endpoint", "requests", "errors", "seconds", "requests/s", "p50", "p95"], [
            [name, fmt(r.get("requests")), fmt(r.get("errors")), fmt(r.get("seconds")),
             fmt(r.get("rps")), fmt(r.get("p50_ms"), " ms"), fmt(r.get("p95_ms"), " ms")]
            for name, r in tp.items()])
        lines += ["Except in the *new questions* row the questions repeat across requests (the "
                  "chat answers them first), so their query embeddings come from the cache; in that "
                  "row every request pays one query embedding.", ""]
    return lines


def _scale(results: dict, plot_path: Path | None) -> list[str]:
    rows = results.get("scale")
    lines = ["## Scale: synthetic corpora built from the bundled documents", ""]
    if not rows:
        return lines + ["*Not run (`--skip-scale`).*", ""]
    lines += [f"Synthetic documents (`bench/synthetic.py`: sentences recombined across documents, "
              f"names, dates, amounts and words substituted, paragraphs shuffled) ingested through "
              f"`KnowledgeBase.ingest`; about {fmt(results.get('scale_chunks_per_document'))} chunks "
              f"per document. Each size runs in its own process; memory is that process's peak "
              f"RSS (model included). Search is asked new questions only (nothing cached).", ""]
    body = []
    for row in rows:
        if not row.get("ok"):
            body.append([fmt(row.get("target_chunks")), NA, row.get("model", NA), NA, NA, NA, NA, NA, NA,
                         f"error: {_first_line(row.get('error'))}"])
            continue
        note = ""
        if row.get("projected_dense_ingest_s"):
            note = (f"lexical only; {row['dense_model']} ingest projected "
                    f"{row['projected_dense_ingest_s'] / 60:.0f} min")
        body.append([fmt(row.get("target_chunks")), fmt(row.get("chunks")), row.get("model"),
                     fmt(row.get("ingest_s"), " s"), fmt(row.get("chunks_per_s")),
                     fmt(row.get("index_mib"), " MiB"), fmt(row.get("peak_rss_mib"), " MiB", 0),
                     fmt(get(row, "search", "p50_ms"), " ms"), fmt(get(row, "search", "p95_ms"), " ms"),
                     note])
    lines += _table(["target chunks", "chunks", "model", "ingest", "chunks/s", "index on disk",
                     "peak memory", "search p50", "search p95", "note"], body)
    dense = [r for r in rows if r.get("ok") and get(r, "vectors", "vectors")]
    if dense:
        lines += ["### The dense half at the sizes measured lexical-only", "",
                  "The dense ingest of these sizes does not fit the run, so the vector index is "
                  "measured on its own in the same process: as many vectors as the size has "
                  "chunks (real chunk vectors of the first size plus a little noise) in a chroma "
                  "collection configured as kb/store.py does, then the floor at that size (one new "
                  "query embedding + one vector query) and the vector query alone. Peak memory "
                  "above includes this collection.", ""]
        lines += _table(["chunks", "vectors", "insert", "vectors/s", "vector index on disk",
                         "floor p50", "floor p95", "vector query p50", "vector query p95"], [
            [fmt(r.get("chunks")), fmt(get(r, "vectors", "vectors")), fmt(get(r, "vectors", "insert_s"), " s"),
             fmt(get(r, "vectors", "vectors_per_s")), fmt(get(r, "vectors", "index_mib"), " MiB"),
             fmt(get(r, "vectors", "floor", "p50_ms"), " ms"), fmt(get(r, "vectors", "floor", "p95_ms"), " ms"),
             fmt(get(r, "vectors", "vector_query", "p50_ms"), " ms", 2),
             fmt(get(r, "vectors", "vector_query", "p95_ms"), " ms", 2)] for r in dense])
    if plot_path is not None and plot_path.exists():
        lines += [f"![Search latency and ingest time against corpus size]({plot_path.name})", ""]
    return lines


def _coldstart(results: dict) -> list[str]:
    cs = results.get("coldstart")
    lines = ["## Cold start: process start to /readyz 200", ""] + _error_line(cs, "Cold-start stage")
    if not cs or not cs.get("ok"):
        return lines
    body = [["bundled documents already ingested", fmt(get(cs, "existing", "healthz_s"), " s", 2),
             fmt(get(cs, "existing", "readyz_s"), " s", 2),
             fmt(get(cs, "existing", "peak_rss_mib"), " MiB", 0),
             ", ".join(f"{x:.2f}" for x in get(cs, "existing", "all_readyz_s", default=[]))],
            ["empty data directory (ingests on start)", fmt(get(cs, "empty", "healthz_s"), " s", 2),
             fmt(get(cs, "empty", "readyz_s"), " s", 2), fmt(get(cs, "empty", "peak_rss_mib"), " MiB", 0),
             ""]]
    return lines + _table(["data directory", "/healthz", "/readyz", "peak memory", "runs (s)"], body)


def _targets(results: dict) -> list[str]:
    body = [[t["target"], t["measured"], "met" if t["met"] else ("missed" if t["met"] is False else "not measured")]
            for t in evaluate_targets(results)]
    return ["## Targets", ""] + _table(["target", "measured", "status"], body)


def render(results: dict, plot_path: Path | None = None) -> str:
    """The markdown report for ``results`` (as ``bench.runner.run`` collects them)."""
    m = results.get("machine", {})
    opts = results.get("options", {})
    lines = [
        "# Benchmarks", "",
        f"Measured {results.get('started', NA)} (Europe/Stockholm) at commit `{results.get('commit', NA)}` with "
        f"`{opts.get('command', 'rutin bench')}`{' (quick)' if opts.get('quick') else ''}; "
        f"embedding model `{opts.get('model', NA)}`.", "",
        f"Machine: {m.get('cores', NA)} cores ({m.get('cpu', NA)}), {m.get('memory_gib', NA)} GiB, "
        f"Python {m.get('python', NA)}; load average at start {m.get('load_average', NA)}, at the end "
        f"{results.get('load_average_end', NA)} "
        f"(the machine is shared, so timings are noisy). Whole run: {fmt(results.get('total_s'), ' s', 0)}; "
        f"{results.get('questions', NA)} questions, {results.get('messages', NA)} chat messages.", "",
    ]
    lines += _targets(results) + _quality(results) + _latency(results) + _scale(results, plot_path)
    lines += _coldstart(results)
    findings = Path(__file__).with_name("FINDINGS.md")
    if findings.exists():
        lines += [findings.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


def plot(results: dict, plot_path: Path) -> bool:
    """Search p50/p95 and ingest time against corpus size (log axes); False if nothing to draw."""
    rows = [r for r in results.get("scale") or [] if r.get("ok") and r.get("chunks")]
    if not rows:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for model in sorted({r["model"] for r in rows}):
        sub = [r for r in rows if r["model"] == model]
        xs = [r["chunks"] for r in sub]
        left.plot(xs, [get(r, "search", "p50_ms") for r in sub], "o-", label=f"p50 ({model})")
        left.plot(xs, [get(r, "search", "p95_ms") for r in sub], "s--", label=f"p95 ({model})")
        right.plot(xs, [r["ingest_s"] for r in sub], "o-", label=f"measured ({model})")
    dense = [r for r in rows if get(r, "vectors", "floor", "p95_ms")]
    measured_dense = [r for r in rows if r["model"] != "none" and get(r, "search", "p95_ms")]
    if dense:
        left.plot([r["chunks"] for r in dense], [get(r, "vectors", "floor", "p95_ms") for r in dense],
                  "^-.", label="dense floor p95 (vector index alone)")
        # hybrid p95 beyond the measured dense sizes: lexical p95 + dense floor p95 (an upper bound)
        est = measured_dense[-1:] + [r for r in dense if get(r, "search", "p95_ms")]
        left.plot([r["chunks"] for r in est],
                  [get(r, "search", "p95_ms") + (get(r, "vectors", "floor", "p95_ms") or 0)
                   if r["model"] == "none" else get(r, "search", "p95_ms") for r in est],
                  "D:", color="black", label="hybrid p95 (estimated: lexical + dense floor)")
    projected = [r for r in rows if r.get("projected_dense_ingest_s")]
    if projected:
        start = [r for r in rows if r["model"] == projected[0]["dense_model"]][:1]
        right.plot([r["chunks"] for r in start + projected],
                   [r["ingest_s"] for r in start] + [r["projected_dense_ingest_s"] for r in projected],
                   "x:", color="red", markersize=9, label=f"projected ({projected[0]['dense_model']})")
    left.axhline(100, color="grey", linestyle=":", label="target p95 100 ms")
    right.axhline(600, color="grey", linestyle=":", label="target 10 min")
    for ax, title, ylabel in ((left, "Search latency", "ms"), (right, "Full ingest time", "seconds")):
        ax.set_xscale("log")
        ax.set_xlabel("chunks in the knowledge base")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    right.set_yscale("log")
    fig.suptitle(f"rutin scale benchmark, commit {results.get('commit', '?')}", fontsize=10)
    fig.tight_layout()
    plot_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(plot_path, dpi=110)
    plt.close(fig)
    return True


def write(results: dict, report_path: Path, plot_path: Path) -> None:
    """Write the plot (when there is a scale table) and the markdown report."""
    drawn = plot(results, plot_path)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(render(results, plot_path if drawn else None), encoding="utf-8")
