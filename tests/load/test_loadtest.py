"""A small run of the bounded load test (bench/loadtest.py): 16 clients, mixed search, chat and
visit against a real ``rutin serve`` on loopback; no errors and no identifier in the server's log
or data directory. No timing is asserted: speed is for the benchmark."""

from __future__ import annotations

import pytest

from bench.loadtest import run


@pytest.mark.slow
def test_sixteen_clients_mixed_requests_give_no_errors_and_leak_no_identifiers():
    result = run(total=240, clients=16, model="minilm", seed=7, time_limit_s=900)
    assert result["requests"] == 240
    assert result["errors"] == 0, result["error_examples"]
    assert result["identifiers_sent"] > 20
    assert result["identifiers_found"] == 0
    assert result["server_log_lines"] > 240  # the access log was written, and searched
