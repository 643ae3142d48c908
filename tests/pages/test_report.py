"""What users could not find (issue 12, item 5): the questions answered no_answer and the
answers marked not helpful, masked, grouped, counted per week and organization, as JSON, CSV
and from the command line; deleted after the retention."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rutin.config import PROJECT_ROOT, Settings
from server.app import create_app
from server.report import UnansweredStore, build_report
from sqlalchemy import func, select

from rutin.db.schema import audit as audit_table
from tests.services.storage import all_text, data_dir_database

TOKEN = "owner-token-for-tests"
AUTH = {"authorization": f"Bearer {TOKEN}"}
RUTIN = str(Path(sys.executable).parent / "rutin")


@pytest.fixture(scope="module")
def owner(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    settings = Settings(data_dir=data, documents_dir=PROJECT_ROOT / "documents",
                        admin_token=TOKEN, new_conversations_per_minute=0)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        for message in ("Vad är telefonnumret till Hallandsjouren?",
                        "vad är telefonnumret till hallandsjouren",
                        "Hur söker jag semester i Heroma? pnr 19380201-1233"):
            body = client.post("/api/v1/chat", json={"message": message}).json()
            assert body["kind"] == "no_answer", (message, body["kind"])
        client.post("/api/v1/chat", json={"message": "Vem beslutar om anslutning till "
                                                     "hemsjukvården?",
                                          "organization": "Region Skåne"})
        yield client, data


def test_unanswered_questions_are_grouped_and_counted_per_week_and_organization(owner):
    client, _ = owner
    assert client.get("/admin/report/unanswered").status_code == 401
    body = client.get("/admin/report/unanswered", headers=AUTH).json()
    phone = next(g for g in body["groups"] if "telefonnumret" in g["question"].lower())
    assert phone["count"] == 2 and phone["source"] == "no_answer"
    assert sum(phone["weeks"].values()) == 2
    assert phone["organizations"] == {"Region Halland": 2}  # "Hallandsjouren" names it
    skane = next(g for g in body["groups"] if "anslutning" in g["question"])
    assert skane["organizations"] == {"Region Skåne": 1}
    assert body["questions"] >= 4


def test_the_report_never_holds_a_personnummer(owner):
    client, data = owner
    text = client.get("/admin/report/unanswered", headers=AUTH).text
    csv_text = client.get("/admin/report/unanswered", params={"format": "csv"},
                          headers=AUTH).text
    stored = all_text(data_dir_database(data))
    for blob in (text, csv_text, stored):
        # the date part, not "1233" alone: a stored timestamp may hold those digits by chance
        assert "380201" not in blob and "Heroma" in blob
        assert "[personnummer]" in blob


def test_the_csv_export_has_one_row_per_group_and_week(owner):
    client, _ = owner
    r = client.get("/admin/report/unanswered", params={"format": "csv"}, headers=AUTH)
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    phone = [row for row in rows if "telefonnumret" in row["fråga"].lower()]
    assert len(phone) == 1 and phone[0]["antal"] == "2" and phone[0]["källa"] == "no_answer"


def test_a_not_helpful_answer_joins_the_report_with_its_reason(tmp_path):
    from server.feedback import FeedbackStore

    feedback = FeedbackStore(tmp_path / "feedback")
    feedback.add("k1", "not_helpful", "saknar telefonnummer", "vad är telefonnumret till "
                 "hallandsjouren?", "search", [{"document_id": "d", "anchor": "a"}])
    feedback.add("k2", "helpful", "", "vad är ett brytpunktssamtal", "search", [])
    unanswered = UnansweredStore(tmp_path / "report", retention_days=30)
    unanswered.add("Vad är telefonnumret till Hallandsjouren?", None, "sv", [])
    groups = build_report(unanswered.all(), feedback.all())
    assert len(groups) == 1
    assert groups[0].source == "no_answer+not_helpful" and groups[0].count == 2
    assert groups[0].reasons == ["saknar telefonnummer"]


def test_entries_past_the_retention_are_deleted(tmp_path):
    now = [1_800_000_000.0]
    store = UnansweredStore(tmp_path / "report", retention_days=30, clock=lambda: now[0])
    store.add("gammal fråga", None, "sv", [])
    now[0] += 31 * 86400
    store.add("ny fråga", None, "sv", [])
    assert store.purge() == 1
    assert [u.question for u in store.all()] == ["ny fråga"]


def test_a_question_starting_like_a_formula_is_not_a_formula_in_the_csv(tmp_path):
    from server.report import report_csv

    store = UnansweredStore(tmp_path / "report", retention_days=30)
    store.add("=HYPERLINK(\"http://example.invalid\")", None, "sv", [])
    rows = list(csv.reader(io.StringIO(report_csv(build_report(store.all(), [])))))
    assert rows[1][0].startswith("'=")


def test_rutin_report_unanswered_reads_the_data_directory(owner):
    _, data = owner
    env = {**os.environ, "RUTIN_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([RUTIN, "report", "unanswered", "--json"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    groups = json.loads(out.stdout)
    assert any(g["count"] == 2 and "telefonnumret" in g["question"].lower() for g in groups)
    out = subprocess.run([RUTIN, "report", "unanswered", "--csv", "-"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.startswith("fråga,källa,antal")
    assert "380201" not in out.stdout


def test_exports_and_reads_are_in_the_append_only_audit_log(owner):
    client, data = owner
    client.get("/admin/report/unanswered", params={"format": "csv"}, headers=AUTH)
    entries = client.get("/admin/audit", headers=AUTH).json()["entries"]
    assert entries[0]["action"] == "export_unanswered" and entries[0]["who"] == "admin-token"
    assert entries[0]["detail"]["format"] == "csv"
    assert client.get("/admin/audit").status_code == 401
    with data_dir_database(data).connect() as conn:
        rows = conn.execute(select(func.count()).select_from(audit_table)).scalar_one()
    assert rows >= len(entries) >= 1
