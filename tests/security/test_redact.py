"""Masking of personnummer by shape: every spelling goes, ordinary numbers and dates stay."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from rutin.redact import MASK, contains_personnummer, mask_personnummer

from .identifiers import make_identifiers

IDENTIFIERS = make_identifiers(200)
TODAY = date(2026, 3, 3)


def test_every_spelling_of_every_identifier_is_masked():
    for ident in IDENTIFIERS:
        for spelling in ident.spellings(TODAY):
            masked = mask_personnummer(f"Patienten {spelling} är inskriven.")
            assert masked == f"Patienten {MASK} är inskriven.", spelling


def test_identifier_glued_to_letters_or_digits_is_still_masked():
    ident = IDENTIFIERS[0]
    for text in (f"pnr:{ident.twelve}", f"x{ident.ten}y", f"9{ident.twelve}9",
                 f"{ident.ten[:6]}\u2013{ident.ten[6:]}"):
        assert ident.ten[6:] not in mask_personnummer(text).replace(MASK, ""), text


def test_url_encoded_identifiers_in_access_log_query_strings_are_masked():
    ident = IDENTIFIERS[1]
    for q in (f"{ident.ten[:6]}%2B{ident.ten[6:]}", f"{ident.ten[:6]}+{ident.ten[6:]}",
              f"{ident.twelve[:8]}%2D{ident.twelve[8:]}", f"{ident.ten[:6]}%20-%20{ident.ten[6:]}"):
        line = f'127.0.0.1:5000 - "GET /api/v1/search?q=pnr%20{q}&k=5 HTTP/1.1" 200'
        masked = mask_personnummer(line)
        assert ident.ten[6:] not in masked and "&k=5" in masked, masked


def test_checksum_does_not_matter_for_masking():
    assert mask_personnummer("19520101-1235 och 5201011235") == f"{MASK} och {MASK}"


def test_dates_amounts_and_short_numbers_are_left_alone():
    text = "Besök 2025-03-31, avgift 200 kr, ersättning 500 kr, telefon 035-13 10 00, år 2026."
    assert mask_personnummer(text) == text
    assert not contains_personnummer(text)


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(max_size=40), suffix=st.text(max_size=40),
       index=st.integers(0, len(IDENTIFIERS) - 1), form=st.integers(0, 4))
def test_masked_text_never_contains_the_identifier_whatever_surrounds_it(prefix, suffix, index,
                                                                          form):
    ident = IDENTIFIERS[index]
    spelling = ident.spellings(TODAY)[form]
    masked = mask_personnummer(prefix + spelling + suffix)
    digits = "".join(ch for ch in masked if ch.isascii() and ch.isdigit())
    assert ident.ten not in digits or ident.ten in "".join(
        ch for ch in prefix + suffix if ch.isascii() and ch.isdigit())
