"""One chat turn: understand the message, route it, answer it, remember the facts.

``respond`` is what POST /api/v1/chat, the chat page and the widget call. Order matters for the
personnummer (issue; preamble): it is read for the birth date first, then masked, and only the
masked text goes on to extraction, routing, search and anything that could log or echo it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from rutin.errors import InputError
from rutin.redact import PERSONNUMMER_RE, mask_personnummer
from kb.support import is_supported
from server.chat import answer as A
from server.chat import sentences as S
from server.chat import texts as T
from server.chat.conversations import Conversation, valid_id
from server.chat.facts import extract_facts, merge_facts
from server.chat.intent import CLARIFY, FOLLOWUP, LAKARMEDVERKAN, RULES, SEARCH, date_rule, route

log = logging.getLogger("rutin.chat")

#: How many passages a search answer shows as sources.
SOURCES_SHOWN = 3


@dataclass
class ChatReply:
    """The API answer (``api``) plus what the pages show beside it."""

    api: dict
    conversation: Conversation
    language: str = "sv"
    question: str | None = None
    facts_rows: list[dict] = field(default_factory=list)
    highlight: dict | None = None  # {"document_id", "anchor", "parts": [{"text", "mark"}]}
    marks: dict = field(default_factory=dict)  # "doc#anchor" -> parts, quotes marked
    restarted: bool = False


def clean_message(message: object, max_chars: int) -> str:
    """The message, stripped, or InputError: empty, whitespace-only, too long, not text."""
    if not isinstance(message, str):
        raise InputError("message", "message ska vara en text.")
    # Control characters (NUL and friends) carry nothing a question needs.
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in message).strip()
    if not text:
        raise InputError("message", "Meddelandet är tomt; skriv en fråga.")
    if len(text) > max_chars:
        raise InputError("message", f"Meddelandet är för långt: högst {max_chars} tecken "
                                    "accepteras.")
    return text


def _birth_date_from_text(text: str, today: date) -> tuple[date | None, bool]:
    """(birth date, a personnummer-shaped number was present) from the raw text.

    Uses the rules' reader (checksum, samordningsnummer, '+'); the number itself goes nowhere.
    """
    from rules.identity import birth_date_from_personnummer

    seen = False
    for m in PERSONNUMMER_RE.finditer(text):
        seen = True
        try:
            return birth_date_from_personnummer(m.group(0), reference=today), True
        except (InputError, ValueError):
            continue
    return None, seen


def _tokenizer_for(kb):
    """The knowledge base's own Swedish tokenizer (the one its lexical index uses)."""
    return kb.tokenizer


def respond(state, message: object, conversation_id: str | None, today: date) -> ChatReply:
    """Answer one message in a conversation. Raises InputError for an unusable message or a
    malformed conversation id; an unknown or expired id starts a fresh conversation."""
    settings = state.settings
    text = clean_message(message, settings.max_message_chars)
    if conversation_id is not None and conversation_id != "" and not valid_id(conversation_id):
        raise InputError("conversation_id", "conversation_id har fel form; utelämna det för att "
                                            "börja ett nytt samtal.")
    store = state.conversations
    conv = store.get(conversation_id) if conversation_id else None
    restarted = bool(conversation_id) and conv is None
    born_pnr, pnr_seen = _birth_date_from_text(text, today)
    text = mask_personnummer(text)  # from here on the personnummer is gone

    stated_facts = extract_facts(text, today)
    stated = stated_facts.stated()
    if born_pnr is not None:
        for k in ("patient_age", "birth_year"):
            stated.pop(k, None)
        stated["birth_date"] = born_pnr.isoformat()
    if conv is None:
        conv = store.new(language=stated_facts.language)
    lang = stated_facts.language if len(text.split()) >= 4 or conv.turns == 0 else conv.language

    kind = route(text, stated, conv.last_kind, personnummer_given=born_pnr is not None,
                 known=conv.facts)
    rule_name = date_rule(text, stated)
    if rule_name is not None and _date_rule_table(state, rule_name) is not None:
        kind = rule_name
    if state.kb is None and kind == SEARCH:
        raise InputError("kb", "Kunskapsbasen laddas fortfarande; försök igen om en stund.",
                         status_code=503)
    if kind in (RULES, CLARIFY):
        conv.facts = merge_facts(conv.facts, stated)

    if kind in (LAKARMEDVERKAN, FOLLOWUP):
        reply = _date_rule_answer(state, kind, date.fromisoformat(stated["visit_date"]), lang)
    elif kind == RULES:
        reply = _rules_answer(state, conv, lang, today)
    elif kind == CLARIFY:
        reply = _clarify_answer(conv, lang)
    else:
        reply = _search_answer(state, text, lang)
    if pnr_seen and born_pnr is None:
        reply.api["answer"] = T.t(lang, "pnr_bad") + "\n\n" + reply.api["answer"]

    conv.last_kind = reply.api["kind"] if reply.api["kind"] in (RULES, CLARIFY) else SEARCH
    conv.language = lang
    conv.turns += 1
    store.save(conv)
    reply.api["conversation_id"] = conv.id
    reply.api["facts"] = {k: v for k, v in conv.facts.items()}
    reply.api["question"] = reply.question
    reply.conversation = conv
    reply.language = lang
    reply.restarted = restarted
    reply.facts_rows = T.describe_facts(conv.facts, lang)
    return reply


