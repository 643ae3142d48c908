"""Issue 12: no personnummer in the unanswered report or its CSV, even from entries that were
stored under an older, weaker mask (the stores keep them for the retention, a year by default).
The sweep of every entry point into the report, the feedback and the audit log is in
test_identifier_sweep.py and test_served_sweep.py."""

from __future__ import annotations

import json

from server.feedback import Feedback
from server.report import Unanswered, build_report, report_csv

from .identifiers import leaked
from .sweep import spellings

AT = 1_780_000_000.0  # a Monday in 2026


def test_a_report_of_entries_stored_unmasked_shows_no_personnummer_in_json_or_csv():
    cases = spellings(30, seed=1212)
    identifiers = [ident for ident, _ in cases]
    unanswered = [Unanswered(AT + i, f"Hur många parkeringsplatser finns för {text}?",
                             f"Kommun {text}", "sv", (("rh-hemsjukvardsbesok-cosmic", "a"),))
                  for i, (_, text) in enumerate(cases)]
    feedback = [Feedback(f"k{i}", AT + i, "not_helpful", f"Fel patient: {text}",
                         f"Vad gäller för {text}?", "answer", ())
                for i, (_, text) in enumerate(cases)]
    # The entries hold them as stored: the report must not pass them on.
    assert len(leaked("\n".join(u.question for u in unanswered), identifiers)) == len(cases)
    groups = build_report(unanswered, feedback)
    as_json = json.dumps([g.to_json() for g in groups], ensure_ascii=False)
    as_csv = report_csv(groups)
    assert sum(g.count for g in groups) == 2 * len(cases)
    assert leaked(as_json, identifiers) == []
    assert leaked(as_csv, identifiers) == []
    assert "[personnummer]" in as_json and "[personnummer]" in as_csv
    assert any("Fel patient: [personnummer]" in g.reasons for g in groups)
