"""What counts as blank in a question: one definition for the server's check and the OpenAPI.

A search query or chat message with no character outside ``BLANK_CHARS`` is refused (422).
``NOT_BLANK_PATTERN`` says the same in the OpenAPI document (``pattern``), so the contract and
the check cannot drift apart. The class is written with ``\\x``/``\\u`` escapes and ranges only
(no ``\\s``, whose meaning differs between Python, JavaScript and Rust), so Python's ``re``, the
ECMA-262 regexes of JSON Schema and Rust's regex crate read it alike.
"""

from __future__ import annotations

import re

#: Whitespace (Python's and JavaScript's), the C0 and C1 control characters, and the invisible
#: format characters: soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
#: spaces and joiners, direction marks and embeddings, word joiner and invisible operators,
#: byte-order mark.
BLANK_CHARS = (r"\x00-\x20\x7f-\xa0\xad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
               r"\u205f-\u206f\u3000\ufeff")

#: Matches (anywhere) a text that is not blank; the OpenAPI ``pattern`` of ``q`` and ``message``.
NOT_BLANK_PATTERN = f"[^{BLANK_CHARS}]"

_NOT_BLANK = re.compile(NOT_BLANK_PATTERN)


def is_blank(text: str) -> bool:
    """True if ``text`` holds nothing but blank characters (or nothing at all)."""
    return _NOT_BLANK.search(text) is None
