"""The administration pages (issue 12): sign-in, publish / replace / remove documents, what users
could not find, the audit log. Swedish, server-rendered, no JavaScript needed.

The router is only included when a way in is configured (``server.adminauth.admin_enabled``):
without RUTIN_ADMIN_TOKEN and RUTIN_ADMIN_SSO_HEADER, /admin does not exist (404). Every form
post carries the CSRF token (server/security.py); the session cookie is SameSite=Strict.
"""

from __future__ import annotations

import hmac
import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from rutin.redact import mask_personnummer
from server.chat.answer import last_day
from server.adminauth import (TOKEN_HOLDER, clear_session_cookie_header, read_session,
                              session_cookie_header, session_cookie_value, sso_identity,
                              SESSION_COOKIE)
from server.state import AppState, State

log = logging.getLogger("rutin.admin")

router = APIRouter(prefix="/admin", include_in_schema=False)
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["last_day"] = last_day  # a version's last day, as the other pages

KIND_LABELS = {"routine": "Rutin", "decision": "Beslut", "report": "Rapport",
               "document": "Dokument"}
DETAIL_LABELS = {"file": "fil", "reason": "skäl", "document_id": "dokument", "title": "titel",
                 "method": "sätt", "format": "format", "groups": "grupper", "rating": "betyg"}
ACTION_LABELS = {"sign_in": "Inloggning", "sign_in_failed": "Misslyckad inloggning",
                 "sign_out": "Utloggning", "publish": "Publicering", "replace": "Ersättning",
                 "remove": "Borttagning", "publish_refused": "Publicering nekad",
                 "remove_refused": "Borttagning nekad", "export_unanswered": "Export",
                 "reingest": "Ny inläsning", "read_feedback": "Läste återkopplingen"}
FIELDS = ("title", "organization", "kind", "valid_from", "valid_to", "published", "supersedes",
          "external_id", "id")


class NotSignedIn(Exception):
    """Raised by ``identity`` when the request has no valid session; ``expired`` if it had."""

    def __init__(self, expired: bool) -> None:
        self.expired = expired


def _secret(request: Request) -> bytes:
    from server.security import load_secret

    return load_secret(request.app.state.rutin.settings)


def identity(request: Request, state: AppState) -> str:
    """Who is signed in: the SSO proxy's identity, else the session cookie's. Raises
    NotSignedIn."""
    settings = state.settings
    sso = sso_identity(request, settings)
    if sso:
        session = read_session(_secret(request), request.cookies.get(SESSION_COOKIE))
        if session.who != sso:
            # The first request of this sign-in: recorded once, then the cookie says it.
            request.state.admin_new_session = sso
            _audit(state, "sign_in", sso, method="sso")
        return sso
    scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
    if settings.admin_token and scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), settings.admin_token.encode()):
        # the token as a header, as the JSON endpoints take it: a script using the pages
        # (walk-through, stop 23: sent to the sign-in page); a browser never sends it
        # unasked, so such a post needs no CSRF token (server/security.py, _needs_csrf)
        return TOKEN_HOLDER
    session = read_session(_secret(request), request.cookies.get(SESSION_COOKIE))
    if session.who and (session.who == TOKEN_HOLDER and settings.admin_token
                        or session.who != TOKEN_HOLDER and settings.admin_sso_header):
        return session.who
    raise NotSignedIn(session.expired)


def _audit(state: AppState, action: str, who: str, **detail) -> None:
    if state.audit is not None:
        try:
            state.audit.record(action, who, **detail)
        except OSError as exc:
            log.error("audit: could not record %s: %s", action, exc)


def _render(request: Request, template: str, ctx: dict, status: int = 200,
            who: str | None = None) -> Response:
    state: AppState = request.app.state.rutin
    ctx = {"who": who, "kind_labels": KIND_LABELS, "sso": bool(state.settings.admin_sso_header),
           "token_sign_in": bool(state.settings.admin_token), **ctx}
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    _keep_session(request, response)
    return response


