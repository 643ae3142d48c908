"""Masking of patient identifiers (personnummer, samordningsnummer) in free text.

The issue ("keep patient identifiers out"): an identifier typed anywhere is used for the age and
then dropped, masked before anything is logged, stored or echoed. Masking here is by *shape*, not
by checksum: anything that looks like one (10 or 12 digits, an optional ``-``/``+`` separator
before the last four, optional spaces) is masked, valid or not. Masking too much (a phone number)
costs nothing; masking too little leaks a patient.
"""

from __future__ import annotations

import re

MASK = "[personnummer]"

# The separator between the birth date and the last four digits: '-' or '+' (100 years or older),
# any dash a word processor makes of '-', spaces; and the same as they appear URL-encoded in an
# access log's query string ('+' and %20 for a space, %2B for '+', %2D for '-').
_SEPARATOR = r"(?:[\s\-+\u2010-\u2015\u2212]|%2[0BbDd]){0,3}"

PERSONNUMMER_RE = re.compile(
    r"(?:\d{2})?"  # century (12-digit form)
    r"\d{6}"  # YYMMDD; a samordningsnummer adds 60 to DD
    + _SEPARATOR
    + r"\d{4}"  # birth number and Luhn check digit
)
"""Anything shaped like a personnummer or samordningsnummer. Deliberately no look-around: an
identifier glued to other digits or letters is masked too."""


# Every start position is tried (a zero-width look-ahead), so a false start cannot hide a real
# number: in "q=pnr%2019520101-1234" the leftmost match takes the "20" of "%20" and stops short,
# while the match starting at "1952" covers the identifier. The union of all matches is masked.
_EVERY_MATCH = re.compile(r"(?=(" + PERSONNUMMER_RE.pattern + r"))")


def mask_personnummer(text: str) -> str:
    """``text`` with everything shaped like a personnummer replaced by ``[personnummer]``.

    Takes any string, returns a string of the same meaning minus the identifiers; never raises.
    """
    if not text or not isinstance(text, str) or sum(ch.isdigit() for ch in text) < 10:
        return text
    spans: list[list[int]] = []
    for match in _EVERY_MATCH.finditer(text):
        start, end = match.span(1)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
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
    """True when ``text`` holds something shaped like a personnummer."""
    return bool(text) and PERSONNUMMER_RE.search(text) is not None
