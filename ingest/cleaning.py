"""Mend the artefacts that PDF and slide extraction leave in text, so it reads naturally.

The cleaned text is what users see and what citations quote, so every rule here is about making
it read as the author wrote it: Word bookmarks and slide footers out, bullets as "- ", lines that
were broken mid-sentence joined, tables and registration field lists kept line by line.
Each artefact below was seen in the bundled documents (see the comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import junk
from ingest.blocks import Block, Line

# Word table-of-contents bookmarks left in the text: "[bookmark: _Toc120610690]Syfte" (VAS routine).
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# Spaces that extraction leaves between words: the HSU slides separate words with U+00A0.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Bullet glyphs: "•" (Cosmic, VG), "·" (VAS), "●" and "o" (HSU slides), Symbol-font "".
_BULLET = re.compile(r"^(?:[•·●▪■◦○►▸‣⁃∙\uf000-\uf0ff]|[-*](?=\s)|o(?=\s+\S))\s*")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s*(?=[A-ZÅÄÖa-zåäö])")
# A numbered title: "2. Ansvar", "2.1 Sjuksköterskans ansvar", "2.1.3 Dokumentation".
_NUMBERED_TITLE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s+(?=[A-ZÅÄÖ])")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "Kontakttyp: Hemsjukvårdsbesök", "Besöksform: Enskilt besök", "Vårdtjänst:" (label of 1-3 words).
_FIELD = re.compile(r"^([A-ZÅÄÖ][^\s:]{1,30}(?: [^\s:]{1,30}){0,2}):(?:\s+(\S.*))?$")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)?%?")
_SENTENCE_END = (".", "!", "?")
_CLAUSE_END = (".", "!", "?", ":", ";")
# Words a line can end with only in the middle of a sentence.
_FUNCTION_WORDS = frozenset(
    "och i av för till med på att som om en ett från vid eller samt den det de är ska inom "
    "mellan under efter över utan".split()
)
_FILE_REFERENCE = re.compile(r"^\S+\.(?:pdf|docx?|xlsx?|pptx?|html?)\b", re.IGNORECASE)
_COORDINATING = frozenset("och eller samt till resp respektive".split())

# Lines that are page furniture, not text.
ARTEFACT_LINES = (
    # Slide footer of Region Halland: "Region Halland  │Halland – Bästa livsplatsen 4" (HSU deck).
    re.compile(r"Bästa livsplatsen(?:\s+\d+)?$"),
    # Slide footer with a name and an e-mail address between box-drawing bars (HSU deck).
    re.compile(r"│.*[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # Page header of the VG municipality's routine, dropped into mid-text by the extraction.
    re.compile(r"^Sektor Välfärd$"),
    # Page numbers.
    re.compile(r"^(?:Sida|Page)\s+\d+(?:\s+(?:av|of)\s+\d+)?$", re.IGNORECASE),
    re.compile(r"^\d{1,3}$"),
    # A line of only punctuation: "." after the decision list, "-" at the report's end.
    re.compile(r"^[.\-–—_·•●*]+$"),
)


@dataclass
class _Item:
    """A cleaned line with what it looks like."""

    text: str
    page_start: bool
    gap: bool  # blank lines stood before it
    kind: str  # text | bullet | field | row | numbered
    raw_length: int


def normalize_inline(text: str) -> str:
    """Remove bookmarks and invisible characters, make every space a plain one, collapse runs."""
    text = _BOOKMARK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return " ".join(text.split())


def bullet_item(text: str) -> str | None:
    """``text`` as a "- " list item if it starts with a bullet glyph or a number, else None."""
    match = _BULLET.match(text)
    if match and text[match.end() :].strip():
        return "- " + text[match.end() :].strip()
    match = _NUMBERED.match(text)
    if match:
        return f"{match.group(1)}. {text[match.end():].strip()}"
    return None


def numbered_title_depth(text: str, bare: bool = False) -> int:
    """The depth of a numbered title ("2. Ansvar" 1, "2.1 Läkarens ansvar" 2), else 0.

    A title is short, has no final stop or comma and does not end mid-phrase; whether it is a
    heading or an item of a numbered list is decided by its neighbours (``_resolve_numbered``).
    """
    match = _NUMBERED_TITLE.match(text)
    if not match:
        return 0
    depth = match.group(1).count(".") + 1
    if depth == 1 and not match.group(2) and not bare:
        return 0  # "2 Ansvar" could be anything; "2. Ansvar" is a title or an item
    rest = text[match.end():]
    words = rest.split()
    if len(text) > 70 or len(words) > 10 or not words:
        return 0
    if rest.endswith((".", ",", ";", "-", "–")) or re.search(r"[.!?]\s+\S", rest):
        return 0
    if words[-1].lower() in _FUNCTION_WORDS:
        return 0
    return depth


def is_artefact(text: str) -> bool:
    """True for a line that is page furniture (footer, page header, page number, stray dot)."""
    return any(pattern.search(text) for pattern in ARTEFACT_LINES)


def clean_blocks(
    blocks: list[Block], dropped: list[tuple[str, str]] | None = None
) -> tuple[list[Block], list[str]]:
    """Turn read blocks into clean ``paragraph``/``list``/``table``/``heading`` blocks.

    Returns the blocks and the bare URLs taken out of the text (kept as the document's links).
    Raw lines are mended (see the module docstring); structured paragraphs get the same inline
    cleaning, and consecutive list items become one list block. The furniture of web and
    intranet pages (``ingest.junk``) is left out and, with its reason, added to ``dropped``.
    """
    dropped = dropped if dropped is not None else []
    out: list[Block] = []
    links: list[str] = []
    for block in blocks:
        if block.junk:
            text = normalize_inline(block.text)
            if text:
                dropped.append((text, block.junk))
        elif block.kind == "raw":
            out.extend(_clean_lines(block.lines, links, dropped))
        elif block.kind == "link":
            links.append(block.text)
        elif block.kind == "heading":
            text = normalize_inline(block.text)
            reason = junk.line_reason(text) if text else None
            if reason:
                dropped.append((text, reason))
            elif text:
                out.append(Block("heading", text, block.level))
        elif block.kind == "table":
            rows = [normalize_inline(row) for row in block.text.split("\n")]
            rows = [row for row in rows if row]
            if rows:
                out.append(Block("table", "\n".join(rows)))
        elif block.kind == "list":
            items = [normalize_inline(item) for item in block.text.split("\n")]
            kept = []
            for item in items:
                bare = _BULLET.sub("", item) if item else ""
                reason = junk.line_reason(bare) if bare else None
                if reason:
                    dropped.append((item, reason))
                elif item:
                    kept.append(bullet_item(item) or f"- {item}")
            if kept:
                _append_list(out, kept)
        else:
            for part in block.text.split("\n"):
                text = normalize_inline(part)
                if not text:
                    continue
                if is_artefact(text):
                    dropped.append((text, junk.FURNITURE))
                    continue
                if _URL_LINE.match(text):
                    links.append(text)
                    continue
                reason = junk.line_reason(text)
                if reason:
                    dropped.append((text, reason))
                    continue
                # a Word or HTML paragraph: "1 Syfte" too, if another follows ("2 Ansvar")
                depth = numbered_title_depth(text, bare=True)
                item = None if depth else bullet_item(text)
                if item:
                    _append_list(out, [item])
                else:
                    out.append(Block("paragraph", text, numbered=depth))
    out = _resolve_numbered(out)
    out = _captions(out)
    out = _drop_junk_blocks(out, dropped)
    return out, list(dict.fromkeys(links))


def _resolve_numbered(blocks: list[Block]) -> list[Block]:
    """A numbered title is a heading (level: its depth + 1, under the document's title) unless
    it stands among items of the same numbered list (next to the item numbered one below or
    above it: "1. Tvätta händerna" / "2. Byt katetern"), where it is a list item."""

    def number(text: str) -> int | None:
        match = re.match(r"^(\d{1,2})\.? ", text)
        return int(match.group(1)) if match else None

    # "1 Syfte" without a dot is a title only in a series ("1 Syfte", "2 Ansvar"), else text.
    bare = [b for b in blocks if b.kind == "paragraph" and b.numbered == 1
            and re.match(r"^\d{1,2} ", b.text)]
    if len({number(b.text) for b in bare}) < 2:
        for b in bare:
            b.numbered = 0

    def numbered_item(block: Block | None, depth: int, wanted: int | None) -> bool:
        """True if ``block`` is (or ends or starts a list with) item number ``wanted``."""
        if block is None or depth != 1 or wanted is None:
            return False
        if block.kind == "paragraph" and block.numbered == 1:
            return number(block.text) == wanted
        if block.kind == "list":
            lines = block.text.split("\n")
            return wanted in (number(lines[0]), number(lines[-1]))
        return False

    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.numbered:
            out.append(block)
            continue
        before = blocks[index - 1] if index else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        own = number(block.text)
        if own is not None and (numbered_item(before, block.numbered, own - 1)
                                or numbered_item(after, block.numbered, own + 1)):
            _append_list(out, [bullet_item(block.text) or block.text])
        else:
            out.append(Block("heading", block.text, block.numbered + 1,
                             page_start=block.page_start, numbered=block.numbered))
    return out


_CAPTION = re.compile(r"^(?:Tabell|Table|Tab\.)\s*\d+[.:]?\s+\S")


def _captions(blocks: list[Block]) -> list[Block]:
    """A table's caption ("Tabell 1. Val av förband", Word's caption style above the table)
    goes into the table, so a value is quoted with its caption and headers."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (block.kind == "table" and previous is not None and previous.kind == "paragraph"
                and len(previous.text) <= 160 and _CAPTION.match(previous.text)):
            out[-1] = Block("table", f"{previous.text}\n{block.text}", page_start=previous.page_start)
        else:
            out.append(block)
    return out