def _keep_session(request: Request, response: Response) -> None:
    new = getattr(request.state, "admin_new_session", None)
    if new:
        minutes = request.app.state.rutin.settings.admin_session_minutes
        response.headers.append("set-cookie", session_cookie_header(
            request, session_cookie_value(_secret(request), new, minutes), minutes))


def _redirect(request: Request, url: str) -> Response:
    response = RedirectResponse(url, status_code=303)
    _keep_session(request, response)
    return response


def _sign_in_redirect(request: Request, expired: bool) -> Response:
    target = "/admin/logga-in" + ("?utgangen=1" if expired else "")
    if request.method == "GET":
        return RedirectResponse(target, status_code=303)
    # A post whose session is gone: said on the sign-in page, nothing was done.
    return _render(request, "admin/sign_in.html", {
        "error": ("Din inloggning har gått ut. Logga in igen; det du skickade utfördes inte."
                  if expired else "Logga in för att fortsätta; det du skickade utfördes inte.")},
        status=401)


def _guard(request: Request, state: AppState):
    """(who, None) or (None, the response that sends the user to sign in)."""
    try:
        return identity(request, state), None
    except NotSignedIn as exc:
        return None, _sign_in_redirect(request, exc.expired)


def _kb_or_message(state: AppState):
    if state.kb is None or not state.ready.is_set():
        return None, state.not_ready_message()
    return state.kb, None


def _publisher(state: AppState):
    from kb.publishing import Publisher
    from rules.tables import load_tables

    def reload_rules(documents: dict) -> None:
        try:
            state.rules = load_tables(documents)
        except Exception as exc:  # checked before publishing; said here if it still fails
            log.error("rules: could not reload the rule tables after a publish: %s", exc)

    return Publisher(state.settings, state.kb, on_applied=reload_rules)


# -- sign-in ---------------------------------------------------------------------------------


@router.get("/logga-in")
def sign_in_page(request: Request, state: State, utgangen: str | None = None) -> Response:
    try:
        who = identity(request, state)
    except NotSignedIn:
        who = None
    if who:
        return _redirect(request, "/admin")
    return _render(request, "admin/sign_in.html", {
        "error": "Din inloggning har gått ut. Logga in igen." if utgangen else None})


@router.post("/logga-in")
async def sign_in(request: Request, state: State) -> Response:
    form = await request.form()
    token = form.get("token")
    token = token if isinstance(token, str) else ""
    expected = state.settings.admin_token
    if not expected:
        return _render(request, "admin/sign_in.html", {
            "error": "Inloggning med token är avstängd; logga in via intranätets inloggning."},
            status=403)
    if not hmac.compare_digest(token.strip().encode("utf-8", "replace"), expected.encode()):
        _audit(state, "sign_in_failed", "okänd", method="token")
        log.warning("admin: a sign-in with a wrong token")
        return _render(request, "admin/sign_in.html", {"error": "Fel token. Försök igen."},
                       status=401)
    minutes = state.settings.admin_session_minutes
    _audit(state, "sign_in", TOKEN_HOLDER, method="token")
    response = RedirectResponse("/admin", status_code=303)
    response.headers.append("set-cookie", session_cookie_header(
        request, session_cookie_value(_secret(request), TOKEN_HOLDER, minutes), minutes))
    return response


@router.post("/logga-ut")
def sign_out(request: Request, state: State) -> Response:
    who, _ = _guard(request, state)
    if who:
        _audit(state, "sign_out", who)
    response = RedirectResponse("/admin/logga-in", status_code=303)
    response.headers.append("set-cookie", clear_session_cookie_header(request))
    return response


# -- overview --------------------------------------------------------------------------------


@router.get("")
def overview(request: Request, state: State, publicerat: str | None = None,
             ersatt: str | None = None, borttaget: str | None = None) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    kb, not_ready = _kb_or_message(state)
    rows, published, failures = [], [], []
    if kb is not None:
        publisher = _publisher(state)
        published = publisher.status()
        published_ids = {p["id"] for p in published}
        for doc in kb.documents():
            rows.append({"meta": doc.meta, "chunks": len(doc.chunks),
                         "published": doc.id in published_ids})
        failures = list(kb.failures)
    refused = [e for e in (state.audit.entries() if state.audit else [])
               if e.get("action") == "publish_refused"][:5]
    notice = None
    for value, verb in ((publicerat, "publicerat"), (ersatt, "ersatt"),
                        (borttaget, "borttaget")):
        if value:
            notice = f"Dokumentet {mask_personnummer(value)[:80]} är {verb}."
    return _render(request, "admin/overview.html", {
        "rows": rows, "published": published, "failures": failures, "refused": refused,
        "not_ready": not_ready, "notice": notice, "stamp": _stamp}, who=who)


