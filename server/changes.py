"""What changed between a routine and the version it replaced ("Vad ändrades?", issue 11).

Section by section: the sections of both versions are paired (same heading, else the heading's
first word and the most similar text: "Registrering i VAS" ↔ "Registrering i Cosmic"), and each
pair is compared word by word. For versions with rule tables, the differences in fields, codes,
fees and conditions come from the tables (server/chat/versions.py), each with its quotes.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from dataclasses import dataclass, field

from server.chat.versions import VersionAnswer, _describe_change

#: Two sections of different headings are paired when their texts are at least this similar
#: (difflib ratio over words).
PAIR_SIMILARITY = 0.3
_WORD = re.compile(r"\S+|\s+")


@dataclass
class SectionChange:
    """One section of either version: its headings, status and the marked text."""

    old_heading: str | None
    new_heading: str | None
    status: str  # "same" | "changed" | "added" | "removed"
    parts: list[dict] = field(default_factory=list)  # {"text", "op": equal|insert|delete}
    old_anchor: str | None = None
    new_anchor: str | None = None


@dataclass
class VersionComparison:
    older: object  # DocumentMeta
    newer: object
    sections: list[SectionChange]
    rule_lines: list[str]
    rule_quotes: list[tuple[str, str]]

    @property
    def changed_count(self) -> int:
        return sum(1 for s in self.sections if s.status != "same")


def _sections(doc) -> list[tuple[str, str, str]]:
    """(heading, anchor of its first passage, text) per section, in document order."""
    out: dict[str, list] = {}
    for chunk in doc.chunks:
        heading = chunk.heading_path[-1] if chunk.heading_path else doc.meta.title
        if heading not in out:
            out[heading] = [chunk.anchor, []]
        out[heading][1].append(chunk.text)
    return [(h, a, "\n\n".join(texts)) for h, (a, texts) in out.items()]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def word_diff(old: str, new: str) -> list[dict]:
    """``new`` against ``old`` as parts: equal text, inserted words, deleted words."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    parts: list[dict] = []
    matcher = difflib.SequenceMatcher(lambda t: t.isspace(), a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append({"text": "".join(b[j1:j2]), "op": "equal"})
            continue
        if op in ("delete", "replace") and "".join(a[i1:i2]).strip():
            parts.append({"text": "".join(a[i1:i2]), "op": "delete"})
        if op in ("insert", "replace") and "".join(b[j1:j2]).strip():
            parts.append({"text": "".join(b[j1:j2]), "op": "insert"})
        elif op in ("insert", "replace"):
            parts.append({"text": "".join(b[j1:j2]), "op": "equal"})
    return parts


def _pair(old_sections, new_sections) -> list[tuple[int | None, int | None]]:
    """Pairs of (old index, new index); None where a section has no counterpart."""
    pairs: dict[int, int] = {}
    old_by_heading = {h: i for i, (h, _, _) in enumerate(old_sections)}
    for j, (heading, _, _) in enumerate(new_sections):
        if heading in old_by_heading:
            pairs[j] = old_by_heading[heading]
    taken = set(pairs.values())
    for j, (heading, _, text) in enumerate(new_sections):
        if j in pairs:
            continue
        first = heading.split()[0].lower() if heading.split() else ""
        candidates = [(i, _ratio(otext, text) + (0.2 if oh.split() and oh.split()[0].lower()
                                                 == first else 0.0))
                      for i, (oh, _, otext) in enumerate(old_sections) if i not in taken]
        if candidates:
            i, score = max(candidates, key=lambda c: c[1])
            if score >= PAIR_SIMILARITY:
                pairs[j] = i
                taken.add(i)
    out: list[tuple[int | None, int | None]] = []
    new_for_old = {i: j for j, i in pairs.items()}
    pending_removed = [i for i in range(len(old_sections)) if i not in new_for_old]
    for j in range(len(new_sections)):
        i = pairs.get(j)
        # a removed old section is shown where it stood, before the next paired one
        while pending_removed and i is not None and pending_removed[0] < i:
            out.append((pending_removed.pop(0), None))
        out.append((i, j))
    out += [(i, None) for i in pending_removed]
    return out


def compare_versions(kb, rules, newer_id: str, lang: str = "sv") -> VersionComparison | None:
    """The comparison of document ``newer_id`` with the version it replaced; None when it
    replaced none that the knowledge base holds."""
    newer = kb.document(newer_id)
    older_id = getattr(newer.meta, "supersedes", None)
    if not older_id or older_id not in {d.id for d in kb.documents()}:
        return None
    older = kb.document(older_id)
    old_sections, new_sections = _sections(older), _sections(newer)
    sections = []
    for i, j in _pair(old_sections, new_sections):
        if j is None:
            heading, anchor, text = old_sections[i]
            sections.append(SectionChange(heading, None, "removed",
                                          [{"text": text, "op": "delete"}], old_anchor=anchor))
        elif i is None:
            heading, anchor, text = new_sections[j]
            sections.append(SectionChange(None, heading, "added",
                                          [{"text": text, "op": "insert"}], new_anchor=anchor))
        else:
            oh, oa, otext = old_sections[i]
            nh, na, ntext = new_sections[j]
            same = " ".join(otext.split()) == " ".join(ntext.split()) and oh == nh
            parts = [{"text": ntext, "op": "equal"}] if same else word_diff(otext, ntext)
            sections.append(SectionChange(oh, nh, "same" if same else "changed", parts,
                                          old_anchor=oa, new_anchor=na))
    rules_out = VersionAnswer()
    if rules is not None:
        _describe_change(rules_out, older.meta, newer.meta, kb, rules, lang, date.today())
    # the bullets only: the page's heading says which version replaced which
    lines = [line.lstrip("• ") for line in rules_out.lines if line.startswith("•")]
    return VersionComparison(older.meta, newer.meta, sections, lines,
                             list(dict.fromkeys(rules_out.quotes)))
