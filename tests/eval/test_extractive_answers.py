"""The chat's extractive sentence on the evaluation set: where the expected passage is the top
hit, the chosen sentence(s) should hold the answer (``answer_contains``, else the passage's
``contains``, which names the answering words)."""

from __future__ import annotations

import re
import tomllib

from kb.evaluation import QUESTIONS_PATH, answers_question, load_questions
from server.chat import sentences as S

#: Measured 38/48 (0.79) when this test was written; 50/53 (0.94) after labels, fields, lead-ins,
#: continuations, two-part questions and corpus IDF (server/chat/sentences.py); 41/53 for the
#: earlier selection on the same 53. The floor keeps it from sliding back, a small margin below.
EXTRACTIVE_FLOOR = 0.9


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def extractive_share(kb) -> tuple[int, int, list[str]]:
    raw = {q["id"]: q for q in tomllib.loads(QUESTIONS_PATH.read_text("utf-8"))["question"]}
    tok = kb.tokenizer
    frequencies = S.corpus_frequencies(kb)
    found, total, misses = 0, 0, []
    for q in load_questions().questions:
        hit = kb.search(q.text, k=1)[0]
        if not answers_question(q, hit.meta.id, hit.chunk.text):
            continue
        total += 1
        terms = S.question_terms(q.text, tok, kb.lexicon, frequencies)
        spans = S.select_sentences(terms, hit.chunk.text, tok.tokenize,
                                   generic=set(tok.tokenize(f"{hit.meta.title} {hit.chunk.section}")))
        chosen = " ".join(hit.chunk.text[s.start:s.end] for s in spans)
        wanted = raw[q.id].get("answer_contains") or next(
            a.contains for a in q.answers if a.document_id == hit.meta.id)
        if _norm(wanted) in _norm(chosen):
            found += 1
        else:
            misses.append(q.id)
    return found, total, misses


def test_the_chosen_sentence_holds_the_answer_for_most_top_hits(kb):
    found, total, misses = extractive_share(kb)
    assert total >= 40
    assert found / total >= EXTRACTIVE_FLOOR, (found, total, misses)
