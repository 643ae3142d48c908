"""Log records never carry a personnummer: message, arguments, tracebacks, access-log lines."""

from __future__ import annotations

import logging

import pytest

from rutin.logs import RedactingFilter, install_log_redaction

from .identifiers import make_identifiers

IDENT = make_identifiers(1, seed=7)[0]


@pytest.fixture(autouse=True)
def _redaction():
    install_log_redaction()


def test_message_and_arguments_are_masked(caplog):
    log = logging.getLogger("rutin.test")
    with caplog.at_level(logging.INFO):
        log.info("chat message: %s", f"Patient {IDENT.twelve} 90 år")
        log.info(f"f-string {IDENT.ten[:6]}-{IDENT.ten[6:]}")
        log.info("dict args %(q)s", {"q": IDENT.ten})
    assert IDENT.ten[6:] not in caplog.text
    assert "[personnummer]" in caplog.text


def test_tracebacks_are_masked(caplog):
    log = logging.getLogger("rutin.test")
    try:
        raise ValueError(f"input_value='{IDENT.twelve}'")
    except ValueError:
        log.exception("failed")
    assert "ValueError" in caplog.text
    assert IDENT.twelve not in caplog.text


def test_uvicorn_access_records_keep_their_shape_and_lose_the_identifier():
    from uvicorn.logging import AccessFormatter

    record = logging.getLogger("uvicorn.access").makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5555", "GET", f"/api/v1/search?q={IDENT.ten[:6]}%2B{IDENT.ten[6:]}", "1.1",
         200), None)
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s').format(record)
    assert "/api/v1/search?q=[personnummer]" in line and "200" in line


def test_filter_masks_records_made_before_redaction_was_installed():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id %s", (IDENT.ten,), None)
    RedactingFilter().filter(record)
    assert IDENT.ten not in record.getMessage()
