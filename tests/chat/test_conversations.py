"""The conversation store: files under the data directory, expiry, unguessable and safe ids."""

import json
import threading

import pytest

from server.chat.conversations import ConversationStore, valid_id


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_a_saved_conversation_is_found_again_with_its_facts(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=3600)
    conv = store.new()
    conv.facts = {"patient_age": 90, "occasion": "utskrivning"}
    store.save(conv)
    again = ConversationStore(tmp_path, ttl_seconds=3600).get(conv.id)
    assert again.facts == {"patient_age": 90, "occasion": "utskrivning"}


def test_a_conversation_expires_after_its_ttl_and_its_file_is_deleted(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=60, clock=clock)
    conv = store.new()
    store.save(conv)
    clock.now += 59
    assert store.get(conv.id) is not None
    clock.now += 61
    assert store.get(conv.id) is None
    assert not (tmp_path / f"{conv.id}.json").exists()


def test_purge_removes_only_expired_conversations(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=60, clock=clock)
    old = store.new()
    store.save(old)
    fresh = store.new()
    store.save(fresh)
    clock.now += 50
    store.save(fresh)
    clock.now += 30  # old: 80 s since its last save; fresh: 30 s
    assert store.purge_expired() == 1
    assert not (tmp_path / f"{old.id}.json").exists()
    assert store.get(fresh.id) is not None


@pytest.mark.parametrize("bad", ["../../etc/passwd", "..", "a" * 31, "a" * 33, "abc/def" * 5,
                                 "%2e%2e%2f" * 4, "", "x" * 31 + ".", "a\x00" * 16])
def test_ids_that_are_not_ours_are_refused_without_touching_the_disk(tmp_path, bad):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    assert not valid_id(bad)
    assert store.get(bad) is None


def test_ids_are_unguessable_and_distinct(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    ids = {store.new().id for _ in range(200)}
    assert len(ids) == 200 and all(valid_id(i) for i in ids)


def test_only_visit_facts_are_written_never_other_text(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    conv = store.new()
    conv.facts = {"patient_age": 90, "message": "19380503-1234", "personnummer": "x"}
    store.save(conv)
    stored = json.loads((tmp_path / f"{conv.id}.json").read_text())
    assert stored["facts"] == {"patient_age": 90}
    assert "1234" not in (tmp_path / f"{conv.id}.json").read_text()


def test_concurrent_saves_leave_a_readable_file(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    conv = store.new()

    def work(i):
        c = store.get(conv.id) or conv
        c.facts = {"patient_age": i}
        store.save(c)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get(conv.id).facts["patient_age"] in range(20)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []


def test_saving_deletes_nothing_the_sweep_deletes_expired_conversations_never_read(tmp_path):
    # issue 13: the inline purge blocked every chat for 3 s over 100,000 files; expiry is now
    # the sweep's, which the server runs in a background thread.
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=60, clock=clock)
    old = store.new()
    store.save(old)
    clock.now += 120
    store.save(store.new())
    assert (tmp_path / f"{old.id}.json").exists()
    assert store.sweep() == 1
    assert not (tmp_path / f"{old.id}.json").exists()


WRONG_SHAPES = [
    [], "a string", 42, None, {"facts": []}, {"facts": "none"},
    {"facts": {"visit_date": "not a date"}}, {"facts": {"visit_date": 20260101}},
    {"facts": {"birth_date": "2026-13-45"}}, {"facts": {"patient_age": "old"}},
    {"facts": {"patient_age": True}}, {"facts": {"birth_year": 12.5}},
    {"facts": {"remote": "yes"}}, {"facts": {"occasion": ["utskrivning"]}},
    {"turns": "many"}, {"turns": -1}, {"updated": "soon"}, {"updated": None},
    {"created": [1]}, {"language": 5}, {"language": "fr"}, {"last_kind": {"x": 1}},
]


def _stored(**fields) -> dict:
    data = {"facts": {"patient_age": 90}, "language": "sv", "last_kind": None, "pending": None,
            "pending_rule": None, "turns": 1, "created": 1_000_000.0, "updated": 1_000_000.0}
    data.update(fields)
    return data


@pytest.mark.parametrize("shape", WRONG_SHAPES, ids=lambda s: json.dumps(s)[:40])
def test_a_file_of_valid_json_but_the_wrong_shape_is_an_unknown_conversation_and_removed(
        tmp_path, shape):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=3600, clock=clock)
    conv = store.new()
    data = _stored(**shape) if isinstance(shape, dict) else shape
    path = tmp_path / f"{conv.id}.json"
    path.write_text(json.dumps(data))
    assert store.get(conv.id) is None
    assert not path.exists()


def test_the_stored_shape_itself_is_accepted(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=3600, clock=clock)
    conv = store.new()
    (tmp_path / f"{conv.id}.json").write_text(json.dumps(_stored(
        facts={"visit_date": "2026-03-01", "patient_age": 88, "birth_year": 1938,
               "occasion": "utskrivning", "remote": False})))
    assert store.get(conv.id).facts["occasion"] == "utskrivning"


def test_the_sweep_removes_wrong_shapes_junk_and_expired_files_and_goes_on_past_them(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=60, clock=clock)
    ids = [store.new().id for _ in range(len(WRONG_SHAPES) + 3)]
    for cid, shape in zip(ids, WRONG_SHAPES):
        data = _stored(**shape) if isinstance(shape, dict) else shape
        (tmp_path / f"{cid}.json").write_text(json.dumps(data))
    expired, alive, binary = ids[-3:]
    (tmp_path / f"{expired}.json").write_text(json.dumps(_stored(updated=clock.now - 61)))
    (tmp_path / f"{alive}.json").write_text(json.dumps(_stored(updated=clock.now)))
    (tmp_path / f"{binary}.json").write_bytes(b"\xff\xfe\x00{")
    (tmp_path / "not-an-id.json").write_text("{}")
    assert store.sweep() == len(WRONG_SHAPES) + 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{alive}.json"]
    assert store.count() == 1


def test_past_the_cap_the_least_recently_used_conversation_is_deleted(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=3600, max_conversations=3, clock=clock)
    first, second, third = store.new(), store.new(), store.new()
    for conv in (first, second, third):
        clock.now += 1
        store.save(conv)
    clock.now += 1
    store.save(first)  # used again: now the second is the least recently used
    clock.now += 1
    fourth = store.new()
    store.save(fourth)
    assert store.get(second.id) is None
    assert {c.id for c in (first, third, fourth)} == {
        p.stem for p in tmp_path.glob("*.json")}


def test_the_sweep_enforces_the_cap_on_files_another_process_wrote(tmp_path):
    clock = Clock()
    other = ConversationStore(tmp_path, ttl_seconds=3600, clock=clock)
    written = []
    for _ in range(10):
        clock.now += 1
        conv = other.new()
        other.save(conv)
        written.append(conv.id)
    store = ConversationStore(tmp_path, ttl_seconds=3600, max_conversations=4, clock=clock)
    assert store.sweep() == 6
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(written[-4:])


def test_a_temp_file_left_by_a_crash_is_removed_by_the_sweep_once_it_is_old(tmp_path):
    import os

    store = ConversationStore(tmp_path, ttl_seconds=60)
    fresh, stale = tmp_path / ".tmp-fresh.json", tmp_path / ".tmp-stale.json"
    fresh.write_text("{")
    stale.write_text("{")
    old = stale.stat().st_mtime - ConversationStore.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    store.sweep()
    assert fresh.exists() and not stale.exists()