def _stamp(at) -> str:
    try:
        return datetime.fromtimestamp(float(at), tz=timezone.utc).astimezone().strftime(
            "%Y-%m-%d %H:%M")
    except (TypeError, ValueError, OverflowError):
        return str(at)


# -- publish ---------------------------------------------------------------------------------


def _known_title(state: AppState, document_id: str | None) -> str | None:
    if not document_id or state.kb is None:
        return None
    doc = state.kb.document(document_id)
    return doc.meta.title if doc is not None else None


@router.get("/publicera")
def upload_page(request: Request, state: State, ersatt: str | None = None) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    replace_title = _known_title(state, ersatt)
    return _render(request, "admin/upload.html", {
        "replace": ersatt if replace_title else None, "replace_title": replace_title,
        "error": None if replace_title or not ersatt else f"Det finns inget dokument med id "
                 f"{mask_personnummer(ersatt)[:80]!r} att ersätta.",
        "limit": _limit(state)}, who=who)


def _limit(state: AppState) -> str:
    from kb.publishing import size_text

    return size_text(state.settings.admin_upload_max_bytes)


def _form_fields(form) -> dict:
    return {k: (form.get(k) if isinstance(form.get(k), str) else None) for k in FIELDS}


def _refused(state: AppState, who: str, filename: str, message: str) -> None:
    _audit(state, "publish_refused", who, file=filename, reason=message)
    log.info("admin: a publish was refused: %s", message)


@router.post("/forhandsgranska")
async def preview(request: Request, state: State) -> Response:
    """The upload: kept for the publish, and shown as it would be indexed, with the catalog
    fields pre-filled from the suggestions."""
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    kb, not_ready = _kb_or_message(state)
    limit = state.settings.admin_upload_max_bytes
    form = await request.form(max_part_size=1024 * 1024)
    upload = form.get("file")
    replace = form.get("ersatt") if isinstance(form.get("ersatt"), str) else None
    replace = replace or None
    filename, data = "", b""
    if isinstance(upload, UploadFile):
        filename = mask_personnummer(Path(upload.filename or "").name)[:200]
        data = await upload.read(limit + 1)
    ctx = {"replace": replace, "replace_title": _known_title(state, replace),
           "limit": _limit(state)}
    if kb is None:
        return _render(request, "admin/upload.html", {**ctx, "error": not_ready}, 503, who)
    from kb.publishing import PublishError, check_upload

    try:
        check_upload(filename, data, limit)
    except PublishError as exc:
        _refused(state, who, filename, exc.message)
        return _render(request, "admin/upload.html", {**ctx, "error": exc.message}, 422, who)
    publisher = _publisher(state)
    token = publisher.keep_upload(filename, data)
    from kb.publishing import suggest

    suggestion = await run_in_threadpool(suggest, filename, data,
                                         tuple(state.kb.organizations()))
    from kb.publishing import resolve_supersedes

    fields = {"title": suggestion.title, "organization": suggestion.organization,
              "kind": suggestion.kind, "valid_from": suggestion.valid_from,
              "valid_to": suggestion.valid_to, "published": suggestion.published,
              "supersedes": resolve_supersedes(suggestion.supersedes, publisher.known()),
              "external_id": suggestion.document_id, "id": None}
    evidence = dict(suggestion.evidence)
    if "document_id" in evidence:
        evidence["external_id"] = evidence.pop("document_id")
    if fields["supersedes"] and fields["supersedes"] not in publisher.known():
        # a phrase naming no document here ("Ersätter versionen från 2026-12-01") is not
        # proposed: the form filled it in and then refused its own suggestion (walk-through,
        # stop 35); the sentence it came from is shown beside the empty field
        evidence["supersedes_unknown"] = suggestion.supersedes
        evidence.pop("supersedes", None)
        fields["supersedes"] = None
    if not replace:
        _propose_predecessor(state, fields, evidence, publisher.known())
    fields = {k: ("" if v is None else str(v)) for k, v in fields.items()}
    names_itself = None
    if replace:
        current = state.kb.document(replace)
        if current is not None:  # a new version keeps what the catalog says unless changed
            meta = current.meta
            if fields.get("supersedes") == replace:
                # the file says it replaces the very document being replaced ("Ersätter
                # VG-NATT-1"): no document replaces itself, and the old version's own id is not
                # the new one's (walk-through, stop 21: the form proposed both, then refused
                # them); the owner is told how to keep the old version beside it
                evidence.pop("supersedes", None)
                names_itself = suggestion.supersedes or replace
                fields["supersedes"] = ""
            for key in ("title", "organization", "kind", "valid_from", "valid_to",
                        "published", "supersedes", "external_id"):
                if names_itself and key == "external_id":
                    continue
                if key == "valid_to" and fields.get("valid_from") and meta.valid_to \
                        and fields["valid_from"] >= str(meta.valid_to):
                    # the file's own start is on or after the current end: that end is the
                    # old text's, not the new one's (the form proposed "Gäller till" before
                    # "Gäller från", then refused it: walk-through, stop 21)
                    continue
                if not fields.get(key) and getattr(meta, key):
                    fields[key] = str(getattr(meta, key))
            fields["id"] = replace
    return await _preview_page(request, state, who, publisher, token, filename, data, fields,
                               replace, evidence=evidence, names_itself=names_itself)


