"""Retrieval evaluation on ``tests/eval/questions.toml``: recall@1, recall@5 and MRR on the
tuning part ([[question]]) and, separately, on the held-out retrieval part
([[held_out_retrieval]], never tuned on); how the no-answer decision (kb/support.py) does on the
tuning and the held-out part; and the tuning of the fusion parameters (tuning part only)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb.fusion import RRF_K, reciprocal_rank_fusion
from kb.retrieval import CANDIDATES, SearchHit, rank_dense, rank_lexical
from kb.support import is_supported

QUESTIONS_PATH = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.toml"

#: Ranks past this count as not found for MRR.
MRR_DEPTH = 10


@dataclass(frozen=True)
class Answer:
    document_id: str
    contains: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    lang: str = "sv"


@dataclass
class EvalSet:
    questions: list[Question]  # the tuning part: fusion, lexicon and thresholds were tuned on it
    off_topic: list[str]
    #: the held-out retrieval part: written before measuring, never tuned on
    held_out: list[Question] = field(default_factory=list)

    def part(self, name: str) -> list[Question]:
        """The questions of one part, "tuning" or "held-out"."""
        if name == "tuning":
            return self.questions
        if name == "held-out":
            return self.held_out
        raise ValueError(f"unknown part {name!r} (tuning or held-out)")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().casefold()


def _read_questions(path: Path, entries: list[dict]) -> list[Question]:
    questions = []
    for q in entries:
        answers = [Answer(a["document_id"], a["contains"]) for a in q.get("answers", [])]
        if "document_id" in q:
            answers.append(Answer(q["document_id"], q["contains"]))
        if not answers:
            raise ValueError(f"{path}: question {q.get('id')} names no answer")
        questions.append(Question(q["id"], q["text"], tuple(answers), q.get("lang", "sv")))
    return questions


def load_questions(path: Path = QUESTIONS_PATH) -> EvalSet:
    """Read the evaluation set: the tuning part ([[question]], [[off_topic]]) and the held-out
    retrieval part ([[held_out_retrieval]]). Raises ValueError for a question without an
    answer or an id used twice."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    questions = _read_questions(path, data.get("question", []))
    held_out = _read_questions(path, data.get("held_out_retrieval", []))
    ids = [q.id for q in questions + held_out]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: question ids used twice: "
                         f"{sorted({i for i in ids if ids.count(i) > 1})}")
    return EvalSet(questions, [o["text"] for o in data.get("off_topic", [])], held_out)


def answers_question(question: Question, document_id: str, text: str) -> bool:
    """True if a passage (its document and cleaned text) is one the question names."""
    norm = _norm(text)
    return any(a.document_id == document_id and _norm(a.contains) in norm
               for a in question.answers)


@dataclass
class EvalResult:
    """Scores of one retriever on the evaluation set."""

    mode: str
    model: str
    recall_at_1: float
    recall_at_5: float
    mrr: float
    ranks: dict[str, int | None] = field(default_factory=dict)  # question id -> rank or None
    part: str = "tuning"  # "tuning" or "held-out"
    #: question id -> (document id, first words) of the passage ranked first, for reports
    firsts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """How many questions were scored."""
        return len(self.ranks)

    @property
    def misses(self) -> list[str]:
        """Questions whose answer is not in the top 5."""
        return [q for q, r in self.ranks.items() if r is None or r > 5]


def _scores(ranks: list[int | None]) -> tuple[float, float, float]:
    n = len(ranks) or 1
    r1 = sum(1 for r in ranks if r == 1) / n
    r5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1.0 / r for r in ranks if r is not None and r <= MRR_DEPTH) / n
    return r1, r5, mrr


def _rank_of(question: Question, hits: list[SearchHit]) -> int | None:
    for i, hit in enumerate(hits, start=1):
        if answers_question(question, hit.meta.id, hit.chunk.text):
            return i
    return None