def _drop_junk_blocks(blocks: list[Block], dropped: list[tuple[str, str]]) -> list[Block]:
    """Leave out whole blocks that are junk: a cookie banner over several lines, and a block
    that repeats one earlier on the page (kept where it first stands)."""
    out: list[Block] = []
    seen: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            out.append(block)
            continue
        reason = junk.block_reason(block.text) if block.kind == "paragraph" else None
        key = junk.repeated_key(block.text)
        if reason is None and key is not None and key in seen:
            reason = junk.REPEATED
        if reason:
            dropped.append((block.text, reason))
            continue
        if key is not None:
            seen.add(key)
        out.append(block)
    return out


def _append_list(out: list[Block], items: list[str]) -> None:
    if out and out[-1].kind == "list":
        out[-1].text += "\n" + "\n".join(items)
    else:
        out.append(Block("list", "\n".join(items)))


# --- plain lines -----------------------------------------------------------------------------


def _clean_lines(lines: list[Line], links: list[str],
                 dropped: list[tuple[str, str]]) -> list[Block]:
    items = _items(lines, links, dropped)
    deck = _is_slide_deck(items)
    # A slide's lines are boxes, not a paragraph wrapped at a width: join only what plainly
    # goes on (a line that starts in lower case).
    width = 10**6 if deck else _typical_width(items)
    units = _tables(items)
    blocks = _paragraphs(units, width)
    return _slide_boxes(blocks) if deck else blocks


