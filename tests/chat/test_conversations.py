"""The conversation store on the database (rutin/db): expiry, the cap, unguessable and safe
ids, rows of the wrong shape; each test on SQLite and on PostgreSQL."""

import json
import threading

import pytest

from rutin.db import Database
from server.chat.conversations import ConversationStore, valid_id
from tests.chat.helpers import ask_in
from tests.services.storage import conversation_ids, stored_conversation, write_conversation

VG = "Kommun i Västra Götaland (Sektor Välfärd)"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    yield database
    database.dispose()


def test_a_saved_conversation_is_found_again_with_its_facts(db, database_url):
    store = ConversationStore(db, ttl_seconds=3600)
    conv = store.new()
    conv.facts = {"patient_age": 90, "occasion": "utskrivning"}
    store.save(conv)
    other = Database(database_url)  # another process on the same database
    try:
        again = ConversationStore(other, ttl_seconds=3600).get(conv.id)
    finally:
        other.dispose()
    assert again.facts == {"patient_age": 90, "occasion": "utskrivning"}


def test_a_store_on_a_directory_keeps_its_conversations_in_the_sqlite_file_there(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=3600)
    conv = store.new()
    store.save(conv)
    assert (tmp_path / "rutin.sqlite3").is_file()
    assert ConversationStore(tmp_path, ttl_seconds=3600).get(conv.id) is not None


def test_a_conversation_expires_after_its_ttl_and_its_row_is_deleted(db):
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=60, clock=clock)
    conv = store.new()
    store.save(conv)
    clock.now += 59
    assert store.get(conv.id) is not None
    clock.now += 61
    assert store.get(conv.id) is None
    assert conversation_ids(db) == set()


def test_purge_removes_only_expired_conversations(db):
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=60, clock=clock)
    old = store.new()
    store.save(old)
    fresh = store.new()
    store.save(fresh)
    clock.now += 50
    store.save(fresh)
    clock.now += 30  # old: 80 s since its last save; fresh: 30 s
    assert store.purge_expired() == 1
    assert conversation_ids(db) == {fresh.id}
    assert store.get(fresh.id) is not None


@pytest.mark.parametrize("bad", ["../../etc/passwd", "..", "a" * 31, "a" * 33, "abc/def" * 5,
                                 "%2e%2e%2f" * 4, "", "x" * 31 + ".", "a\x00" * 16,
                                 "' OR '1'='1' --" + "x" * 17])
def test_ids_that_are_not_ours_are_refused_before_the_database(tmp_path, bad):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    assert not valid_id(bad)
    assert store.get(bad) is None
    store.delete(bad)  # nothing happens, no error


def test_ids_are_unguessable_and_distinct(tmp_path):
    store = ConversationStore(tmp_path, ttl_seconds=60)
    ids = {store.new().id for _ in range(200)}
    assert len(ids) == 200 and all(valid_id(i) for i in ids)


def test_only_visit_facts_are_written_never_other_text(db):
    store = ConversationStore(db, ttl_seconds=60)
    conv = store.new()
    conv.facts = {"patient_age": 90, "message": "19380503-1234", "personnummer": "x"}
    store.save(conv)
    stored = stored_conversation(db, conv.id)
    assert json.loads(stored)["facts"] == {"patient_age": 90}
    # (the number's own form: the stored id is random and may hold four digits)
    assert "0503-1234" not in stored and "05031234" not in stored


def test_concurrent_saves_of_one_conversation_leave_one_readable_row(db):
    store = ConversationStore(db, ttl_seconds=60)
    conv = store.new()
    errors = []

    def work(i):
        try:
            c = store.get(conv.id) or store.new()
            c.id = conv.id
            c.facts = {"patient_age": i}
            store.save(c)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.get(conv.id).facts["patient_age"] in range(20)
    assert conversation_ids(db) == {conv.id}


def test_saving_deletes_nothing_the_sweep_deletes_expired_conversations_never_read(db):
    # issue 13: expiry is the sweep's, which the server runs in a background thread.
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=60, clock=clock)
    old = store.new()
    store.save(old)
    clock.now += 120
    new = store.new()
    store.save(new)
    assert conversation_ids(db) == {old.id, new.id}
    assert store.sweep() == 1
    assert conversation_ids(db) == {new.id}


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
def test_a_row_of_valid_json_but_the_wrong_shape_is_an_unknown_conversation_and_removed(
        tmp_path, shape):
    clock = Clock()
    store = ConversationStore(tmp_path, ttl_seconds=3600, clock=clock)
    conv = store.new()
    write_conversation(store.database, conv.id,
                       _stored(**shape) if isinstance(shape, dict) else shape, clock.now)
    assert store.get(conv.id) is None
    assert conv.id not in conversation_ids(store.database)


