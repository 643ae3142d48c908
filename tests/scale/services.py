"""Real services for the scale tests, on 127.0.0.1 and free ports: ``chroma run``, ``rutin
serve``, Debian's nginx with deploy/nginx/rutin.conf. Each start waits on the condition it
needs (a health URL answering) with a generous deadline; each stop is by the process's own id."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from rutin.config import PROJECT_ROOT

BIN = Path(sys.executable).parent
CHROMA = str(BIN / "chroma")
RUTIN = str(BIN / "rutin")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = PROJECT_ROOT / "deploy"


def free_port() -> int:
    from bench.measure import free_port as port

    return port()


def wait_for(condition: Callable[[], object], what: str, timeout: float = 300,
             procs: tuple[subprocess.Popen, ...] = ()) -> object:
    """Call ``condition`` until it returns something true (returned) or ``timeout`` seconds
    pass (then TimeoutError naming ``what``); a process of ``procs`` that exits fails at once."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        for proc in procs:
            assert proc.poll() is None, f"{proc.args[0]} exited with {proc.returncode}: {what}"
        try:
            result = condition()
            if result:
                return result
        except (httpx.TransportError, httpx.HTTPStatusError, ValueError, KeyError) as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{what} (last error: {last!r})")


def wait_url(url: str, proc: subprocess.Popen | None = None, timeout: float = 300) -> httpx.Response:
    """The first 200 answer of ``url``."""
    def ok():
        response = httpx.get(url, timeout=10)
        return response if response.status_code == 200 else None
    return wait_for(ok, f"{url} answers 200", timeout, (proc,) if proc else ())


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM, then SIGKILL after ``timeout`` seconds; by the process's own id."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def start_chroma(path: Path, port: int | None = None) -> tuple[subprocess.Popen, int]:
    """``chroma run`` on 127.0.0.1 (telemetry off), ready; (process, port)."""
    port = port or free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([CHROMA, "run", "--path", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_url(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, timeout=120)
    except BaseException:
        stop(proc)
        raise
    return proc, port


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of a systemd EnvironmentFile (comments and blanks skipped)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def rutin_env(settings: dict[str, str]) -> dict[str, str]:
    """This process's environment without RUTIN_* settings, plus ``settings``, offline."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    return {**base, **settings, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False"}


def start_rutin(settings: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    """``rutin <args>`` (default ``serve``) with ``settings``; output to ``log``."""
    handle = open(log, "ab")
    return subprocess.Popen([RUTIN, *(args or ("serve",))], env=rutin_env(settings),
                            stdout=handle, stderr=subprocess.STDOUT)


def nginx_config(prefix: Path, port: int, upstreams: list[int]) -> Path:
    """A main nginx.conf under ``prefix`` for this user (daemon off, pid file and temp paths in
    ``prefix``) that includes deploy/nginx/rutin.conf with its listen port and upstream
    servers replaced by ``port`` and ``upstreams``."""
    site = (DEPLOY / "nginx" / "rutin.conf").read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in upstreams)
    start = site.index("    # BEGIN instances")
    end = site.index("    # END instances")
    site = site[:start] + servers + site[end:]
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / f"{name}_temp").mkdir(parents=True, exist_ok=True)
    (prefix / "rutin.conf").write_text(site, encoding="utf-8")
    user = "user root root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body_temp;
    proxy_temp_path {prefix}/proxy_temp;
    fastcgi_temp_path {prefix}/fastcgi_temp;
    uwsgi_temp_path {prefix}/uwsgi_temp;
    scgi_temp_path {prefix}/scgi_temp;
    include {prefix}/rutin.conf;
}}
"""
    path = prefix / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


def need_nginx() -> None:
    """Skip when nginx is absent, except on CI (CI set), where that fails."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (make nginx)")
        pytest.skip("nginx is not installed (make nginx installs it)")


def start_nginx(prefix: Path, upstreams: list[int]) -> tuple[subprocess.Popen, int]:
    """nginx in the foreground with ``nginx_config``; (process, port) once it proxies."""
    port = free_port()
    config = nginx_config(prefix, port, upstreams)
    subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(config)], check=True,
                   capture_output=True)
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_url(f"http://127.0.0.1:{port}/healthz", proc, timeout=60)
    except BaseException:
        stop(proc)
        raise
    return proc, port
