"""The administration pages over a copy of the bundled documents in a tmp data directory."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rutin.config import PROJECT_ROOT, Settings
from server.app import create_app

TOKEN = "admin-test-token-0123456789"
ROUTINE = """# Rutin för nyckelhantering i hemsjukvården

Gäller från: 2026-01-15

## Förvaring

Nycklar till patientens bostad förvaras i ett låst nyckelskåp på enheten. Varje nyckel har en
kodbricka utan namn eller adress.

## Utlämning

Sjuksköterskan kvitterar ut nyckeln i nyckelliggaren före besöket och lämnar tillbaka den samma
dag. En förlorad nyckel anmäls till enhetschefen direkt.
"""


@pytest.fixture
def documents(tmp_path) -> Path:
    target = tmp_path / "documents"
    shutil.copytree(PROJECT_ROOT / "documents", target)
    return target


@pytest.fixture
def admin_client(tmp_path, documents):
    """``admin_client(**settings)``: a TestClient of the real app with the admin token set."""

    @contextmanager
    def factory(**overrides):
        values = {"data_dir": tmp_path / "data", "documents_dir": documents,
                  "embedding_model": "none", "new_conversations_per_minute": 0,
                  "admin_token": TOKEN, **overrides}
        app = create_app(Settings(**values), load_in_background=False)
        with TestClient(app, follow_redirects=False) as client:
            yield client

    return factory


def csrf(client, path: str = "/admin/logga-in") -> str:
    """The CSRF token of a form on ``path`` (the cookie comes with the page)."""
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def sign_in(client) -> None:
    response = client.post("/admin/logga-in", data={"token": TOKEN, "csrf_token": csrf(client)})
    assert response.status_code == 303, response.text[:500]


def upload(client, filename: str, data: bytes, replace: str | None = None):
    """Upload through the form: the preview page's response."""
    token = csrf(client, "/admin/publicera")
    fields = {"csrf_token": token}
    if replace:
        fields["ersatt"] = replace
    return client.post("/admin/forhandsgranska", data=fields,
                       files={"file": (filename, data, "application/octet-stream")})


def form_values(html: str) -> dict:
    """The named inputs (and selected options) of the publish form on a preview page."""
    form = html[html.index('action="/admin/publicera"'):]
    form = form[:form.index("</form>")]
    values = dict(re.findall(r'<input type="(?:hidden|text|date)"[^>]*?name="([^"]+)" '
                             r'value="([^"]*)"', form))
    values.update(re.findall(r'<input type="(?:text|date)" id="f-[a-z_]+" name="([^"]+)" '
                             r'value="([^"]*)"', form))
    kind = re.search(r'<option value="([a-z]+)" selected>', form)
    if kind:
        values["kind"] = kind.group(1)
    import html as _html

    return {k: _html.unescape(v) for k, v in values.items()}


def chat(client, message: str, conversation_id: str | None = None) -> dict:
    """One chat message through the API (in a conversation when given): the JSON answer."""
    body = {"message": message}
    if conversation_id is not None:
        body["conversation_id"] = conversation_id
    response = client.post("/api/v1/chat", json=body)
    assert response.status_code == 200, response.text[:1000]
    return response.json()


def publish(client, filename: str, data: bytes, replace: str | None = None, **fields):
    """Upload, take the pre-filled fields, override some, publish: the last response."""
    preview = upload(client, filename, data, replace)
    assert preview.status_code == 200, preview.text[:2000]
    values = form_values(preview.text) | {k: v for k, v in fields.items()}
    values["action"] = "publish"
    return client.post("/admin/publicera", data=values)


@pytest.fixture
def make_client_plain(tmp_path, documents):
    """A TestClient of the real app with no admin setting at all."""

    @contextmanager
    def factory(**overrides):
        values = {"data_dir": tmp_path / "data", "documents_dir": documents,
                  "embedding_model": "none", **overrides}
        with TestClient(create_app(Settings(**values), load_in_background=False),
                        follow_redirects=False) as client:
            yield client

    return factory
