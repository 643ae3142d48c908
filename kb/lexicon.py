"""The domain lexicon (``kb/data/lexicon.toml``): groups of equivalent terms for query expansion."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kb.tokenizer import SwedishTokenizer

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.toml"


@dataclass(frozen=True)
class Lexicon:
    """Synonym groups, each a tuple of terms (words or phrases)."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> "Lexicon":
        """Read the lexicon file. Raises ValueError if a group has fewer than two terms."""
        with open(path, "rb") as f:
            data = tomllib.load(f)
        groups = []
        for i, group in enumerate(data.get("group", [])):
            terms = tuple(t.strip() for t in group.get("terms", []) if t.strip())
            if len(terms) < 2:
                raise ValueError(f"{path}: group {i + 1} needs at least two terms")
            groups.append(terms)
        return cls(tuple(groups))

    def terms(self) -> list[str]:
        """Every term of every group."""
        return [t for g in self.groups for t in g]

    def expansion(self, query: str, tokenizer: SwedishTokenizer) -> list[str]:
        """Tokens to add to ``query``: the other terms of every group one of whose terms
        (all its tokens) occurs in the query. Tokens already in the query are not repeated."""
        query_tokens = set(tokenizer.tokenize(query, compounds=True))
        added: list[str] = []
        seen = set(query_tokens)
        for group in self.groups:
            term_tokens = [tokenizer.tokenize(t, compounds=False) for t in group]
            if not any(toks and set(toks) <= query_tokens for toks in term_tokens):
                continue
            for toks in term_tokens:
                for tok in toks:
                    if tok not in seen:
                        seen.add(tok)
                        added.append(tok)
        return added