def evaluate(kb, mode: str = "hybrid", evalset: EvalSet | None = None,
             part: str = "tuning") -> EvalResult:
    """Search every question of one part of the set ("tuning" or "held-out") with
    ``kb.search(mode=mode)`` and score the ranks. Only the tuning part may guide a change to
    ranking, lexicon, fusion or thresholds; the held-out part is for honest reporting."""
    evalset = evalset or load_questions()
    ranks: dict[str, int | None] = {}
    firsts: dict[str, tuple[str, str]] = {}
    for q in evalset.part(part):
        hits = kb.search(q.text, k=MRR_DEPTH, mode=mode)
        ranks[q.id] = _rank_of(q, hits)
        if hits:
            firsts[q.id] = (hits[0].meta.id, _norm(hits[0].chunk.text)[:80])
    r1, r5, mrr = _scores(list(ranks.values()))
    return EvalResult(mode, kb.model_name, r1, r5, mrr, ranks, part, firsts)


@dataclass(frozen=True)
class NoAnswerFigures:
    """How the chat's no-answer decision does on one part of the evaluation set."""

    part: str  # "tuning" or "held-out"
    answered: int  # on-topic questions the decision lets through
    on_topic: int
    refused: int  # off-topic questions the decision refuses
    off_topic: int
    #: (on/off, language, support of the best hit, supported?, question) per question
    rows: list[tuple[str, str, float, bool, str]] = field(default_factory=list)


def no_answer_figures(kb, detect_language: Callable[[str], str],
                      path: Path = QUESTIONS_PATH) -> list[NoAnswerFigures]:
    """The no-answer decision (``kb.support.is_supported`` with ``kb.no_answer_threshold_for``,
    as the chat calls it) on the tuning part ([[question]], [[off_topic]]) and the held-out
    part ([[held_out_question]], [[held_out_off_topic]]). ``detect_language``: the chat's
    (server.chat.facts.detect_language), passed in because kb does not import server."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    figures = []
    for part, on_key, off_key in (("tuning", "question", "off_topic"),
                                  ("held-out", "held_out_question", "held_out_off_topic")):
        rows = []
        for tag, key in (("on", on_key), ("off", off_key)):
            for q in data.get(key, []):
                lang = detect_language(q["text"])
                hits = kb.search(q["text"], k=1)
                best = hits[0] if hits else None
                rows.append((tag, lang, best.support if best else 0.0,
                             is_supported(best, kb.no_answer_threshold_for(lang), lang),
                             q["text"]))
        on = [r for r in rows if r[0] == "on"]
        off = [r for r in rows if r[0] == "off"]
        figures.append(NoAnswerFigures(part, sum(r[3] for r in on), len(on),
                                       sum(not r[3] for r in off), len(off), rows))
    return figures


def tune_fusion(kb, weights=(0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7), ks=(5, 10, 20, 30, 60),
                evalset: EvalSet | None = None) -> list[tuple[float, int, float, float, float]]:
    """recall@1, recall@5 and MRR of hybrid retrieval for each (dense weight, RRF k), best
    first by (recall@5, recall@1, MRR), on the tuning part only (never the held-out part).
    Needs an embedder."""
    evalset = evalset or load_questions()
    corpus = kb._corpus
    runs = []
    for q in evalset.questions:
        dense, _, _ = rank_dense(corpus, q.text, CANDIDATES, kb.embedder, kb.store)
        lexical, _ = rank_lexical(corpus, q.text, CANDIDATES)
        runs.append((q, dense, lexical))
    table = []
    for w in weights:
        for k in ks:
            ranks = []
            for q, dense, lexical in runs:
                fused = corpus.collapse_duplicates(reciprocal_rank_fusion(dense, lexical, w, k),
                                                   MRR_DEPTH)
                rank = None
                for i, (pos, _) in enumerate(fused, start=1):
                    doc, chunk = corpus.entries[pos]
                    if answers_question(q, doc.id, chunk.text):
                        rank = i
                        break
                ranks.append(rank)
            table.append((w, k, *_scores(ranks)))
    table.sort(key=lambda row: (-row[3], -row[2], -row[4]))
    return table
