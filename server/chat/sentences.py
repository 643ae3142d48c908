"""Sentences of a passage for an extractive answer: split, score against the question, pick
the ones that answer it, and mark them for highlighting.

No generative model: a search answer is the sentence(s) of the best passage that share the most
words with the question (issue: "extractive: the sentence(s) of the best passage that answer the
question, highlighted, then the passage and its source").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A sentence ends at . ! ? ; followed by space, or at a line break (the routines are full of
# bullet lists and "Fält: värde" lines, one per line).
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ0-9•·\-(\"”])|\s*\n\s*")
_BULLET = re.compile(r"^[•·\-\u2013*]\s*")


@dataclass(frozen=True)
class Span:
    """A piece of a passage: ``text[start:end]``."""

    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """The sentences (and list items, lines) of ``text`` as spans, blanks dropped."""
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(start + lead, start + lead + len(stripped)))


#: Weight of a lexicon equivalent ("physician" -> "läkare") against a word the user wrote, as
#: the lexical index weighs its expansions (kb/lexical.py EXPANSION_WEIGHT, a little lower here:
#: inside one passage a synonym should not outvote the user's own word).
EXPANSION_WEIGHT = 0.5
#: Weight of a word of the passage's title or heading: every sentence of the passage is about it
#: ("hemsjukvård" under "Uppföljning av hemsjukvård"), so it tells the sentences apart poorly.
GENERIC_WEIGHT = 0.3
#: Added to a sentence holding what a "hur ofta / hur länge / när / hur mycket / hur många"
#: question asks for (an interval, a duration, a date or deadline, an amount, a count).
CUE_BONUS = 1.5

_NUMBER = (r"(?:\d+(?:[,.]\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|"
           r"fjorton|tjugo|trettio|första|andra|tredje|fjärde|sjätte|one|two|three|four|six|"
           r"twelve|fourteen|first|second|third|sixth)")
_UNIT = r"(?:dag|dagar|dygn|vecka|veckor|månad|månader|år|timm\w*|day|days|week|weeks|month|months|year|years|hours?)"
#: Question cue -> (pattern in the question, pattern a sentence answering it holds).
CUES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "frequency": (re.compile(r"\bhur ofta\b|\bhow often\b|\bhur många gånger\b", re.I),
                  re.compile(rf"\b(?:var|varje|per|minst|årligen|every|per|once)\b\s*(?:{_NUMBER}\s+)?"
                             rf"{_UNIT}\b|\bgång(?:er)? per\b|\bårligen\b", re.I)),
    "duration": (re.compile(r"\bhur länge\b|\bhow long\b|\bhur lång tid\b", re.I),
                 re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b", re.I)),
    "when": (re.compile(r"^\s*(?:när|when)\b|\bsenast när\b|\bvilket datum\b|\bwhat date\b", re.I),
             re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\bsenast\b|"
                        r"\binom\b|\bi samband med\b", re.I)),
    "amount": (re.compile(r"\bhur mycket\b|\bvad kostar\b|\bhow much\b|\bbelopp\b", re.I),
               re.compile(r"\d+\s*(?:kr|kronor|sek|%|procent)\b", re.I)),
    "count": (re.compile(r"\bhur många\b|\bhow many\b|\bantal\w*\b|\bnumber of\b", re.I),
              re.compile(r"\b\d+\b")),
}
_NUMERIC = re.compile(r"^\d+(?:[,.]\d+)?%?$")


@dataclass(frozen=True)
class QuestionTerms:
    """What a question asks, in the kb tokenizer's terms: its own stems (compound parts
    included), the stems of its lexicon equivalents, and its cues (``CUES`` keys)."""

    own: frozenset[str]
    expanded: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()
    #: Per matching lexicon group: (the question's own tokens in it, the group's other tokens).
    groups: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    def for_passage(self, passage_terms: set[str]) -> "QuestionTerms":
        """Only the expansions standing in for a word the passage lacks: when the question's
        own word of a group ("Cosmic", "registreras") is in the passage, the group's other
        words ("kontakttyp", "vårdtjänst") would only pull the wrong line forward."""
        if not self.groups:
            return self
        kept = set()
        for own_in_group, others in self.groups:
            if not (own_in_group & passage_terms):
                kept |= others
        return QuestionTerms(self.own, frozenset(kept) - self.own, self.cues, ())

    @property
    def all(self) -> frozenset[str]:
        return self.own | self.expanded


def question_terms(question: str, tokenizer, lexicon=None) -> QuestionTerms:
    """The terms of ``question`` by the knowledge base's Swedish tokenizer (stems, compound
    parts) and domain lexicon (kb/data/lexicon.toml: "physician" also asks for "läkare")."""
    own = frozenset(tokenizer.tokenize(question))
    groups = []
    for group in (lexicon.matching_groups(question, tokenizer) if lexicon else []):
        tokens = frozenset(tok for term in group for tok in tokenizer.tokenize(term, compounds=False))
        groups.append((tokens & own, tokens - own))
    expanded = frozenset().union(*(g[1] for g in groups)) if groups else frozenset()
    cues = frozenset(name for name, (asks, _) in CUES.items() if asks.search(question))
    return QuestionTerms(own, expanded, cues, tuple(groups))


def _table_row(sentence: str) -> bool:
    """A line of a statistics table: a label and numbers, at least two and at least half of its
    words ("Läkare 3016 2213 2715"; not "Patientavgift: 200 kr om patient under 85 år")."""
    words = sentence.split()
    numbers = sum(bool(_NUMERIC.match(w)) for w in words)
    return numbers >= 2 and 2 * numbers >= len(words)


def _table_header(sentence: str) -> bool:
    """A table's header line: numbers only ("2019 2020 2021")."""
    words = sentence.split()
    return len(words) >= 2 and all(_NUMERIC.match(w) for w in words)


