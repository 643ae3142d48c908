"""Issue 12, item 3: the rules stay true when a document in the documents directory changes.

A changed document that no longer contains a quote a rule table rests on is refused by every
ingest (``POST /admin/reingest``, ``rutin ingest``, the ingest at start) like a broken catalog:
nothing changes, the last good index and the rule tables keep serving the version the rules
cite, and /readyz and /documents say it is degraded and why (the rule row and the quote)."""

from __future__ import annotations

import json
import subprocess

from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

from .conftest import RUTIN, rutin_env

COSMIC = "rh-hemsjukvardsbesok-cosmic"
FEE_QUOTE = "Patientavgift: 200 kr om patient under 85 år (Läkare närsjukvård)"
ROW = "cosmic.avgift_under_85"
TOKEN = "t" * 32
AUTH = {"Authorization": f"Bearer {TOKEN}"}
VISIT = {"visit_date": "2026-01-15", "patient_age": 70, "occasion": "inskrivning",
         "setting": "sabo"}


def _edit(documents, old: str, new: str) -> None:
    path = documents / f"{COSMIC}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _raise_fee(documents) -> None:
    _edit(documents, "Patientavgift: 200 kr", "Patientavgift: 250 kr")


def _lower_fee(documents) -> None:
    _edit(documents, "Patientavgift: 250 kr", "Patientavgift: 200 kr")


def _settings(tmp_path, documents, **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", documents_dir=documents, embedding_model="none",
                    **extra)


def _fee_citation(answer: dict) -> dict:
    return next(c for c in answer["citations"] if c["quote"] == FEE_QUOTE)


def _assert_rules_answer_from_the_cited_version(client) -> None:
    """The visit answer still says 200 kr, and its quote stands in the passage it links to."""
    answer = client.post("/api/v1/visit", json=VISIT)
    assert answer.status_code == 200, answer.text
    assert answer.json()["patient_fee_sek"] == 200
    citation = _fee_citation(answer.json())
    page = client.get(f"/documents/{COSMIC}")
    assert page.status_code == 200
    assert f'id="{citation["anchor"]}"' in page.text
    assert "Patientavgift: 200 kr" in page.text and "Patientavgift: 250 kr" not in page.text


def test_admin_reingest_of_a_document_that_breaks_a_rule_quote_is_refused_and_the_rules_keep_their_version(  # noqa: E501
        tmp_path, seed_copy):
    settings = _settings(tmp_path, seed_copy, admin_token=TOKEN)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        before = client.get("/readyz").json()
        _raise_fee(seed_copy)
        refused = client.post("/admin/reingest", headers=AUTH)
        ready = client.get("/readyz")
        listing = client.get("/documents")
        _assert_rules_answer_from_the_cited_version(client)
        _lower_fee(seed_copy)
        done = client.post("/admin/reingest", headers=AUTH)
        healed = client.get("/readyz").json()
    assert refused.status_code == 422, refused.text
    message = refused.json()["error"]
    assert ROW in message and FEE_QUOTE in message and "Inget har ändrats" in message
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ready" and body["documents"] == before["documents"] == 5
    assert body["degraded"]["kind"] == "rules"
    assert body["degraded"]["file"] == str(seed_copy / f"{COSMIC}.txt")
    assert ROW in body["degraded"]["reason"] and FEE_QUOTE in body["degraded"]["reason"]
    assert "reglerna bygger på text som inte längre finns" in listing.text
    assert ROW in listing.text
    assert done.status_code == 200, done.text
    assert done.json()["updated"] == [] and healed["degraded"] is None


def test_admin_reingest_of_a_document_that_keeps_every_quote_goes_through(tmp_path, seed_copy):
    settings = _settings(tmp_path, seed_copy, admin_token=TOKEN)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        _edit(seed_copy, "Kund: Primärvård", "Kund: Primärvård\n\nEn ny rad som ingen regel "
              "bygger på.")
        done = client.post("/admin/reingest", headers=AUTH)
        ready = client.get("/readyz").json()
        answer = client.post("/api/v1/visit", json=VISIT).json()
    assert done.status_code == 200, done.text
    assert done.json()["updated"] == [COSMIC]
    assert ready["degraded"] is None
    assert answer["patient_fee_sek"] == 200


