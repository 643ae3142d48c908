"""The pages: the chat (/), the documents (/documents, /documents/{id}) and static files.

Server-rendered Jinja2, Swedish; the chat works without JavaScript (a form that posts to /).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from rutin.errors import InputError, NotFound
from rutin.redact import mask_personnummer
from server.chat.answer import last_day, validity
from server.chat import texts as T
from server.chat.sentences import Span, highlight_parts
from server.chat.service import respond
from rutin.clock import today_in_stockholm
from server.state import State

router = APIRouter(include_in_schema=False)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["last_day"] = last_day

# Document ids are catalog slugs; anything else (dots, slashes, encoded tricks) is no document.
DOCUMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
ANCHOR = re.compile(r"^[A-Za-z0-9_-]{1,120}$")
STATIC_NAME = re.compile(r"^[a-z0-9-]+\.(css|js|svg)$")
#: Longest quote a citation link carries and the document page marks (a few sentences; longer
#: links are cut, and the cut quote still marks its beginning).
QUOTE_MAX_CHARS = 400
KIND_LABELS = {"routine": "Rutin", "decision": "Beslut", "report": "Rapport",
               "document": "Dokument"}


def citation_link(document_id: str, anchor: str, quote: str | None = None) -> str:
    """The link the pages show for a cited passage: the document, the passage highlighted and
    scrolled to, and the quoted text (``q``) marked inside it. The API's citation ``url``
    stays ``/documents/<id>#<anchor>`` (shared/spec/api.md)."""
    params = {"highlight": anchor}
    if quote:
        params["q"] = quote[:QUOTE_MAX_CHARS]
    return f"/documents/{document_id}?{urlencode(params)}#{anchor}"


def passage_quote(reply, passage: dict) -> str | None:
    """The quote a reply cites from ``passage`` (its first citation of that passage), if any."""
    for c in reply.api.get("citations") or []:
        if (c.get("document_id"), c.get("anchor")) == (passage["document_id"], passage["anchor"]):
            if c.get("quote"):
                return c["quote"]
    return None


def quote_parts(text: str, quote: str) -> list[dict] | None:
    """``text`` cut into ``{"text", "mark"}`` parts with ``quote`` marked, whitespace between
    its words matching any whitespace (a search answer joins its sentences with a space);
    None when the quote is not in the text."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if match is None:
        return None
    return highlight_parts(text, [Span(match.start(), match.end())])


_ITEM = re.compile(r"^\s*[-•]\s+")


def answer_blocks(text: str) -> list[dict]:
    """An answer's text as blocks: paragraphs, and runs of "- " / "• " lines as one list."""
    blocks: list[dict] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _ITEM.match(line):
            if not blocks or blocks[-1]["kind"] != "list":
                blocks.append({"kind": "list", "items": []})
            blocks[-1]["items"].append(_ITEM.sub("", line))
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


#: A table row as the chat writes it: "- Läkare 2019: 3016, 2020: 2213, 2021: 2715".
_CHANGE_WORDS = "|".join(re.escape(T.t(lang, "table_change")) for lang in ("sv", "en"))
_TABLE_ROW = re.compile(r"^- (?P<label>\S.*?) (?P<cells>\S+: \S+(?:, \S+: \S+)*)"
                        # a change computed between the years ("(förändring +487)")
                        rf"(?: \((?P<change>{_CHANGE_WORDS}) (?P<delta>[^)]+)\))?$")
_CELL = re.compile(r"(?:^|, )(\S+): (\S+?)(?=, \S+: |$)")


