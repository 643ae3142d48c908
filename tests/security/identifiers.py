"""Valid Swedish personal identity numbers for the tests, in every way people type them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.luhn import calc_check_digit


def luhn_digit(nine: str) -> str:
    """The Luhn check digit of the nine digits YYMMDDNNN (python-stdnum's, as the rules use)."""
    return calc_check_digit(nine)


@dataclass(frozen=True)
class Identifier:
    """One person's number: birth date, the three birth digits, samordningsnummer or not."""

    born: date
    serial: str
    samordning: bool = False

    @property
    def ten(self) -> str:
        day = self.born.day + (60 if self.samordning else 0)
        nine = f"{self.born:%y%m}{day:02d}{self.serial}"
        return nine + luhn_digit(nine)

    @property
    def twelve(self) -> str:
        return f"{self.born.year // 100:02d}{self.ten}"

    def spellings(self, today: date) -> list[str]:
        """Every format: 10 and 12 digits; '-', '+' (100 or older) or no separator."""
        sep = "+" if (today.year - self.born.year) >= 100 else "-"
        return [self.ten, f"{self.ten[:6]}{sep}{self.ten[6:]}", self.twelve,
                f"{self.twelve[:8]}-{self.twelve[8:]}", f"{self.ten[:6]} {sep} {self.ten[6:]}"]

    @property
    def needles(self) -> list[bytes]:
        """What a leak would look like in a file: the digits with or without a separator."""
        ten, twelve = self.ten, self.twelve
        out = {ten, twelve, f"{ten[:6]}-{ten[6:]}", f"{ten[:6]}+{ten[6:]}",
               f"{twelve[:8]}-{twelve[8:]}", f"{twelve[:8]}+{twelve[8:]}", f"{ten[:6]} {ten[6:]}"}
        return [s.encode() for s in sorted(out)]


def make_identifiers(n: int, *, seed: int = 20260303, today: date = date(2026, 3, 3)) -> list[Identifier]:
    """``n`` distinct valid identifiers: ages 0 to 105, about a fifth samordningsnummer."""
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < n:
        born = today - timedelta(days=rng.randrange(0, 105 * 365))
        ident = Identifier(born, f"{rng.randrange(0, 1000):03d}", samordning=rng.random() < 0.2)
        if ident.ten not in seen:
            seen.add(ident.ten)
            out.append(ident)
    return out


# ----------------------------------------------------------------- issue 13: hostile spellings

#: Separators people (and word processors, and attackers) put between the parts of a number.
SEPARATORS = ("-", "+", " ", " - ", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015",
              "\u2212", "\ufe63", "\uff0d", "\u00a0", "\u2009", "\u202f", "\u3000", ".", "/", "_",
              "\n", "\t", " \u2013 ", "\u200b", "\u00ad", "\u2060", "\ufeff", "")
#: Invisible characters slipped between any two digits.
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
#: Digit sets a personnummer can be typed in (NFKC or Unicode digit values make them 0-9).
DIGIT_SETS = {"ascii": 0x30, "fullwidth": 0xFF10, "arabic-indic": 0x660, "math-bold": 0x1D7CE,
              "devanagari": 0x966}
#: Where the separators go: before the last four only, or between the date's parts as well.
GROUPINGS = ("date|last4", "yy|mm|dd|last4")
#: How the spelled number is encoded on top of its characters.
ENCODINGS = ("plain", "percent", "percent-non-ascii", "percent-twice", "json-escape",
             "html-entity")


def percent_encode(text: str, *, only_non_ascii: bool = False) -> str:
    """Every byte (or only the bytes of non-ASCII characters) as %XX, UTF-8."""
    out = []
    for ch in text:
        if only_non_ascii and ch.isascii() and ch not in "%\n\t":
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)


def spell(ident: Identifier, *, twelve: bool, grouping: str, separator: str, digits: str,
          invisible: str = "", encoding: str = "plain") -> str:
    """``ident`` written in one of the many ways the issue lists."""
    number = ident.twelve if twelve else ident.ten
    century = number[:2] if twelve else ""
    rest = number[2:] if twelve else number
    if grouping == "date|last4":
        parts = [century + rest[:6], rest[6:]]
    else:
        parts = [century + rest[:2], rest[2:4], rest[4:6], rest[6:]]
    base = DIGIT_SETS[digits]
    parts = [invisible.join(chr(base + int(d)) for d in part) for part in parts]
    text = separator.join(parts)
    if encoding == "percent":
        return percent_encode(text)
    if encoding == "percent-non-ascii":
        return percent_encode(text, only_non_ascii=True)
    if encoding == "percent-twice":
        return percent_encode(percent_encode(text))
    if encoding == "json-escape":
        return "".join(ch if ch.isascii() and ch.isdigit() else f"\\u{ord(ch):04x}"
                       if ord(ch) < 0x10000 else ch for ch in text)
    if encoding == "html-entity":
        return "".join(ch if ch.isascii() and ch.isdigit() else f"&#{ord(ch)};" for ch in text)
    return text


def leaked(text: str | bytes, identifiers) -> list[str]:
    """The identifiers whose digits appear in ``text`` in any spelling or encoding: decoded
    (rutin.redact's decoding matcher), separators and invisible characters dropped, digits
    compared."""
    from rutin.redact import decoded_digits

    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    views = decoded_digits(text)
    return [ident.ten for ident in identifiers if any(ident.ten in view for view in views)]
