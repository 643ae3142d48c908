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


def test_expired_conversations_are_deleted_by_later_saves_even_if_never_read(tmp_path):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=60, clock=clock)
    old = store.new()
    store.save(old)
    clock.now += 120
    store.save(store.new())
    assert not (tmp_path / f"{old.id}.json").exists()
