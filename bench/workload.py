"""What the benchmark asks: questions, visit requests and chat messages.

Questions come from the evaluation set in ``tests/eval/`` when it is there (the same questions
the quality stage scores), else from the built-in list below, written like a physician asks.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

BUILTIN_QUESTIONS = [
    "Vad betalar patienten för ett hemsjukvårdsbesök av läkare?",
    "Hur registrerar jag ett riktat hemsjukvårdsbesök i Cosmic?",
    "Vilken kontakttyp ska användas i Cosmic för hembesök?",
    "Hur mycket ersättning får vårdcentralen per riktat hemsjukvårdsbesök?",
    "Gäller ersättningen för besök inom Läkarmedverkan i hemsjukvården?",
    "Vad är ett brytpunktssamtal?",
    "Vem kan anslutas till kommunal hemsjukvård?",
    "Hur går utskrivning från hemsjukvården till?",
    "Vad beslutade hälso- och sjukvårdsutskottet 2026-03-03?",
    "Hur länge kan Läkarmedverkan stödja patienten efter utskrivning?",
    "Vilka besökstyper används i VAS?",
    "Från vilket datum gäller rutinen för VAS?",
    "Får patienter över 85 år betala patientavgift?",
    "Hur många hembesök gjordes 2021?",
    "Vad innebär mobil hemsjukvård?",
    "Kan ett hemsjukvårdsbesök ske på distans via video?",
    "Vilken kund ska anges vid registrering i Cosmic?",
    "Vad kostar hemsjukvård i kommunen per månad?",
    "What does the patient pay for a physician home visit?",
    "Which indicators are followed up after the decision?",
]

VISIT_REQUESTS = [
    {"visit_date": "2025-06-10", "patient_age": 87, "occasion": "utskrivning", "setting": "sabo"},
    {"visit_date": "2024-05-02", "patient_age": 72, "occasion": "inskrivning",
     "setting": "ordinart_boende", "municipal_home_care": True},
    {"visit_date": "2025-09-01", "patient_age": 90, "occasion": "brytpunktssamtal", "setting": "sabo"},
    {"visit_date": "2025-04-15", "patient_age": 84, "occasion": "annat", "setting": "ordinart_boende",
     "municipal_home_care": True},
    {"visit_date": "2025-10-20", "patient_age": 79, "occasion": "utskrivning", "setting": "sabo",
     "remote": True},
    {"visit_date": "2023-03-01", "birth_date": "1940-01-15", "occasion": "inskrivning", "setting": "sabo"},
    {"visit_date": "2025-11-11", "occasion": "utskrivning", "setting": "sabo", "lakarmedverkan": True},
    {"visit_date": "2026-01-05", "patient_age": 85, "occasion": "brytpunktssamtal",
     "setting": "ordinart_boende", "municipal_home_care": True},
]

RULE_MESSAGES = [
    "Hur registrerar jag ett hembesök vid utskrivning på SäBo? Patienten är 87 år.",
    "Jag gjorde ett brytpunktssamtal i hemmet i går, patienten är 80 år. Vad ska jag registrera?",
    "Vad betalar en 90-åring för ett hemsjukvårdsbesök av läkare?",
]


def _from_eval_dir(eval_dir: Path) -> list[str]:
    """Every ``question`` field of the evaluation files (toml, json, jsonl)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict) and isinstance(node.get("question"), list):
            # tests/eval/questions.toml: [[question]] tables with the asked words in ``text``.
            found.extend(q["text"] for q in node["question"] if isinstance(q, dict) and "text" in q)
            return
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("question", "query", "q") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(eval_dir.glob("*")):
        try:
            if path.suffix == ".toml":
                walk(tomllib.loads(path.read_text(encoding="utf-8")))
            elif path.suffix == ".json":
                walk(json.loads(path.read_text(encoding="utf-8")))
            elif path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        walk(json.loads(line))
        except (ValueError, OSError):
            continue
    return list(dict.fromkeys(q.strip() for q in found if q.strip()))


def questions(repo: Path, limit: int | None = None) -> list[str]:
    """The benchmark's search questions: the evaluation set's, else the built-in list."""
    eval_dir = repo / "tests" / "eval"
    found = _from_eval_dir(eval_dir) if eval_dir.is_dir() else []
    chosen = found if len(found) >= 5 else BUILTIN_QUESTIONS
    return chosen[:limit] if limit else chosen


def off_topic(repo: Path) -> list[str]:
    """The evaluation set's questions the routines do not answer (``[[off_topic]]``)."""
    path = repo / "tests" / "eval" / "questions.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [q["text"] for q in data.get("off_topic", []) if isinstance(q, dict) and "text" in q]


def chat_messages(repo: Path, limit: int | None = None) -> list[str]:
    """Chat messages: the search questions, registration questions the rules answer, and a few
    off-topic questions (answered with no_answer)."""
    return questions(repo, limit) + RULE_MESSAGES + off_topic(repo)[:3]