def _propose_predecessor(state, fields: dict, evidence: dict, known: dict) -> None:
    """A new upload with the title of a published document is proposed as its next version
    ("Ersätter" = that document), and a document replacing another gets its organization when
    the text suggested none published (walk-through, stop 44: a new version of the
    municipality's routine from 2027 was proposed under "Västra Götalandsregionen", read from a
    sentence of its body, with "Ersätter" empty, so the rule tables' check was skipped and a
    nurse who had picked the municipality would never have seen it)."""
    from ingest.suggest import _ORG_LABEL  # a line naming it by a label: the owner's own word
    from kb.publishing import same_title_predecessor
    from server.chat.versions import earlier_versions, version_chain

    predecessor = fields.get("supersedes")
    same = same_title_predecessor(fields.get("title"), fields.get("valid_from"), known)
    if predecessor in known and same is None:
        # a version the text names as the one before, already replaced by a published one: the
        # newest of its chain is the one a new version replaces (walk-through, stop 47: a new
        # Cosmic version without a title line kept "Rutinens förra version har dokument-id
        # RH-12272", the VAS routine was proposed and the check compared against it)
        newest = version_chain(known[predecessor], known)[-1].id
        if newest != predecessor:
            evidence["supersedes_newer"] = (known[predecessor].title, known[newest].title)
            evidence.pop("supersedes", None)
            predecessor = fields["supersedes"] = newest
    if same is not None and (not predecessor or (
            predecessor != same
            and predecessor in {m.id for m in earlier_versions(known[same], known)})):
        # (a version the text names as the one before, older than the published document of
        # the same title, is that document's predecessor: a copy of the Cosmic routine for 2027
        # keeps its line "Rutinens förra version har dokument-id RH-12272", and the VAS
        # routine was proposed, then its sentences demanded: walk-through, stop 46)
        predecessor = fields["supersedes"] = same
        evidence.pop("supersedes", None)
        evidence["supersedes_same_title"] = known[same].title
    meta = known.get(predecessor) if predecessor else None
    if meta is not None and "kind" not in evidence and meta.kind \
            and fields.get("kind") != meta.kind:
        # a new version is of its predecessor's kind unless the text says otherwise (the 2027
        # Cosmic version was proposed as "Dokument", not "Rutin": walk-through, stop 46)
        fields["kind"] = meta.kind
    organizations = set(state.kb.organizations()) if state.kb is not None else set()
    if meta is None or not meta.organization or meta.organization == fields.get("organization") \
            or fields.get("organization") in organizations \
            or _ORG_LABEL.match(evidence.get("organization") or ""):
        return
    evidence["organization_of_predecessor"] = fields.get("organization") or ""
    evidence.pop("organization", None)
    fields["organization"] = meta.organization


