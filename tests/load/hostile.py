"""Hostile traffic against a real ``rutin serve`` on loopback: the figures of issue 13's closing
note ("Bounded resources"). A measurement, not a test; it prints the figures.

    python tests/load/hostile.py --data-dir /tmp/h13b-data          # all phases
    python tests/load/hostile.py --data-dir /tmp/h13b-data --phase overload

``--data-dir`` is an ingested data directory (``RUTIN_DATA_DIR`` of an earlier ``rutin serve``):
it is copied, without its conversations, for every server this script starts, so it is never
changed. Without it the bundled documents are ingested first (a minute or so). Every phase
starts its own server on 127.0.0.1 and a free port with the settings it names (defaults
otherwise), waits for /readyz and stops it afterwards. ``--attach URL --pid PID`` runs the
phases against a server already running instead (as it is configured), e.g. to measure a
version without these limits.

Phases:

- ``headers``: the server's RSS (``/proc/PID/status``) before, the peak during and the RSS
  after 16 connections each sent an unfinished header of up to 32 MiB (and keep the
  connection open); then the status of one complete request with a 32 MiB header.
- ``timeouts``: 200 idle connections (nothing sent), 200 slowloris connections (a header
  line every second, never finished) and 200 slow-body connections (a POST announcing 60000
  bytes, then one byte a second): how many the server closed, and when.
- ``overload``: new chat questions (POST /api/v1/chat, no conversation id, no CSRF token:
  the JSON API needs none, server/security.py) at 200 a second for 5 s, open loop (each sent on
  its schedule whatever the answers before it), each on its own connection: latency p50/p95/max
  of all answers and the share of each status. With RUTIN_NEW_CONVERSATIONS_PER_MINUTE=0: all
  questions come from 127.0.0.1, and the per-client limit would otherwise answer most of them
  (429) before admission control is reached.
- ``flood``: 16 clients start new conversations as fast as they are answered for 10 s: the
  statuses and the number of conversation files afterwards; once with the default settings
  (the per-client rate limit), once without the rate limit and with RUTIN_MAX_CONVERSATIONS=100
  (the cap alone).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.measure import free_port, percentile, stop_process_group  # noqa: E402
from bench.workload import BUILTIN_QUESTIONS, RULE_MESSAGES  # noqa: E402

MIB = 1024 * 1024
QUESTIONS = BUILTIN_QUESTIONS + RULE_MESSAGES


# ------------------------------------------------------------------------------- the server

class Server:
    """A ``rutin serve`` subprocess on a copy of the data directory (or an attached one)."""

    def __init__(self, url: str, pid: int, data_dir: Path | None, process=None, work=None):
        self.url, self.pid, self.data_dir = url, pid, data_dir
        self.process, self.work = process, work
        self.host, self.port = url.split("//")[1].split(":")[0], int(url.rsplit(":", 1)[1])

    def rss_mib(self) -> float:
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def conversation_files(self) -> int:
        """The conversations stored (rows of the data directory's database; -1: none)."""
        import sqlite3

        path = self.data_dir / "rutin.sqlite3" if self.data_dir else None
        if path is None or not path.is_file():
            return -1
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM conversations").fetchone()[0]


def _rutin_env(data_dir: Path, settings: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data_dir), "RUTIN_LOG_LEVEL": "WARNING",
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False", "PYTHONPATH": str(REPO)})
    env.update({f"RUTIN_{k.upper()}": str(v) for k, v in settings.items()})
    return env


def _wait_ready(url: str, process, deadline_s: float) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"rutin serve exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise TimeoutError("the server did not become ready")


@contextmanager
def serve(args, settings: dict):
    """A server for one phase: attached, or started on a fresh copy of the data directory."""
    if args.attach:
        data = Path(args.data_dir) if args.data_dir else None
        yield Server(args.attach.rstrip("/"), args.pid, data)
        return
    work = Path(tempfile.mkdtemp(prefix="rutin-hostile-"))
    data = work / "data"
    if args.data_dir:
        shutil.copytree(args.data_dir, data,
                        ignore=shutil.ignore_patterns("conversations", "rutin.lock",
                                                      "rutin.sqlite3*"))
    port = free_port()
    log = open(work / "server.log", "wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "rutin"), "serve", "--host", "127.0.0.1",
         "--port", str(port)], env=_rutin_env(data, settings), stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, 900)
        yield Server(url, process.pid, data, process, work)
    finally:
        stop_process_group(process)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def _status_of(sock: socket.socket) -> int | None:
    """The status of the response waiting on ``sock``, if any."""
    try:
        sock.settimeout(5)
        head = sock.recv(64)
        return int(head.split()[1]) if head.startswith(b"HTTP/") else None
    except (OSError, ValueError, IndexError):
        return None


# ------------------------------------------------------------------------------- phases

