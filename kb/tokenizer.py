"""Swedish-first tokenization for the lexical index.

Lowercase, split on word characters, drop Swedish stop words (but keep the ones that carry
meaning in the routines, e.g. "under" in "under 85 år"), keep one-letter words (the "1:a" of
"tid till 1:a läkarkontakt", codes like "H3"), stem with Snowball's Swedish stemmer, and split
compounds into known parts: "hemsjukvårdsbesök" also yields "hemsjukvård" and "besök", so a
question about "besök" finds the passage on "hemsjukvårdsbesök" (issue: search well in Swedish).

The compound splitter is driven by a vocabulary (the words of the indexed corpus plus the
lexicon): a word is split where both sides are known words or stems, allowing Swedish's
linking "s" (hemsjukvård-s-besök).
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Iterable

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SWEDISH

#: Stop words that are kept because the routines turn on them: ages ("under 85 år", "över"),
#: time ("efter utskrivning"), negation ("ersättning utgår ej", "utan hög risk").
KEPT_STOPWORDS = frozenset({"under", "över", "efter", "utan", "ej", "inte", "ingen", "mellan"})
#: English stop words too: about one question in six is asked in English (tests/eval).
#: "a" stays: it is the Swedish ordinal ending of "1:a".
STOPWORDS = (frozenset(STOPWORDS_SWEDISH) | frozenset(STOPWORDS_EN)
             | {"do", "does", "did", "what", "which", "who", "i", "my", "we", "our"}) \
    - KEPT_STOPWORDS - {"a"}

_WORD = re.compile(r"\w+", re.UNICODE)

#: Shortest word the splitter tries, and shortest part it accepts ("hem", "vård").
MIN_COMPOUND_LENGTH = 7
MIN_PART_LENGTH = 3
#: A word typed without å, ä, ö is restored when it has at least this many letters and at
#: most this many a's and o's (each tried as itself and as å/ä or ö).
MIN_RESTORED_LENGTH = 4
MAX_RESTORED_SLOTS = 6
_RESTORED = {"a": "aåä", "o": "oö"}
MAX_RESTORED_CACHED = 20_000
#: An unknown word this long or longer, one typing slip from exactly one word of the
#: vocabulary, is read as that word (``SwedishTokenizer.restored``).
MIN_CORRECTED_LENGTH = 7
#: A word this long or longer may be a slip and a start at once ("vacination").
MIN_SLIP_AND_CUT_LENGTH = 8
#: The longest ending a word mended and cut short may lack ("vaccination" + "er").
MAX_CUT_ENDING = 4
_DIACRITICS = re.compile(r"[åäöéü]")

#: Word endings that look like words but are suffixes: "utskriv|ning" is no compound.
_SUFFIXES = frozenset({"ing", "ings", "ning", "nings", "het", "heten", "lig", "liga", "ligt",
                       "else", "skap", "ande", "ende", "are", "ares", "era", "erar", "ade",
                       # passive and definite endings that happen to be words
                       "tas", "ingen", "ser"})


#: A noun made from a verb by "-ning" also stands for the verb: "förlängning" for "förlängs",
#: "utskrivning" for "skrivs ut". The stem without the ending is added beside the noun's.
_NOMINAL = re.compile(r"^(\w{4,}?)ning(?:en|ar|arna|ens|s)?$")


def words(text: str) -> list[str]:
    """The lowercased words of ``text`` with stop words removed (one-letter words kept)."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and w != "_"]


