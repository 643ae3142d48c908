"""The birth date inside a personnummer or samordningsnummer.

The number is read, checked and dropped: it is never stored, logged or put in a message
(house rule; the API contract). Checksum and separators follow python-stdnum's
``stdnum.se.personnummer`` (compact form, Luhn over the last ten digits); the date part is read
here because stdnum rejects samordningsnummer (day + 60) and resolves the century of a 10-digit
number against the clock, which the rules may not read.
"""

from __future__ import annotations

from datetime import date

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer as stdnum_pnr

from rutin.errors import InputError

FIELD = "personnummer"
ACCEPTED = ("ange 10 eller 12 siffror, ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN, med - eller + "
            "(+ från det år personen fyller 100); samordningsnummer (dag + 60) går också bra")


def _fail(what: str) -> InputError:
    # The message names what is wrong, never the number itself.
    return InputError(FIELD, f"Personnumret {what}; {ACCEPTED}.")


def birth_date_from_personnummer(text: str, *, reference: date) -> date:
    """The birth date encoded in ``text`` (personnummer or samordningsnummer).

    ``reference`` is the day the number is read against (the visit date): a 10-digit number's
    century is the latest one that puts the birth on or before ``reference``'s year, one century
    earlier with ``+`` (a person of 100 or more). A 12-digit number carries its century.
    Raises ``InputError("personnummer", ...)`` for a wrong length, format, date or checksum;
    the message never contains the number.
    """
    if not isinstance(text, str) or not text.strip():
        raise _fail("saknas")
    try:
        number = stdnum_pnr.compact(text)
    except Exception:  # noqa: BLE001 - stdnum raises on odd input; never echo it
        raise _fail("har fel format") from None
    if len(number) not in (11, 13):
        raise _fail("har fel antal siffror")
    separator = number[-5]
    digits = number[:-5] + number[-4:]
    if separator not in "-+" or not digits.isdigit():
        raise _fail("har fel format")
    try:
        luhn.validate(digits[-10:])
    except ValidationError:
        raise _fail("har fel kontrollsiffra") from None
    month, day = int(digits[-8:-6]), int(digits[-6:-4])
    if day > 60:  # samordningsnummer: the day of birth plus 60
        day -= 60
    if len(digits) == 12:
        year = int(digits[:4])
    else:
        yy = int(digits[:2])
        century = reference.year // 100
        if yy > reference.year % 100:
            century -= 1
        if separator == "+":
            century -= 1
        year = century * 100 + yy
    try:
        return date(year, month, day)
    except ValueError:
        raise _fail("innehåller inget giltigt födelsedatum") from None
