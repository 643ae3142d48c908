"""End-to-end evaluation of the chat: routing, dialogue and answers, through ``respond``.

Every message goes through ``server.chat.service.respond``, the function POST /api/v1/chat
calls, with the facts the extractor really finds: never a component alone (issue 9, "How to
measure"; issue 10: the earlier figures called the knowledge base directly and skipped the
router). The sets were written by helper sessions that had not read the code
(tests/eval/routing/*.toml, tests/eval/answers/*.toml) and are split into a tuning part and a
held-out part; only the tuning part may guide a change.

``rutin eval --routing`` and ``rutin eval --answers`` print these figures.
"""

from __future__ import annotations

import re
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "tests" / "eval"
ROUTING_DIR = EVAL_DIR / "routing"
ANSWERS_DIR = EVAL_DIR / "answers"

#: The day the sets were written against ("igår" in a message is 2026-11-30).
EVAL_TODAY = date(2026, 12, 1)

PARTS = ("tuning", "held_out")
KINDS = ("visit", "date_rule", "search", "version", "out_of_scope")


# --------------------------------------------------------------------------- loading

def _load_dir(directory: Path, key: str) -> list[dict]:
    items = []
    for path in sorted(directory.glob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for i, item in enumerate(data.get(key, [])):
            item = dict(item, source=path.stem, index=i)
            if item.get("part") not in PARTS:
                raise ValueError(f"{path}: {key} {i} has no part (tuning or held_out)")
            items.append(item)
    return items


def load_routing(directory: Path = ROUTING_DIR) -> tuple[list[dict], list[dict]]:
    """(messages, dialogues) of the routing set, each with ``part`` and ``source``."""
    return _load_dir(directory, "message"), _load_dir(directory, "dialogue")


def load_answer_questions(directory: Path = ANSWERS_DIR) -> list[dict]:
    """The answer set's questions, each with ``part`` and ``source``."""
    return _load_dir(directory, "question")


# --------------------------------------------------------------------------- running

class _EvalState:
    """An app state for evaluation: the served knowledge base and rules, and conversations
    in a temporary directory (nothing of the evaluation is left in the data directory)."""

    def __init__(self, state) -> None:
        from server.chat.conversations import ConversationStore

        self._tmp = tempfile.TemporaryDirectory(prefix="rutin-eval-")
        self.settings = state.settings
        self.kb = state.kb
        self.rules = state.rules
        self.conversations = ConversationStore(Path(self._tmp.name),
                                               ttl_seconds=state.settings.conversation_ttl_seconds)

    def close(self) -> None:
        self._tmp.cleanup()


def observed_kind(api: dict) -> str:
    """The kind of answer a reply is, in the set's labels: a registration card or a question
    for a visit fact is ``visit``; a date rule is ``date_rule``; ``no_answer`` is
    ``out_of_scope``; search and version answers are themselves."""
    if api.get("date_rule"):
        return "date_rule"
    if api.get("decision") is not None or api.get("kind") == "clarify":
        return "visit"
    kind = api.get("kind")
    if kind == "no_answer":
        return "out_of_scope"
    if kind in ("search", "version"):
        return kind
    return "search"


def halland_card(api: dict) -> bool:
    """True when the reply is a Region Halland registration card (a visit decision)."""
    return api.get("decision") is not None


def _ask(state, text: str, conversation_id: str | None = None) -> dict:
    from server.chat.service import respond

    return respond(state, text, conversation_id, EVAL_TODAY).api


def message_correct(item: dict, api: dict) -> bool:
    """Whether a reply is right for a labelled message.

    A message naming an organization without routines here is right when it is told so
    (no_answer, never a card); a visit question about the Västra Götaland municipality is right
    when it gets no Halland card; otherwise the kind must match the label.
    """
    got = observed_kind(api)
    org = item.get("organization", "")
    if org == "other":
        return got == "out_of_scope" and not halland_card(api)
    if org == "Västra Götaland" and item["kind"] == "visit":
        return not halland_card(api) and got != "visit"
    return got == item["kind"]


def _age_read(facts: dict) -> int | None:
    """The age the facts give for the visit's day: the age stated, or the one a birth date
    read from a birthday ("he turned 85 last week") gives on that day."""
    if facts.get("patient_age") is not None:
        return facts["patient_age"]
    if facts.get("birth_date"):
        from rules.age import age_on

        day = facts.get("visit_date")
        return age_on(date.fromisoformat(facts["birth_date"]),
                      date.fromisoformat(day) if day else EVAL_TODAY)
    return None


def _fact_checks(item: dict, api: dict) -> list[tuple[str, bool]]:
    """(form, read right) for the age and date a message states."""
    facts = (api.get("understood") or {}).get("facts") or api.get("facts") or {}
    checks = []
    if "age" in item and item["kind"] == "visit":
        checks.append(("age", _age_read(facts) == item["age"]))
    if "visit_date" in item and item["kind"] == "visit":
        checks.append(("date", facts.get("visit_date") == item["visit_date"]))
    if "date" in item and item["kind"] == "date_rule":
        rule = api.get("date_rule") or {}
        read = rule.get("discharge_date") or rule.get("enrolled_on")
        checks.append(("date", read == item["date"]))
    return checks


def turn_correct(turn: dict, api: dict) -> bool:
    """Whether a dialogue turn's reply shows what the turn expects."""
    expect = turn.get("expect_kind")
    got = observed_kind(api)
    decision = api.get("decision") or {}
    ok = True
    if expect == "visit_complete":
        ok = got == "visit" and bool(decision) and not api.get("question")
    elif expect == "visit_asks":
        ok = got == "visit" and bool(api.get("question"))
    elif expect:
        ok = got == expect
    for key in ("patient_fee_sek", "compensation_sek", "system"):
        if key in turn:
            ok = ok and decision.get(key) == turn[key]
    if "age" in turn:
        ok = ok and _age_read(api.get("facts") or {}) == turn["age"]
    return ok


@dataclass
class RoutingFigures:
    """Routing and dialogue figures of one part of the set."""

    part: str
    messages: int = 0
    correct: int = 0
    card_violations: int = 0  # general, version, out-of-scope or other-organization -> card
    facts_read: Counter = field(default_factory=Counter)
    facts_total: Counter = field(default_factory=Counter)
    dialogues: int = 0
    dialogues_passed: int = 0
    turns: int = 0
    turns_passed: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, observed) -> n
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.messages if self.messages else 0.0