def _is_slide_deck(items: list[_Item]) -> bool:
    """A slide deck exported one line per box: many short pages of short lines."""
    pages = 1 + sum(1 for item in items if item.page_start)
    if pages < 3 or not items:
        return False
    short = sum(1 for item in items if item.raw_length <= 60)
    return len(items) / pages <= 8 and short >= 0.75 * len(items)


def _slide_boxes(blocks: list[Block]) -> list[Block]:
    """Three or more boxes under a slide's title become one list, one item per box, so the
    slide is one passage ("Vem gör vad?" / "- Sjuksköterskan samordnar" / "- Läkaren ...")."""

    def box(block: Block) -> bool:
        return (block.kind == "paragraph" and block.line_count == 1 and len(block.text) <= 60
                and not block.page_start and not block.numbered
                and not block.text.endswith((".", ":", ";", ",", "!", "?")))

    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        out.append(block)
        index += 1
        if not (block.page_start or len(out) == 1):
            continue
        end = index
        while end < len(blocks) and box(blocks[end]):
            end += 1
        if end - index >= 3:
            items = [f"- {b.text}" for b in blocks[index:end]]
            out.append(Block("list", "\n".join(items), line_count=len(items)))
            index = end
    return out


def _items(lines: list[Line], links: list[str], dropped: list[tuple[str, str]]) -> list[_Item]:
    """Normalize lines, drop artefacts and repeated headers, classify what is left."""
    items: list[_Item] = []
    gap = False
    for line in lines:
        text = normalize_inline(line.text)
        if not text:
            gap = True
            continue
        if _URL_LINE.match(text):
            links.append(text)
            gap = True
            continue
        if is_artefact(text):
            dropped.append((text, junk.FURNITURE))
            gap = True
            continue
        reason = junk.line_reason(text)
        if reason:
            dropped.append((text, reason))
            gap = True
            continue
        # A slide title printed twice ("Bakgrund", "Nya avtal för särskilt boende" in the HSU deck).
        if items and items[-1].text == text and len(text) < 80:
            continue
        kind = "text"
        bullet = bullet_item(text)
        if numbered_title_depth(text):
            kind = "numbered"
        elif bullet:
            text, kind = bullet, "bullet"
        elif _is_row(text):
            kind = "row"
        elif not line.page_start and _FIELD.match(text):
            kind = "field"
        items.append(_Item(text, line.page_start, gap, kind, len(line.text.rstrip())))
        gap = False
    # A label alone ("Vårdtjänst:") is a field only next to other fields, else a title ("Syfte:").
    for index, item in enumerate(items):
        if item.kind == "field" and not _FIELD.match(item.text).group(2):
            neighbours = items[max(0, index - 1) : index] + items[index + 1 : index + 2]
            has_valued_neighbour = any(
                n.kind == "field" and _FIELD.match(n.text).group(2) for n in neighbours
            )
            if not has_valued_neighbour:
                item.kind = "text"
    return items