# --------------------------------------------------------------------------- rules

def _age_facts(facts: dict, visit_date: date) -> dict:
    """patient_age / birth_date for the rules; a birth year alone gives an age only when both
    possible ages fall on the same side of 85, the one age limit of the routines
    ("Patientavgift: 200 kr om patient under 85 år")."""
    if "patient_age" in facts:
        return {"patient_age": int(facts["patient_age"])}
    if "birth_date" in facts:
        return {"birth_date": date.fromisoformat(facts["birth_date"])}
    if "birth_year" in facts:
        high = visit_date.year - int(facts["birth_year"])
        low = high - 1
        if low >= 85 or high < 85:
            return {"patient_age": max(low, 0)}
    return {}


def _rules_answer(state, conv: Conversation, lang: str, today: date) -> ChatReply:
    from rules.engine import decide
    from rules.facts import resolve_facts

    facts = conv.facts
    visit_date = date.fromisoformat(facts["visit_date"]) if "visit_date" in facts else today
    date_assumed = "visit_date" not in facts
    if state.rules is None:
        raise InputError("rules", "Reglerna laddas fortfarande; försök igen om en stund.",
                         status_code=503)
    try:
        resolved = resolve_facts(
            visit_date,
            **_age_facts(facts, visit_date),
            occasion=facts.get("occasion"),
            setting=facts.get("setting"),
            municipal_home_care=facts.get("municipal_home_care"),
            remote=facts.get("remote", False),
            lakarmedverkan=facts.get("lakarmedverkan", False),
            performed_by=facts.get("performed_by", "lakare"),
        )
    except InputError as exc:
        return ChatReply(api={"kind": CLARIFY, "answer": T.t(lang, "invalid_fact", msg=exc.message),
                              "decision": None, "citations": [], "passages": []},
                         conversation=conv)
    decision = decide(resolved, visit_date, state.rules).to_api()
    missing = list(decision.get("missing") or [])
    if "patient_age" in missing and "birth_year" in facts:
        missing[missing.index("patient_age")] = "birth_date"
    # Not eligible and nothing to register (a remote contact): no later fact changes that,
    # so no question back.
    settled = decision.get("eligible") is False and not decision.get("registration")
    question = T.question_for(missing[0], lang) if missing and not settled else None
    routine = decision.get("routine") or {}
    meta = _meta(state.kb, routine.get("document_id"))
    text = A.rule_answer_text(decision, lang=lang, visit_date=visit_date,
                              date_assumed=date_assumed, meta=meta, question=question)
    citations, passages = _enrich_citations(state.kb, decision.get("citations") or [])
    return ChatReply(api={"kind": RULES, "answer": text, "decision": decision,
                          "citations": citations, "passages": passages},
                     conversation=conv, question=question, marks=_quote_marks(citations, passages))


def _date_rule_table(state, name: str):
    rules = getattr(state, "rules", None)
    if rules is None:
        return None
    return rules.lakarmedverkan if name == LAKARMEDVERKAN else rules.followup


def _date_rule_answer(state, name: str, day: date, lang: str) -> ChatReply:
    """Until when Läkarmedverkan supports a patient discharged on ``day`` (HSU 2026-03-03), or
    the follow-up dates of a patient enrolled on ``day`` (the Västra Götaland municipality's
    routine): the same rules as GET /api/v1/lakarmedverkan and /api/v1/followup, cited.
    The result is in ``date_rule``; ``decision`` stays null (it is the /api/v1/visit answer)."""
    from rules.followup import followup_schedule
    from rules.lakarmedverkan import decide_support

    rule = _date_rule_table(state, name)
    if name == LAKARMEDVERKAN:
        result = decide_support(day, rule).to_api()
    else:
        result = followup_schedule(day, rule).to_api()
    meta = _meta(state.kb, result["document_id"])
    text = A.date_rule_text(name, result, meta, lang)
    citations, passages = _enrich_citations(state.kb, result.get("citations") or [])
    return ChatReply(api={"kind": RULES, "answer": text, "decision": None,
                          "date_rule": dict(result, rule=name),
                          "citations": citations, "passages": passages},
                     conversation=None, marks=_quote_marks(citations, passages))


def _quote_marks(citations: list[dict], passages: list[dict]) -> dict:
    """For each cited passage, its text cut into parts with the cited quotes marked."""
    marks = {}
    for p in passages:
        spans = []
        for c in citations:
            if (c["document_id"], c["anchor"]) != (p["document_id"], p["anchor"]) or not c["quote"]:
                continue
            start = p["text"].find(c["quote"])
            if start >= 0:
                spans.append(S.Span(start, start + len(c["quote"])))
        marks[f"{p['document_id']}#{p['anchor']}"] = S.highlight_parts(p["text"], _merge(spans))
    return marks


