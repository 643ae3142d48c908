"""Reading tests/rules/cases.toml: the table-driven cases shared by the engine and HTTP tests."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

CASES = tomllib.loads((Path(__file__).parent / "cases.toml").read_text(encoding="utf-8"))


def as_json(value):
    """TOML dates as ISO strings, for a JSON request body."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def expected(value):
    """``"null"`` in the table stands for JSON null (TOML has none)."""
    return None if value == "null" else value


def check(answer: dict, expect: dict) -> None:
    """Assert every pinned field of ``expect`` on an API-shaped ``answer``."""
    for key, want in expect.items():
        if key == "registration":
            got = [f"{r['field']}={r['value']}" for r in answer["registration"]]
            assert got == want, (key, got)
        elif key == "notices":
            assert len(answer["notices"]) == want, answer["notices"]
        elif key == "fee_alternatives":
            assert len(answer["fee_alternatives"]) == want, answer["fee_alternatives"]
        elif key == "alternatives":
            assert [a["field"] for a in answer["alternatives"]] == want
        elif key == "reason_contains":
            assert any(want in r for r in answer["reasons"]), answer["reasons"]
        else:
            assert answer[key] == expected(want), (key, answer[key], answer["reasons"])