def select_sentences(question: QuestionTerms | set[str], text: str, tokenize, *,
                     generic: set[str] | frozenset[str] = frozenset(),
                     max_sentences: int = 2) -> list[Span]:
    """The sentence(s) of ``text`` that answer best.

    A sentence scores the question's terms it holds, each weighted by its rarity inside the
    passage, lexicon equivalents at ``EXPANSION_WEIGHT`` and the passage's ``generic`` terms
    (its title and heading) at ``GENERIC_WEIGHT``; plus ``CUE_BONUS`` when it holds what the
    question's cue asks for (an interval for "hur ofta", a duration for "hur länge" …).
    A short best sentence ("…någon av nedan;") is joined by the next one; in a statistics table
    the answer is the header line and the row the question names.

    ``tokenize`` maps text to terms (stems), as ``kb.tokenizer.SwedishTokenizer.tokenize``.
    """
    if not isinstance(question, QuestionTerms):
        question = QuestionTerms(frozenset(question))
    spans = split_sentences(text)
    if not spans:
        return []
    sentences = [text[s.start:s.end] for s in spans]
    terms = [set(tokenize(s)) for s in sentences]
    # the title and heading count: a passage under "Registrering i Cosmic" has the word
    question = question.for_passage(set().union(*terms) | set(generic))
    df: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    n = len(spans)

    def weight(t: str) -> float:
        w = math.log(1 + n / df[t])
        if t in generic:
            w *= GENERIC_WEIGHT
        if t not in question.own:
            w *= EXPANSION_WEIGHT
        return w

    def score(i: int) -> float:
        s = sum(weight(t) for t in question.all & terms[i])
        if s > 0 and any(CUES[c][1].search(sentences[i]) for c in question.cues):
            s += CUE_BONUS
        return s / (1 + 0.02 * len(terms[i]))

    scores = [score(i) for i in range(n)]
    best = max(range(n), key=lambda i: (scores[i], -i))
    if scores[best] <= 0:
        return [spans[0]]
    table = _table_answer(question, sentences, terms, scores)
    if table is not None:
        return [spans[i] for i in table]
    chosen = [best]
    sentence = sentences[best]
    # "…sker i samband med någon av nedan;" needs the list item after it; a bare heading
    # ("Förutsättningar") needs its first sentence. A "Fält: värde" line stands alone.
    if best + 1 < n and (sentence.endswith((":", ";", ","))
                         or (len(sentence.split()) < 4 and ":" not in sentence)):
        chosen.append(best + 1)
    return [spans[i] for i in chosen[:max_sentences]]


def _table_answer(question: QuestionTerms, sentences: list[str], terms: list[set[str]],
                  scores: list[float]) -> list[int] | None:
    """For a passage with a statistics table: the header line and the row whose label the
    question names ("physicians" -> "Läkare 3016 2213 2715"), or None when no row is named.
    The first table wins a tie (the totals come before the averages in the report)."""
    rows = [i for i, s in enumerate(sentences) if _table_row(s) and not _table_header(s)]
    named = [i for i in rows
             if question.all & {t for t in terms[i] if not _NUMERIC.match(t)}]
    if not named:
        return None
    row = max(named, key=lambda i: (scores[i], -i))
    header = next((j for j in range(row - 1, -1, -1) if _table_header(sentences[j])), None)
    return None if header is None else [header, row]


def highlight_parts(text: str, spans: list[Span]) -> list[dict]:
    """``text`` cut into ``{"text", "mark"}`` parts, ``mark`` true inside ``spans``; the template
    escapes each part and wraps the marked ones in ``<mark>`` (no HTML is built here)."""
    parts: list[dict] = []
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start > pos:
            parts.append({"text": text[pos:s.start], "mark": False})
        parts.append({"text": text[s.start:s.end], "mark": True})
        pos = s.end
    if pos < len(text):
        parts.append({"text": text[pos:], "mark": False})
    return parts
