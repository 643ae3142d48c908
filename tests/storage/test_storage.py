"""Issue 14, item 1: one storage layer (rutin/db) for conversations, feedback, the
unanswered-questions report and the audit log. Every test here runs on SQLite (the default,
a file in the data directory) and on PostgreSQL (RUTIN_DATABASE_URL; a throwaway cluster from
tests/services/postgres.py); the app ones through the real app."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from rutin.config import PROJECT_ROOT, Settings
from rutin.db import Database
from rutin.db.schema import audit as audit_table
from server.app import create_app
from server.feedback import FeedbackStore
from server.report import AuditLog, UnansweredStore, build_report
from tests.services.storage import age_conversation, all_text, conversation_ids

TOKEN = "owner-token-for-tests"
AUTH = {"authorization": f"Bearer {TOKEN}"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SAMTAL = re.compile(r"/samtal/([A-Za-z0-9_-]{32})")
PNR = "19380201-1233"
VISIT = "Hur registrerar jag ett hembesök efter utskrivning på säbo?"


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    yield database
    database.dispose()


def _app(tmp_path, database_url: str, name: str = "a", **overrides) -> TestClient:
    settings = Settings(data_dir=tmp_path / f"data-{name}", database_url=database_url,
                        documents_dir=PROJECT_ROOT / "documents", embedding_model="none",
                        admin_token=TOKEN, new_conversations_per_minute=0, **overrides)
    return TestClient(create_app(settings, load_in_background=False))


# --------------------------------------------------------------------------- migrations

def _head_revision() -> str:
    """The newest migration shipped in rutin/db/migrations (one head, never two)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from rutin.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, heads
    return heads[0]


def test_migrations_build_the_schema_on_an_empty_database_and_run_again_harmlessly(
        database_url):
    first = Database(database_url)
    second = Database(database_url)  # a second instance starting on the migrated database
    try:
        tables = set(inspect(first.engine).get_table_names())
        with first.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert {"conversations", "feedback", "unanswered", "audit", "alembic_version"} <= tables
        assert version == _head_revision()
        assert first.ping() is None and second.ping() is None
    finally:
        first.dispose()
        second.dispose()


# --------------------------------------------------------------------------- stores

def test_a_changed_vote_replaces_the_earlier_one(db):
    now = [1_800_000_000.0]
    store = FeedbackStore(db, clock=lambda: now[0])
    store.add("k1", "helpful", "", "vad är ett brytpunktssamtal?", "search", [])
    now[0] += 10
    store.add("k1", "not_helpful", "för kort", "vad är ett brytpunktssamtal?", "search",
              [{"document_id": "d", "anchor": "a"}])
    store.add("k2", "helpful", "", "annan fråga", "search", [])
    votes = store.all()
    assert [(f.key, f.rating) for f in votes] == [("k1", "not_helpful"), ("k2", "helpful")]
    assert votes[0].reason == "för kort" and votes[0].citations == (("d", "a"),)


def test_feedback_and_report_entries_past_the_retention_are_deleted_the_audit_log_is_not(db):
    now = [1_800_000_000.0]
    feedback = FeedbackStore(db, clock=lambda: now[0], retention_days=30)
    unanswered = UnansweredStore(db, retention_days=30, clock=lambda: now[0])
    audit = AuditLog(db, clock=lambda: now[0])
    feedback.add("old", "not_helpful", "", "gammal", "search", [])
    unanswered.add("gammal fråga", None, "sv", [])
    audit.record("export_unanswered", "admin-token", format="csv")
    now[0] += 31 * 86400
    feedback.add("new", "helpful", "", "ny", "search", [])
    unanswered.add("ny fråga", "Region Halland", "sv", [{"document_id": "d", "anchor": "a"}])
    assert feedback.purge() == 1 and unanswered.purge() == 1
    assert [f.key for f in feedback.all()] == ["new"]
    assert [(u.question, u.organization, u.passages) for u in unanswered.all()] == [
        ("ny fråga", "Region Halland", (("d", "a"),))]
    assert len(audit.entries()) == 1


