"""A real uvicorn server (thread, free port, tmp data dir) and Debian's chromium via Playwright.

Browser tests are marked ``browser``; they need /usr/bin/chromium (``make browser`` installs it).
A second tiny HTTP server on another port plays the intranet page that embeds the widget.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from rutin.config import Settings
from server.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path("/tmp/rutin-screenshots")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(app) -> Iterator[str]:
    """``app`` under uvicorn in a thread on a free port of 127.0.0.1, once /readyz answers 200
    (a generous deadline, not a sleep); stopped on leaving. Yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    else:
        server.should_exit = True
        pytest.fail("the server did not become ready")
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def host_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory, host_port):
    """The app under uvicorn on 127.0.0.1; the intranet page's origin may frame the widget."""
    documents = Path(__file__).resolve().parents[2] / "documents"
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), documents_dir=documents,
                        widget_allowed_origins=[f"http://127.0.0.1:{host_port}"],
                        new_conversations_per_minute=0)  # every test asks from 127.0.0.1
    with serve_app(create_app(settings, load_in_background=False)) as url:
        yield url


@pytest.fixture(scope="session")
def intranet_url(tmp_path_factory, server_url, host_port):
    """An 'intranet page' on another origin that embeds the widget with the README snippet."""
    root = tmp_path_factory.mktemp("intranet")
    (root / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Intranätet</title>'
        '</head><body><main><h1>Vårdcentralens intranät</h1>'
        f'<script src="{server_url}/widget.js" async></script></main></body></html>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{host_port}/index.html"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is missing: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE",
                                  java_script_enabled=False)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under /tmp/rutin-screenshots for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
