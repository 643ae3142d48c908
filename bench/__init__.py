"""The benchmark suite: retrieval quality, answer latency, ingest scale and cold start.

``rutin bench`` (or ``make bench``) runs :func:`bench.runner.run` and writes
``docs/benchmarks.md`` with ``docs/bench-scale.png``. Stages that measure memory or start-up
run in their own subprocess (:mod:`bench.worker`) so one stage's caches never flatter another.
"""
