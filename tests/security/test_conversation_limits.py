"""Issue 13, "Conversation files grow without bound": a per-client rate of new conversations
(429 with Retry-After), a cap on stored conversations, expiry by a background sweep, and a
conversation file of the wrong shape treated as an unknown conversation. The real app."""

from __future__ import annotations

import json
import re
import secrets
import time

import pytest

from tests.services.storage import conversation_ids, data_dir_database, write_conversation

QUESTION = {"message": "Vad kostar ett hembesök av läkare?"}
TOKEN_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _files(data_dir) -> set[str]:
    """The ids of the conversations stored (in the data directory's database)."""
    db = data_dir_database(data_dir)
    try:
        return conversation_ids(db)
    finally:
        db.dispose()


def _wait_until(condition, what: str, deadline_s: float = 60.0) -> None:
    deadline = time.monotonic() + deadline_s
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.05)


def test_a_client_past_its_rate_of_new_conversations_gets_429_with_retry_after(make_client):
    with make_client(new_conversations_per_minute=2) as client:
        first = client.post("/api/v1/chat", json=QUESTION)
        second = client.post("/api/v1/chat", json=QUESTION)
        third = client.post("/api/v1/chat", json=QUESTION)
        follow_up = client.post("/api/v1/chat", json={
            "message": "Patienten är 88 år.", "conversation_id": first.json()["conversation_id"]})
    assert first.status_code == second.status_code == 200
    assert third.status_code == 429
    assert int(third.headers["retry-after"]) >= 1
    body = third.json()
    assert "För många nya samtal" in body["error"]
    assert body["detail"][0]["field"] == "conversation_id"
    # continuing a conversation is not a new one
    assert follow_up.status_code == 200


def test_the_chat_page_past_the_rate_gets_the_swedish_page_with_429(make_client):
    with make_client(new_conversations_per_minute=1) as client:
        token = TOKEN_RE.search(client.get("/").text).group(1)
        ok = client.post("/", data={**QUESTION, "csrf_token": token})
        refused = client.post("/", data={**QUESTION, "csrf_token": token})
    assert ok.status_code == 200
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("text/html")
    assert int(refused.headers["retry-after"]) >= 1
    assert "För många nya samtal" in refused.text


def test_no_rate_limit_when_the_setting_is_zero(make_client):
    with make_client(new_conversations_per_minute=0) as client:
        statuses = {client.post("/api/v1/chat", json=QUESTION).status_code for _ in range(40)}
    assert statuses == {200}


def test_stored_conversations_never_pass_the_cap_and_the_oldest_goes_first(make_client, tmp_path):
    data_dir = tmp_path / "data"
    with make_client(max_conversations=3, new_conversations_per_minute=0) as client:
        ids = [client.post("/api/v1/chat", json=QUESTION).json()["conversation_id"]
               for _ in range(6)]
        assert _files(data_dir) == set(ids[-3:])
        again = client.post("/api/v1/chat", json={"message": "Patienten är 88 år.",
                                                  "conversation_id": ids[0]})
    assert again.status_code == 200
    assert again.json()["conversation_id"] != ids[0]  # forgotten: a new conversation


@pytest.mark.parametrize("shape", [[], {"facts": []}, {"facts": {"visit_date": "i går"}},
                                   {"turns": "många", "updated": 1e18}, "text"])
def test_a_follow_up_to_a_stored_conversation_of_the_wrong_shape_starts_anew_and_removes_it(
        make_client, tmp_path, shape):
    data_dir = tmp_path / "data"
    with make_client(conversation_sweep_seconds=3600) as client:
        bad = secrets.token_urlsafe(24)
        db = data_dir_database(data_dir)
        write_conversation(db, bad, shape, time.time())
        responses = [client.post("/api/v1/chat", json={"message": "Patienten är 88 år.",
                                                       "conversation_id": bad})
                     for _ in range(2)]
        db.dispose()
    assert [r.status_code for r in responses] == [200, 200]
    assert responses[0].json()["conversation_id"] != bad
    assert bad not in _files(data_dir)


def test_the_background_sweep_removes_expired_conversations_without_a_request(
        make_client, tmp_path):
    data_dir = tmp_path / "data"
    expired, alive = (secrets.token_urlsafe(24) for _ in range(2))
    now = time.time()
    stored = {"facts": {}, "language": "sv", "turns": 1, "created": now}
    with make_client(conversation_ttl_seconds=3600, conversation_sweep_seconds=0.2):
        db = data_dir_database(data_dir)
        write_conversation(db, expired, {**stored, "updated": now - 7200}, now - 7200)
        write_conversation(db, alive, {**stored, "updated": now}, now, touched=2)
        # no request is made: only the background task can remove it
        _wait_until(lambda: _files(data_dir) == {alive}, "the sweep")
        # and it keeps running: one that expires later goes too
        late = secrets.token_urlsafe(24)
        write_conversation(db, late, {**stored, "updated": now - 7200}, now - 7200, touched=3)
        _wait_until(lambda: late not in _files(data_dir), "a second sweep")
        db.dispose()
    assert _files(data_dir) == {alive}


def test_the_rate_message_is_in_the_questions_language_and_counts_one_second_right(make_client):
    # walk-throughs, stop 29: "Försök igen om 1 sekunder" answered English questions too
    with make_client(new_conversations_per_minute=1) as client:
        client.post("/api/v1/chat", json={"message": "who decides on enrolment in home care?"})
        refused = client.post("/api/v1/chat",
                              json={"message": "who decides on enrolment in home care?"})
    assert refused.status_code == 429
    assert refused.json()["error"].startswith("Too many new conversations")
    assert "seconds" in refused.json()["error"]
    with make_client(new_conversations_per_minute=60) as client:
        # one token a second: the first refusal asks for exactly one second
        for _ in range(200):
            r = client.post("/api/v1/chat", json={"message": "Vem beslutar om anslutning?"})
            if r.status_code == 429:
                break
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert "Försök igen om 1 sekund," in r.json()["error"]
