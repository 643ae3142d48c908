"""``rutin publish`` and ``rutin remove`` against a real data directory (issue 12, item 7), and
a kill -9 in the middle of a publish (the previous version keeps answering)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROUTINE

RUTIN = str(Path(sys.executable).parent / "rutin")
PROBE = str(Path(__file__).parent / "probe.py")


def _env(data_dir: Path, documents: Path, model: str = "none") -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data_dir), "RUTIN_DOCUMENTS_DIR": str(documents),
                "RUTIN_EMBEDDING_MODEL": model, "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
                "PYTHONUNBUFFERED": "1"})
    return env


def _rutin(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([RUTIN, *args], env=env, capture_output=True, text=True, timeout=900)


def _probe(env: dict, *mode: str) -> dict:
    done = subprocess.run([sys.executable, PROBE, *mode], env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rutin_publish_and_remove_work_against_a_real_data_directory(tmp_path, documents):
    env = _env(tmp_path / "data", documents)
    source = tmp_path / "nyckelrutin.md"
    source.write_text(ROUTINE, encoding="utf-8")
    published = _rutin(env, "publish", str(source), "--organization", "Region Test",
                       "--kind", "routine", "--id", "nyckelhantering")
    assert published.returncode == 0, published.stderr
    assert "Publicerat: nyckelhantering" in published.stdout
    # The title was not given: the suggestion (the first heading) filled it in.
    assert "Rutin för nyckelhantering i hemsjukvården" in published.stdout
    found = _rutin(env, "search", "låst nyckelskåp", "--json")
    assert json.loads(found.stdout)["results"][0]["document_id"] == "nyckelhantering"
    catalog = (tmp_path / "data" / "published" / "catalog.toml").read_text(encoding="utf-8")
    assert 'organization = "Region Test"' in catalog

    removed = _rutin(env, "remove", "nyckelhantering")
    assert removed.returncode == 0, removed.stderr
    assert "Borttaget: nyckelhantering" in removed.stdout
    assert "nyckelhantering" not in _probe(env)["hashes"]
    from rutin.cli_publish import audit_log
    from rutin.config import Settings

    audit = audit_log(Settings(data_dir=tmp_path / "data")).entries()
    assert [e["action"] for e in audit] == ["remove", "publish"]  # newest first
    assert all(e["who"].startswith("kommandoraden") for e in audit)


def test_rutin_publish_refuses_bad_input_with_a_message_and_changes_nothing(tmp_path,
                                                                            documents):
    env = _env(tmp_path / "data", documents)
    good = tmp_path / "nyckelrutin.md"
    good.write_text(ROUTINE, encoding="utf-8")
    assert _rutin(env, "publish", str(good), "--id", "nyckelhantering").returncode == 0
    before = _probe(env)["hashes"]
    wrong_type = tmp_path / "rutin.xlsx"
    wrong_type.write_bytes(b"PK\x03\x04")
    corrupt = tmp_path / "trasig.pdf"
    corrupt.write_bytes(b"%PDF-1.7\ngarbage")
    empty = tmp_path / "tom.txt"
    empty.write_text("  \n")
    other = tmp_path / "annan.md"
    other.write_text(ROUTINE + "\nEn rad till.\n", encoding="utf-8")
    cases = [
        ((str(wrong_type),), "Filtypen .xlsx stöds inte"),
        ((str(corrupt),), "PDF-filen är skadad"),
        ((str(empty),), "Filen är tom"),
        ((str(good), "--id", "kopia"), "Dokumentet finns redan"),
        ((str(other), "--supersedes", "finns-inte"), "som inte finns bland dokumenten"),
        ((str(other), "--replace", "finns-inte"), "Det finns inget dokument med id"),
        ((str(other), "--valid-from", "2026-02-30"), "ska vara ett datum"),
    ]
    for args, message in cases:
        done = _rutin(env, "publish", *args, "--no-suggest", "--title", "T")
        assert done.returncode == 2, (args, done.stdout)
        assert message in done.stderr, (args, done.stderr)
    removed = _rutin(env, "remove", "rh-hemsjukvardsbesok-vas")
    assert removed.returncode == 2 and "dokumentkatalogen" in removed.stderr
    assert _probe(env)["hashes"] == before


@pytest.mark.slow
def test_kill_9_during_rutin_publish_leaves_the_previous_version_serving(tmp_path, documents):
    """A real ``rutin publish --replace`` of a long document is killed once its first batch of
    vectors is stored: the previous version is still what the index serves, whole, and the
    catalog (the source of truth for the next start) still names it."""
    data_dir = tmp_path / "data"
    env = _env(data_dir, documents, model="minilm")
    first = tmp_path / "nyckelrutin.md"
    first.write_text(ROUTINE, encoding="utf-8")
    done = _rutin(env, "publish", str(first), "--id", "nyckelhantering")
    assert done.returncode == 0, done.stderr
    before = _probe(env)
    catalog = (data_dir / "published" / "catalog.toml").read_bytes()

    long = tmp_path / "nyckelrutin-v2.md"
    long.write_text("# Rutin för nyckelhantering, version 2\n\n" + "\n".join(
        f"## Avsnitt {i}\n\nNyckelskåp {i} på enhet {i} töms av samordnare nummer {i} varje "
        f"vecka, och kvittensen {i} arkiveras i pärm {i}.\n" for i in range(64)),
        encoding="utf-8")
    proc = subprocess.Popen([RUTIN, "publish", str(long), "--replace", "nyckelhantering"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    seen = []
    try:
        deadline = time.monotonic() + 600
        for line in proc.stdout:
            seen.append(line)
            if line.startswith("Indexerar: "):
                done_chunks, total = map(int, line.split()[1].split("/"))
                assert 0 < done_chunks < total, "the kill would not land mid-publish"
                os.kill(proc.pid, signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "the publish never stored a batch"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "".join(seen)[-2000:]

    after = _probe(env)
    assert after["whole"]
    assert after["hashes"] == before["hashes"]
    assert "låst nyckelskåp" in after["texts"]["nyckelhantering"]
    assert (data_dir / "published" / "catalog.toml").read_bytes() == catalog

    # The file written before the kill is named by no catalog entry: never read.
    leftovers = [p.name for p in (data_dir / "published").iterdir()
                 if not p.name.startswith(".") and p.name != "catalog.toml"]
    assert len(leftovers) == 2
    # The next start (with its ingest) still serves the previous version, whole.
    restarted = _probe(env, "ingest")
    assert restarted["whole"] and restarted["hashes"] == before["hashes"]


def test_a_file_no_catalog_entry_names_is_ignored_and_tidied_by_the_next_publish(tmp_path,
                                                                                 documents):
    """What a publish killed before its commit leaves behind."""
    env = _env(tmp_path / "data", documents)
    first = tmp_path / "nyckelrutin.md"
    first.write_text(ROUTINE, encoding="utf-8")
    assert _rutin(env, "publish", str(first), "--id", "nyckelhantering").returncode == 0
    stray = tmp_path / "data" / "published" / "nyckelhantering-0123456789ab.md"
    stray.write_text(ROUTINE.replace("låst", "olåst"), encoding="utf-8")
    assert "olåst" not in _probe(env, "ingest")["texts"]["nyckelhantering"]
    other = tmp_path / "annan.md"
    other.write_text("# Rutin för parkering\n\nParkeringstillstånd finns i bilen.\n",
                     encoding="utf-8")
    assert _rutin(env, "publish", str(other), "--id", "parkering").returncode == 0
    assert not stray.exists()