def _typical_width(items: list[_Item]) -> int:
    """The wrap width of the extraction: most wrapped lines are about this long."""
    lengths = sorted(item.raw_length for item in items if item.kind in ("text", "bullet"))
    if not lengths:
        return 80
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def _is_row(text: str) -> bool:
    """A table row: mostly numbers ("Läkare 3016 2213 2715", "2019 2020 2021")."""
    if len(text) > 90 or text.endswith(_CLAUSE_END):
        return False
    tokens = text.split()
    numbers = [t for t in tokens if _NUMBER_TOKEN.fullmatch(t)]
    return len(numbers) >= 2 and 2 * len(numbers) >= len(tokens)


def _is_table_header(item: _Item) -> bool:
    text = item.text
    return (
        item.kind in ("text", "row")
        and len(text) <= 80
        and not text.endswith(_CLAUSE_END)
        and not _EMAIL.search(text)
    )


def _tables(items: list[_Item]) -> list[_Item | Block]:
    """Gather runs of table rows, with their caption and header lines, into table blocks.

    E.g. the report's "Totala antalet hembesök inom Vårdcentralen Halland per kategori" and its
    rows, or the bus table whose header cells ("Besök / per dag") came out one per line.
    """
    consumed = [False] * len(items)
    tables: dict[int, tuple[int, Block]] = {}
    index = 0
    while index < len(items):
        if items[index].kind != "row" or consumed[index]:
            index += 1
            continue
        start = index
        back = index - 1
        while back >= 0 and index - back <= 8 and not consumed[back]:
            if not _is_table_header(items[back]) or items[back].kind == "row":
                break
            start = back
            if len(items[back].text.split()) >= 5:
                break  # a caption opens the table
            back -= 1
        end = index
        ahead = index + 1
        while ahead < len(items):
            item = items[ahead]
            if item.kind == "row":
                end = ahead
            elif not (
                item.kind == "text"
                and len(item.text.split()) < 5
                and len(item.text) <= 40
                and any(i.kind == "row" for i in items[ahead + 1 : ahead + 3])
            ):
                break
            ahead += 1
        for position in range(start, end + 1):
            consumed[position] = True
        tables[start] = (end, Block("table", _table_text(items[start : end + 1])))
        index = end + 1
    units: list[_Item | Block] = []
    index = 0
    while index < len(items):
        if index in tables:
            end, block = tables[index]
            block.page_start = items[index].page_start
            units.append(block)
            index = end + 1
        else:
            units.append(items[index])
            index += 1
    return units


