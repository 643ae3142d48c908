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


# ------------------------------------------------------------- issue 13: decode, then match

from itertools import product  # noqa: E402

from rutin.redact import decoded_digits  # noqa: E402

from .identifiers import (DIGIT_SETS, ENCODINGS, GROUPINGS, INVISIBLES, SEPARATORS,  # noqa: E402
                          leaked, percent_encode, spell)


def test_the_access_log_shapes_of_the_red_team_are_masked():
    # The spellings of finding 1 that reached the server log unmasked.
    ident = IDENTIFIERS[2]
    ten, twelve = ident.ten, ident.twelve
    raw = [f"{twelve[:8]}%E2%80%93{twelve[8:]}", f"{twelve[:8]}%E2%88%92{twelve[8:]}",
           f"{ten[:6]}%C2%A0{ten[6:]}", f"{twelve[:8]}%0A{twelve[8:]}",
           percent_encode("".join(chr(0xFF10 + int(d)) for d in twelve)),
           f"{twelve[:4]}-{twelve[4:6]}-{twelve[6:8]}-{twelve[8:]}", f"{twelve[:8]}.{twelve[8:]}",
           f"{twelve[:8]}/{twelve[8:]}", f"{twelve[:8]}_{twelve[8:]}",
           f"{twelve[:4]} {twelve[4:6]} {twelve[6:8]} {twelve[8:]}",
           f"{twelve[:8]}\uff0d{twelve[8:]}", f"{twelve[:8]}\ufe63{twelve[8:]}",
           f"{twelve[:5]}\u200b{twelve[5:8]}-{twelve[8:]}", f"{twelve[:8]}\u00ad{twelve[8:]}",
           percent_encode(f"{twelve[:8]}\u00ad{twelve[8:]}")]
    for q in raw:
        line = f'127.0.0.1:5000 - "GET /api/v1/search?q=pnr%20{q}&k=5 HTTP/1.1" 200'
        masked = mask_personnummer(line)
        assert leaked(masked, [ident]) == [], (q, masked)
        assert masked.endswith('&k=5 HTTP/1.1" 200') and MASK in masked, masked


def test_every_spelling_grouping_script_and_encoding_is_masked():
    ident = IDENTIFIERS[3]
    count = 0
    for twelve, grouping, separator, digits, encoding in product(
            (False, True), GROUPINGS, SEPARATORS, DIGIT_SETS, ENCODINGS):
        text = spell(ident, twelve=twelve, grouping=grouping, separator=separator,
                     digits=digits, encoding=encoding)
        masked = mask_personnummer(f"Gäller patient {text} i hemsjukvården.")
        assert leaked(masked, [ident]) == [], (text, masked)
        assert masked.startswith("Gäller patient ") and masked.endswith(" i hemsjukvården.")
        count += 1
    assert count == 2 * len(GROUPINGS) * len(SEPARATORS) * len(DIGIT_SETS) * len(ENCODINGS)


def test_identifiers_in_json_escapes_html_references_and_reprs_are_masked():
    ident = IDENTIFIERS[4]
    t = ident.twelve
    for text in (f'{{"q": "{t[:8]}\\u2013{t[8:]}"}}', f"{t[:8]}&ndash;{t[8:]}",
                 f"{t[:8]}&#x2212;{t[8:]}", repr(f"{t[:8]}\u200b{t[8:]}"),
                 repr(f"{t[:8]}\n{t[8:]}"), f"{t[:8]}&amp;ndash;{t[8:]}",
                 # h11's error for a raw UTF-8 request line, as uvicorn's warning traceback has it
                 repr(f"GET /?q={t[:8]}\u2013{t[8:]} HTTP/1.1".encode())):
        assert leaked(mask_personnummer(text), [ident]) == [], text


def test_a_number_that_decoding_would_hide_is_masked_as_written():
    # '%38' decodes to '8': the decoded text has nine digits, the raw text the whole number.
    ident = IDENTIFIERS[5]
    text = f"%{ident.ten[:6]}-{ident.ten[6:]}"
    assert ident.ten[6:] not in mask_personnummer(text)


ROUTINE_TEXT = [
    "Rutinen gäller 2024-05-10 – 2025-05-10 och ersätter version 2023-01-01—2024-05-09.",
    "Giltighetstid: 2024-05-10 - 2026-12-31; fastställd 2024/05/10.",
    "Besök 2025-03-31, avgift 200 kr, ersättning 1 200 kr, högkostnadsskydd 1 450 kr per år.",
    "Telefon 035-13 10 00 eller 010-435 00 00, fax 031.63 30 00.",
    "Dokument RH-12272, diarienummer RS 2023-01234, KVÅ-koder XS001, AU124 och DT026.",
    "Kl. 08.00–16.30, 2024-05-10 kl 12:30, 10.05.2024.",
    "Åren 2019 2020 2021 2022 och 2023.",
    "Version 2.4.1 av 2024-05-10, IP 192.168.10.12, 50 % av 1 938 kr.",
    "Beloppen 100 200 300 kr och 12 345 kr, tabellrad 1 2 3 4 5 6 7 8 9 10.",
    "Hänvisning: HSL 2017:30, SoL 2001:453, SFS 2019:1234.",
    "En sökning på 50%20kr och 100%2Dprocent.",
]


def test_ordinary_numbers_of_routines_are_left_alone():
    for text in ROUTINE_TEXT:
        assert mask_personnummer(text) == text
        assert not contains_personnummer(text), text


def test_a_date_and_a_time_written_like_a_personnummer_is_masked():
    # '2025-03-31 1400' has the shape of '1938-02-01 1233': leaking costs more than a lost time.
    assert mask_personnummer("Besök 2025-03-31 1400 i hemmet") == f"Besök {MASK} i hemmet"


def test_decoded_digits_hold_the_identifier_whatever_the_spelling():
    ident = IDENTIFIERS[6]
    text = spell(ident, twelve=True, grouping="yy|mm|dd|last4", separator="\u00a0",
                 digits="arabic-indic", invisible="\u2060", encoding="percent-twice")
    assert any(ident.ten in digits for digits in decoded_digits(text))


_NO_DIGITS = st.characters(blacklist_categories=("Nd", "No", "Nl"))


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(_NO_DIGITS, max_size=30), suffix=st.text(_NO_DIGITS, max_size=30),
       index=st.integers(0, len(IDENTIFIERS) - 1), twelve=st.booleans(),
       grouping=st.sampled_from(GROUPINGS), separator=st.sampled_from(SEPARATORS),
       digits=st.sampled_from(sorted(DIGIT_SETS)), invisible=st.sampled_from(("",) + INVISIBLES),
       encoding=st.sampled_from(ENCODINGS))
def test_no_spelling_of_an_identifier_survives_masking_in_any_text(
        prefix, suffix, index, twelve, grouping, separator, digits, invisible, encoding):
    ident = IDENTIFIERS[index]
    text = spell(ident, twelve=twelve, grouping=grouping, separator=separator, digits=digits,
                 invisible=invisible, encoding=encoding)
    assert leaked(mask_personnummer(prefix + text + suffix), [ident]) == []