def test_unanswered_questions_and_not_helpful_answers_are_grouped_from_the_database(db):
    feedback = FeedbackStore(db)
    unanswered = UnansweredStore(db, retention_days=30)
    unanswered.add("Vad är telefonnumret till Hallandsjouren?", "Region Halland", "sv", [])
    unanswered.add("vad är telefonnumret till hallandsjouren", "Region Halland", "sv", [])
    feedback.add("k", "not_helpful", "saknar numret", "telefonnumret till hallandsjouren?",
                 "search", [])
    groups = build_report(unanswered.all(), feedback.all())
    assert len(groups) == 1
    assert groups[0].count == 3 and groups[0].source == "no_answer+not_helpful"
    assert groups[0].organizations == {"Region Halland": 2}


def test_the_audit_log_is_append_only_even_to_sql_in_the_database(db):
    now = [1_800_000_000.0]
    audit = AuditLog(db, clock=lambda: now[0])
    audit.record("reingest", "admin-token")
    now[0] += 1
    audit.record("export_unanswered", f"admin {PNR}", format="csv", note=f"pnr {PNR}")
    entries = audit.entries()
    assert [e["action"] for e in entries] == ["export_unanswered", "reingest"]
    assert entries[0]["detail"] == {"format": "csv", "note": "pnr [personnummer]"}
    for statement in ("DELETE FROM audit", "UPDATE audit SET action = 'x'"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.begin() as conn:
                conn.execute(text(statement))
    with db.connect() as conn:
        assert len(conn.execute(select(audit_table)).all()) == 2
    assert "380201" not in all_text(db)


def test_no_store_keeps_a_personnummer_in_the_database(db):
    FeedbackStore(db).add("k", "not_helpful", f"fel för {PNR}", f"pnr {PNR}", "rule", [])
    UnansweredStore(db, retention_days=30).add(f"vad gäller för {PNR}?", PNR, "sv", [])
    AuditLog(db).record("read_feedback", PNR, rating=PNR)
    stored = all_text(db)
    assert "380201" not in stored and "[personnummer]" in stored


# --------------------------------------------------------------------------- the app

def _chat(client, message, conversation_id=None):
    body = {"message": message}
    if conversation_id:
        body["conversation_id"] = conversation_id
    r = client.post("/api/v1/chat", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_conversation_continues_on_another_instance_with_its_own_data_directory(
        tmp_path, database_url):
    # SQLite: two processes of one machine on one file; PostgreSQL: any two machines
    with _app(tmp_path, database_url, "a") as one, _app(tmp_path, database_url, "b") as two:
        first = _chat(one, VISIT)
        assert first["question"] == "Hur gammal är patienten?"
        second = _chat(two, "Patienten är 90 år.", first["conversation_id"])
    assert second["conversation_id"] == first["conversation_id"]
    # the facts of the first message, kept by the database, answered with the second's
    assert second["facts"]["occasion"] == "utskrivning" and second["facts"]["patient_age"] == 90


def test_the_app_continues_expires_and_caps_conversations_in_the_database(
        tmp_path, database_url):
    with _app(tmp_path, database_url, max_conversations=2) as client:
        db = client.app.state.rutin.database
        first = _chat(client, VISIT)
        follow = _chat(client, "Patienten är 90 år.", first["conversation_id"])
        assert follow["conversation_id"] == first["conversation_id"]
        assert follow["facts"]["patient_age"] == 90 and follow["facts"]["occasion"]
        # expired (its last message ten days ago): a follow-up starts afresh
        age_conversation(db, first["conversation_id"], 10 * 24 * 3600)
        afresh = _chat(client, "Patienten är 90 år.", first["conversation_id"])
        assert afresh["conversation_id"] != first["conversation_id"]
        # the cap: three more conversations, the two most recent are kept
        ids = [_chat(client, "Vad är ett brytpunktssamtal?")["conversation_id"]
               for _ in range(3)]
        assert conversation_ids(db) == set(ids[-2:])


def test_a_vote_changed_on_the_page_counts_once_with_the_latest_rating(tmp_path, database_url):
    with _app(tmp_path, database_url) as client:
        token = CSRF.search(client.get("/").text).group(1)
        r = client.post("/", data={"message": f"vad är ett brytpunktssamtal? {PNR}",
                                   "csrf_token": token}, follow_redirects=False)
        conversation_id = SAMTAL.search(r.headers["location"]).group(1)
        page = client.get(f"/samtal/{conversation_id}").text
        token = CSRF.search(page).group(1)
        for rating, reason in (("helpful", ""), ("not_helpful", f"för kort {PNR}")):
            r = client.post(f"/samtal/{conversation_id}/svar/1/omdome",
                            data={"rating": rating, "reason": reason, "csrf_token": token},
                            follow_redirects=False)
            assert r.status_code == 303
        body = client.get("/admin/feedback", headers=AUTH).json()
        report = client.get("/admin/report/unanswered", headers=AUTH).json()
        audit = client.get("/admin/audit", headers=AUTH).json()["entries"]
        stored = all_text(client.app.state.rutin.database)
    assert body["count"] == 1 and body["not_helpful"] == 1 and body["helpful"] == 0
    assert body["feedback"][0]["reason"] == "för kort [personnummer]"
    assert any("brytpunktssamtal" in g["question"] for g in report["groups"])
    assert [e["action"] for e in audit[:2]] == ["export_unanswered", "read_feedback"]
    assert "380201" not in stored


def test_readyz_names_the_database_in_use(tmp_path, database_url):
    with _app(tmp_path, database_url) as client:
        storage = client.get("/readyz").json()["storage"]
    assert storage == {"writable": True, "error": None,
                       "database": "sqlite" if database_url.startswith("sqlite")
                       else "postgresql"}


def test_the_files_of_an_older_data_directory_are_imported_once_on_the_first_start(
        tmp_path, database_url):
    import json
    import secrets
    import time

    data = tmp_path / "data-a"
    now = time.time()
    conversation_id = secrets.token_urlsafe(24)
    (data / "conversations").mkdir(parents=True)
    (data / "conversations" / f"{conversation_id}.json").write_text(json.dumps({
        "facts": {"occasion": "utskrivning", "setting": "sabo", "municipal_home_care": True,
                  "remote": False}, "language": "sv", "last_kind": "visit",
        "pending": "patient_age", "turns": 1, "created": now, "updated": now}))
    (data / "conversations" / f"{secrets.token_urlsafe(24)}.json").write_text("[]")  # junk
    (data / "feedback").mkdir()
    (data / "feedback" / "feedback.jsonl").write_text("\n".join(json.dumps(r) for r in (
        {"key": "k1", "at": now - 5, "rating": "helpful", "question": "gammal fråga",
         "kind": "search", "citations": []},
        {"key": "k1", "at": now - 4, "rating": "not_helpful", "reason": "ändrat omdöme",
         "question": "gammal fråga", "kind": "search", "citations": [["d", "a"]]})) + "\n{torn")
    (data / "report").mkdir()
    (data / "report" / "unanswered.jsonl").write_text(json.dumps(
        {"at": now - 3, "question": "Vad är telefonnumret till Hallandsjouren?",
         "organization": "Region Halland", "language": "sv", "passages": []}) + "\n")
    (data / "audit").mkdir()
    (data / "audit" / "audit.jsonl").write_text(json.dumps(
        {"at": now - 2, "action": "reingest", "who": "admin-token", "detail": {}}) + "\n")
    with _app(tmp_path, database_url) as client:
        follow = _chat(client, "Patienten är 90 år.", conversation_id)
        votes = client.get("/admin/feedback", headers=AUTH).json()
        report = client.get("/admin/report/unanswered", headers=AUTH).json()
        audit = client.get("/admin/audit", headers=AUTH).json()["entries"]
    with _app(tmp_path, database_url) as client:  # a second start imports nothing again
        audit_again = client.get("/admin/audit", headers=AUTH).json()["entries"]
    assert follow["conversation_id"] == conversation_id
    assert follow["facts"]["occasion"] == "utskrivning" and follow["facts"]["patient_age"] == 90
    assert votes["count"] == 1 and votes["feedback"][0]["reason"] == "ändrat omdöme"
    assert any("telefonnumret" in g["question"] for g in report["groups"])
    assert "reingest" in [e["action"] for e in audit]
    assert [e["action"] for e in audit_again].count("reingest") == 1
    assert (data / "conversations.imported").is_dir() and not (data / "conversations").exists()
    assert (data / "audit" / "audit.jsonl.imported").is_file()
