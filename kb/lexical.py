"""The lexical index: BM25 (bm25s) over Swedish stems, compound parts and lexicon expansions.

Built from the stored chunks when the knowledge base opens rather than saved with bm25s's
``save``/``load``: measured on the five routines (69 passages), building takes 35 ms against
5 ms for loading a saved index, a difference nobody waits for, and a rebuilt index can never
disagree with the manifest it is built from (the compound vocabulary comes from the same
chunks).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import bm25s
import numpy as np

from kb.lexicon import Lexicon
from kb.tokenizer import SwedishTokenizer, vocabulary_of

# bm25s sets its logger to DEBUG when imported; let it follow the level the process chose.
logging.getLogger("bm25s").setLevel(logging.NOTSET)

#: Weight of lexicon expansions relative to the words the user wrote, tuned on the evaluation
#: set (0.4 and 0.7 lost recall; 0.8 and 1.0 scored alike): below 1, so that on a tie the
#: passage with the user's own word ("avgiftstyp") beats one with a synonym ("patientavgift").
EXPANSION_WEIGHT = 0.8


def expansion_weight(asked: int, added: int) -> float:
    """Weight of each expansion token for a question of ``asked`` tokens that the lexicon
    expands by ``added``: EXPANSION_WEIGHT, scaled down by sqrt(asked / added) when the
    expansions outnumber the question's own words, so that 26 synonyms of three words do not
    outvote them. Measured on the tuning parts (`rutin eval`, `rutin eval --answers --part
    tuning`): MRR 0.867 -> 0.876 and 0.763 -> 0.774; it fixes "vem har skrivit rapporten om mobil
    hemsjukvård" (the author's line now reaches the answer) and moves "Vem fattar beslut om
    anslutning" ("hsv" expands to 20 terms about enrolment and health care) off the fee
    section. A plain ratio scored alike on MRR but lost recall@5 (1.000 -> 0.957)."""
    if added <= asked or added == 0:
        return EXPANSION_WEIGHT
    return EXPANSION_WEIGHT * (asked / added) ** 0.5


@dataclass(frozen=True)
class LexicalHit:
    """Position of a passage in the indexed list, its BM25 score and the share of the
    question's words it contains (0..1, the lexical confidence)."""

    index: int
    score: float
    coverage: float


class LexicalIndex:
    """BM25 over ``texts``; ``search`` returns positions into ``texts``. Thread-safe for reads.

    k1=1.2 (bm25s's default 1.5, 0.6 and 0.9 tried on the evaluation set: 1.2 ranked best).
    """

    def __init__(self, texts: list[str], lexicon: Lexicon | None = None, *,
                 k1: float = 1.2, b: float = 0.75) -> None:
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.corpus_words = frozenset(vocabulary_of(texts))
        self.tokenizer = SwedishTokenizer(self.corpus_words | vocabulary_of(self.lexicon.terms()),
                                          corrections=self.corpus_words)
        self.size = len(texts)
        corpus_tokens = [self.tokenizer.tokenize(t) for t in texts]
        self._token_sets = [frozenset(toks) for toks in corpus_tokens]
        self._bm25: bm25s.BM25 | None = None
        if texts:
            self._bm25 = bm25s.BM25(k1=k1, b=b)
            self._bm25.index(corpus_tokens, show_progress=False)
            self._vocab = self._bm25.vocab_dict

    @property
    def token_sets(self) -> list[frozenset[str]]:
        """The distinct index tokens of each indexed text, in order (as BM25 indexed them)."""
        return self._token_sets

    def _scores(self, tokens: list[str], mask: np.ndarray | None) -> np.ndarray:
        known = [t for t in tokens if t in self._vocab]
        if not known or self._bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known, weight_mask=mask), dtype=np.float32)

    def query_tokens(self, query: str) -> tuple[list[str], list[str]]:
        """The tokens of ``query`` and the lexicon's expansion tokens for it."""
        return self.tokenizer.tokenize(query), self.lexicon.expansion(query, self.tokenizer)

    def coverage(self, query: str, index: int) -> float:
        """Share of the distinct tokens of ``query`` found in indexed text ``index``."""
        asked = set(self.tokenizer.tokenize(query))
        return len(asked & self._token_sets[index]) / len(asked) if asked else 0.0

    def search(self, query: str, k: int, allowed: np.ndarray | None = None,
               *, expand: bool = True) -> list[LexicalHit]:
        """Up to ``k`` passages with a positive score, best first.

        ``allowed``: boolean mask over the indexed texts (filters); None allows all.
        """
        if self._bm25 is None or k <= 0:
            return []
        tokens, expansion = self.query_tokens(query)
        mask = None if allowed is None else allowed.astype(np.float32)
        scores = self._scores(tokens, mask)
        if expand and expansion:
            scores = scores + expansion_weight(len(tokens), len(expansion)) * self._scores(
                expansion, mask)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        asked = set(tokens)
        hits = []
        for i in order:
            if scores[i] <= 0:
                break
            coverage = len(asked & self._token_sets[i]) / len(asked) if asked else 0.0
            hits.append(LexicalHit(int(i), float(scores[i]), coverage))
        return hits
