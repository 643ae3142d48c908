"""The identifier sweep of issue 13: personnummer in every spelling and encoding, sent through
every entry point of the app (query strings, JSON bodies and keys, form fields, paths, headers
including X-Forwarded-For, Referer and User-Agent); afterwards none may appear, in any spelling,
in a response (body or header), a log line or a file under the data directory. Issue 12 adds
the content owners' side: unanswered questions, votes with reasons and admin reads with
parameters, then the unanswered report (JSON and CSV), the feedback and the audit log as
/admin shows them and as ``rutin report unanswered`` prints them.

The entry points (``requests_for``) are shared by the property-based test on the app
(tests/security/test_identifier_sweep.py) and by the sweep against a real ``rutin serve``,
whose uvicorn access log is searched too::

    python -m tests.security.sweep --identifiers 40

prints one JSON object with the cases sent and what was found (0 everywhere, or exit 1).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .identifiers import (DIGIT_SETS, ENCODINGS, GROUPINGS, INVISIBLES, SEPARATORS, Identifier,
                          leaked, make_identifiers, spell)

REPO = Path(__file__).resolve().parents[2]
#: A real document of the bundled knowledge base (its page takes ``highlight`` and ``q``).
DOCUMENT_ID = "rh-hemsjukvardsbesok-cosmic"
TOKEN_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
#: RUTIN_ADMIN_TOKEN of the swept app: the admin reports and the audit log are swept too.
ADMIN_TOKEN = "sweep-admin-token-0123456789abcdef"
ADMIN = {"authorization": f"Bearer {ADMIN_TOKEN}"}
#: A question the routines do not cover: answered no_answer, so it goes to the report.
UNANSWERED = "Hur många parkeringsplatser finns vid sjukhuset för {}?"


@dataclass
class Case:
    """One request: where it goes and what it carries."""

    name: str
    method: str
    url: str
    headers: dict = field(default_factory=dict)
    json: object = None
    data: dict | None = None
    content: bytes | None = None
    form: str | None = None  # the page whose CSRF token the form post needs ("/" or "/widget")
    #: After the chat form post: this vote (rating, reason) on the answer it redirected to.
    feedback: dict | None = None


def _header(text: str) -> bytes:
    """``text`` as a header value: UTF-8 bytes, line breaks (which end a header) as spaces."""
    return re.sub(r"[\r\n\x00]", " ", text).encode("utf-8")


def requests_for(text: str) -> list[Case]:
    """Every entry point carrying ``text`` (an identifier as spelled and encoded)."""
    q = quote(text, safe="")  # the app decodes this back to ``text``
    h = _header(text)
    return [
        Case("search q", "GET", f"/api/v1/search?q={q}"),
        Case("search q in a sentence", "GET", f"/api/v1/search?q=avgift%20f%C3%B6r%20{q}"),
        Case("search filters", "GET",
             f"/api/v1/search?q=avgift&organization={q}&document_id={q}"),
        Case("search organization", "GET", f"/api/v1/search?q=avgift&organization={q}"),
        Case("search bad k and date", "GET", f"/api/v1/search?q=avgift&k={q}&valid_on={q}"),
        Case("search trailing slash", "GET", f"/api/v1/search/?q={q}",
             headers={"host": "evil.example"}),
        Case("search wrong method", "PUT", f"/api/v1/search?q={q}"),
        Case("chat message", "POST", "/api/v1/chat",
             json={"message": f"Patienten {text} är 90 år, vilken avgift gäller?"}),
        Case("chat ids", "POST", f"/api/v1/chat?message={q}",
             json={"message": "Hej", "conversation_id": text, "organization": text}),
        Case("chat organization", "POST", "/api/v1/chat",
             json={"message": "Vad kostar ett hembesök?", "organization": text}),
        Case("chat key", "POST", "/api/v1/chat", json={"message": "Hej", text: text}),
        Case("visit personnummer", "POST", "/api/v1/visit",
             json={"personnummer": text, "occasion": "utskrivning"}),
        Case("visit key", "POST", "/api/v1/visit", json={text: True}),
        Case("visit nested key", "POST", "/api/v1/visit",
             json={"personnummer": {text: text}, "visit_date": [text]}),
        Case("visit dates", "POST", "/api/v1/visit", json={"visit_date": text, "birth_date": text}),
        Case("visit malformed body", "POST", "/api/v1/visit",
             content=f'{{"personnummer": "{text}"'.encode(),
             headers={"content-type": "application/json"}),
        Case("visit form body", "POST", "/api/v1/visit", content=f"personnummer={q}".encode(),
             headers={"content-type": "application/x-www-form-urlencoded"}),
        Case("date rules", "GET", f"/api/v1/lakarmedverkan?discharge_date={q}"),
        Case("follow-up", "GET", f"/api/v1/followup?enrolled_on={q}&last_followup={q}"),
        Case("unknown api path", "GET", f"/api/v1/{q}"),
        Case("documents caption", "GET", f"/documents?organization={q}"),
        Case("document id", "GET", f"/documents/{q}"),
        Case("document highlight", "GET", f"/documents/{DOCUMENT_ID}?highlight={q}&q={q}"),
        Case("documents trailing slash", "GET", f"/documents/?organization={q}",
             headers={"host": "evil.example"}),
        Case("widget organization", "GET", f"/widget?organization={q}"),
        Case("static name", "GET", f"/static/{q}"),
        Case("page path", "GET", f"/{q}/"),
        Case("chat form", "POST", "/", data={"message": f"Vad betalar {text}?",
                                              "organization": text}, form="/"),
        Case("chat form bad id", "POST", "/", data={"message": f"Patient {text}",
                                                     "conversation_id": text}, form="/"),
        Case("widget form", "POST", "/widget", data={"message": text, "conversation_id": ""},
             form="/widget"),
        Case("form without token", "POST", "/", data={"message": text, "csrf_token": text}),
        Case("example question", "GET", f"/?fraga={q}"),
        Case("conversation address", "GET", f"/samtal/{q}"),
        Case("feedback", "POST", f"/samtal/{q}/svar/1/omdome",
             data={"rating": text, "reason": text}, form="/"),
        Case("documents on a day", "GET", f"/documents?valid_on={q}&organization={q}"),
        Case("what changed", "GET", f"/documents/{q}/andringar"),
        Case("search page", "GET", f"/sok?q={q}"),
        Case("search page filters", "GET", f"/sok?q=avgift&organization={q}&valid_on={q}"),
        Case("admin token", "POST", "/admin/reingest", headers={"authorization": b"Bearer " + h}),
        Case("headers", "GET", "/", headers={
            "x-forwarded-for": h, "x-forwarded-host": h, "forwarded": b"for=" + h,
            "referer": b"http://127.0.0.1/?q=" + q.encode(), "user-agent": h,
            "x-request-id": h, "accept-language": h,
            "cookie": b"rutin_organization=" + q.encode()}),
        Case("api headers", "POST", "/api/v1/chat", json={"message": "Vad kostar ett besök?"},
             headers={"x-forwarded-for": h, "referer": h, "user-agent": h, "origin": h}),
        # Issue 12: what reaches the content owners' report, the feedback and the audit log,
        # then every admin view of them (read after this identifier's writes).
        Case("unanswered question", "POST", "/api/v1/chat",
             json={"message": UNANSWERED.format(text)}),
        Case("unanswered in a sentence", "POST", "/api/v1/chat",
             json={"message": f"{text}: var kan jag köpa glass till patienten?"}),
        Case("unanswered form", "POST", "/", data={"message": UNANSWERED.format(text)},
             form="/"),
        Case("feedback reason", "POST", "/", data={"message": UNANSWERED.format(text)},
             form="/", feedback={"rating": "not_helpful",
                                 "reason": f"Svaret saknas, gäller patient {text}"}),
        Case("feedback on an answer", "POST", "/",
             data={"message": "Vad betalar patienten för ett hembesök av läkare?"}, form="/",
             feedback={"rating": "not_helpful", "reason": text}),
        Case("admin feedback filter", "GET", f"/admin/feedback?rating={q}", headers=ADMIN),
        Case("admin report format", "GET", f"/admin/report/unanswered?format={q}",
             headers=ADMIN),
        Case("admin report", "GET", "/admin/report/unanswered", headers=ADMIN),
        Case("admin report csv", "GET", "/admin/report/unanswered?format=csv", headers=ADMIN),
        Case("admin feedback", "GET", "/admin/feedback", headers=ADMIN),
        Case("admin audit", "GET", "/admin/audit", headers=ADMIN),
    ]


#: The admin views swept once more at the end, for every identifier sent.
ADMIN_VIEWS = ("/admin/report/unanswered", "/admin/report/unanswered?format=csv",
               "/admin/feedback", "/admin/feedback?rating=not_helpful", "/admin/audit")


def send(client, case: Case):
    """Send ``case`` with ``client`` (a TestClient or an httpx.Client on the real server)."""
    data = case.data
    if case.form is not None:
        # A fresh token each time: a request that sent its own Cookie header got a new CSRF
        # cookie, which replaced the one an older token belongs to.
        match = TOKEN_RE.search(client.get(case.form).text)
        assert match, f"{case.form} has no form token"
        data = {**(data or {}), "csrf_token": match.group(1)}
    if case.feedback is None:
        return client.request(case.method, case.url, headers=case.headers, json=case.json,
                              data=data, content=case.content)
    response = client.request(case.method, case.url, headers=case.headers, data=data,
                              follow_redirects=False)
    # The chat form redirects to its conversation at the answer: vote on that answer.
    location = response.headers.get("location", "")
    match = re.fullmatch(r"(/samtal/[A-Za-z0-9_-]+)#svar-(\d+)", location)
    assert match, (case.name, response.status_code, location)
    page, number = match.groups()
    token = TOKEN_RE.search(client.get(page).text)
    assert token, f"{page} has no form token"
    return client.post(f"{page}/svar/{number}/omdome",
                       data={**case.feedback, "csrf_token": token.group(1)})


def response_text(response) -> str:
    """Everything a response says: status line, every header, the body."""
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.multi_items())
    return f"{response.status_code}\n{headers}\n\n{response.text}"


def files_with_leaks(root: Path, identifiers) -> dict[str, list[str]]:
    """The files under ``root`` holding one of ``identifiers`` in any spelling."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found = leaked(path.read_bytes(), identifiers)
            if found:
                out[str(path.relative_to(root))] = found
    return out


