"""Small measuring tools shared by the stages: percentiles, timers, memory, disk, machine."""

from __future__ import annotations

import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def percentile(samples: Iterable[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``samples`` by linear interpolation; NaN if empty."""
    data = sorted(samples)
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def summary_ms(samples_s: list[float]) -> dict:
    """p50/p95/mean in milliseconds and the count, from samples in seconds."""
    ms = [s * 1000.0 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else float("nan"),
    }


def time_calls(call: Callable[[str], object], inputs: list[str], *, repeats: int = 1) -> list[float]:
    """Seconds per call of ``call(x)`` for every input, ``repeats`` times over the list."""
    samples: list[float] = []
    for _ in range(repeats):
        for item in inputs:
            start = time.perf_counter()
            call(item)
            samples.append(time.perf_counter() - start)
    return samples


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def dir_size_mib(path: Path) -> float:
    """Bytes on disk under ``path`` in MiB (0 if missing)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return round(total / (1024 * 1024), 2)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git_commit(repo: Path) -> str:
    """``git rev-parse --short HEAD`` of ``repo`` ('unknown' outside git), '+dirty' if changed."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, check=True,
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict:
    """Cores, memory, CPU model and Python of this machine, for the report header."""
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "cpu": platform.processor()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kib = int(handle.readline().split()[1])
            info["memory_gib"] = round(kib / 1024 / 1024, 1)
    except OSError:
        pass
    info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return info


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to a server started with ``start_new_session=True`` and its children; SIGKILL
    if it has not exited after ``timeout`` seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
