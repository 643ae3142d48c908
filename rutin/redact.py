"""Masking of patient identifiers (personnummer, samordningsnummer) in free text.

The issue ("keep patient identifiers out"): an identifier typed anywhere is used for the age and
then dropped, masked before anything is logged, stored or echoed. Masking here is by *shape*, not
by checksum: anything that looks like one is masked, valid or not. Masking too much (a phone
number) costs little; masking too little leaks a patient.

Issue 13 ("Redaction at every boundary"): the text is *decoded first*, then matched, and the
stretch of the original text the identifier came from is masked. Decoding undoes

- percent-encoding (UTF-8 or Latin-1 bytes, ``+``; several rounds, so ``%2531`` is ``1``), as an
  access log's raw path and query string carry it;
- backslash escapes (``\\u2013``, ``\\xe2\\x80\\x93``, ``\\n``) as JSON and ``repr()`` write
  them, and HTML character references (``&#8211;``, ``&ndash;``);
- Unicode compatibility forms (NFKC: full-width digits, ``U+FE63``, ``U+FF0D``), and digits of
  any script;
- every dash (``U+2010``-``U+2015``, minus ``U+2212``, ...), every space (no-break, thin,
  ideographic, newline, tab) and ``+ . / _`` as a separator; zero-width and other invisible
  format characters (``U+200B``-``U+200D``, ``U+2060``, ``U+FEFF``, soft hyphen) are dropped.

The shapes, on the decoded text:

- ``[CC]YYMMDD`` then up to five separators then the last four digits (the shapes people type,
  ``19380201-1233``, ``380201+1233``, ``19380201.1233``, ``380201 - 1233``); as before no
  look-around, so an identifier glued to other digits or letters is masked too;
- ``[CC]YY MM DD NNNN`` with separators between the date's parts as well (``1938-02-01-1233``,
  ``1938 02 01 1233``). Here the month must be 01-12 and the day 01-31 or 61-91 (samordnings-
  nummer), and the last four digits must not open another date: a validity range such as
  ``2024-05-10 – 2025-05-10`` in a routine is not masked. An ISO date followed by a four-digit
  time (``2025-03-31 1400``) is: it is written exactly like ``1938-02-01 1233``.

Ordinary numbers in a routine stay: dates (``2024-05-10``), amounts (``1 200 kr``), phone
numbers (``035-13 10 00``), KVÅ codes, document ids (``RH-12272``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html.entities import html5 as _HTML5_ENTITIES

MASK = "[personnummer]"

# The separator of the plain shape as the chat reads a birth date from it (server/chat/service.py):
# '-' or '+' (100 years or older), any dash a word processor makes of '-', spaces, and the same
# URL-encoded. Masking uses the decoding matcher below, which knows many more spellings.
_SEPARATOR = r"(?:[\s\-+\u2010-\u2015\u2212]|%2[0BbDd]){0,3}"

PERSONNUMMER_RE = re.compile(
    r"(?:\d{2})?"  # century (12-digit form)
    r"\d{6}"  # YYMMDD; a samordningsnummer adds 60 to DD
    + _SEPARATOR
    + r"\d{4}"  # birth number and Luhn check digit
)
"""The common plain spellings of a personnummer or samordningsnummer (for reading one)."""

# ----------------------------------------------------------------------------------- decoding

# One escape of any kind; a run of percent-encoded bytes is taken whole (a UTF-8 sequence).
_ESCAPE_RE = re.compile(
    r"(?:%[0-9A-Fa-f]{2})+|(?:\\x[0-9A-Fa-f]{2})+"
    r"|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\[ntrvf]"
    r"|&#[0-9]{1,7};|&#[xX][0-9A-Fa-f]{1,6};|&[A-Za-z][A-Za-z0-9]{1,31};")

# Text that needs more than the ASCII fast path: anything non-ASCII, a control character, or
# the first character of an escape.
_NEEDS_DECODING = re.compile(r"[^\t\n\r\x20-\x7e]|[%\\&]")

# Separators besides the dashes (category Pd) and spaces (Zs, Zl, Zp, ASCII whitespace).
_EXTRA_SEPARATORS = frozenset("+./_\u2212\u2043\u2796\u2044\u2215\u29f8\u00b7\u2027\u30fb")
# Invisible characters that are not format characters (Cf) or combining marks.
_EXTRA_IGNORABLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")

_SEP, _OTHER = "-", "#"
_MAX_ROUNDS = 6


@lru_cache(maxsize=4096)
def _classify(ch: str) -> str:
    """One decoded character as the matcher sees it: a digit 0-9, '-' for a separator, '#' for
    anything else, '' for an invisible character (dropped)."""
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    if ch in _EXTRA_SEPARATORS or ch.isspace():
        return _SEP
    category = unicodedata.category(ch)
    if category in ("Pd", "Zs", "Zl", "Zp"):
        return _SEP
    if category in ("Cf", "Mn", "Me", "Cc") or ch in _EXTRA_IGNORABLE:
        return ""
    return _OTHER


def _utf8_chars(data: list[int]) -> list[tuple[str, int, int]]:
    """Percent-decoded bytes as (character, first byte, last byte): UTF-8 where the bytes are
    valid UTF-8, else each byte as Latin-1 (``%A0`` is a no-break space either way)."""
    out, i, n = [], 0, len(data)
    while i < n:
        b = data[i]
        need = (0 if b < 0x80 else 1 if 0xC2 <= b <= 0xDF else 2 if 0xE0 <= b <= 0xEF
                else 3 if 0xF0 <= b <= 0xF4 else -1)
        if need > 0 and i + need < n and all(0x80 <= data[i + k] <= 0xBF
                                             for k in range(1, need + 1)):
            try:
                out.append((bytes(data[i:i + need + 1]).decode("utf-8"), i, i + need))
                i += need + 1
                continue
            except UnicodeDecodeError:
                pass
        out.append((chr(b), i, i))
        i += 1
    return out


def _unescape(token: str) -> str | None:
    """One non-percent escape decoded, or None when it is none."""
    if token[0] == "\\":
        kind = token[1]
        if kind in "ntrvf":
            return " "
        code = int(token[2:], 16)
        return chr(code) if code <= 0x10FFFF else None
    if token.startswith("&#"):
        code = int(token[3:-1], 16) if token[2] in "xX" else int(token[2:-1])
        return chr(code) if 0 < code <= 0x10FFFF else None
    return _HTML5_ENTITIES.get(token[1:])


def _round(chars: list[str], starts: list[int], ends: list[int]) -> bool:
    """One round of decoding, in place: NFKC, then escapes. True when anything changed."""
    changed = False
    text = "".join(chars)
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        out_c, out_s, out_e = [], [], []
        for c, s, e in zip(chars, starts, ends):
            norm = c if c.isascii() else unicodedata.normalize("NFKC", c)
            if norm != c:
                changed = True
            for piece in norm:
                out_c.append(piece)
                out_s.append(s)
                out_e.append(e)
        chars[:], starts[:], ends[:] = out_c, out_s, out_e
        text = "".join(chars)
    if not any(x in text for x in "%\\&"):
        return changed
    out_c, out_s, out_e, last = [], [], [], 0
    for m in _ESCAPE_RE.finditer(text):
        out_c.extend(chars[last:m.start()])
        out_s.extend(starts[last:m.start()])
        out_e.extend(ends[last:m.start()])
        token, at = m.group(0), m.start()
        if token[0] == "%" or token.startswith("\\x"):
            # A run of bytes, as a percent-encoded URL or a bytes repr (h11's errors) has it.
            width = 3 if token[0] == "%" else 4
            data = [int(token[k + width - 2:k + width], 16) for k in range(0, len(token), width)]
            for ch, first, last_byte in _utf8_chars(data):
                out_c.append(ch)
                out_s.append(starts[at + width * first])
                out_e.append(ends[at + width * last_byte + width - 1])
        else:
            ch = _unescape(token)
            if ch is None:
                out_c.extend(chars[m.start():m.end()])
                out_s.extend(starts[m.start():m.end()])
                out_e.extend(ends[m.start():m.end()])
                last = m.end()
                continue
            for piece in ch:
                out_c.append(piece)
                out_s.append(starts[m.start()])
                out_e.append(ends[m.end() - 1])
        changed = True
        last = m.end()
    out_c.extend(chars[last:])
    out_s.extend(starts[last:])
    out_e.extend(ends[last:])
    chars[:], starts[:], ends[:] = out_c, out_s, out_e
    return changed


_ASCII_VIEW = str.maketrans({**{chr(c): _OTHER for c in range(0x20, 0x7F)},
                             **{d: d for d in "0123456789"},
                             **{s: _SEP for s in " +./_-\t\n\r"}})


def _view(chars, starts, ends) -> tuple[str, list[int], list[int]]:
    classes = [_classify(c) for c in chars]
    if all(len(c) == 1 for c in classes):  # nothing dropped: one view character per character
        return "".join(classes), starts[:], ends[:]
    view, v_starts, v_ends = [], [], []
    for c, s, e in zip(chars, starts, ends):
        for piece in _classify(c):
            view.append(piece)
            v_starts.append(s)
            v_ends.append(e)
    return "".join(view), v_starts, v_ends


def decoded_views(text: str) -> list[tuple[str, list[int], list[int]]]:
    """``text`` as the matcher sees it, at each stage of decoding: as written, then after every
    round of decoding that changed something. A view holds digits ``0``-``9``, ``-`` for a
    separator, ``#`` for anything else (invisible characters dropped); with, for each of its
    characters, the start and end offsets in ``text`` it came from.

    Every stage counts: decoding can also *hide* a number that is plainly there (in
    ``%380201-1233`` the ``%38`` decodes to ``8``, and ``380201-1233`` stands in the raw text).
    """
    if not _NEEDS_DECODING.search(text):
        offsets = list(range(len(text)))
        return [(text.translate(_ASCII_VIEW), offsets, [o + 1 for o in offsets])]
    chars = list(text)
    starts = list(range(len(text)))
    ends = [s + 1 for s in starts]
    views = [_view(chars, starts, ends)]
    for _ in range(_MAX_ROUNDS):
        if not _round(chars, starts, ends):
            break
        views.append(_view(chars, starts, ends))
    return views


def decoded_digits(text: str) -> list[str]:
    """The digits of ``text`` at each stage of decoding, separators and invisible characters
    removed and everything else as ``#``: an identifier written in any spelling or encoding is
    a run of its digits in one of them (what the tests compare)."""
    return [view.replace(_SEP, "") for view, _, _ in decoded_views(text)]


# ----------------------------------------------------------------------------------- matching

_S = r"-{0,5}"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"  # 61-91: a samordningsnummer
# Every start position is tried (a zero-width look-ahead), so a false start cannot hide a real
# number; the union of all matches is masked.
_SHAPES = (
    # [CC]YYMMDD, separators, NNNN: any ten or twelve digits so written, valid date or not.
    re.compile(r"(?=((?:\d\d)?\d{6}" + _S + r"\d{4}))"),
    # [CC]YY-MM-DD-NNNN with separators inside the date too; not the start of a date range.
    re.compile(r"(?=((?:\d\d)?\d\d" + _S + _MONTH + _S + _DAY + _S + r"\d{4})(?!" + _S
               + r"\d\d-{1,5}\d\d))"),
)


def _spans(text: str) -> list[tuple[int, int]]:
    """The merged stretches of ``text`` that hold something shaped like a personnummer."""
    if not text or not isinstance(text, str):
        return []
    if not _NEEDS_DECODING.search(text) and sum(ch.isdigit() for ch in text) < 10:
        return []
    found = []
    for view, starts, ends in decoded_views(text):
        if sum(ch in "0123456789" for ch in view) < 10:
            continue
        for shape in _SHAPES:
            for m in shape.finditer(view):
                a, b = m.span(1)
                found.append((starts[a], ends[b - 1]))
    found.sort()
    merged: list[list[int]] = []
    for a, b in found:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def mask_personnummer(text: str) -> str:
    """``text`` with everything shaped like a personnummer, in any spelling or encoding,
    replaced by ``[personnummer]``; the rest of the text is kept as it was (still encoded).

    Takes any string, returns a string of the same meaning minus the identifiers; never raises.
    """
    try:
        spans = _spans(text)
    except Exception:  # never let masking break a log call or a response; mask every digit
        return re.sub(r"\d", "#", text) if isinstance(text, str) else text
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(MASK)
        last = end
    out.append(text[last:])
    return "".join(out)


def contains_personnummer(text: str) -> bool:
    """True when ``text`` holds something shaped like a personnummer, in any spelling."""
    try:
        return bool(_spans(text))
    except Exception:
        return True
