"""Conversations kept server-side in the database (rutin/db), with an expiry and a cap.

A conversation holds the visit facts given so far (the fields of POST /api/v1/visit, a birth
date or year instead of a personnummer), the language and the kind of the last answer, and for
the chat page the thread: each question *masked* (rutin.redact, as every log line) with the
answer shown, and the last question asked on its own (masked too, for "och i halland då?"). It
never holds a personnummer: the raw text of a message is never stored.

Bounded (issue 13, "Conversation files grow without bound"): at most ``max_conversations`` are
kept, the least recently used one going first (when a new one is saved), and expired ones are
removed by ``sweep``, which the server runs in a background thread, so that no request ever
pays for it; both are single indexed statements (issue 14). A stored row that is not a
conversation of the stored shape is an unknown conversation: it is removed when read.
The interface is narrow (new, get, save, delete, sweep, count).
"""

from __future__ import annotations

import json
import math
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select, update

from rutin.db import Database, database_in, next_touch, upsert
from rutin.db.schema import conversations as table
from rutin.redact import mask_personnummer
from server.chat.facts import FACT_FIELDS

# secrets.token_urlsafe(24) gives 32 characters of [A-Za-z0-9_-]; anything else is refused
# before it comes near the database.
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
#: Beside the visit's facts: the year of a period given without a day ("feb 2025"), for the
#: day and month the reply gives ("14/2").
_ALLOWED_KEYS = frozenset(FACT_FIELDS) | {"visit_year", "visit_month", "lmv_patient", "age_on",
                                          "age_assumed", "birth_day_assumed"}
#: The chat page's thread keeps this many turns (the oldest go first).
MAX_THREAD_TURNS = 20


@dataclass
class Conversation:
    """One conversation: its id, the facts so far, and bookkeeping."""

    id: str
    facts: dict = field(default_factory=dict)
    language: str = "sv"
    last_kind: str | None = None
    #: The fact the assistant last asked for (a POST /api/v1/visit field, or a date rule's
    #: "discharge_date" / "enrolled_on"), answered by a short reply; None when nothing is asked.
    pending: str | None = None
    #: The date rule a pending date belongs to ("lakarmedverkan" or "followup").
    pending_rule: str | None = None
    turns: int = 0
    created: float = 0.0
    updated: float = 0.0
    #: The chat page's questions (masked) and answers, oldest first (server/chat/thread.py).
    thread: list = field(default_factory=list)
    #: The passage the last search answer quoted ({"document_id", "anchor"}): what a short
    #: follow-up ("var journalför jag den?") refers to. Ids only, never message text.
    topic: dict | None = None
    #: The organization the user said they work in ("vi är ju i västra götaland"): the
    #: knowledge base's name for it, used while a message names none.
    organization: str | None = None
    #: The facts of each visit of a message that described several ("1) … 2) …"), in order,
    #: and which of them the conversation's facts are: "besök 1", "trean", "the second one"
    #: name another (server/chat/visits.py). Facts only, never message text.
    visits: list = field(default_factory=list)
    visit_index: int | None = None
    #: The visit's facts as told, before what-ifs changed them ("samma men per video", "om hon
    #: hade varit 84"): a correction of the visit told ("nej vänta, besöket var 28/3 2025")
    #: amends these, not the what-if. None while no what-if was asked. Facts only.
    told: dict | None = None
    #: The visit as a "samma men …" restated it ("samma men 10/4 2025" after the visit told):
    #: a later what-if ("och om han är 90?") or plain fact asks of it, not of the visit as
    #: told; a correction still amends the visit told. ``restating`` marks the message that
    #: restated it, whose facts (as that answer left them) become ``restated`` at the next.
    #: Facts only.
    restated: dict | None = None
    restating: bool = False
    #: The last question asked on its own of the routines (masked, as the thread's, and cut to
    #: ``QUESTION_CHARS``): asked again of another organization by "och i halland då?".
    question: str | None = None
    #: The organization the last answer came from because its question named it (or followed
    #: up one that did) while another was picked: a follow-up naming none is answered from it
    #: too (``service._scope_followed_up``).
    named_scope: str | None = None
    #: The person wrote a date month first that can be read no other way ("11/28"): their
    #: later dates with a slash are read month first too ("12/1" is 1 December).
    month_first: bool = False
    #: The visit's facts before the last message amended them: "glöm det, han skrevs aldrig
    #: in. …" takes that amendment back. None before any amendment. Facts only.
    before_change: dict | None = None
    #: The organization the last answer said covers the question that the one picked does not
    #: ("… Välj Region Halland …"): picking it and saying "ok då" asks that question there.
    pointed_to: str | None = None

    def to_json(self) -> dict:
        """The stored form: only allowed fact names, never message text."""
        return {
            "id": self.id,
            "facts": {k: v for k, v in self.facts.items() if k in _ALLOWED_KEYS},
            "language": self.language,
            "last_kind": self.last_kind,
            "pending": self.pending,
            "pending_rule": self.pending_rule,
            "turns": self.turns,
            "created": self.created,
            "updated": self.updated,
            "thread": self.thread[-MAX_THREAD_TURNS:],
            "topic": self.topic,
            "organization": self.organization,
            "visits": [{k: v for k, v in f.items() if k in _ALLOWED_KEYS}
                       for f in self.visits[:MAX_VISITS]],
            "visit_index": self.visit_index,
            "question": _question_or_none(self.question),
            "named_scope": self.named_scope,
            "month_first": self.month_first,
            "told": None if self.told is None else
            {k: v for k, v in self.told.items() if k in _ALLOWED_KEYS},
            "pointed_to": self.pointed_to,
            "restated": None if self.restated is None else
            {k: v for k, v in self.restated.items() if k in _ALLOWED_KEYS},
            "restating": self.restating,
            "before_change": None if self.before_change is None else
            {k: v for k, v in self.before_change.items() if k in _ALLOWED_KEYS},
        }