def _table_text(items: list[_Item]) -> str:
    """Rows one per line; header cells broken over lines ("Besök" / "per dag") joined again."""
    lines: list[str] = []
    previous_kind = ""
    for item in items:
        if lines and item.kind != "row" and previous_kind != "row" and item.text[:1].islower():
            lines[-1] = _join(lines[-1], item.text)
        else:
            lines.append(item.text)
        previous_kind = item.kind
    return "\n".join(lines)


def _join(left: str, right: str) -> str:
    """Join two pieces of one sentence; a word hyphenated at the line end is made whole."""
    if re.search(r"[a-zåäö]-$", left) and right[:1].islower():
        first_word = right.split()[0].strip(",.;:")
        if first_word not in _COORDINATING:
            return left[:-1] + right  # "Produktions-" + "bortfall"
    return f"{left} {right}"


def _starts_lower(text: str) -> bool:
    first = text[:1]
    return first.islower() or first in "(”\"'"


def _starts_acronym_or_number(text: str) -> bool:
    token = text.split()[0] if text.split() else ""
    letters = re.sub(r"[^A-Za-zÅÄÖåäö]", "", token)
    return token[:1].isdigit() or (len(letters) >= 2 and letters.isupper())


def _continues(
    previous: _Item, lines_in_block: int, item: _Item, width: int, block_kind: str = "text"
) -> bool:
    """True if ``item`` continues the paragraph or list item whose last line is ``previous``."""
    left = previous.text
    last_word = left.split()[-1].lower() if left.split() else ""
    # A new page or slide starts anew ("Läkarinsatser i hemmet efter utskrivning" in the deck).
    if item.page_start and not _starts_lower(item.text):
        return False
    # A reference to a file on its own line ("Overenskommelse-om-...-2028.pdf (regionhalland.se)").
    if _FILE_REFERENCE.match(item.text):
        return False
    # A slide's title stands alone ("Läkarinsatser i hemmet efter utskrivning" + subtitle).
    if (
        previous.page_start
        and lines_in_block == 1
        and len(left) <= 70
        and last_word not in _FUNCTION_WORDS
        and not left.endswith(("-", ","))
    ):
        return False
    full = previous.raw_length >= 0.8 * width
    if not item.gap and block_kind == "bullet":
        # The deck's bullets are set apart by blank lines; a line right under one belongs to it.
        return True
    if left.endswith(_SENTENCE_END):
        # A full line ending a sentence wraps into the next of the same paragraph ("delaktighet."
        # / "Patienten har alltid ..." in the VG routine), unless that next line looks like a title.
        title_like = len(item.text) <= 70 and not item.text.endswith((*_CLAUSE_END, ","))
        return full and not item.gap and not title_like and item.kind == "text"
    if _starts_lower(item.text):
        return True
    if left.endswith(_CLAUSE_END) or not full:
        return False
    # A full line cut mid-sentence goes on with a name ("i IT-systemet" / "SAMSA.") or a number.
    return not item.gap or _starts_acronym_or_number(item.text)


def _paragraphs(units: list[_Item | Block], width: int) -> list[Block]:
    """Join wrapped lines into paragraphs and list items; consecutive items make one list."""
    blocks: list[Block] = []
    current: list[_Item] = []
    current_kind = ""

    def flush() -> None:
        nonlocal current, current_kind
        if not current:
            return
        text = current[0].text
        for item in current[1:]:
            text = _join(text, item.text)
        if current_kind == "numbered" and len(current) == 1:
            blocks.append(Block("paragraph", text, page_start=current[0].page_start,
                                numbered=numbered_title_depth(text)))
        elif current_kind in ("bullet", "field", "numbered"):
            _append_list(blocks, [bullet_item(text) or text])
            blocks[-1].line_count += len(current)
        else:
            blocks.append(
                Block("paragraph", text, page_start=current[0].page_start, line_count=len(current))
            )
        current, current_kind = [], ""

    for unit in units:
        if isinstance(unit, Block):
            flush()
            blocks.append(unit)
            continue
        if unit.kind in ("bullet", "field", "row", "numbered"):
            flush()
            current, current_kind = [unit], ("field" if unit.kind == "row" else unit.kind)
            continue
        if current and _continues(current[-1], len(current), unit, width, current_kind):
            current.append(unit)
            continue
        flush()
        current, current_kind = [unit], "text"
    flush()
    return blocks