class SwedishTokenizer:
    """Turns text into stems (plus compound parts). Thread-safe.

    ``vocabulary``: known words (lowercase surface forms) that compound parts must match;
    without it no compounds are split.
    """

    def __init__(self, vocabulary: Iterable[str] = (),
                 corrections: Iterable[str] | None = None) -> None:
        self._stemmer = Stemmer.Stemmer("swedish")
        self._lock = threading.Lock()
        self._stems: dict[str, str] = {}
        self._splits: dict[str, tuple[str, ...]] = {}
        self._restored: dict[str, str] = {}
        self.vocabulary: frozenset[str] = frozenset(
            w for w in vocabulary if len(w) >= MIN_PART_LENGTH and not w.isdigit())
        self._known_stems = frozenset(self.stem(w) for w in self.vocabulary)
        #: The words a typing slip is corrected to (``_one_edit_away``): the documents' own,
        #: never a lexicon's English word ("contact" became "contract": walk-through, stop
        #: 30); the whole vocabulary when not given.
        self.corrections: frozenset[str] = self.vocabulary if corrections is None else \
            frozenset(w for w in corrections if w in self.vocabulary)
        self._sorted_corrections: list[str] | None = None
        # the stems of the vocabulary's words that are no "-ning" noun ("förlängs")
        self._verb_stems = frozenset(self.stem(w) for w in self.vocabulary
                                     if not _NOMINAL.match(w))

    def stem(self, word: str) -> str:
        """The Snowball Swedish stem of a lowercase word (cached)."""
        stem = self._stems.get(word)
        if stem is None:
            with self._lock:  # PyStemmer objects are not thread-safe
                stem = self._stemmer.stemWord(word)
                if stem == word and word.endswith("et") and word[:-2] in self.vocabulary:
                    # the definite "-et" Snowball leaves on some nouns ("produktionsbortfallet"
                    # beside the text's "produktionsbortfall": walk-through, stop 24, refused),
                    # when the word without it is one of the corpus's
                    stem = self._stemmer.stemWord(word[:-2])
                elif stem == word and word.endswith("et") and word[:-1] in self.vocabulary:
                    # and its "-t" after an "-e" noun ("syftet" beside "syfte": re-check, stop 24)
                    stem = self._stemmer.stemWord(word[:-1])
                elif stem.endswith("an") and stem[:-1] in self.vocabulary:
                    # and the definite "-an(s)" of an "-a" noun, which Snowball never strips
                    # ("sköterskan(s)" beside "sköterska": a published routine's
                    # "Kvällssjuksköterska tjänstgör 16.30–21.30" was never found for "när
                    # börjar kvällssköterskan jobba")
                    stem = self._stemmer.stemWord(stem[:-1])
            self._stems[word] = stem
        return stem

    def _known(self, part: str) -> bool:
        if len(part) < MIN_PART_LENGTH or part in _SUFFIXES:
            return False
        if part in self.vocabulary:
            return True
        # Matching by stem ("läkar" ~ "läkare") only for parts long enough to be specific.
        stem = self.stem(part)
        return len(part) >= 4 and len(stem) >= MIN_PART_LENGTH and stem in self._known_stems

    def split_compound(self, word: str, depth: int = 2) -> tuple[str, ...]:
        """The known parts of a compound word, e.g. 'hemsjukvårdsbesök' ->
        ('hemsjukvård', 'hem', 'sjukvård', 'besök'); () if it is not a known compound."""
        if depth == 0 or len(word) < MIN_COMPOUND_LENGTH or not word.isalpha():
            return ()
        key = f"{depth}:{word}"
        cached = self._splits.get(key)
        if cached is not None:
            return cached
        best: tuple[str, str] | None = None
        for i in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
            head, tail = word[:i], word[i:]
            if not self._known(tail):
                continue
            candidates = [head]
            if head.endswith("s") and len(head) > MIN_PART_LENGTH:
                candidates.append(head[:-1])  # the linking s of "hemsjukvårds|besök"
            for h in candidates:
                if self._known(h):
                    # Prefer the most balanced split: its parts are the most specific words.
                    if best is None or min(len(h), len(tail)) > min(len(best[0]), len(best[1])):
                        best = (h, tail)
                    break
        parts: tuple[str, ...] = ()
        if best is not None:
            out: list[str] = []
            for part in best:
                out.append(part)
                out.extend(self.split_compound(part, depth - 1))
            parts = tuple(out)
        self._splits[key] = parts
        return parts

    def restored(self, word: str) -> str:
        """``word`` with the å, ä and ö a keyboard without them left out ("hembesok",
        "sjukskoterskorna": answer set D, tuning part, found the monthly averages, not the
        totals), when the word is unknown and exactly one way of putting them back gives a
        word of the vocabulary; else ``word`` itself."""
        cached = self._restored.get(word)
        if cached is not None:
            return cached
        found = word
        slots = [i for i, c in enumerate(word) if c in "ao"]
        if (len(word) >= MIN_RESTORED_LENGTH and word.isalpha() and not _DIACRITICS.search(word)
                and 0 < len(slots) <= MAX_RESTORED_SLOTS and not self._known(word)
                and not self.split_compound(word)):
            known = set()
            for choice in itertools.product(*(_RESTORED[word[i]] for i in slots)):
                variant = list(word)
                for i, c in zip(slots, choice):
                    variant[i] = c
                candidate = "".join(variant)
                # (a word of the corpus as written: by stem or parts, "svarar" became
                # "svårar" and "fortfarande" "fort|fårande")
                if candidate != word and candidate in self.vocabulary:
                    known.add(candidate)
            if len(known) == 1:
                found = known.pop()
        if found == word and len(word) >= MIN_CORRECTED_LENGTH and word.isalpha() \
                and not self._known(word) and not self.split_compound(word):
            found = self._one_edit_away(word) or self._cut_short(word) \
                or self._one_edit_then_cut(word) or word
        if len(self._restored) >= MAX_RESTORED_CACHED:  # (words users typed: bounded)
            self._restored.clear()
        self._restored[word] = found
        return found

    def _cut_short(self, word: str) -> str | None:
        """The word of the documents ``word`` is the start of, when every other such word
        starts with it: "uppföljn" is "uppföljning" (walk-through in the widget, stop 36:
        "uppföljn hsv" got the HSU decision); None when the start is several words'."""
        starting = [w for w in self.corrections if w.startswith(word) and len(w) > len(word)]
        if not starting:
            return None
        # (its inflections and compounds start with it too: "uppföljningen",
        # "uppföljningsarbetet")
        shortest = min(starting, key=len)
        return shortest if all(w.startswith(shortest) for w in starting) else None

    def _one_edit_then_cut(self, word: str) -> str | None:
        """The one word family of the vocabulary that a word one typing slip from ``word``
        is the start of ("vacination" is "vaccination", the start of "vaccinationer" alone:
        walk-through, stop 44, /sok listed the passages nearest in meaning and never the bus
        used "för både blodgivning och vaccinationer"), for words of
        ``MIN_SLIP_AND_CUT_LENGTH`` letters or more; None when none or several."""
        if len(word) < MIN_SLIP_AND_CUT_LENGTH:
            return None
        ordered = self._ordered_corrections()
        found = set()
        for variant in one_slip_variants(word):
            if len(variant) < len(word):
                # (a letter left out and the rest cut short reads too much: "förfrågan" is no
                # "förfrågningsunderlag")
                continue
            i = bisect.bisect_right(ordered, variant)
            if i < len(ordered) and ordered[i].startswith(variant):
                whole = self._cut_short(variant)
                if whole is not None and len(whole) - len(variant) > MAX_CUT_ENDING:
                    whole = None  # (an ending, not another word: "-er", "-erna")
                found.add(whole)
                if len(found) > 1:
                    return None
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _ordered_corrections(self) -> list[str]:
        if self._sorted_corrections is None:
            self._sorted_corrections = sorted(self.corrections)
        return self._sorted_corrections

    def _one_edit_away(self, word: str) -> str | None:
        """The one word of the vocabulary one typing slip from ``word`` (a letter left out,
        added, changed or two swapped, never the first), or None: "permision" is
        "permission", "hemsjukvårdsbesk" "hemsjukvårdsbesök" (walk-through, stop 29: the
        widget said "not covered" for one missing letter)."""
        known = one_slip_variants(word) & self.corrections
        return known.pop() if len(known) == 1 else None

    def tokenize(self, text: str, *, compounds: bool = True) -> list[str]:
        """Stems of the words of ``text``, each compound followed by the stems of its parts."""
        tokens: list[str] = []
        for word in words(text):
            word = self.restored(word)
            tokens.append(self.stem(word))
            verb = _NOMINAL.match(word)
            if verb and self.stem(verb.group(1)) in self._verb_stems:
                tokens.append(self.stem(verb.group(1)))
            if compounds:
                tokens.extend(self.stem(p) for p in self.split_compound(word))
        return tokens


_SLIP_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"


def one_slip_variants(word: str) -> set[str]:
    """The words one typing slip from ``word``: a letter left out, added or changed, or two
    neighbours swapped, never the first letter (``word`` itself not among them)."""
    head, tail = word[:1], word[1:]
    variants = set()
    for i in range(len(tail) + 1):
        left, right = tail[:i], tail[i:]
        if right:
            variants.add(left + right[1:])  # one left out
            variants.update(left + c + right[1:] for c in _SLIP_LETTERS)  # one changed
            if len(right) > 1:
                variants.add(left + right[1] + right[0] + right[2:])  # two swapped
        variants.update(left + c + right for c in _SLIP_LETTERS)  # one added
    return {head + v for v in variants} - {word}


def vocabulary_of(texts: Iterable[str]) -> set[str]:
    """The lowercase words (stop words removed) occurring in ``texts``."""
    vocab: set[str] = set()
    for text in texts:
        vocab.update(words(text))
    return vocab
