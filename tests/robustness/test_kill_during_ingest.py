"""Issue "Faults": kill -9 in the middle of an ingest leaves an index that the next start serves
or repairs by itself, with no duplicate or half-written document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import PROBE, rutin_env


def _probe(mode: str, env: dict) -> dict:
    done = subprocess.run([sys.executable, PROBE, mode], env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _assert_whole(state: dict) -> None:
    """Every served document has all its vectors, and no vector belongs to nothing served."""
    assert state["stored_ids"] == state["expected_ids"]
    assert state["stored_per_document"] == {d: n for d, n in state["documents"].items() if n}
    assert len(set(state["stored_ids"])) == len(state["stored_ids"])


def _grow_corpus(documents: Path, variants: int) -> set[str]:
    """Add uncatalogued variants of the seed documents and change one: a second ingest's work."""
    seeds = sorted(p for p in documents.glob("*.txt"))
    for i in range(variants):
        source = seeds[i % len(seeds)]
        text = source.read_text(encoding="utf-8")
        (documents / f"variant-{i:02d}.txt").write_text(
            f"Lokal tillämpning nummer {i}\n\n{text}\n\nRevision {i}.\n", encoding="utf-8")
    changed = seeds[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nTillägg: ny kontaktperson.\n",
                       encoding="utf-8")
    return {f"variant-{i:02d}" for i in range(variants)}


@pytest.mark.slow
def test_kill_9_mid_ingest_then_next_start_serves_old_index_or_repairs(tmp_path, seed_copy):
    data_dir = tmp_path / "data"
    env = rutin_env(data_dir, seed_copy)
    base = _probe("ingest", env)
    _assert_whole(base)
    assert len(base["documents"]) == 5

    variant_ids = _grow_corpus(seed_copy, variants=8)
    chroma = data_dir / "chroma"
    before = _dir_size(chroma)
    # The server ingests on start, as after a deploy with new documents; kill it mid-way: the
    # probe holds once the first new vectors are stored and the ingest is not yet committed.
    marker, log = tmp_path / "first-batch-stored", tmp_path / "probe.log"
    with log.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, PROBE, "hold", str(marker)], env=env,
                                stdout=subprocess.DEVNULL, stderr=stderr,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while not marker.exists():
            assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "the ingest never stored a batch"
            time.sleep(0.05)
        done, total = map(int, marker.read_text().split("/"))
        assert 0 < done < total, "the kill would not land mid-ingest"
        assert _dir_size(chroma) > before  # new vectors are on disk, uncommitted
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # Without ingesting: the last committed index is served whole (no partial new document).
    served = _probe("inspect", env)
    _assert_whole(served)
    assert served["documents"] == base["documents"]

    # The next start with ingest (the default) repairs by itself: every document, whole, once.
    repaired = _probe("ingest", env)
    _assert_whole(repaired)
    assert set(repaired["documents"]) == set(base["documents"]) | variant_ids
    assert all(n > 0 for n in repaired["documents"].values())