def phase_headers(server: Server, connections: int = 16, size: int = 32 * MIB,
                  time_limit_s: float = 180.0) -> dict:
    """RSS before, peak and after ``connections`` unfinished ``size``-byte headers; then the
    status of a complete request with such a header."""
    before = server.rss_mib()
    peak = before
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                peak = max(peak, server.rss_mib())
            except OSError:
                return
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    socks: list[socket.socket] = []
    outcome: Counter = Counter()
    sent_mib: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit_s
    chunk = b"a" * MIB

    def attack() -> None:
        sock = socket.create_connection((server.host, server.port), timeout=30)
        with lock:
            socks.append(sock)
        sent = 0
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ")
            while sent < size and time.monotonic() < deadline:
                sock.sendall(chunk)
                sent += len(chunk)
            result = "sent all, connection open"
        except OSError:
            status = _status_of(sock)
            result = f"closed by the server ({status or 'no answer'})"
        with lock:
            outcome[result] += 1
            sent_mib.append(sent / MIB)

    threads = [threading.Thread(target=attack) for _ in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(1.0)  # held open: what the server keeps
    under = server.rss_mib()
    stop.set()
    sampler.join()
    for sock in socks:
        sock.close()

    complete = None
    try:
        with socket.create_connection((server.host, server.port), timeout=60) as sock:
            try:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ")
                for _ in range(size // MIB):
                    sock.sendall(chunk)
                sock.sendall(b"\r\n\r\n")
            except OSError:
                pass
            complete = _status_of(sock)
    except OSError as exc:
        complete = f"{type(exc).__name__}"
    return {"connections": connections, "header_mib": size / MIB,
            "rss_before_mib": round(before, 1), "rss_peak_mib": round(peak, 1),
            "rss_with_connections_open_mib": round(under, 1),
            "attack_s": round(time.monotonic() - started, 1),
            "mib_sent_per_connection_max": round(max(sent_mib), 2),
            "outcome": dict(outcome), "complete_32mib_header_status": complete}


def phase_timeouts(server: Server, each: int = 200, limit_s: float = 60.0) -> dict:
    """Idle, slowloris and slow-body connections: how many the server closed within
    ``limit_s`` seconds, and when the last one was closed."""
    kinds = ("idle", "slowloris", "slow_body")
    socks: dict[str, list[socket.socket]] = {k: [] for k in kinds}
    for kind in kinds:
        for _ in range(each):
            sock = socket.create_connection((server.host, server.port), timeout=10)
            sock.setblocking(False)
            if kind == "slowloris":
                sock.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            elif kind == "slow_body":
                sock.send(b"POST /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{")
            socks[kind].append(sock)
    started = time.monotonic()
    closed_at: dict[str, list[float]] = {k: [] for k in kinds}
    open_: dict[str, set] = {k: set(range(each)) for k in kinds}
    last_drip = started
    while any(open_.values()) and time.monotonic() - started < limit_s:
        drip = time.monotonic() - last_drip >= 1.0
        if drip:
            last_drip = time.monotonic()
        for kind in kinds:
            for i in list(open_[kind]):
                sock = socks[kind][i]
                try:
                    data = sock.recv(4096)
                    if data == b"":
                        raise ConnectionResetError
                    continue  # an answer (408): the close follows
                except BlockingIOError:
                    pass
                except OSError:
                    open_[kind].discard(i)
                    closed_at[kind].append(time.monotonic() - started)
                    continue
                if drip and kind != "idle":
                    try:
                        sock.send(b"X-a: b\r\n" if kind == "slowloris" else b" ")
                    except OSError:
                        open_[kind].discard(i)
                        closed_at[kind].append(time.monotonic() - started)
        time.sleep(0.05)
    for kind in kinds:
        for sock in socks[kind]:
            sock.close()
    return {kind: {"opened": each, "closed_by_server": len(closed_at[kind]),
                   "last_closed_after_s": round(max(closed_at[kind]), 1) if closed_at[kind]
                   else None}
            for kind in kinds} | {"watched_s": limit_s}


def _open_loop(url: str, path: str, rate: int, seconds: float, messages: list[str] | None,
               health: list | None = None) -> tuple[list, float]:
    """``rate * seconds`` requests to ``path`` (POST of a chat message when ``messages``, else
    GET), each on its own connection at its scheduled time: [(status, latency)], wall time.
    With ``health``, GET /readyz four times a second meanwhile, appended to it likewise."""
    results: list[tuple[int | str, float]] = []

    async def one(client: httpx.AsyncClient, at: float, out: list, message) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        start = time.monotonic()
        try:
            if message is None:
                response = await client.get(path if out is results else "/readyz")
            else:
                response = await client.post(path, json={"message": message})
            out.append((response.status_code, time.monotonic() - start))
        except httpx.HTTPError as exc:
            out.append((type(exc).__name__, time.monotonic() - start))

    async def main() -> float:
        rng = random.Random(1)
        limits = httpx.Limits(max_connections=rate * int(seconds) + 100,
                              max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
            t0 = time.monotonic() + 0.5
            tasks = [asyncio.create_task(one(client, t0 + i / rate, results,
                                             rng.choice(messages) if messages else None))
                     for i in range(int(rate * seconds))]
            if health is not None:
                tasks += [asyncio.create_task(one(client, t0 + i / 4, health, None))
                          for i in range(int(4 * seconds))]
            await asyncio.gather(*tasks)
            return time.monotonic() - t0

    return results, asyncio.run(main())


def phase_overload(server: Server, rate: int = 200, seconds: float = 5.0) -> dict:
    """New chat questions at ``rate`` a second for ``seconds``, open loop, one connection each;
    /readyz probed meanwhile. Then the floor of this machine: GET /healthz (no work, never
    held back) at the same rate, the latency of merely handling that many connections."""
    health: list = []
    results, wall = _open_loop(server.url, "/api/v1/chat", rate, seconds, QUESTIONS, health)
    floor, _ = _open_loop(server.url, "/healthz", rate, seconds, None)
    statuses = Counter(str(s) for s, _ in results)
    latencies = [t for _, t in results]
    ok = [t for s, t in results if s == 200]
    busy = [t for s, t in results if s == 503]
    n = len(results)
    return {"sent": n, "rate_per_s": rate, "seconds": seconds, "wall_s": round(wall, 1),
            "statuses": dict(statuses),
            "share_503": round(statuses.get("503", 0) / n, 3) if n else None,
            "latency_s_all": {"p50": round(percentile(latencies, 50), 3),
                              "p95": round(percentile(latencies, 95), 3),
                              "max": round(max(latencies), 3)},
            "latency_s_200": {"n": len(ok), "p50": round(percentile(ok, 50), 3),
                              "p95": round(percentile(ok, 95), 3),
                              "max": round(max(ok), 3) if ok else None},
            "latency_s_503": {"n": len(busy), "p50": round(percentile(busy, 50), 3),
                              "p95": round(percentile(busy, 95), 3),
                              "max": round(max(busy), 3) if busy else None},
            "readyz_during": {"statuses": dict(Counter(str(s) for s, _ in health)),
                              "p95_s": round(percentile([t for _, t in health], 95), 3)},
            "floor_healthz_same_rate": {
                "statuses": dict(Counter(str(s) for s, _ in floor)),
                "p50_s": round(percentile([t for _, t in floor], 50), 3),
                "p95_s": round(percentile([t for _, t in floor], 95), 3)}}


def phase_flood(server: Server, clients: int = 16, seconds: float = 10.0) -> dict:
    """``clients`` threads start new conversations as fast as they can for ``seconds``."""
    before = server.conversation_files()
    statuses: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=server.url, timeout=60) as client:
            while time.monotonic() < deadline:
                try:
                    status = client.post("/api/v1/chat",
                                         json={"message": rng.choice(QUESTIONS)}).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                with lock:
                    statuses[str(status)] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"clients": clients, "seconds": seconds, "requests": sum(statuses.values()),
            "statuses": dict(statuses), "conversation_files_before": before,
            "conversation_files_after": server.conversation_files()}


# ------------------------------------------------------------------------------- main

PHASES = ("headers", "timeouts", "overload", "flood")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="an ingested RUTIN_DATA_DIR (copied, not changed)")
    parser.add_argument("--phase", choices=PHASES, action="append",
                        help="run only this phase (repeatable); default: all")
    parser.add_argument("--attach", help="URL of a running server to measure instead")
    parser.add_argument("--pid", type=int, help="its process id (for RSS), with --attach")
    args = parser.parse_args(argv)
    if args.attach and not args.pid:
        parser.error("--attach needs --pid")
    if not args.data_dir and not args.attach:
        work = Path(tempfile.mkdtemp(prefix="rutin-hostile-ingest-"))
        print("ingesting the bundled documents into", work, file=sys.stderr)
        subprocess.run([str(Path(sys.executable).parent / "rutin"), "ingest"],
                       env=_rutin_env(work, {}), check=True, cwd=REPO)
        args.data_dir = str(work)
    report: dict = {}
    for phase in args.phase or PHASES:
        print(f"phase {phase} ...", file=sys.stderr, flush=True)
        if phase == "headers":
            with serve(args, {}) as server:
                report["headers"] = phase_headers(server)
        elif phase == "timeouts":
            with serve(args, {}) as server:
                report["timeouts"] = phase_timeouts(server)
        elif phase == "overload":
            with serve(args, {"new_conversations_per_minute": 0}) as server:
                report["overload"] = phase_overload(server)
        elif phase == "flood":
            with serve(args, {}) as server:
                report["flood_default_settings"] = phase_flood(server)
            if not args.attach:
                with serve(args, {"new_conversations_per_minute": 0,
                                  "max_conversations": 100}) as server:
                    report["flood_no_rate_limit_cap_100"] = phase_flood(server)
        print(json.dumps({phase: {k: v for k, v in report.items() if k.startswith(phase)}},
                         ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