def lead_blocks(lead: str) -> list[dict]:
    """A table answer's lead as blocks: paragraphs, and a caption line ending in ":" with
    three or more rows of the same columns as a table ({"kind": "table", "caption",
    "columns", "rows"}) (walk-throughs, stop 26: a table asked for was shown as lines)."""
    blocks: list[dict] = []
    lines = [line for line in lead.split("\n") if line.strip()]
    i = 0
    while i < len(lines):
        rows, j = [], i + 1
        while j < len(lines) and (m := _TABLE_ROW.match(lines[j])):
            cells = _CELL.findall(m.group("cells"))
            if m.group("change"):
                cells.append((m.group("change").capitalize(), m.group("delta")))
            rows.append((m.group("label"), cells))
            j += 1
        columns = [c for c, _ in rows[0][1]] if rows else []
        if lines[i].endswith(":") and len(rows) >= 3 and all(
                [c for c, _ in cells] == columns for _, cells in rows):
            blocks.append({"kind": "table", "caption": lines[i].rstrip(":"), "columns": columns,
                           "rows": [[label] + [v for _, v in cells] for label, cells in rows]})
            i = j
        else:
            blocks.append({"kind": "paragraph", "text": lines[i]})
            i += 1
    return blocks


def rule_lead(text: str, notice: str | None) -> list[str]:
    """The lines a registration answer opens with, above its list of fields: a changed fact
    ("Ändrat: ålder 84 → 85.") and "Enligt ”…” registreras besöket …", without the notice the
    page shows on its own (walk-through, stop 19: after a change the notice was shown twice
    and the "Enligt …" line not at all)."""
    lines = []
    for line in text.split("\n"):
        if not line.strip() or line.strip() == (notice or "").strip():
            continue
        if _ITEM.match(line) or line.startswith(("Besöksdag:", "Visit date:")):
            break
        lines.append(line)
    return lines


def not_in_force_label(passage: dict, lang: str = "sv") -> str:
    """"gäller inte ännu" for a version still to come, else "gäller inte längre" (walk-
    through, stop 22: a version beginning next year was listed as no longer in force)."""
    start = str(passage.get("valid_from") or "")
    if start and start > today_in_stockholm().isoformat():
        return "gäller inte ännu" if lang == "sv" else "not in force yet"
    return "gäller inte längre" if lang == "sv" else "no longer in force"


templates.env.globals.update(citation_link=citation_link, passage_quote=passage_quote,
                             answer_blocks=answer_blocks, rule_lead=rule_lead,
                             lead_blocks=lead_blocks, validity_label=validity,
                             not_in_force_label=not_in_force_label)


#: The cookie that remembers the organization a person picked on the chat page (a year).
ORGANIZATION_COOKIE = "rutin_organization"
#: The picker's value for "all organizations" (an empty form value reaches the route as None,
#: which means "nothing picked").
ALL_ORGANIZATIONS = "alla"


def known_organization(state, value: str | None) -> str:
    """``value`` if it is one of the knowledge base's organizations, else ''."""
    if not value or state.kb is None:
        return ""
    return value if value in state.kb.organizations() else ""


def remembered_organization(request: Request, state) -> str:
    """The organization the chat page's cookie remembers ('' for none or an unknown one)."""
    return known_organization(state, unquote(request.cookies.get(ORGANIZATION_COOKIE, "")))


def chat_page(request: Request, state, *, reply=None, error=None, status=200,
              template="chat.html", message="", organization: str | None = None):
    """Render the chat (or widget) page with an optional answer or error. ``organization``:
    the one picked on this request (None: the remembered one on the chat page)."""
    remembered = remembered_organization(request, state)
    if organization is None:
        organization = remembered if template == "chat.html" else ""
    ctx = {"reply": reply, "error": error, "message": message,
           "conversation_id": reply.conversation.id if reply else "",
           "lang": reply.language if reply else "sv", "loading": state.kb is None,
           "load_error": state.not_ready_message() if state.load_error else None,
           "widget": template == "widget.html",
           "organizations": state.kb.organizations() if state.kb is not None else [],
           "examples": EXAMPLES, "coverage": coverage(state) if reply is None else [],
           "organization": organization}
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    if template == "chat.html" and organization != remembered:
        if organization:  # URL-encoded: a cookie value holds no spaces or non-ASCII letters
            response.set_cookie(ORGANIZATION_COOKIE, quote(organization),
                                max_age=365 * 24 * 3600, httponly=True, samesite="lax")
        else:
            response.delete_cookie(ORGANIZATION_COOKIE, httponly=True, samesite="lax")
    return response


