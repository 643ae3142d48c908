"""Field types of the API whose parsing matches what the OpenAPI document declares."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: object) -> object:
    """An ISO ``YYYY-MM-DD`` string (or a date), as the contract says; pydantic alone also
    reads ``0`` as 1970-01-01 (a Unix time) and a datetime at midnight as its date."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise PydanticCustomError("date_type", "Input should be a date as YYYY-MM-DD")


#: A date as ``YYYY-MM-DD`` and nothing else (OpenAPI: ``type: string, format: date``).
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
