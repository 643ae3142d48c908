"""Age on the visit date: the 85th birthday boundary, 29 February, personnummer forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st
from stdnum import luhn

from rules.age import age_on, nth_birthday
from rules.engine import decide
from rules.facts import resolve_facts
from rules.identity import birth_date_from_personnummer
from rutin.errors import InputError

births = st.dates(min_value=date(1895, 1, 1), max_value=date(1960, 12, 31))


def test_born_29_february_turns_a_year_older_on_1_march_in_a_common_year():
    assert age_on(date(1940, 2, 29), date(2025, 2, 28)) == 84
    assert age_on(date(1940, 2, 29), date(2025, 3, 1)) == 85
    assert nth_birthday(date(1940, 2, 29), 85) == date(2025, 3, 1)
    assert nth_birthday(date(1940, 2, 29), 84) == date(2024, 2, 29)


@given(births)
def test_age_is_85_from_the_85th_birthday_and_84_the_day_before(born):
    birthday = nth_birthday(born, 85)
    assert age_on(born, birthday) == 85
    assert age_on(born, birthday - timedelta(days=1)) == 84


# Born so that the 85th birthday and the day before fall on or after 2023-01-01, where the
# routines begin (before, there is no fee to compare).
births_85_under_a_routine = st.dates(min_value=date(1938, 1, 2), max_value=date(1960, 12, 31))


@given(births_85_under_a_routine)
def test_fee_changes_exactly_on_the_85th_birthday(tables, born):
    birthday = nth_birthday(born, 85)
    fees = []
    for day in (birthday - timedelta(days=1), birthday):
        facts = resolve_facts(day, birth_date=born, occasion="utskrivning", setting="sabo")
        fees.append(decide(facts, day, tables).patient_fee_sek)
    assert fees == [200, 0]


def _personnummer(born: date, serial: str = "123", *, twelve: bool, sep: str = "-",
                  samordning: bool = False) -> str:
    day = born.day + (60 if samordning else 0)
    body = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial}"
    number = body + luhn.calc_check_digit(body)
    head = f"{born.year // 100}" if twelve else ""
    return f"{head}{number[:6]}{sep}{number[6:]}"


@given(born=st.dates(min_value=date(1925, 1, 1), max_value=date(2024, 12, 31)),
       twelve=st.booleans(), samordning=st.booleans())
def test_personnummer_gives_its_birth_date(born, twelve, samordning):
    reference = date(2025, 1, 1)
    # "+" from the year the person turns 100 (Folkbokföringslagen 18 §)
    sep = "+" if reference.year - born.year >= 100 else "-"
    text = _personnummer(born, twelve=twelve, samordning=samordning, sep=sep)
    assert birth_date_from_personnummer(text, reference=reference) == born


def test_plus_separator_means_a_hundred_years_earlier():
    text = _personnummer(date(1920, 6, 15), twelve=False, sep="+")
    assert birth_date_from_personnummer(text, reference=date(2025, 6, 15)) == date(1920, 6, 15)


def test_wrong_checksum_is_refused_without_echoing_the_number():
    good = _personnummer(date(1940, 6, 15), twelve=True)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(InputError) as err:
        birth_date_from_personnummer(bad, reference=date(2025, 1, 1))
    assert err.value.field == "personnummer"
    assert "kontrollsiffra" in err.value.message
    assert bad not in str(err.value) and bad[-4:] not in str(err.value)


@pytest.mark.parametrize("age", [-1, 131, True])
def test_ages_outside_0_to_130_are_refused(age):
    with pytest.raises(InputError) as err:
        resolve_facts(date(2025, 1, 1), patient_age=age)
    assert err.value.field == "patient_age"