@pytest.mark.parametrize("raw", ["{", "\ufffd\x00{", "[" * 100_000])
def test_a_row_that_is_not_json_is_an_unknown_conversation_and_removed(db, raw):
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=3600, clock=clock)
    conv = store.new()
    write_conversation(db, conv.id, None, clock.now, raw=raw.replace("\x00", ""))
    assert store.get(conv.id) is None
    assert conversation_ids(db) == set()


def test_the_stored_shape_itself_is_accepted(db):
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=3600, clock=clock)
    conv = store.new()
    write_conversation(db, conv.id, _stored(
        facts={"visit_date": "2026-03-01", "patient_age": 88, "birth_year": 1938,
               "occasion": "utskrivning", "remote": False}), clock.now)
    assert store.get(conv.id).facts["occasion"] == "utskrivning"


def test_past_the_cap_the_least_recently_used_conversation_is_deleted(db):
    clock = Clock()
    store = ConversationStore(db, ttl_seconds=3600, max_conversations=3, clock=clock)
    first, second, third = store.new(), store.new(), store.new()
    for conv in (first, second, third):
        store.save(conv)
    store.save(first)  # used again (same clock second): now the second is the least recent
    fourth = store.new()
    store.save(fourth)
    assert store.get(second.id) is None
    assert conversation_ids(db) == {c.id for c in (first, third, fourth)}
    assert store.count() == 3


def test_the_sweep_enforces_the_cap_on_conversations_another_process_wrote(db):
    clock = Clock()
    other = ConversationStore(db, ttl_seconds=3600, clock=clock)
    written = []
    for _ in range(10):
        clock.now += 1
        conv = other.new()
        other.save(conv)
        written.append(conv.id)
    store = ConversationStore(db, ttl_seconds=3600, max_conversations=4, clock=clock)
    assert store.sweep() == 6
    assert conversation_ids(db) == set(written[-4:])


def test_expiry_and_the_cap_are_indexed_statements_not_scans(db):
    """The query planner of each database uses the indexes of ``updated`` and ``touched`` for
    the sweep's two statements (a table of many rows is not read whole)."""
    from sqlalchemy import text

    with db.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = lambda sql: "\n".join(conn.execute(text("EXPLAIN " + sql)).scalars())  # noqa
        else:
            plan = lambda sql: "\n".join(r[-1] for r in conn.execute(  # noqa: E731
                text("EXPLAIN QUERY PLAN " + sql)))
        expiry = plan("DELETE FROM conversations WHERE updated < 5")
        cap = plan("SELECT touched FROM conversations ORDER BY touched DESC LIMIT 1 OFFSET 3")
    assert "ix_conversations_updated" in expiry, expiry
    assert "ix_conversations_touched" in cap, cap


def test_a_stored_topic_is_ids_only_and_anything_else_is_dropped():
    from server.chat.conversations import conversation_from_json

    good = conversation_from_json({"topic": {"document_id": "vg-rutin", "anchor": "uppfoljning"}},
                                  "x" * 32)
    assert good.topic == {"document_id": "vg-rutin", "anchor": "uppfoljning"}
    for bad in ({"document_id": "19380503-1234 <b>", "anchor": "a"}, "text", {"anchor": "a"},
                {"document_id": "a", "anchor": "a", "question": "vem?"}):
        conv = conversation_from_json({"topic": bad}, "x" * 32)
        assert conv.topic in (None, {"document_id": "a", "anchor": "a"})
        assert "question" not in (conv.topic or {})
    # a table's row positions are kept; words or out-of-range numbers are not
    rows = conversation_from_json({"topic": {"document_id": "a", "anchor": "b", "rows": [1, 3]}},
                                  "x" * 32)
    assert rows.topic["rows"] == [1, 3]
    for bad in (["Läkare"], [1.5], [-1], [True], list(range(30)), "1"):
        conv = conversation_from_json({"topic": {"document_id": "a", "anchor": "b",
                                                 "rows": bad}}, "x" * 32)
        assert "rows" not in conv.topic


def test_a_stored_organization_is_a_name_and_anything_else_is_dropped():
    from server.chat.conversations import conversation_from_json

    name = "Kommun i Västra Götaland (Sektor Välfärd)"
    assert conversation_from_json({"organization": name}, "x" * 32).organization == name
    for bad in ("19380503-1234", {"name": name}, "<script>", "x" * 200):
        assert conversation_from_json({"organization": bad}, "x" * 32).organization is None



