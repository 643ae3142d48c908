"""Three-valued matching of a rule row's ``when`` table against the facts.

A row's ``when`` maps a fact name to the value (or list of values) it must have; ``age_from``
and ``age_below`` test the patient's age (``age_from = 85``: 85 or older). ``facts`` is
anything with ``.get(name)``: a ``VisitFacts`` or a plain dict. A test on an unknown
fact is unknown, never false (house rule: unknown is its own value), unless another known fact
decides it: a patient not enrolled in municipal health care does not live at a SäBo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rules.facts import VisitFacts

AGE_KEYS = {"age_from", "age_below"}


@dataclass(frozen=True)
class Match:
    """The outcome of one row: ``value`` True / False / None, and the facts it still needs."""

    value: bool | None
    missing: tuple[str, ...] = ()


def check_keys(when: Mapping[str, object], names: tuple[str, ...] | None = None) -> list[str]:
    """The keys of ``when`` that name no fact (for the loader's error message).

    ``names`` are the facts a row may test; default those of ``VisitFacts``.
    """
    known = set(names if names is not None else VisitFacts.names()) | AGE_KEYS
    return [k for k in when if k not in known]


def evaluate(when: Mapping[str, object], facts) -> Match:
    """All tests of ``when`` together: False if one fails, else None if one is unknown, else True."""
    missing: list[str] = []
    for key, expected in when.items():
        result, needs = _test(key, expected, facts)
        if result is False:
            return Match(False)
        if result is None:
            missing.extend(n for n in needs if n not in missing)
    return Match(None, tuple(missing)) if missing else Match(True)


def evaluate_any(alternatives: list[Mapping[str, object]], facts) -> Match:
    """Any of ``alternatives``: True if one holds, else None if one is unknown, else False."""
    missing: list[str] = []
    for when in alternatives:
        m = evaluate(when, facts)
        if m.value is True:
            return m
        if m.value is None:
            missing.extend(n for n in m.missing if n not in missing)
    return Match(None, tuple(missing)) if missing else Match(False)


def _test(key: str, expected: object, facts) -> tuple[bool | None, tuple[str, ...]]:
    if key in AGE_KEYS:
        age = facts.get("patient_age")
        if age is None:
            return None, ("patient_age",)
        return (age >= expected if key == "age_from" else age < expected), ()
    actual = facts.get(key)
    if actual is None:
        if key == "setting" and facts.get("municipal_home_care") is False \
                and set(expected if isinstance(expected, list) else [expected]) <= {"sabo"}:
            # SäBo, asked of a patient not enrolled in municipal health care: never ("a SäBo
            # resident always is" enrolled, the API contract; re-check, stop 24: "70-åring
            # som inte är inskriven i khsv, efter utskrivning" was asked for the housing)
            return False, ()
        return None, (key,)
    if isinstance(expected, list):
        return actual in expected, ()
    return actual == expected, ()