def test_a_restart_on_a_document_that_breaks_a_rule_quote_serves_the_last_good_index(
        tmp_path, seed_copy):
    settings = _settings(tmp_path, seed_copy)
    with TestClient(create_app(settings, load_in_background=False)):
        pass
    _raise_fee(seed_copy)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        ready = client.get("/readyz")
        _assert_rules_answer_from_the_cited_version(client)
    assert ready.status_code == 200, ready.text
    assert ready.json()["degraded"]["kind"] == "rules"
    assert ROW in ready.json()["degraded"]["reason"]


def test_a_first_start_on_a_document_that_breaks_a_rule_quote_fails_visibly(tmp_path,
                                                                              seed_copy):
    _raise_fee(seed_copy)
    with TestClient(create_app(_settings(tmp_path, seed_copy),
                               load_in_background=False)) as client:
        ready = client.get("/readyz")
        visit = client.post("/api/v1/visit", json=VISIT)
    assert ready.status_code == 503
    assert ready.json()["status"] == "error"
    assert ROW in ready.json()["error"] and FEE_QUOTE in ready.json()["error"]
    assert "rätta dokumentet eller regeltabellen" in ready.json()["error"]
    assert visit.status_code == 503 and "laddas fortfarande" not in visit.text
    assert not (tmp_path / "data" / "kb" / "manifest.json").exists()


def test_rutin_ingest_of_a_document_that_breaks_a_rule_quote_is_one_line_and_keeps_the_index(
        tmp_path, seed_copy):  # and 'rutin visit' answers from the indexed version, as the API
    env = rutin_env(tmp_path / "data", seed_copy, RUTIN_EMBEDDING_MODEL="none")
    good = subprocess.run([RUTIN, "ingest"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert good.returncode == 0, good.stderr
    manifest = tmp_path / "data" / "kb" / "manifest.json"
    kept = manifest.read_bytes()
    _raise_fee(seed_copy)
    refused = subprocess.run([RUTIN, "ingest"], capture_output=True, text=True, env=env,
                             timeout=300)
    assert refused.returncode != 0, refused.stdout
    assert "Traceback" not in refused.stderr + refused.stdout
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, refused.stderr
    assert f"{COSMIC}.txt" in lines[0] and ROW in lines[0] and FEE_QUOTE in lines[0]
    assert manifest.read_bytes() == kept
    assert len(json.loads(kept)["documents"]) == 5
    visit = subprocess.run([RUTIN, "visit", "--date", VISIT["visit_date"], "--age", "70",
                            "--occasion", "inskrivning", "--setting", "sabo", "--json"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert visit.returncode == 0, visit.stderr
    answer = json.loads(visit.stdout)
    assert answer["patient_fee_sek"] == 200 and _fee_citation(answer)["anchor"]


def test_rutin_visit_without_an_index_over_a_document_that_breaks_a_rule_quote_is_one_line(
        tmp_path, seed_copy):
    _raise_fee(seed_copy)
    env = rutin_env(tmp_path / "data", seed_copy, RUTIN_EMBEDDING_MODEL="none")
    done = subprocess.run([RUTIN, "visit", "--age", "70"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and ROW in lines[0] and "står inte ordagrant" in lines[0], lines


def test_admin_reingest_of_a_new_document_that_supersedes_a_cited_routine_without_its_quotes_is_refused(  # noqa: E501
        tmp_path, seed_copy):
    settings = _settings(tmp_path, seed_copy, admin_token=TOKEN)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        cosmic = (seed_copy / f"{COSMIC}.txt").read_text(encoding="utf-8")
        (seed_copy / "cosmic-2027.txt").write_text(
            cosmic.replace("Patientavgift: 200 kr", "Patientavgift: 250 kr"), encoding="utf-8")
        catalog = seed_copy / "catalog.toml"
        catalog.write_text(catalog.read_text(encoding="utf-8") + (
            '\n["cosmic-2027.txt"]\nid = "rh-cosmic-2027"\n'
            'title = "Registrering i Cosmic från 2027"\norganization = "Region Halland"\n'
            f'kind = "routine"\nvalid_from = 2027-01-01\nsupersedes = "{COSMIC}"\n'),
            encoding="utf-8")
        refused = client.post("/admin/reingest", headers=AUTH)
        ready = client.get("/readyz").json()
        listing = client.get("/documents")
    assert refused.status_code == 422, refused.text
    assert ROW in refused.json()["error"] and "som ersätter" in refused.json()["error"]
    assert ready["documents"] == 5 and ready["degraded"]["kind"] == "rules"
    assert ready["degraded"]["file"] == str(seed_copy / "cosmic-2027.txt")
    assert "Registrering i Cosmic från 2027" not in listing.text
