"""Run one benchmark stage in this process: ``python -m bench.worker STAGE IN.json OUT.json``.

The runner starts each stage here, in its own process, so that its peak memory, caches and
start-up are its own. The result (or the error) is written to OUT.json.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path


def _stage(name: str):
    from bench import coldstart, latency, quality, scale

    return {
        "quality": quality.run,
        "inprocess": latency.run_inprocess,
        "http": latency.run_http,
        "coldstart": coldstart.run,
        "scale": scale.run,
    }[name]


def main(argv: list[str]) -> int:
    name, in_path, out_path = argv
    params = json.loads(Path(in_path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    try:
        result = {"ok": True, **_stage(name)(params)}
    except Exception as exc:  # reported in the benchmark table, not hidden
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}",
                  "traceback": traceback.format_exc()}
    result["stage_s"] = round(time.perf_counter() - start, 2)
    Path(out_path).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