def cli_reports(data_dir: Path, repo: Path = REPO) -> str:
    """What ``rutin report unanswered`` prints of ``data_dir``: plain, ``--json`` and
    ``--csv -`` (standard output and error of each)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data_dir), "PYTHONPATH": str(repo),
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    rutin = str(Path(sys.executable).parent / "rutin")
    out = []
    for options in ([], ["--json"], ["--csv", "-"]):
        done = subprocess.run([rutin, "report", "unanswered", *options], env=env, cwd=repo,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (options, done.stderr)
        out.append(done.stdout + done.stderr)
    return "\n".join(out)


def admin_counts(client) -> dict:
    """How much the admin views hold: report questions, feedback votes, audit entries."""
    report = client.get("/admin/report/unanswered", headers=ADMIN).json()
    feedback = client.get("/admin/feedback", headers=ADMIN).json()
    audit = client.get("/admin/audit", headers=ADMIN).json()
    return {"report_questions": report["questions"],
            "feedback_reasons": sum(1 for f in feedback["feedback"] if f["reason"]),
            "audit_entries": len(audit["entries"])}


def spellings(count: int, seed: int = 13) -> list[tuple[Identifier, str]]:
    """``count`` identifiers, each in the next spelling of a walk through every separator,
    grouping, digit set, invisible character, 10 or 12 digits and encoding."""
    styles = zip(
        itertools.cycle(SEPARATORS), itertools.cycle(GROUPINGS),
        itertools.cycle(sorted(DIGIT_SETS)), itertools.cycle(("",) + INVISIBLES),
        itertools.cycle((False, True, True)), itertools.cycle(ENCODINGS))
    out = []
    for ident, (sep, grouping, digits, invisible, twelve, encoding) in zip(
            make_identifiers(count, seed=seed), styles):
        out.append((ident, spell(ident, twelve=twelve, grouping=grouping, separator=sep,
                                 digits=digits, invisible=invisible, encoding=encoding)))
    return out


# ------------------------------------------------------------------ against a real rutin serve

def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, log_path: Path, *, model: str = "none",
                 extra_env: dict | None = None, ready_timeout_s: float = 900.0,
                 repo: Path = REPO):
    """``rutin serve`` on 127.0.0.1 and a free port, its stdout and stderr (the access log) in
    ``log_path``; returns (process, base URL) once /readyz answers 200."""
    import httpx

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data_dir), "RUTIN_EMBEDDING_MODEL": model,
                "RUTIN_LOG_LEVEL": "INFO", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False", "PYTHONPATH": str(repo), **(extra_env or {})})
    rutin = str(Path(sys.executable).parent / "rutin")
    with open(log_path, "ab") as log:
        server = subprocess.Popen([rutin, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True, cwd=repo)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ready_timeout_s
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"rutin serve exited with {server.returncode}: "
                               + log_path.read_text(errors="replace")[-2000:])
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop_server(server)
            raise TimeoutError("rutin serve did not become ready")
        time.sleep(0.25)


def stop_server(server, timeout: float = 30) -> None:
    """SIGTERM to the server's process group; SIGKILL if it has not exited after ``timeout``
    seconds (bench.measure.stop_process_group)."""
    from bench.measure import stop_process_group

    stop_process_group(server, timeout)


def served_sweep(count: int, *, model: str = "none", seed: int = 13,
                 work: Path | None = None, repo: Path = REPO) -> dict:
    """The sweep against a real ``rutin serve`` on a fresh data directory: every entry point
    for ``count`` identifiers (each in another spelling); then the responses, the server's log
    (uvicorn's access log included) and every file under the data directory are searched."""
    import httpx

    keep = work is not None
    work = Path(work or tempfile.mkdtemp(prefix="rutin-sweep-"))
    data_dir, log_path = work / "data", work / "server.log"
    cases = spellings(count, seed)
    identifiers = [ident for ident, _ in cases]
    server, base = start_server(data_dir, log_path, model=model, repo=repo,
                                extra_env={"RUTIN_ADMIN_TOKEN": ADMIN_TOKEN,
                                           # every chat post reaches the chat (no 429), so
                                           # each vote has its answer
                                           "RUTIN_NEW_CONVERSATIONS_PER_MINUTE": "0"})
    sent, statuses, in_responses, leaking_responses = 0, {}, set(), 0
    try:
        baseline = files_with_leaks(data_dir, identifiers)
        assert baseline == {}, f"a generated identifier already occurs in the data: {baseline}"
        with httpx.Client(base_url=base, timeout=60) as client:
            for ident, text in cases:
                for case in requests_for(text):
                    response = send(client, case)
                    sent += 1
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                    found = leaked(response_text(response), [ident])
                    in_responses.update(found)
                    leaking_responses += bool(found)
            # The content owners' views once more, with every identifier sent.
            admin_text = "\n".join(response_text(client.get(view, headers=ADMIN))
                                   for view in ADMIN_VIEWS)
            counts = admin_counts(client)
    finally:
        stop_server(server)
    cli_text = cli_reports(data_dir, repo)
    log_text = log_path.read_text(errors="replace")
    access_lines = sum(1 for line in log_text.splitlines() if '" ' in line and "HTTP/1.1" in line)
    result = {
        "cases_sent": sent, "identifiers": len(identifiers), "entry_points": sent // count,
        "statuses": dict(sorted(statuses.items())), "model": model,
        "server_log_lines": log_text.count("\n"), "access_log_lines": access_lines,
        # Identifiers found anywhere in each; and how many responses and log lines held one.
        "found_in_responses": len(in_responses),
        "found_in_log": len(leaked(log_text, identifiers)),
        "responses_with_identifier": leaking_responses,
        "log_lines_with_identifier": sum(bool(leaked(line, identifiers))
                                         for line in log_text.splitlines()),
        "found_in_files": len(files_with_leaks(data_dir, identifiers)),
        # Issue 12: the report, feedback and audit views and 'rutin report unanswered'.
        "found_in_admin_views": len(leaked(admin_text, identifiers)),
        "found_in_cli_report": len(leaked(cli_text, identifiers)),
        **counts,
    }
    result["found"] = (result["found_in_responses"] + result["found_in_log"]
                       + result["found_in_files"] + result["found_in_admin_views"]
                       + result["found_in_cli_report"])
    result["server_log"] = str(log_path) if keep else None
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--identifiers", type=int, default=40,
                        help="Identifiers, each in another spelling, each sent to every entry "
                             "point.")
    parser.add_argument("--model", default="none", help="RUTIN_EMBEDDING_MODEL of the server.")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="Keep the data directory and server.log here.")
    parser.add_argument("--server-repo", type=Path, default=REPO,
                        help="The checkout whose code the server runs (default: this one), "
                             "e.g. an older commit to see what it leaked.")
    args = parser.parse_args(argv)
    result = served_sweep(args.identifiers, model=args.model, seed=args.seed, work=args.work_dir,
                          repo=args.server_repo)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["found"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
