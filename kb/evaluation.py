"""Retrieval evaluation: recall@1, recall@5 and MRR on ``tests/eval/questions.toml``, the
no-answer threshold from the off-topic questions, and the tuning of the fusion parameters."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kb.fusion import RRF_K, reciprocal_rank_fusion
from kb.retrieval import CANDIDATES, SearchHit, rank_dense, rank_lexical

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
    questions: list[Question]
    off_topic: list[str]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().casefold()


def load_questions(path: Path = QUESTIONS_PATH) -> EvalSet:
    """Read the evaluation set. Raises ValueError for a question without an answer."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    questions = []
    for q in data.get("question", []):
        answers = [Answer(a["document_id"], a["contains"]) for a in q.get("answers", [])]
        if "document_id" in q:
            answers.append(Answer(q["document_id"], q["contains"]))
        if not answers:
            raise ValueError(f"{path}: question {q.get('id')} names no answer")
        questions.append(Question(q["id"], q["text"], tuple(answers), q.get("lang", "sv")))
    return EvalSet(questions, [o["text"] for o in data.get("off_topic", [])])


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
    on_topic_confidence: list[float] = field(default_factory=list)
    off_topic_confidence: list[float] = field(default_factory=list)

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


def evaluate(kb, mode: str = "hybrid", evalset: EvalSet | None = None) -> EvalResult:
    """Search every question with ``kb.search(mode=mode)`` and score the ranks."""
    evalset = evalset or load_questions()
    ranks: dict[str, int | None] = {}
    on_conf = []
    for q in evalset.questions:
        hits = kb.search(q.text, k=MRR_DEPTH, mode=mode)
        ranks[q.id] = _rank_of(q, hits)
        on_conf.append(hits[0].confidence if hits else 0.0)
    off_conf = []
    for text in evalset.off_topic:
        hits = kb.search(text, k=1, mode=mode)
        off_conf.append(hits[0].confidence if hits else 0.0)
    r1, r5, mrr = _scores(list(ranks.values()))
    return EvalResult(mode, kb.model_name, r1, r5, mrr, ranks, on_conf, off_conf)


def no_answer_threshold(on_topic: list[float], off_topic: list[float]) -> float:
    """The confidence threshold that best separates answered from off-topic questions
    (most correct decisions; ties go to the lower threshold, so answers are rarely refused)."""
    candidates = sorted(set(on_topic) | set(off_topic))
    best, best_correct = 0.0, -1
    for i, t in enumerate(candidates):
        # threshold halfway below t: t itself counts as answered
        cut = (t + candidates[i - 1]) / 2 if i else t - 1e-6
        correct = sum(c >= cut for c in on_topic) + sum(c < cut for c in off_topic)
        if correct > best_correct:
            best, best_correct = cut, correct
    return round(best, 3)


def tune_fusion(kb, weights=(0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7), ks=(5, 10, 20, 30, 60),
                evalset: EvalSet | None = None) -> list[tuple[float, int, float, float, float]]:
    """recall@1, recall@5 and MRR of hybrid retrieval for each (dense weight, RRF k), best
    first by (recall@5, recall@1, MRR). Needs an embedder."""
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