def run_routing(state, messages: list[dict], dialogues: list[dict]) -> dict[str, RoutingFigures]:
    """Every message (a new conversation each) and every dialogue through ``respond``."""
    ev = _EvalState(state)
    figures = {p: RoutingFigures(p) for p in PARTS}
    try:
        for item in messages:
            fig = figures[item["part"]]
            api = _ask(ev, item["text"])
            ok = message_correct(item, api)
            fig.messages += 1
            fig.correct += ok
            fig.confusion[(item["kind"], observed_kind(api))] += 1
            general = item["kind"] != "visit" or item.get("organization") in ("other",
                                                                              "Västra Götaland")
            if general and halland_card(api) and item["kind"] != "date_rule":
                fig.card_violations += 1
            elif item.get("organization") == "other" and halland_card(api):
                fig.card_violations += 1
            for form, read in _fact_checks(item, api):
                fig.facts_total[form] += 1
                fig.facts_read[form] += read
                if not read:
                    fig.misses.append(f"[{item['source']}] fact {form}: {item['text']!r} "
                                      f"-> {api.get('facts')}")
            if not ok:
                fig.misses.append(f"[{item['source']}] {item['kind']}"
                                  f"{'/' + item['organization'] if item.get('organization') else ''}"
                                  f" -> {observed_kind(api)}: {item['text']!r}")
        for dialogue in dialogues:
            fig = figures[dialogue["part"]]
            conversation_id = None
            passed = True
            for n, turn in enumerate(dialogue.get("turn", []), start=1):
                api = _ask(ev, turn["user"], conversation_id)
                conversation_id = api["conversation_id"]
                ok = turn_correct(turn, api)
                fig.turns += 1
                fig.turns_passed += ok
                if not ok:
                    passed = False
                    d = api.get("decision") or {}
                    fig.misses.append(
                        f"[{dialogue['source']}] dialogue {dialogue.get('id')} turn {n} "
                        f"{turn['user']!r}: expected {turn.get('expect_kind')} "
                        f"{ {k: turn[k] for k in ('patient_fee_sek', 'compensation_sek', 'system', 'age') if k in turn} }"
                        f", got {observed_kind(api)} q={bool(api.get('question'))} "
                        f"fee={d.get('patient_fee_sek')} comp={d.get('compensation_sek')} "
                        f"sys={d.get('system')} age={(api.get('facts') or {}).get('patient_age')}")
            fig.dialogues += 1
            fig.dialogues_passed += passed
    finally:
        ev.close()
    return figures