def _name_or_none(value) -> str | None:
    """A stored fact or rule name (letters and underscores), anything else None."""
    return value if isinstance(value, str) and re.fullmatch(r"[a-z_]{1,40}", value) else None


def _iso_date(value) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _int_in(low: int, high: int):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_bool(value) -> bool:
    return isinstance(value, bool)


def _is_name(value) -> bool:
    return _name_or_none(value) is not None


# What each stored fact may be: a value of another type would fail later, in the rules.
_FACT_CHECKS = {
    "visit_date": _iso_date, "birth_date": _iso_date,
    "patient_age": _int_in(0, 200), "birth_year": _int_in(1800, 2300),
    "visit_year": _int_in(1800, 2300), "visit_month": _int_in(1, 12), "lmv_patient": _is_bool,
    "age_on": _iso_date,
    # (``age_on`` is today only because the visit's day was not said: a day said later is
    # that visit's, whose age the age is)
    "age_assumed": _is_bool,
    "birth_day_assumed": _is_bool,  # the birth date is its month's first day (a month said)
    "occasion": _is_name, "setting": _is_name, "performed_by": _is_name,
    "municipal_home_care": _is_bool, "remote": _is_bool, "lakarmedverkan": _is_bool,
}
assert set(_FACT_CHECKS) == _ALLOWED_KEYS


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def conversation_from_json(data, conversation_id: str) -> Conversation | None:
    """The conversation a stored JSON value describes, or None when it is not of the stored
    shape (any field of the wrong type, a fact the rules could not use)."""
    if not isinstance(data, dict):
        return None
    facts = data.get("facts", {})
    turns = data.get("turns", 0)
    created, updated = _number(data.get("created", 0.0)), _number(data.get("updated", 0.0))
    last_kind = data.get("last_kind")
    if (not isinstance(facts, dict) or data.get("language", "sv") not in ("sv", "en")
            or not (isinstance(turns, int) and not isinstance(turns, bool) and turns >= 0)
            or created is None or updated is None
            or not (last_kind is None or _is_name(last_kind))):
        return None
    kept = {}
    for name, value in facts.items():
        if name not in _ALLOWED_KEYS:
            continue
        if not _FACT_CHECKS[name](value):
            return None
        kept[name] = value
    return Conversation(
        id=conversation_id, facts=kept, language=data.get("language", "sv"), last_kind=last_kind,
        pending=_name_or_none(data.get("pending")),
        pending_rule=_name_or_none(data.get("pending_rule")),
        turns=turns, created=created, updated=updated,
        thread=[t for t in data.get("thread") or [] if isinstance(t, dict)]
        if isinstance(data.get("thread"), list) else [],
        topic=_topic_or_none(data.get("topic")),
        organization=_organization_or_none(data.get("organization")),
        question=_question_or_none(data.get("question")),
        named_scope=_organization_or_none(data.get("named_scope")),
        month_first=data.get("month_first") is True,
        told=_facts_or_none(data.get("told")),
        before_change=_facts_or_none(data.get("before_change")),
        pointed_to=_organization_or_none(data.get("pointed_to")),
        restated=_facts_or_none(data.get("restated")),
        restating=data.get("restating") is True,
        **_visits_or_none(data.get("visits"), data.get("visit_index")))


#: Most visits of one message kept.
MAX_VISITS = 8


def _visits_or_none(visits, index) -> dict:
    """The stored visits and the index of the current one, when every fact of each has the
    stored shape and the index names one of them; else none."""
    if not isinstance(visits, list) or not 2 <= len(visits) <= MAX_VISITS \
            or not (type(index) is int and 0 <= index < len(visits)):
        return {}
    kept = [_facts_or_none(facts) for facts in visits]
    if any(facts is None for facts in kept):
        return {}
    return {"visits": kept, "visit_index": index}