def answer_form(request: Request, state, message: str, conversation_id: str, template: str,
                organization: str | None = None):
    """Answer a posted form: the answer page, or the page with the error at 4xx.
    ``organization``: the one picked in the form ('': all, or the instance's default); None
    when the form has no picker: the chat page's remembered one, else all."""
    if organization is None:
        organization = remembered_organization(request, state) if template == "chat.html" else ""
    elif organization == ALL_ORGANIZATIONS:
        organization = ""
    organization = mask_personnummer(organization)[:200]
    # (echoed into the page, so never with a personnummer in it)
    shown = mask_personnummer(message[:state.settings.max_message_chars])
    try:
        reply = respond(state, message, conversation_id or None, today_in_stockholm(),
                        organization=organization or None, keep_thread=True,
                        client=request.client.host if request.client else None)
    except InputError as exc:
        # A stale or tampered conversation id keeps the question, not the id.
        response = chat_page(request, state, error=exc.message, status=exc.status_code,
                             template=template,
                             message=shown,
                             organization=known_organization(state, organization))
        for k, v in (getattr(exc, "headers", None) or {}).items():  # Retry-After of a 429
            response.headers[k] = v
        return response
    if template == "chat.html":
        # Post/Redirect/Get: the conversation has its own address, so Back, reload and a
        # bookmark work; the organization picked is remembered as before.
        response = RedirectResponse(f"/samtal/{reply.conversation.id}#svar-{reply.conversation.turns}",
                                    status_code=303)
        _remember_organization(request, state, response, known_organization(state, organization))
        return response
    # (the widget shows the question it answers above the answer: a visitor reading the answer
    # no longer saw what was asked, the form being empty for the next: walk-throughs, stops 54
    # and 55; masked, as everywhere)
    return chat_page(request, state, reply=reply, template=template, message=shown,
                     organization=known_organization(state, organization))


def _remember_organization(request: Request, state, response, organization: str) -> None:
    """Keep the chat page's organization cookie in step with the one picked."""
    if organization == remembered_organization(request, state):
        return
    if organization:  # URL-encoded: a cookie value holds no spaces or non-ASCII letters
        response.set_cookie(ORGANIZATION_COOKIE, quote(organization),
                            max_age=365 * 24 * 3600, httponly=True, samesite="lax")
    else:
        response.delete_cookie(ORGANIZATION_COOKIE, httponly=True, samesite="lax")


def _conversation(state, conversation_id: str):
    """The conversation at /samtal/<id>, or a 404 page: unknown, expired or malformed."""
    from server.chat.conversations import valid_id

    conv = state.conversations.get(conversation_id) if valid_id(conversation_id) else None
    if conv is None:
        raise NotFound("conversation_id", "Samtalet finns inte eller har gått ut. Börja ett nytt "
                                          "samtal på startsidan.")
    return conv


