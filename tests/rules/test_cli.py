"""`rutin visit` prints the same decision as the API, readably."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rutin.cli import app


def test_rutin_visit_prints_registration_fee_and_sources():
    result = CliRunner().invoke(app, ["visit", "--date", "2025-06-15", "--age", "85",
                                      "--occasion", "utskrivning", "--setting", "sabo"])
    assert result.exit_code == 0, result.output
    assert "Ger 500 kr:       ja (500 kr)" in result.output
    assert "Patientavgift:    0 kr (Läkare närsjukvård äldre)" in result.output
    assert "Vårdtjänst: Riktad hemsjukvård| information| inskrivningssamtal" in result.output
    assert "Avgiftsfritt om 85 år och äldre." in result.output


def test_rutin_visit_json_matches_the_api_shape():
    result = CliRunner().invoke(app, ["visit", "--date", "2024-06-01", "--occasion", "brytpunktssamtal",
                                      "--setting", "sabo", "--json"])
    answer = json.loads(result.output)
    assert answer["system"] == "VAS" and answer["patient_fee_sek"] is None
    assert answer["missing"] == ["patient_age"]


def test_rutin_visit_refuses_an_impossible_date_in_swedish():
    result = CliRunner().invoke(app, ["visit", "--date", "2025-02-30"])
    assert result.exit_code == 2
    assert "ÅÅÅÅ-MM-DD" in result.output