# --------------------------------------------------------------------------- answers

def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().casefold()


def answer_states_fact(question: dict, answer: str) -> bool:
    """True when the answer contains one alternative of every ``must_contain`` group."""
    text = _norm(answer)
    return all(any(_norm(alt) in text for alt in group) for group in question["must_contain"])


@dataclass
class AnswerFigures:
    """Answer and retrieval figures of one part of the answer set."""

    part: str
    answerable: int = 0
    right: int = 0
    wrong: int = 0
    refused: int = 0  # answerable questions answered no_answer
    not_covered: int = 0
    not_covered_refused: int = 0
    retrieval_n: int = 0
    rank1: int = 0
    rank5: int = 0
    rr: float = 0.0
    english: int = 0
    english_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def right_share(self) -> float:
        return self.right / self.answerable if self.answerable else 0.0


SEED_DOCUMENTS = {
    "000": "rh-hemsjukvardsbesok-cosmic", "001": "rh-hemsjukvardsbesok-vas",
    "002": "rh-hsu-lakarinsatser-i-hemmet", "003": "vg-hemsjukvard-anslutning-utskrivning",
    "004": "rh-mobil-hemsjukvard-rapport",
}


def _passage_rank(kb, question: dict, k: int = 10) -> int | None:
    wanted_doc = SEED_DOCUMENTS.get(str(question.get("document", "")))
    snippet = _norm(question.get("passage", ""))
    for i, hit in enumerate(kb.search(question["text"], k=k), start=1):
        if hit.meta.id == wanted_doc and snippet in _norm(hit.chunk.text):
            return i
    return None


def run_answers(state, questions: list[dict]) -> dict[str, AnswerFigures]:
    """Every question through ``respond`` (a new conversation each), and the rank of its
    answering passage in search."""
    ev = _EvalState(state)
    figures = {p: AnswerFigures(p) for p in PARTS}
    try:
        for q in questions:
            fig = figures[q["part"]]
            api = _ask(ev, q["text"])
            refused = api.get("kind") == "no_answer"
            if q["expect"] == "not_covered":
                fig.not_covered += 1
                fig.not_covered_refused += refused
                if not refused:
                    fig.misses.append(f"[{q['source']}] not covered, answered {api.get('kind')}: "
                                      f"{q['text']!r} -> {api.get('answer', '')[:100]!r}")
                continue
            fig.answerable += 1
            right = not refused and answer_states_fact(q, api.get("answer", ""))
            fig.right += right
            fig.refused += refused
            fig.wrong += not right and not refused
            if q.get("lang") == "en":
                fig.english += 1
                fig.english_right += right
            if not right:
                fig.misses.append(f"[{q['source']}] {'refused' if refused else 'wrong'}: "
                                  f"{q['text']!r} needs {q['must_contain']} -> "
                                  f"{api.get('answer', '')[:160]!r}")
            if q.get("passage") and ev.kb is not None:
                rank = _passage_rank(ev.kb, q)
                fig.retrieval_n += 1
                fig.rank1 += rank == 1
                fig.rank5 += rank is not None and rank <= 5
                fig.rr += 1.0 / rank if rank else 0.0
    finally:
        ev.close()
    return figures
