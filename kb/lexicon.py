"""The domain lexicon (``kb/data/lexicon.toml``): groups of equivalent terms for query expansion."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kb.tokenizer import SwedishTokenizer

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.toml"
#: Verb particles that turn a verb into its opposite ("skrivs in", "skrivs ut").
_DIRECTION = frozenset({"in", "ut"})


def is_particle_verb(term: str, particle: str | None = None) -> bool:
    """Whether ``term`` is a verb with "in" or "ut" ("skrivs in"), or with ``particle``:
    matched as a phrase only (its stem alone is the opposite too)."""
    words = set(re.findall(r"\w+", term.lower()))
    return particle in words if particle else bool(_DIRECTION & words)


#: The particle whose verbs are never an expansion: "skrivs in" would add "skriv", which in
#: the routines is the discharge's ("utskrivning", "skriver … en Vårdbegäran"); a verb with
#: "ut" adds it rightly ("what are the steps to discharge a patient …", tests).
UNEXPANDED_PARTICLE = "in"


#: A patient's age ("90 år", "87-åring", "85 years").
_AGE = re.compile(r"\b\d{1,3}\s*-?\s*(?:år|års|åring\w*|åriga?|years?|yrs?|y/?o)\b", re.I)


@dataclass(frozen=True)
class Lexicon:
    """Synonym groups, each a tuple of terms (words or phrases), and which terms are Swedish."""

    groups: tuple[tuple[str, ...], ...]
    swedish: frozenset[str] = frozenset()
    #: Groups naming the opposite of another (discharge and enrolment), by group index, both
    #: ways: a passage headed by the opposite answers another question.
    opposites: tuple[tuple[int, int], ...] = ()
    #: Groups only some of whose terms name them (a file group's ``from``), by group index:
    #: those terms are expanded to the group's others, never the others to them ("brukare"
    #: is a patient, but "patient", in nearly every passage, is not asked as "brukare").
    one_way: tuple[tuple[int, frozenset[str]], ...] = ()
    #: Per tokenizer (by identity): each group's terms as (phrase pattern, stems), made once;
    #: tokenizing every term of every group on every query cost ~4 ms a query (profiled).
    _prepared: dict = field(default_factory=dict, compare=False, repr=False)
    #: Per tokenizer (by identity): the stems several groups share (``shared_stems``).
    _shared: dict = field(default_factory=dict, compare=False, repr=False)
    #: Per least length: the one-word terms (``words``), made once.
    _words: dict = field(default_factory=dict, compare=False, repr=False)
    #: Per (tokenizer, query): the groups the query names (``_matches``), for the last few
    #: hundred queries: one message's question is matched five times or so by the search, the
    #: sentence scorer and the expansions, ~1 ms each (profiled, stop 45).
    _matched: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> "Lexicon":
        """Read the lexicon file. Raises ValueError if a group has fewer than two terms."""
        with open(path, "rb") as f:
            data = tomllib.load(f)
        groups = []
        swedish: set[str] = set()
        named_opposites = []
        one_way = []
        for i, group in enumerate(data.get("group", [])):
            sources = [t.strip() for t in group.get("from", []) if t.strip()]
            sv = [t.strip() for t in group.get("sv", []) if t.strip()]
            en = [t.strip() for t in group.get("en", []) if t.strip()]
            if len(sources) + len(sv) + len(en) < 2:
                raise ValueError(f"{path}: group {i + 1} needs at least two terms")
            groups.append(tuple(sources + sv + en))
            swedish.update(sv)
            if sources:
                one_way.append((i, frozenset(sources)))
            if group.get("opposite"):
                named_opposites.append((i, group["opposite"]))
        opposites = []
        for i, first in named_opposites:
            j = next((k for k, g in enumerate(groups) if g[0] == first), None)
            if j is None:
                raise ValueError(f"{path}: group {i + 1}: no group starts with {first!r}")
            opposites += [(i, j), (j, i)]
        return cls(tuple(groups), frozenset(swedish), tuple(opposites), tuple(one_way))

    def terms(self) -> list[str]:
        """Every term of every group."""
        return [t for g in self.groups for t in g]

    def words(self, least: int) -> frozenset[str]:
        """The one-word terms (letters only) of at least ``least`` letters, lowercase, of
        either language; made once per length."""
        found = self._words.get(least)
        if found is None:
            found = self._words[least] = frozenset(
                t.lower() for t in self.terms() if len(t) >= least and t.isalpha())
        return found

    def matching_groups(self, query: str, tokenizer: SwedishTokenizer) -> list[tuple[str, ...]]:
        """The groups one of whose terms occurs in ``query``: as a phrase (whole words, so
        question words like "hur mycket" count), or as all of its stems in any order."""
        return [group for group, _term in self._matches(query, tokenizer)]

    def _terms_for(self, tokenizer: SwedishTokenizer) -> list:
        """[(group, [(term, phrase pattern or None, stems), …]), …] for this tokenizer."""
        key = id(tokenizer)
        cached = self._prepared.get(key)
        if cached is None or cached[0] is not tokenizer:
            prepared = []
            sources = dict(self.one_way)
            for i, group in enumerate(self.groups):
                terms = []
                for term in group:
                    if i in sources and term not in sources[i]:
                        continue  # (a one-way group is named by its sources only)
                    phrase = " ".join(re.findall(r"\w+", term.lower()))
                    pattern = re.compile(rf"\b{re.escape(phrase)}\b") if phrase else None
                    stems = frozenset(tokenizer.tokenize(term, compounds=False))
                    if is_particle_verb(phrase):
                        # a verb with "in" or "ut" is the phrase only: its stem alone is
                        # the opposite too ("skrivs ut" matched "ska hon skrivas in":
                        # walk-through, stop 26, found the discharge section)
                        stems = frozenset()
                    terms.append((term, pattern, stems))
                prepared.append((group, terms))
            cached = (tokenizer, prepared)
            if len(self._prepared) >= 4:  # an old snapshot's tokenizer: let it go
                self._prepared.clear()
            self._prepared[key] = cached
        return cached[1]

    def _matches(self, query: str, tokenizer: SwedishTokenizer) -> list[tuple[tuple[str, ...], str]]:
        key = (id(tokenizer), query)
        cached = self._matched.get(key)
        if cached is not None and cached[0] is tokenizer:
            return list(cached[1])
        found = self._find_matches(query, tokenizer)
        if len(self._matched) >= 512:
            self._matched.clear()
        self._matched[key] = (tokenizer, tuple(found))
        return found

    def _find_matches(self, query: str, tokenizer: SwedishTokenizer) -> list[tuple[tuple[str, ...], str]]:
        lowered = " ".join(re.findall(r"\w+", query.lower()))
        # (an age's "år" is no year of a phrase matched by its stems: "avgift 90 år" named
        # "varje år", how often: own check, stop 45)
        query_tokens = set(tokenizer.tokenize(_AGE.sub(" ", query), compounds=True))
        phrased: list[tuple[tuple[str, ...], str, frozenset[str]]] = []
        stems_only: list[tuple[tuple[str, ...], str, frozenset[str]]] = []
        for group, terms in self._terms_for(tokenizer):
            for term, pattern, toks in terms:
                if pattern is not None and pattern.search(lowered):
                    phrased.append((group, term, toks))
                    break
            else:
                for term, pattern, toks in terms:
                    if toks and toks <= query_tokens:
                        stems_only.append((group, term, toks))
                        break
        # A term matched by its stems in another order is not named when the query names
        # another group's phrase made of those stems: "home care" is no "care home" (own
        # check, stop 40: "is home care voluntary for the pt" was expanded with the
        # residential-care group and quoted the nursing-home sentence).
        found = [(group, term) for group, term, _toks in phrased]
        for group, term, toks in stems_only:
            if len(toks) > 1 and any(toks <= other and other_group is not group
                                     for other_group, _t, other in phrased):
                continue
            found.append((group, term))
        order = {id(group): i for i, (group, _terms) in enumerate(self._terms_for(tokenizer))}
        found.sort(key=lambda pair: order[id(pair[0])])
        return found

    def opposite_stems(self, query: str, tokenizer: SwedishTokenizer,
                       matched: list | None = None) -> tuple[frozenset[str], frozenset[str]]:
        """For a group with an opposite that ``query`` names, when it names none of the
        opposite ("avsluta hemsjukvården" names the discharge): (the stems of the named
        group, "utskrivning" …; the stems of its opposite, the enrolment's "anslut" …).
        ``matched``: the query's ``matching_groups``, when the caller has them already."""
        if not self.opposites:
            return frozenset(), frozenset()
        if matched is None:
            matched = self.matching_groups(query, tokenizer)
        named = {i for i, group in enumerate(self.groups) if group in matched}
        side: set[str] = set()
        opposite: set[str] = set()
        for i, j in self.opposites:
            if i in named and j not in named:
                for k, stems in ((i, side), (j, opposite)):
                    for term in self.groups[k]:
                        # (single words: a phrase's other words, "hemsjukvården" of "avsluta
                        # hemsjukvården", name both sides)
                        if len(term.split()) == 1:
                            stems |= set(tokenizer.tokenize(term, compounds=False))
        return frozenset(side), frozenset(opposite)

    def shared_stems(self, tokenizer: SwedishTokenizer) -> frozenset[str]:
        """Stems that occur in the terms of more than one group ("boende" of "ordinärt boende"
        and of "särskilt boende"): they tell no group's meaning apart."""
        key = id(tokenizer)
        cached = self._shared.get(key)
        if cached is None or cached[0] is not tokenizer:
            seen: dict[str, int] = {}
            for group in self.groups:
                stems = {tok for term in group for tok in tokenizer.tokenize(term, compounds=False)}
                for tok in stems:
                    seen[tok] = seen.get(tok, 0) + 1
            cached = (tokenizer, frozenset(t for t, n in seen.items() if n > 1))
            if len(self._shared) >= 4:  # an old snapshot's tokenizer: let it go
                self._shared.clear()
            self._shared[key] = cached
        return cached[1]

    def particle_verbs(self, query: str, tokenizer: SwedishTokenizer,
                       particle: str) -> tuple[frozenset[str], frozenset[str]]:
        """The verbs that ``query`` uses with ``particle`` as a term of a group ("skrivas
        in"): (their stems, "skriv", which alone would find the opposite too, "utskrivning";
        the stems of their group's first word, "inskrivning", which stand for them)."""
        stems, heads = set(), set()
        for group, term in self._matches(query, tokenizer):
            if is_particle_verb(term, particle):
                stems |= set(tokenizer.tokenize(term, compounds=False))
                heads |= set(tokenizer.tokenize(group[0]))
        return frozenset(stems), frozenset(heads)

    def expansion(self, query: str, tokenizer: SwedishTokenizer) -> list[str]:
        """Tokens to add to ``query``: the other terms of every matching group. Tokens already
        in the query are not repeated."""
        seen = set(tokenizer.tokenize(query, compounds=True))
        added: list[str] = []
        for group in self.matching_groups(query, tokenizer):
            for term in group:
                if is_particle_verb(term, UNEXPANDED_PARTICLE):
                    continue  # ("skrivs in" adds "skriv", which finds "utskrivning")
                for tok in tokenizer.tokenize(term, compounds=False):
                    if tok not in seen:
                        seen.add(tok)
                        added.append(tok)
        return added

    def swedish_terms(self, query: str, tokenizer: SwedishTokenizer) -> list[str]:
        """The Swedish terms of the matching groups that the query does not already contain: appended to an English question
        before it is embedded, so the dense model meets the routines' own words."""
        lowered = query.lower()
        out = []
        for group in self.matching_groups(query, tokenizer):
            for term in group:
                if term in self.swedish and term.lower() not in lowered and term not in out:
                    out.append(term)
        return out

