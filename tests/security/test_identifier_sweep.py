"""Issue 13, "Redaction at every boundary": identifiers generated in every spelling and encoding
(hypothesis) go through every entry point of the real app (tests/security/sweep.py: query
strings, JSON bodies and keys, form fields, paths, headers); none may come back in a response,
a log record or a file under the data directory. The same sweep against a real ``rutin serve``
(uvicorn's access log) is in test_served_sweep.py."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .identifiers import (DIGIT_SETS, ENCODINGS, GROUPINGS, INVISIBLES, SEPARATORS, Identifier,
                          leaked, spell)
from .sweep import (ADMIN, ADMIN_TOKEN, ADMIN_VIEWS, admin_counts, cli_reports,
                    files_with_leaks, requests_for, response_text, send)

identifiers = st.builds(Identifier, born=st.dates(date(1915, 1, 1), date(2026, 3, 3)),
                        serial=st.integers(0, 999).map("{:03d}".format),
                        samordning=st.booleans())


@pytest.mark.slow
def test_no_identifier_in_any_spelling_comes_back_or_stays_in_logs_or_files(make_client, tmp_path,
                                                                            caplog):
    caplog.set_level(logging.DEBUG)
    sent: list[Identifier] = []
    cases = 0
    with make_client(admin_token=ADMIN_TOKEN) as client:
        assert client.get("/readyz").status_code == 200

        # ~32 requests an example; 60 examples take about a minute on a busy 2-core machine.
        @settings(max_examples=60, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow])
        @given(ident=identifiers, twelve=st.booleans(), grouping=st.sampled_from(GROUPINGS),
               separator=st.sampled_from(SEPARATORS), digits=st.sampled_from(sorted(DIGIT_SETS)),
               invisible=st.sampled_from(("",) + INVISIBLES),
               encoding=st.sampled_from(ENCODINGS))
        def sweep(ident, twelve, grouping, separator, digits, invisible, encoding):
            nonlocal cases
            text = spell(ident, twelve=twelve, grouping=grouping, separator=separator,
                         digits=digits, invisible=invisible, encoding=encoding)
            sent.append(ident)
            for case in requests_for(text):
                response = send(client, case)
                cases += 1
                assert response.status_code < 500, (case.name, text, response.text[:300])
                location = response.headers.get("location")
                # the only redirect: a chat form post to its conversation's own address
                assert location is None or re.fullmatch(
                    r"/samtal/[A-Za-z0-9_-]{32}#svar-\d+", location), (case.name, location)
                assert leaked(response_text(response), [ident]) == [], (
                    case.name, text, response_text(response)[:500])
                if location:  # the conversation page shows the question: masked
                    thread = client.get(location.split("#")[0])
                    assert thread.status_code == 200
                    assert leaked(response_text(thread), [ident]) == [], (
                        case.name, text, response_text(thread)[:500])

        sweep()
        # Issue 12: the content owners' views, with every identifier sent, hold none; and
        # they are not empty (each identifier asked an unanswered question and voted twice).
        for view in ADMIN_VIEWS:
            response = client.get(view, headers=ADMIN)
            assert response.status_code == 200, (view, response.text[:300])
            assert leaked(response_text(response), sent) == [], view
        counts = admin_counts(client)
        report = client.get("/admin/report/unanswered", headers=ADMIN).json()

    assert len(sent) >= 50 and cases >= 30 * len(sent), (len(sent), cases)
    assert counts["report_questions"] >= 3 * len(sent), counts
    assert counts["feedback_reasons"] >= 2 * len(sent), counts
    assert counts["audit_entries"] >= 3 * len(sent), counts
    masked = [q for g in report["groups"] for q in g["examples"] if "[personnummer]" in q]
    assert masked, report["groups"][:3]
    assert leaked(caplog.text, sent) == []
    assert files_with_leaks(tmp_path / "data", sent) == {}
    assert leaked(cli_reports(tmp_path / "data"), sent) == []
