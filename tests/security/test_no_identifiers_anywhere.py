"""Issue "Patient identifiers": many valid personnummer and samordningsnummer, in every format,
sent through every entry point (chat API, chat form, widget form, search, visit API with valid
and invalid variants, even as a conversation id or a document id); afterwards no file under the
data directory, no log line and no response holds one."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest

from .identifiers import Identifier, make_identifiers

TODAY = date.today()
IDENTIFIERS = make_identifiers(40, seed=85)
TOKEN_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _bad_checksum(spelling: str) -> str:
    return spelling[:-1] + str((int(spelling[-1]) + 1) % 10)


def _leaks(blob: bytes, identifiers: list[Identifier]) -> list[str]:
    found = []
    for ident in identifiers:
        # The number with or without century, with any separator or none.
        pattern = re.compile(rb"(?:" + ident.twelve[:2].encode() + rb")?"
                             + ident.ten[:6].encode() + rb"[^0-9]{0,3}" + ident.ten[6:].encode())
        if pattern.search(blob):
            found.append(ident.ten)
    return found


def _files_with_leaks(root: Path, identifiers: list[Identifier]) -> dict[str, list[str]]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            leaks = _leaks(path.read_bytes(), identifiers)
            if leaks:
                out[str(path.relative_to(root))] = leaks
    return out


def _form_token(client, path: str) -> str:
    match = TOKEN_RE.search(client.get(path).text)
    assert match, f"{path} has no form token"
    return match.group(1)


@pytest.mark.slow
def test_no_identifier_survives_in_data_files_logs_or_responses(make_client, tmp_path, caplog):
    data_dir = tmp_path / "data"
    responses: list[bytes] = []
    caplog.set_level(logging.DEBUG)
    with make_client(embedding_model="minilm") as client:
        assert client.get("/readyz").status_code == 200
        baseline = _files_with_leaks(data_dir, IDENTIFIERS)
        assert baseline == {}, "a generated identifier already occurs in the documents"
        chat_token = _form_token(client, "/")
        widget_token = _form_token(client, "/widget")

        def keep(response):
            assert response.status_code < 500, (response.status_code, response.text[:300])
            responses.append(response.content)
            return response

        for n, ident in enumerate(IDENTIFIERS):
            for spelling in ident.spellings(TODAY):
                # Chat API: a first message, then a follow-up in the same conversation.
                first = keep(client.post("/api/v1/chat", json={
                    "message": f"Hur registrerar jag ett hembesök för {spelling} efter utskrivning?"}))
                conversation = first.json().get("conversation_id")
                keep(client.post("/api/v1/chat", json={
                    "message": f"Patienten har personnummer {spelling} och bor på säbo.",
                    "conversation_id": conversation}))
                # Search box and the visit API, valid and invalid.
                keep(client.get("/api/v1/search", params={"q": f"avgift {spelling}"}))
                keep(client.post("/api/v1/visit", json={"personnummer": spelling,
                                                        "occasion": "utskrivning"}))
                keep(client.post("/api/v1/visit", json={"personnummer": _bad_checksum(spelling)}))
                keep(client.post("/api/v1/visit", json={"personnummer": spelling,
                                                        "patient_age": 200}))
                keep(client.post("/api/v1/visit", json={"personnummer": spelling,
                                                        "birth_date": "1900-01-01"}))
                keep(client.post("/api/v1/visit", json={"personnummer": spelling,
                                                        "visit_date": spelling}))
            spelling = ident.spellings(TODAY)[n % 5]
            # The forms of the chat page and the widget (with their CSRF tokens).
            keep(client.post("/", data={"message": f"Vad betalar {spelling}?",
                                        "csrf_token": chat_token}))
            keep(client.post("/widget", data={"message": f"Avgift för {spelling} på säbo?",
                                              "csrf_token": widget_token}))
            keep(client.post("/", data={"message": f"Och {spelling}?", "csrf_token": chat_token,
                                        "conversation_id": "x" * 32}))
            # Refused forms re-show the question: a bad conversation id, an overlong message.
            keep(client.post("/", data={"message": f"Patient {spelling}", "csrf_token": chat_token,
                                        "conversation_id": "../../etc/passwd"}))
            keep(client.post("/widget", data={"message": f"{spelling} " + "hemsjukvård " * 500,
                                              "csrf_token": widget_token}))
            # Identifiers where ids go, and in malformed bodies.
            keep(client.post("/api/v1/chat", json={"message": "Hej", "conversation_id": spelling}))
            keep(client.get(f"/documents/{ident.twelve}"))
            keep(client.get("/documents", params={"organization": spelling}))
            keep(client.get("/documents/rh-hemsjukvardsbesok-cosmic",
                            params={"highlight": spelling}))
            keep(client.get(f"/documents/{ident.ten[:6]}-{ident.ten[6:]}"))
            keep(client.post("/api/v1/visit", content=f'{{"personnummer": "{spelling}"',
                             headers={"content-type": "application/json"}))
            keep(client.post("/api/v1/visit", json={"personnummer": int(ident.twelve)}))
            keep(client.post("/api/v1/chat", json={"message": spelling * 500}))
            keep(client.get("/api/v1/search", params={"q": spelling, "k": spelling}))

    in_files = _files_with_leaks(data_dir, IDENTIFIERS)
    in_logs = _leaks(caplog.text.encode(), IDENTIFIERS)
    in_responses = sorted({leak for body in responses for leak in _leaks(body, IDENTIFIERS)})
    sent = len(IDENTIFIERS) * (5 * 8 + 14)
    print(f"requests: {sent}, identifiers: {len(IDENTIFIERS)} x 5 spellings, "
          f"found in files: {len(in_files)}, logs: {len(in_logs)}, responses: {len(in_responses)}")
    assert in_files == {}
    assert in_logs == []
    assert in_responses == []