def test_a_stored_question_is_masked_and_cut_and_anything_else_is_dropped(db):
    from server.chat.conversations import QUESTION_CHARS, conversation_from_json

    store = ConversationStore(db, ttl_seconds=60)
    conv = store.new()
    conv.question = "vem beslutar för 19380503-1234 i VG " + "x" * 400
    store.save(conv)
    stored = stored_conversation(db, conv.id)
    assert "0503-1234" not in stored and "05031234" not in stored
    kept = store.get(conv.id).question
    assert kept.startswith("vem beslutar för ") and len(kept) == QUESTION_CHARS
    for bad in ({"q": "x"}, 12, "", "   "):
        assert conversation_from_json({"question": bad}, "x" * 32).question is None


def test_a_follow_up_naming_no_kind_of_figure_asks_of_the_table_just_answered(ask):
    # walk-through, stop 31: "och fysioterapeut 2019" after the monthly averages got the totals
    first = ask("Genomsnittligt antal hembesök per månad för undersköterskor och "
                "arbetsterapeuter 2021?")
    assert "Undersköterska 2021: 25,4" in first["answer"]
    cid = first["conversation_id"]
    assert "Fysioterapeut 2019: 0,08" in ask("och fysioterapeut 2019", cid)["answer"]
    # a total asked turns to the totals
    assert "Fysioterapeut 2019: 22" in ask("och totalt?", cid)["answer"]


def test_another_year_after_a_table_quoted_whole_is_that_table_again(ask):
    # walk-through, stop 31 (and known since stop 30): "och 2020?" after Läkarmedverkan's visits
    # and patients got the monthly averages per vårdcentral
    first = ask("Läkarmedverkan antal besök och antal patienter 2021?")
    assert "4 115 1 432 7 475 2 188" in first["answer"]
    b = ask("och 2020?", first["conversation_id"])
    assert "4 115 1 432 7 475 2 188" in b["answer"]
    assert "kan inte paras ihop säkert" in b["answer"]
    assert "Arbetsterapeut" not in b["answer"]


def test_stored_visits_are_facts_only_and_anything_else_is_dropped():
    from server.chat.conversations import conversation_from_json

    two = [{"patient_age": 87, "setting": "sabo"}, {"patient_age": 70, "remote": True}]
    good = conversation_from_json({"visits": two, "visit_index": 1}, "x" * 32)
    assert good.visits == two and good.visit_index == 1
    assert good.to_json()["visits"] == two
    for visits, index in ((two, 2), (two, None), (two, True), ([two[0]], 0),
                          ([{"patient_age": 87}, {"note": "19380503-1234"}], 0),
                          ([{"patient_age": "87 år"}, two[1]], 0), ("text", 0)):
        conv = conversation_from_json({"visits": visits, "visit_index": index}, "x" * 32)
        assert conv.visits == [] and conv.visit_index is None


def test_a_follow_up_changing_the_housing_to_home_gets_the_rule_for_ordinary_housing(client):
    # walk-throughs, stops 37 and 38: "och om hon bor kvar hemma istället" after the nursing
    # home's enrolment repeated it (the heading appended to the follow-up and "bor" outweighed
    # the follow-up's own words)
    first = ask_in(client, VG, "när ansluts en pat på säbo till hemsjukvården")
    assert "ansluts till hemsjukvården vid inflyttning" in first["answer"]
    b = ask_in(client, VG, "och om hon bor kvar hemma istället", first["conversation_id"])
    assert "Personer i ordinärt boende kan beviljas hemsjukvård om vårdbegäran" in b["answer"]


def test_a_follow_up_asking_whether_the_patient_is_told_quotes_the_informing_sentence(client):
    # walk-throughs, stops 37 and 38: "får patienten veta det" after the discharge's taking over
    # got the vårdbegäran sentence alone
    first = ask_in(client, VG, "vem tar över ansvaret när pat skrivs ut från hemsjukvården")
    b = ask_in(client, VG, "får patienten veta det", first["conversation_id"])
    assert "Patienten informeras om vilken vårdgivare som tar över" in b["answer"]


def test_a_what_if_follow_up_is_answered_by_its_own_words_not_the_last_answers_heading(client):
    # walk-through, stop 39: "and if she lives in a nursing home" after who decides on the
    # enrolment and its criteria got "Beslut angående anslutning …" again (the heading
    # appended to search the follow-up was embedded with it, and outweighed its own words)
    first = ask_in(client, VG, "who decides if a patient gets enrolled in home care")
    assert "planeringsfunktion" in first["answer"]
    cid = first["conversation_id"]
    ask_in(client, VG, "and what criteria do they use", cid)
    b = ask_in(client, VG, "and if she lives in a nursing home", cid)
    assert "ansluts till hemsjukvården vid inflyttning" in b["answer"]