def _merge(spans: list) -> list:
    """Overlapping spans joined, sorted."""
    out = []
    for s in sorted(spans, key=lambda s: s.start):
        if out and s.start <= out[-1].end:
            out[-1] = S.Span(out[-1].start, max(out[-1].end, s.end))
        else:
            out.append(s)
    return out


def _meta(kb, document_id):
    if kb is None or not document_id:
        return None
    try:
        doc = kb.document(document_id)
    except Exception:  # unknown id: the answer simply names no organization
        return None
    return getattr(doc, "meta", doc) if doc is not None else None


def _chunk(kb, document_id, anchor):
    if kb is None:
        return None
    try:
        doc = kb.document(document_id)
    except Exception:
        return None
    for chunk in getattr(doc, "chunks", None) or []:
        if chunk.anchor == anchor:
            return chunk
    return None


def _enrich_citations(kb, raw: list[dict]) -> tuple[list[dict], list[dict]]:
    """The decision's citations with title and section added, and the cited passages."""
    citations, passages, seen = [], [], set()
    for c in raw:
        meta = _meta(kb, c.get("document_id"))
        chunk = _chunk(kb, c.get("document_id"), c.get("anchor"))
        citations.append({
            "document_id": c.get("document_id"),
            "title": c.get("title") or (meta.title if meta else c.get("document_id")),
            "section": c.get("section") or (chunk.section if chunk else ""),
            "anchor": c.get("anchor"),
            "quote": c.get("quote"),
            "url": c.get("url") or f"/documents/{c.get('document_id')}#{c.get('anchor')}",
        })
        key = (c.get("document_id"), c.get("anchor"))
        if chunk is not None and meta is not None and key not in seen:
            seen.add(key)
            passages.append(_passage(meta, chunk, None))
    return citations, passages


def _passage(meta, chunk, score) -> dict:
    """A passage in the shape of a search result (api.md)."""
    return {"document_id": meta.id, "title": meta.title, "organization": meta.organization,
            "section": chunk.section, "anchor": chunk.anchor, "text": chunk.text,
            "score": score, "url": f"/documents/{meta.id}#{chunk.anchor}",
            "valid_from": meta.valid_from.isoformat() if meta.valid_from else None,
            "valid_to": meta.valid_to.isoformat() if meta.valid_to else None}


def _clarify_answer(conv: Conversation, lang: str) -> ChatReply:
    rows = T.describe_facts(conv.facts, lang)
    listed = (": " + ", ".join(f"{r['label']} {r['value']}" for r in rows)) if rows else ""
    question = T.t(lang, "clarify", facts=listed)
    return ChatReply(api={"kind": CLARIFY, "answer": question, "decision": None,
                          "citations": [], "passages": []},
                     conversation=conv, question=question)


# --------------------------------------------------------------------------- search

def _search_answer(state, text: str, lang: str) -> ChatReply:
    kb = state.kb
    hits = kb.search(text, k=5)
    tokenizer = _tokenizer_for(kb)
    empty = ChatReply(api={"kind": "no_answer", "answer": T.t(lang, "no_answer"),
                           "decision": None, "citations": [], "passages": []},
                      conversation=None)
    if not hits:
        return empty
    best = hits[0]
    if not is_supported(best, kb.no_answer_threshold_for(lang), lang):
        return empty
    chunk, meta = best.chunk, best.meta
    q_terms = S.question_terms(text, tokenizer, kb.lexicon, S.corpus_frequencies(kb))
    generic = set(tokenizer.tokenize(f"{meta.title} {chunk.section}"))
    spans = S.select_sentences(q_terms, chunk.text, tokenizer.tokenize, generic=generic)
    quote = " ".join(chunk.text[s.start:s.end] for s in spans)
    answer = quote + "\n\n" + A.source_line(meta, chunk.section, lang)
    citation = {"document_id": meta.id, "title": meta.title, "section": chunk.section,
                "anchor": chunk.anchor, "quote": quote,
                "url": f"/documents/{meta.id}#{chunk.anchor}"}  # the spec's form
    passages = [dict(h.to_api(), valid_from=_iso_or_none(h.meta.valid_from),
                     valid_to=_iso_or_none(h.meta.valid_to)) for h in hits[:SOURCES_SHOWN]]
    return ChatReply(api={"kind": SEARCH, "answer": answer, "decision": None,
                          "citations": [citation], "passages": passages},
                     conversation=None,
                     highlight={"document_id": meta.id, "anchor": chunk.anchor,
                                "parts": S.highlight_parts(chunk.text, spans)},
                     marks={f"{meta.id}#{chunk.anchor}": S.highlight_parts(chunk.text, spans)})


def _iso_or_none(value):
    return value.isoformat() if value else None