@router.get("/samtal/{conversation_id}")
def conversation_page(request: Request, state: State, conversation_id: str):
    """The conversation: each question and its answer, the follow-up box under the latest."""
    from server.chat.thread import stored_reply

    conv = _conversation(state, conversation_id)
    turns = [{"number": int(t.get("number") or i + 1), "question": t.get("asked", ""),
              "feedback": t.get("feedback"), "reply": stored_reply(t, conv)}
             for i, t in enumerate(conv.thread)]
    # the organization picked for the conversation's last turn, which another browser's
    # cookie does not know; the cookie's for a conversation kept before turns held it
    picked = [t["organization"] for t in conv.thread if isinstance(t.get("organization"), str)]
    organization = known_organization(state, picked[-1]) if picked \
        else remembered_organization(request, state)
    return templates.TemplateResponse(request, "conversation.html", {
        "turns": turns, "conversation_id": conv.id, "widget": False,
        "organizations": state.kb.organizations() if state.kb is not None else [],
        "organization": organization, "lang": turns[-1]["reply"].language if turns else "sv"},
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


@router.post("/samtal/{conversation_id}/svar/{number}/omdome")
def feedback_post(request: Request, state: State, conversation_id: str, number: int,
                  rating: str = Form(""), reason: str = Form("")):
    """Helpful or not (with an optional reason) on one answer; stored masked for the content
    owners (server/feedback.py). Back to the answer, which then thanks."""
    from server.feedback import RATINGS, feedback_key
    from server.security import load_secret

    conv = _conversation(state, conversation_id)
    turn = next((t for t in conv.thread if int(t.get("number") or 0) == number), None)
    if turn is None:
        raise NotFound("number", "Det svaret finns inte i samtalet.")
    if rating not in RATINGS:
        raise InputError("rating", "Välj ”till hjälp” eller ”inte till hjälp”.")
    api = turn.get("api") or {}
    state.feedback.add(feedback_key(conv.id, number, load_secret(state.settings)), rating,
                       reason, turn.get("asked", ""), str(api.get("kind", "")),
                       api.get("citations") or [])
    turn["feedback"] = rating
    state.conversations.save(conv)
    return RedirectResponse(f"/samtal/{conv.id}#svar-{number}", status_code=303)


#: The start page's example questions (a link fills the question box with one).
EXAMPLES = (
    "Hur registrerar jag ett hembesök efter utskrivning hos en 87-åring på säbo?",
    "Vad betalar patienten för ett hembesök av läkare?",
    "Patienten skrevs ut 1 april 2026, hur länge kan Läkarmedverkan stötta?",
    "När ska första uppföljningen ske efter anslutning till hemsjukvården?",
    "Vad ändrades mellan VAS- och Cosmic-rutinen?",
)


def coverage(state) -> list[dict]:
    """What the knowledge base covers: per organization, its documents' titles and kinds."""
    if state.kb is None:
        return []
    by_org: dict[str, list] = {}
    for d in state.kb.documents():
        meta = getattr(d, "meta", d)
        by_org.setdefault(meta.organization, []).append(
            {"id": meta.id, "title": meta.title, "kind": KIND_LABELS.get(meta.kind, meta.kind),
             "in_force": meta.in_force_on(today_in_stockholm()),
             "valid_from": meta.valid_from.isoformat() if meta.valid_from else None})
    return [{"organization": o, "documents": sorted(docs, key=lambda x: x["title"])}
            for o, docs in sorted(by_org.items())]


@router.get("/")
def chat_get(request: Request, state: State, fraga: str = ""):
    """The chat: a question box, example questions and what the knowledge base covers.
    ``fraga`` (an example's link) fills the box; nothing is asked until the person sends it."""
    message = mask_personnummer(fraga[:state.settings.max_message_chars])
    return chat_page(request, state, message=message)


@router.get("/favicon.ico")
def favicon():
    """The icon browsers ask for at the root (the pages link the same SVG)."""
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.post("/")
def chat_post(request: Request, state: State, message: str = Form(""),
              conversation_id: str = Form(""), organization: str | None = Form(None)):
    """The chat without JavaScript: answer the posted question and show it; the organization
    picked is remembered in a cookie."""
    return answer_form(request, state, message, conversation_id, "chat.html", organization)


def _documents(state) -> list:
    if state.kb is None:
        raise InputError("kb", state.not_ready_message(),
                         status_code=503)
    return [getattr(d, "meta", d) for d in state.kb.documents()]


#: Kinds that are dated, not in force over a period: a report or a decision shows its date.
DATED_KINDS = ("report", "decision")
#: A long document (this many sections and characters) gets a table of contents.
TOC_MIN_SECTIONS = 5
TOC_MIN_CHARS = 3000


def _words_no_document_holds(kb, query: str) -> list[str]:
    """The words of ``query`` (four letters or more) that no indexed document holds, even
    shortened by an ending ("hemsjukvården" is held by "hemsjukvård")."""
    held = kb.document_words()
    return [word for word in dict.fromkeys(re.findall(r"[^\W\d_]{4,}", query.casefold()))
            if not any(w.startswith(word[:max(4, len(word) - 3)]) for w in held)
            and word not in _words_read_as(kb, word)]


def _words_read_as(kb, query: str) -> dict[str, str]:
    """The words of ``query`` the search reads as another word of the documents, a typing slip
    mended ("vacination": "vaccination", "hemsjukvrd": "hemsjukvård")."""
    tokenizer = getattr(kb, "tokenizer", None)
    if tokenizer is None:
        return {}
    read = {}
    for word in dict.fromkeys(re.findall(r"[^\W\d_]{4,}", query.casefold())):
        mended = tokenizer.restored(word)
        if mended != word:
            read[word] = mended
    return read


def _valid_on(value: str) -> date | None:
    """The ``valid_on`` filter: an ISO date, '' for today; InputError (422) otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("valid_on", "valid_on ska vara ett datum som ÅÅÅÅ-MM-DD.") from None


def document_titles(state) -> dict[str, str]:
    """Document id -> title, to name a superseding or superseded version."""
    return {d.id: getattr(d, "meta", d).title for d in state.kb.documents()}


@router.get("/dokument")
def documents_in_swedish(request: Request):
    """The document list under the Swedish word a visitor guesses ("/dokument" was a 404:
    walk-through RE8976, stop 55): a redirect to ``/documents`` with the same query."""
    query = request.url.query
    return RedirectResponse("/documents" + (f"?{query}" if query else ""), status_code=308)


@router.get("/documents")
def documents(request: Request, state: State, organization: str = "", valid_on: str = ""):
    """Every document with organization, kind, validity and whether it is in force today, or
    on ``valid_on`` (then only the documents in force that day)."""
    today = today_in_stockholm()
    metas = _documents(state)
    organization = mask_personnummer(organization)  # shown back on the page
    day = _valid_on(valid_on)
    organizations = sorted({m.organization for m in metas})
    shown = [m for m in metas if (not organization or m.organization == organization)
             and (day is None or m.in_force_on(day))]
    rows = [{"meta": m, "kind": KIND_LABELS.get(m.kind, m.kind), "validity": validity(m, "sv"),
             "dated": m.kind in DATED_KINDS, "in_force": m.in_force_on(day or today)}
            for m in shown]
    return templates.TemplateResponse(request, "documents.html", {
        "rows": rows, "organizations": organizations, "organization": organization,
        "today": today, "day": day, "titles": document_titles(state),
        "failures": state.kb.failures if state.kb is not None else [],
        "degraded": getattr(state.kb, "degraded", None)})


#: How many passages the search page lists.
SEARCH_PAGE_RESULTS = 10
#: Shown when no passage holds a word of the search: the closest by meaning.
SEARCH_PAGE_CLOSEST = 3


@router.get("/search")
def search_page_in_english(request: Request):
    """The search page under its English address (walk-through, stop 24: "/search" was a 404):
    a redirect to "/sok" with the same query, relative, never built from the Host header."""
    query = request.url.query
    return RedirectResponse("/sok" + (f"?{query}" if query else ""), status_code=308)


@router.get("/sok")
def search_page(request: Request, state: State, q: str = "", organization: str = "",
                valid_on: str = ""):
    """"Sök": the passages that best match the words, each with its document, organization,
    validity and section, the sentences that match best marked, and a link to the passage in
    its document. The same search as GET /api/v1/search (the page has no other engine)."""
    from rutin.text import is_blank
    from server.chat import sentences as S
    from server.chat.service import _tokenizer_for

    metas = _documents(state)
    organizations = sorted({m.organization for m in metas})
    shown_q = mask_personnummer(q[:state.settings.max_message_chars])  # echoed in the box
    organization = mask_personnummer(organization)[:200]
    day = _valid_on(valid_on)
    context = {"q": shown_q, "organizations": organizations, "organization": organization,
               "day": day, "results": None, "error": None}
    if is_blank(q):
        return templates.TemplateResponse(request, "search.html", context)
    if len(q) > state.settings.max_message_chars:
        context["error"] = f"Sökfrågan är för lång (högst {state.settings.max_message_chars} tecken)."
        return templates.TemplateResponse(request, "search.html", context, status_code=422)
    if organization and organization not in organizations:
        context["error"] = "Det finns inga dokument från den organisationen i kunskapsbasen."
        return templates.TemplateResponse(request, "search.html", context, status_code=422)
    kb = state.kb
    query = mask_personnummer(q)  # a personnummer is never searched, logged or kept
    hits = kb.search(query, k=SEARCH_PAGE_RESULTS, organization=organization or None,
                     valid_on=day)
    # Passages holding none of the words go, unless none holds any (a question in other
    # words than the documents'): then the closest few by meaning (walk-through, stop 18:
    # "Hallandsjouren" gave "10 träffar", one with the word and nine filler).
    # (or the start of one of its words: "brytpunkt" of "brytpunktssamtal", walk-through, stop
    # 29, was told no passage holds the words above the passage that does)
    # (and as the search reads a word with a typing slip: "vacination", "hemsjukvrd" were
    # told no passage holds them: walk-through, stop 44)
    read_as = _words_read_as(kb, query)
    starts = [w for w in re.findall(r"[^\W\d_]{5,}", query.casefold())] + list(read_as.values())
    worded = [hit for hit in hits if hit.term_coverage > 0 or any(
        re.search(rf"\b{re.escape(w)}", hit.chunk.text.casefold()) for w in starts)]
    context["unworded"] = not worded
    # a word no document holds, beside words some do ("influensavaccin säbo" listed ten
    # passages on SäBo as "träffar" without a word on the vaccine: walk-through, stop 31)
    context["missing"] = _words_no_document_holds(kb, query) if worded else []
    context["read_as"] = read_as
    hits = worded or hits[:SEARCH_PAGE_CLOSEST]
    tokenizer = _tokenizer_for(kb)
    terms = S.question_terms(query, tokenizer, kb.lexicon, S.corpus_frequencies(kb))
    today = today_in_stockholm()
    results = []
    for hit in hits:
        spans = S.select_sentences(
            terms, hit.chunk.text, tokenizer.tokenize,
            generic=set(tokenizer.tokenize(f"{hit.meta.title} {hit.chunk.section}")))
        results.append({"hit": hit, "parts": highlight_parts(hit.chunk.text, spans),
                        "validity": validity(hit.meta, "sv"),
                        "in_force": hit.meta.in_force_on(today),
                        "dated": hit.meta.kind in DATED_KINDS,
                        "link": citation_link(hit.meta.id, hit.chunk.anchor)})
    context["results"] = results
    return templates.TemplateResponse(request, "search.html", context)


def _known_document(state, document_id: str):
    if not DOCUMENT_ID.fullmatch(document_id):
        raise NotFound("document_id", "Det finns inget dokument med det id:t.")
    if state.kb is None:
        _documents(state)
    if document_id not in {d.id for d in state.kb.documents()}:
        raise NotFound("document_id", "Det finns inget dokument med det id:t. Se listan på "
                                      "/documents.")
    return state.kb.document(document_id)


@router.get("/documents/{document_id}/andringar")
def document_changes(request: Request, state: State, document_id: str):
    """"Vad ändrades?": the routine against the version it replaced, section by section, and
    for versions with rule tables the differences in fields, codes, fees and conditions."""
    from server.changes import compare_versions

    doc = _known_document(state, document_id)
    meta = getattr(doc, "meta", doc)
    comparison = compare_versions(state.kb, state.rules, meta.id)
    successor = next((d.meta for d in state.kb.documents()
                      if getattr(d.meta, "supersedes", None) == meta.id), None)
    if comparison is None and successor is not None:
        # the first version: what changed is told on the version that replaced it, against
        # this one (walk-through, stop 32: the VAS routine's page said there was nothing to
        # compare with, under "Felaktig uppgift")
        return RedirectResponse(f"/documents/{successor.id}/andringar", status_code=303)
    if comparison is None:
        raise NotFound("document_id", "Dokumentet ersätter ingen tidigare version i "
                                      "kunskapsbasen, så det finns inget att jämföra med.")
    titles = document_titles(state)
    quotes = [{"document_id": d, "quote": q, "title": titles.get(d, d),
               "anchor": _anchor_of(state.kb, d, q)} for d, q in comparison.rule_quotes]
    return templates.TemplateResponse(request, "changes.html", {
        "c": comparison, "quotes": quotes,
        "older_validity": validity(comparison.older, "sv"),
        "newer_validity": validity(comparison.newer, "sv")})


def _anchor_of(kb, document_id: str, quote: str) -> str | None:
    """The passage of ``document_id`` that holds ``quote`` (whitespace-insensitive)."""
    words = " ".join(quote.split())
    for chunk in kb.document(document_id).chunks:
        if words in " ".join(chunk.text.split()):
            return chunk.anchor
    return None


@router.get("/documents/{document_id}")
def document(request: Request, state: State, document_id: str, highlight: str = "",
             q: str = ""):
    """The cleaned document, sections anchored; ``highlight`` marks the cited passage and
    ``q`` the quoted text inside it."""
    doc = _known_document(state, document_id)
    meta = getattr(doc, "meta", doc)
    today = today_in_stockholm()
    sections, last = [], None
    for chunk in doc.chunks:
        heading = chunk.heading_path if chunk.heading_path != last else None
        last = chunk.heading_path
        sections.append({"chunk": chunk, "heading": heading,
                         "level": min(len(chunk.heading_path) + 1, 4)})
    highlight = highlight if ANCHOR.fullmatch(mask_personnummer(highlight or "")) else ""
    # The quote comes from the link: masked (never echo a personnummer) and cut before use;
    # a quote not in the passage marks nothing.
    quote = mask_personnummer(q[:2 * QUOTE_MAX_CHARS])[:QUOTE_MAX_CHARS]
    marked = None
    if highlight and quote.strip():
        chunk = next((c for c in doc.chunks if c.anchor == highlight), None)
        marked = quote_parts(chunk.text, quote) if chunk is not None else None
    toc = [{"heading": s["heading"][-1], "anchor": s["chunk"].anchor, "level": s["level"]}
           for s in sections if s["heading"]]
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "meta": meta, "sections": sections, "highlight": highlight,
        "quote_parts": marked, "titles": document_titles(state),
        "toc": toc if len(toc) >= TOC_MIN_SECTIONS
        and sum(len(c.text) for c in doc.chunks) >= TOC_MIN_CHARS else [],
        "dated": meta.kind in DATED_KINDS,
        "validity": validity(meta, "sv"), "in_force": meta.in_force_on(today),
        "kind": KIND_LABELS.get(meta.kind, meta.kind)})


@router.get("/static/{name}")
def static(name: str):
    """The style sheet and the small scripts (a fixed set of names, no paths)."""
    path = STATIC_DIR / name
    if not STATIC_NAME.fullmatch(name) or not path.is_file():
        raise NotFound("path", "Filen finns inte.")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