def _tables_end(state, fields: dict):
    """The document a new version replaces when the rules work out answers from its rule
    tables, which the new version has none of: from its start the chat quotes it instead
    (walk-through, stop 46: a content owner was not told the chat would stop working out the
    registration, fee and compensation of visits after the new version began); else None."""
    replaced = (fields.get("supersedes") or "").strip()
    rules = getattr(state, "rules", None)
    if not replaced or rules is None or state.kb is None:
        return None
    tabled = {r.document_id for r in rules.visit_routines}
    if replaced not in tabled:
        return None
    document = state.kb.document(replaced)
    return document.meta if document is not None else None


def _same_title(state, fields: dict, replace: str | None) -> list:
    """The documents of the same title and organization as the one previewed that it neither
    replaces nor supersedes: published beside them, both would be in force at once (walk-
    through, stop 23: a new Cosmic routine without "Ersätter" left two in force, and the
    chat answered from the old one)."""
    title = (fields.get("title") or "").strip().casefold()
    if not title or state.kb is None:
        return []
    org = (fields.get("organization") or "").strip()
    supersedes = (fields.get("supersedes") or "").strip()
    return [d.meta for d in state.kb.documents()
            if d.meta.title.strip().casefold() == title and d.meta.organization == org
            and d.id not in (replace, supersedes, fields.get("id"))]


async def _preview_page(request, state, who, publisher, token, filename, data, fields,
                        replace, *, evidence=None, error=None, status=200,
                        attempted=False, names_itself=None) -> Response:
    from kb.publishing import PublishError

    ctx = {"token": token, "filename": filename, "fields": fields, "replace": replace,
           "replace_title": _known_title(state, replace), "evidence": evidence or {},
           "error": error, "error_field": None, "preview": None, "broken": [],
           "attempted": attempted, "names_itself": names_itself,
           "kinds": KIND_LABELS, "limit": _limit(state),
           # the organizations documents already have: offered in the field, and a name that
           # is none of them is pointed out (walk-through, stop 18: "Kommun i Västra Götaland"
           # without "(Sektor Välfärd)" made a third organization, which a nurse who had
           # picked hers never saw)
           "organizations": state.kb.organizations() if state.kb is not None else []}
    named = (fields.get("organization") or "").strip()
    ctx["new_organization"] = bool(named) and bool(ctx["organizations"]) \
        and named not in ctx["organizations"]
    ctx["same_title"] = _same_title(state, fields, replace)
    ctx["tables_end"] = _tables_end(state, fields)
    try:
        preview, checked, broken = await run_in_threadpool(
            publisher.preview, filename, data, fields, replace=replace)
        ctx.update(preview=preview, broken=broken, checked=checked)
    except PublishError as exc:
        if exc.field == "file":
            _refused(state, who, filename, exc.message)
            publisher.drop_upload(token)
            return _render(request, "admin/upload.html", {
                "replace": replace, "replace_title": ctx["replace_title"],
                "error": exc.message, "limit": ctx["limit"]}, 422, who)
        # A field to correct: the document is still shown, with the field's message.
        ctx.update(error=exc.message, error_field=exc.field)
        status = 422
        try:
            ctx["preview"] = await run_in_threadpool(publisher.lenient_preview, filename, data)
        except PublishError:
            pass
    return _render(request, "admin/preview.html", ctx, status, who)


