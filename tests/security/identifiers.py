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