def _organization_or_none(value) -> str | None:
    """A stored organization name (letters, spaces, parentheses, hyphens; never a digit, so
    never a personnummer), anything else None."""
    return value if isinstance(value, str) \
        and re.fullmatch(r"(?:[^\W\d_]|[ ()\-.,]){1,120}", value) else None


def _facts_or_none(value) -> dict | None:
    """Stored facts of the stored shape (every name allowed, every value checked), else None."""
    if not isinstance(value, dict) or any(
            name not in _ALLOWED_KEYS or not _FACT_CHECKS[name](v) for name, v in value.items()):
        return None
    return dict(value)


#: A kept question is cut to this many characters.
QUESTION_CHARS = 300


def _question_or_none(value) -> str | None:
    """A stored question: a string of at most ``QUESTION_CHARS``, masked again (a personnummer
    never comes back from the store, whatever wrote the row); anything else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return mask_personnummer(value)[:QUESTION_CHARS]


_TOPIC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,119}")


_DATE_RULES = ("lakarmedverkan", "followup")
_OCCASIONS = ("utskrivning", "inskrivning", "brytpunktssamtal")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_YEAR_ID = re.compile(r"(?:19|20)\d\d")


#: A year, a month or a day: "2024", "2024-12", "2024-12-01".
_PERIOD = re.compile(r"(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?")
#: A catalog organization's name ("Kommun i Västra Götaland (Sektor Välfärd)"); the chat
#: checks it against the knowledge base's organizations before using it.
_ORGANIZATION_NAME = re.compile(r"[^\W\d_][\w ().,&'-]{1,119}")


def _topic_or_none(value) -> dict | None:
    """A stored topic: a document id and an anchor of the id shape, anything else None."""
    if not isinstance(value, dict):
        return None
    doc, anchor = value.get("document_id"), value.get("anchor")
    if isinstance(doc, str) and isinstance(anchor, str) and _TOPIC_ID.fullmatch(doc) \
            and _TOPIC_ID.fullmatch(anchor):
        topic = {"document_id": doc, "anchor": anchor}
        if value.get("notice") is True:  # the last answer was a notice of what is not given
            topic["notice"] = True
        if value.get("visit_facts") is True:  # the facts are those of a general answer's visit
            topic["visit_facts"] = True
        if value.get("rule_statement") is True:  # the last answer stated a visit rule
            topic["rule_statement"] = True
        if value.get("offered_visit") is True:  # the last answer offered to check a visit
            topic["offered_visit"] = True
        others = value.get("others")
        if isinstance(others, list) and 0 < len(others) <= 3 and all(
                isinstance(o, list) and len(o) == 2 and all(
                    isinstance(x, str) and _TOPIC_ID.fullmatch(x) for x in o) for o in others):
            topic["others"] = others  # the other passages the last answer quoted
        rows = value.get("rows")
        if isinstance(rows, list) and 0 < len(rows) <= 20 and all(
                type(r) is int and 0 <= r < 100 for r in rows):
            topic["rows"] = rows  # the table rows the last answer gave values of
            years = value.get("years")
            if isinstance(years, list) and 0 < len(years) <= 10 and all(
                    isinstance(y, str) and _YEAR_ID.fullmatch(y) for y in years):
                topic["years"] = years  # the years this table was asked for so far
            if isinstance(value.get("last_year"), str) and _YEAR_ID.fullmatch(value["last_year"]):
                topic["last_year"] = value["last_year"]  # the one asked last
        if value.get("occasion") in _OCCASIONS:  # the occasion the last question named
            topic["occasion"] = value["occasion"]
        if value.get("rule") in _DATE_RULES:  # the date rule the last answer computed
            topic["rule"] = value["rule"]
            if value.get("last_followup") is True:  # counted from the latest follow-up
                topic["last_followup"] = True
            if value.get("first_followup") is True:  # that follow-up was the first
                topic["first_followup"] = True
            # the days Läkarmedverkan counted, the enrolment the follow-ups counted from
            for key in ("discharge_date", "support_until", "enrolled_on"):
                if isinstance(value.get(key), str) and _ISO_DAY.fullmatch(value[key]):
                    topic[key] = value[key]
        if isinstance(value.get("asked_on"), str) and _ISO_DAY.fullmatch(value["asked_on"]):
            topic["asked_on"] = value["asked_on"]  # the day a passage was asked of
        period = value.get("period")
        if isinstance(period, str) and _PERIOD.fullmatch(period):
            topic["period"] = period  # the year, month or day a version answer was asked of
        scope = value.get("scope")
        if isinstance(scope, str) and _ORGANIZATION_NAME.fullmatch(scope):
            topic["scope"] = scope  # the organization the question named, none being picked
        return topic
    return None


def valid_id(conversation_id: str | None) -> bool:
    """True if ``conversation_id`` has the shape of an id this store hands out."""
    return bool(conversation_id) and bool(ID_PATTERN.fullmatch(conversation_id))


class ConversationStore:
    """Conversations in the database's ``conversations`` table, expiring ``ttl_seconds`` after
    the last message; at most ``max_conversations`` of them (None: no cap). ``database`` is a
    ``rutin.db.Database`` (the server's, from RUTIN_DATABASE_URL) or a directory (then the
    SQLite file ``<directory>/rutin.sqlite3``). Safe for several threads and processes, and
    instances sharing one PostgreSQL; ``clock`` is injectable for tests of expiry.

    Expiry is ``DELETE … WHERE updated < now - ttl`` on the index of ``updated``; the cap deletes
    every row at or below the ``touched`` of the (cap+1)-th newest, on the index of ``touched``
    (run when a new conversation is stored, and by the sweep). Raises
    ``rutin.errors.DatabaseUnavailable`` when the database cannot be reached."""

    def __init__(self, database: Database | Path, *, ttl_seconds: int,
                 max_conversations: int | None = None, clock=time.time) -> None:
        if isinstance(database, Database):
            self.database = database
        else:
            self.database = database_in(Path(database))
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max_conversations
        self._clock = clock

    def new(self, language: str = "sv") -> Conversation:
        """A fresh conversation with an unguessable id (not stored until ``save``)."""
        now = self._clock()
        return Conversation(id=secrets.token_urlsafe(24), language=language, created=now,
                            updated=now)

    def get(self, conversation_id: str | None) -> Conversation | None:
        """The conversation with this id, or ``None`` if the id is malformed, unknown or expired,
        or its row is not a stored conversation (an expired or malformed row is deleted)."""
        if not valid_id(conversation_id):
            return None
        with self.database.begin() as conn:
            row = conn.execute(select(table.c.data, table.c.updated, table.c.touched)
                               .where(table.c.id == conversation_id)).first()
            if row is None:
                return None
            try:
                conv = conversation_from_json(json.loads(row.data), conversation_id)
            except (ValueError, RecursionError):
                conv = None
            if conv is None or self._expired(row.updated):
                # only this version of it: a save by another process since is kept
                conn.execute(delete(table).where(table.c.id == conversation_id,
                                                 table.c.touched == row.touched))
                return None
            return conv

    def save(self, conversation: Conversation) -> None:
        """Store the conversation and refresh its expiry. Past ``max_conversations`` the least
        recently used conversations are deleted."""
        conversation.updated = self._clock()
        if not valid_id(conversation.id):
            raise ValueError("invalid conversation id")
        values = {"data": json.dumps(conversation.to_json(), ensure_ascii=False),
                  "updated": conversation.updated, "touched": next_touch()}
        with self.database.begin() as conn:
            changed = conn.execute(update(table).where(table.c.id == conversation.id)
                                   .values(**values)).rowcount
            if changed:
                return
            # new: an upsert (another process may store the same id meanwhile), then the cap
            conn.execute(upsert(conn, table, {"id": conversation.id,
                                              "created": conversation.created, **values},
                                ["id"], values))
            self._enforce_cap(conn)

    def delete(self, conversation_id: str) -> None:
        """Forget a conversation (no error if it is gone)."""
        if valid_id(conversation_id):
            with self.database.begin() as conn:
                conn.execute(delete(table).where(table.c.id == conversation_id))

    def count(self) -> int:
        """How many conversations are stored (expired ones not yet swept included)."""
        with self.database.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    def sweep(self) -> int:
        """Delete every expired conversation and enforce the cap: two indexed statements.
        Returns how many conversations were deleted. Meant for a background thread."""
        cutoff = self._clock() - self.ttl_seconds
        with self.database.begin() as conn:
            removed = conn.execute(delete(table).where(table.c.updated < cutoff)).rowcount
            removed += self._enforce_cap(conn)
        return removed

    #: The earlier name of ``sweep``.
    purge_expired = sweep

    def _enforce_cap(self, conn) -> int:
        """Delete the least recently used conversations past the cap (in ``conn``'s
        transaction); how many."""
        if self.max_conversations is None:
            return 0
        newest_past_cap = (select(table.c.touched).order_by(table.c.touched.desc())
                           .limit(1).offset(self.max_conversations).scalar_subquery())
        return conn.execute(delete(table).where(table.c.touched <= newest_past_cap)).rowcount

    def _expired(self, updated: float) -> bool:
        return self._clock() - float(updated) > self.ttl_seconds