@router.post("/publicera")
async def publish(request: Request, state: State) -> Response:
    """Publish the kept upload with the confirmed fields (or update the preview)."""
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    kb, not_ready = _kb_or_message(state)
    form = await request.form()
    fields = _form_fields(form)
    token = form.get("upload") if isinstance(form.get("upload"), str) else ""
    replace = (form.get("ersatt") if isinstance(form.get("ersatt"), str) else "") or None
    filename = mask_personnummer(str(form.get("filename") or ""))[:200]
    if kb is None:
        return _render(request, "admin/upload.html", {"error": not_ready, "replace": replace,
                       "limit": _limit(state)}, 503, who)
    from kb.publishing import PublishError

    publisher = _publisher(state)
    try:
        _, data = publisher.upload(token)
    except PublishError as exc:
        return _render(request, "admin/upload.html", {
            "error": exc.message, "replace": replace,
            "limit": _limit(state)}, 422, who)
    if form.get("action") == "preview":
        return await _preview_page(request, state, who, publisher, token, filename, data,
                                   fields, replace)
    try:
        outcome = await run_in_threadpool(
            lambda: publisher.publish(filename, data, fields, who, replace=replace))
    except PublishError as exc:
        _refused(state, who, filename, exc.message)
        return await _preview_page(request, state, who, publisher, token, filename, data,
                                   fields, replace, error=exc.message, status=422,
                                   attempted=True)
    publisher.drop_upload(token)
    _audit(state, outcome.action, who, document_id=outcome.document_id, title=outcome.title,
           file=filename)
    key = "ersatt" if outcome.action == "replace" else "publicerat"
    return _redirect(request, f"/admin?{key}={quote(outcome.document_id)}")


# -- remove ----------------------------------------------------------------------------------


@router.get("/dokument/{document_id}/ta-bort")
def remove_page(request: Request, state: State, document_id: str) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    title = _known_title(state, document_id)
    if title is None:
        from starlette.exceptions import HTTPException

        raise HTTPException(404, detail="Det finns inget sådant dokument.")
    return _render(request, "admin/remove.html", {"document_id": document_id, "title": title,
                                                  "error": None}, who=who)


@router.post("/dokument/{document_id}/ta-bort")
async def remove(request: Request, state: State, document_id: str) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    kb, not_ready = _kb_or_message(state)
    title = _known_title(state, document_id) or document_id
    if kb is None:
        return _render(request, "admin/remove.html", {"document_id": document_id,
                       "title": title, "error": not_ready}, 503, who)
    from kb.publishing import PublishError

    try:
        outcome = await run_in_threadpool(_publisher(state).remove, document_id, who)
    except PublishError as exc:
        _audit(state, "remove_refused", who, document_id=document_id, reason=exc.message)
        return _render(request, "admin/remove.html", {"document_id": document_id,
                       "title": title, "error": exc.message}, 422, who)
    _audit(state, "remove", who, document_id=outcome.document_id, title=outcome.title)
    return _redirect(request, f"/admin?borttaget={quote(outcome.document_id)}")


# -- what users could not find; the audit log -------------------------------------------------


@router.get("/obesvarade")
def unanswered(request: Request, state: State) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    from server.report import build_report, document_organizations

    groups = build_report(state.unanswered.all(), state.feedback.all(),
                          document_organizations(state.kb))
    titles = {d.id: d.meta.title for d in state.kb.documents()} if state.kb else {}
    weeks = sorted({w for g in groups for w in g.weeks})
    return _render(request, "admin/unanswered.html", {
        "groups": groups, "titles": titles, "weeks": weeks,
        "questions": sum(g.count for g in groups),
        "retention_days": state.settings.report_retention_days}, who=who)


@router.get("/obesvarade.csv")
def unanswered_csv(request: Request, state: State) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    from server.report import build_report, document_organizations, report_csv

    groups = build_report(state.unanswered.all(), state.feedback.all(),
                          document_organizations(state.kb))
    _audit(state, "export_unanswered", who, format="csv", groups=len(groups))
    response = Response(report_csv(groups), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 'attachment; filename="obesvarade-fragor.csv"'})
    _keep_session(request, response)
    return response


@router.get("/logg")
def audit_log(request: Request, state: State) -> Response:
    who, redirect = _guard(request, state)
    if redirect:
        return redirect
    entries = state.audit.entries() if state.audit is not None else []
    return _render(request, "admin/audit.html", {
        "entries": entries[:500], "total": len(entries), "labels": ACTION_LABELS,
        "detail_labels": DETAIL_LABELS,
        "stamp": _stamp}, who=who)
