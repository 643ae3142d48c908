"""Age in whole years on a given day.

A person born on 29 February turns a year older on 1 March in a year that is not a leap year:
a birthday that does not exist in a year falls on the following day (the convention used in
Swedish practice and chosen for this project in the rules issue). So someone born 1940-02-29 is
84 on 2025-02-28 and 85 on 2025-03-01. The birthday itself counts: 85 on the day of the 85th
birthday (the routines' "85 år och äldre").
"""

from __future__ import annotations

import calendar
from datetime import date


def birthday_in(year: int, birth_date: date) -> date:
    """The day in ``year`` on which a person born ``birth_date`` has their birthday.

    29 February becomes 1 March in a year without 29 February.
    """
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return date(year, birth_date.month, birth_date.day)


def age_on(birth_date: date, day: date) -> int:
    """Whole years completed on ``day`` (the birthday itself counts as completed).

    Returns a negative number if ``day`` is before ``birth_date``; callers reject that.
    """
    years = day.year - birth_date.year
    if day < birthday_in(day.year, birth_date):
        years -= 1
    return years


def nth_birthday(birth_date: date, n: int) -> date:
    """The day a person born ``birth_date`` turns ``n`` (29 Feb -> 1 Mar in common years)."""
    return birthday_in(birth_date.year + n, birth_date)
