"""The one place that reads the clock: "today" in Europe/Stockholm, as the contract defines it.

The rules engine and fact extraction never call this; routes and commands pass the date in.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def today_in_stockholm() -> date:
    """Today's date in Europe/Stockholm."""
    return datetime.now(STOCKHOLM).date()
