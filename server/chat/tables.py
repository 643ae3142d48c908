"""Statistics tables in a passage: a value answered with its caption and headers.

Issue 10, "Tables lose their meaning": "Hur många hembesök gjorde läkarna 2021?" got
"2019 2020 2021 Läkare 10,9 8 9,8", the monthly average without its caption. A table here is a
caption line, a header line of column labels (years) and rows "label value value …"; the answer
names the caption, the row and the column: "Totala antalet hembesök inom Vårdcentralen Halland
per kategori: Läkare 2021: 2715". The quote cited is the table's own lines (caption, header,
row), verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.units import Span, split_sentences
from server.chat import texts as T

_NUMBER = re.compile(r"^\d+(?:[,.]\d+)?%?$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–]|till|to|through)\s*((?:19|20)\d\d)\b",
                         re.I)
#: The most or the fewest asked, a comparison of every row.
COMPARED = re.compile(r"\bflest\b|\bfärrest\b|\bthe (?:most|fewest)\b", re.I)
#: A change between years asked ("hur stor var förändringen", "ökade", "the difference").
CHANGE_ASKED = re.compile(r"\bförändr\w*|\bskillnad\w*|\bökade\b|\bökat\b|\bökning\w*|"
                          r"\bminskade\b|\bminskat\b|\bminskning\w*|\bdifferen\w*|"
                          r"\bchange[sd]?\b|\bincreas\w*|\bdecreas\w*|\bgrew\b|\bfell\b|"
                          # ("hur mycket mer är det?", "hur många fler blev det" after two
                          # years' values: walk-through, stop 47, got the bus's 75 procent)
                          r"\bhur\s+(?:mycket|mkt|många)\s+(?:mer|mera|fler|mindre|färre)\b|"
                          r"\bhow\s+(?:much|many)\s+(?:more|less|fewer)\b",
                          re.I)
#: Which year had the most or the fewest ("vilket år gjorde läkarna flest hembesök": walk-
#: through, stop 33, got "Avtalen förlängs automatiskt … varje år"): the years of the rows named.
WHICH_YEAR = re.compile(r"\b(?:vilket|vilka|which|what)\s+år\b|\b(?:which|what) years?\b|"
                        r"\bnär\b[^?.]{0,30}\b(?:flest|mest|högst|most)\b", re.I)
_MOST_OR_FEWEST = re.compile(r"\bflest\b|\bmest\b|\bhögst\b|\bstörst\b|\bmost\b|"
                             r"\bhighest\b|\bfärrest\b|\bminst\b|\blägst\b|\bfewest\b|"
                             r"\bleast\b|\blowest\b", re.I)
_FEWEST = re.compile(r"\bfärrest\b|\bminst\b|\blägst\b|\bfewest\b|\bleast\b|\blowest\b",
                     re.I)


#: A sum over every row asked: "totalt … alla yrkesgrupper", "sammanlagt", "in total".
_SUM_ASKED = re.compile(r"\btotalt?\b|\bsammanlagt\b|\bsammantaget\b|\bi alla\b|\bin total\b|"
                        r"\baltogether\b|\bcombined\b|\btotal number\b|"
                        # ("summera hembesöken per år för alla yrken": walk-through, stop 34)
                        r"\bsummer\w*|\bsumma(?:n)?\b|\bsum(?: up)?\b|\badd(?: them)? up\b", re.I)
#: A share of the whole asked: "hur stor andel av alla hembesök … var läkarbesök".
_SHARE_ASKED = re.compile(r"\bandel\w*|\bhur stor del\b|\bshare of\b|\bproportion\b|"
                          r"\bpercentage of\b|\bprocent av\b|\bwhat percent\w*", re.I)


def share_of_all_asked(question: str) -> bool:
    """Whether the question asks a row's share of all rows of a year ("hur stor andel av alla
    hembesök 2019 …")."""
    return bool(_SHARE_ASKED.search(question) and _YEAR.search(question))


#: A caption of averages ("Antal hembesök genomsnitt per månad …").
_AVERAGE_CAPTION = re.compile(r"genomsnitt|medel|average|per månad", re.I)
#: A mean over the years asked ("medelvärdet … 2019-2021, alltså totalen delat på tre",
#: "genomsnitt … per år över de tre åren", "average per year").
_MEAN_OVER_YEARS = re.compile(r"\bdelat (?:på|med)\b|\b(?:genomsnitt\w*|snitt\w*|medel\w*|average|mean)\b"
                              r"[^?.]{0,40}\b(?:per år|om året|över (?:de )?(?:\w+ )?åren|"
                              r"per year|a year|over the (?:\w+ )?years)\b|"
                              r"\bmedelvärde\w*", re.I)


def mean_over_years_asked(question: str) -> bool:
    """Whether the question asks a row's mean over its years ("totalen delat på tre")."""
    return bool(_MEAN_OVER_YEARS.search(question)) and not re.search(
        r"\bper månad\b|\bi månaden\b|\bper month\b|\bmonthly\b", question, re.I)


def sum_asked(question: str) -> bool:
    """Whether the question asks a sum of figures ("vad blir summan för läkare och
    sjuksköterskor 2021", "totalt")."""
    return bool(_SUM_ASKED.search(question))


def which_year_asked(question: str) -> bool:
    """Whether the question asks which year a figure was the highest or the lowest."""
    return bool(WHICH_YEAR.search(question) and _MOST_OR_FEWEST.search(question))


#: A share asked ("i procent", "percent"): a change between two years is given as one too.
_PERCENT = re.compile(r"\bprocent\w*|%|\bpercent\w*", re.I)
#: The row that changed the most or the least asked ("Vilken yrkesgrupp ökade mest mellan
#: 2019 och 2021?": walk-through, stop 28, got the table of monthly averages and no group).
MOST_CHANGED = re.compile(r"\b(?:ökade|minskade|förändrades|ändrades|increased|decreased|grew|"
                          r"changed|rose|fell)\s+(?:\w+\s+)?(?:the\s+)?(?:mest|minst|most|least)\b|"
                          r"\b(?:störst|minst|största|minsta|largest|biggest|smallest)\s+"
                          r"(?:ökning\w*|minskning\w*|förändring\w*|increase|decrease|change)\b",
                          re.I)


#: Rows besides one named: "andra yrkesgrupper än läkare", "other than physicians".
_OTHER_THAN = re.compile(r"\bandra\b[^?.]*?\bän\s+(\w+)|\bförutom\s+(\w+)|\butom\s+(\w+)|"
                         r"\bother than\s+(\w+)|\bbesides\s+(\w+)|\bexcept\s+(\w+)", re.I)
#: A question for every row of a table: "varje yrkeskategori", "alla kategorier", "per
#: kategori", "i en tabell", "each staff category", "as a table".
ALL_ROWS = re.compile(r"\b(?:varje|alla|samtliga|each|every|all(?: the)?)\s+(?:\w+\s+)?"
                      r"(?:yrkes)?(?:kategori\w*|grupp\w*|categor\w*|professions?|staff)\b|"
                      # ("… per år för alla yrken": walk-through, stop 34)
                      r"\b(?:varje|alla|samtliga)\s+yrke(?:n|na|t)?\b|"
                      r"\bper (?:yrkes)?kategori\b|\bper yrke\b|"
                      r"\bper (?:staff )?category\b|\btabell\w*|\b(?:a|the|as a) table\b|"
                      # which groups ("Vilka andra yrkesgrupper än läkare gör hembesök …?":
                      # answer set D, tuning part, got a sentence naming two)
                      r"\bvilka\s+(?:andra\s+)?(?:yrkes)?(?:grupper|kategorier)\b|"
                      # the one row of the most or the fewest ("vilken yrkesgrupp gör minst
                      # hembesök": walk-through, stop 33)
                      r"\bvilken\s+(?:yrkes)?(?:grupp|kategori)\b|"
                      r"\bwhich\s+(?:staff\s+|professional\s+)?(?:group|category|profession)\b|"
                      r"\bwhich\s+(?:other\s+)?(?:staff\s+|professional\s+)?"
                      r"(?:groups|categories|professions)\b|"
                      # the most or the fewest: every row, to compare ("vem gjorde flest
                      # hembesök 2021" got Läkarmedverkan's 45 procent: stop 27)
                      + COMPARED.pattern + "|" + MOST_CHANGED.pattern, re.I)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Table:
    caption: Span | None
    header: Span
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def _numbers(words: list[str]) -> bool:
    return bool(words) and all(_NUMBER.match(w) for w in words)


def parse_table(text: str) -> Table | None:
    """The labelled table in ``text``: a header line of numbers (years), the rows under it
    whose values fill its columns, and the line above the header as caption; None when the
    passage has no such table (a table whose rows have no labels is quoted whole)."""
    spans = split_sentences(text)
    lines = [text[s.start:s.end] for s in spans]
    for h, line in enumerate(lines):
        columns = line.split()
        if len(columns) < 2 or not _numbers(columns):
            continue
        rows = []
        for i in range(h + 1, len(lines)):
            words = lines[i].split()
            values = words[-len(columns):]
            label = " ".join(words[:-len(columns)])
            if len(words) <= len(columns) or not _numbers(values) or not label \
                    or any(_NUMBER.match(w) for w in words[:-len(columns)]):
                break
            rows.append(Row(label, tuple(values), spans[i]))
        if rows:
            caption = spans[h - 1] if h > 0 and not _numbers(lines[h - 1].split()) else None
            return Table(caption, spans[h], tuple(columns), tuple(rows))
    return None


#: The staff groups' abbreviations as staff write them, for the report's row labels ("för ssk
#: 2020?" after the physicians' visits of 2021 kept the physicians' row: walk-through, stop 44).
_ROW_ABBREVIATIONS = {"ssk": "sjuksköterska", "sskor": "sjuksköterskor", "usk": "undersköterska",
                      "uskor": "undersköterskor", "sjukgymnast": "fysioterapeut",
                      "sjukgymnaster": "fysioterapeuter", "fysio": "fysioterapeut"}


def _label_matches(label: str, question_words: list[str], question_terms: set[str],
                   tokenize, caption: str = "") -> bool:
    """A row label the question names: by whole-word stems (and the lexicon's equivalents:
    "physicians" names "Läkare"), or as the start of a question word whose rest is an
    inflection or a word of the caption ("läkarna", and "läkarhembesök" under a caption about
    "hembesök", name "Läkare"; "läkarmedverkan" does not). Compound parts do not count:
    "under 2021" does not name "Undersköterska"."""
    if set(tokenize(label, compounds=False)) & question_terms:
        return True
    caption = caption.lower()
    for part in re.split(r"[/ ]", label.lower()):
        if len(part) < 5:
            continue
        stem = part[:max(5, len(part) - 3)]
        for word in question_words:
            rest = word[len(stem):]
            if word.startswith(stem) and (len(rest) <= 3 or rest in caption):
                return True
    return False


def names_a_row(question: str, table_text: str, tokenize) -> bool:
    """True when ``question`` names a row of the table in ``table_text`` by its own words
    (or a staff group's abbreviation: "ssk")."""
    table = parse_table(table_text)
    if table is None:
        return False
    words = [w.lower() for w in re.findall(r"\w+", question)]
    words += [_ROW_ABBREVIATIONS[w] for w in words if w in _ROW_ABBREVIATIONS]
    own = set(tokenize(" ".join(words), compounds=False))
    caption = table_text[table.caption.start:table.caption.end] if table.caption else ""
    return any(_label_matches(r.label, words, own, tokenize, caption) for r in table.rows)


def caption_overlap(table_text: str, question_terms: set[str], tokenize) -> int:
    """How many of the question's terms the table's caption holds (0 without a table)."""
    table = parse_table(table_text)
    if table is None or table.caption is None:
        return 0
    caption = table_text[table.caption.start:table.caption.end]
    return len(set(tokenize(caption)) & question_terms)


@dataclass(frozen=True)
class CellAnswer:
    """A table's values answered: the line, the spans quoted, the rows' positions."""

    line: str
    spans: list[Span]
    rows: tuple[int, ...]


def cell_answer(question: str, question_terms: set[str], text: str, tokenize,
                lang: str = "sv", rows_before: tuple[str, ...] = ()) -> CellAnswer | None:
    """The answer to a question about a value of the passage's table, or None when the
    passage has no labelled table or the question names no row. ``rows_before``: the labels of
    the rows the last answer gave (of this table or another of the document), asked again when
    the question names none ("och 2021 jämfört med 2019" after "Hur många hembesök gjorde läkare
    2020?": walk-through, stop 27, got the table of monthly averages whole)."""
    table = parse_table(text)
    if table is None:
        return None
    words = [w.lower() for w in re.findall(r"\w+", question)]
    # (a staff group's abbreviation names its row: not a lexicon term, which would expand the
    # search's query too)
    spelled = [_ROW_ABBREVIATIONS[w] for w in words if w in _ROW_ABBREVIATIONS]
    words += spelled
    own = set(tokenize(" ".join([question] + spelled), compounds=False))
    # The question's own words first; the lexicon's equivalents only when they name no row
    # ("undersköterskor" must not also bring "Sjuksköterska/DSK" through the nurse group).
    caption = text[table.caption.start:table.caption.end] if table.caption else ""
    rows = [r for r in table.rows if _label_matches(r.label, words, own, tokenize, caption)] or \
        [r for r in table.rows
         if _label_matches(r.label, words, question_terms, tokenize, caption)]
    if rows and _OTHER_THAN.search(question):
        # the rows besides the ones named ("Vilka andra yrkesgrupper än läkare …": answer set
        # D, tuning part, got the physicians' row alone)
        rows = [r for r in table.rows if r not in rows]
    which_year = which_year_asked(question)
    if (COMPARED.search(question) or MOST_CHANGED.search(question)) \
            and not (which_year and rows):
        # the most or the fewest, a row named or not: every row, to compare ("which staff
        # group made the most home visits in 2019, was it the doctors?", answer set C, tuning
        # part, got the doctors' row alone)
        rows = list(table.rows)
    if not rows and ALL_ROWS.search(question):
        # every row asked for ("Hur många hembesök gjorde varje yrkeskategori 2021?", "visa
        # alla yrkeskategorier i en tabell": walk-through, stop 25, got one sentence or the
        # table's lines run together)
        rows = list(table.rows)
    if not rows and rows_before:
        rows = [r for r in table.rows if r.label in rows_before]
    # a sum, not a share of one; a mean over the years asked
    summed = bool(_SUM_ASKED.search(question)) and not _SHARE_ASKED.search(question)
    mean = mean_over_years_asked(question)
    if not rows and summed:
        # a total asked naming no row is every row's ("hur många hembesök gjordes totalt
        # 2021?": walk-through, stop 47, got Läkarmedverkan's "Antal besök 2021 visar på en
        # ökning med 45 procent")
        rows = list(table.rows)
    if not rows:
        return None
    years = set(_YEAR.findall(question))
    for first, last in _YEAR_RANGE.findall(question):  # "2019-2021" asks for 2020 too
        years |= {str(y) for y in range(int(first), int(last) + 1)}
    wanted = [i for i, c in enumerate(table.columns) if c in years] or \
        list(range(len(table.columns)))
    # a change asked between two of the years: each row's, computed from the values quoted
    # ("Jämför antalet hembesök av läkare 2019 och 2021 – hur stor var förändringen?": walk-
    # through, stop 28, gave both values and no difference)
    changes = {}
    percent = bool(_PERCENT.search(question))
    if (CHANGE_ASKED.search(question) or percent) and len(wanted) >= 2:
        for row in rows:
            start, end = _value(row.values[wanted[0]]), _value(row.values[wanted[-1]])
            if start is not None and end is not None:
                changes[row.label] = end - start
    parts = []
    for row in rows:
        cells = ", ".join(f"{table.columns[i]}: {row.values[i]}" for i in wanted)
        delta = changes.get(row.label)
        if delta is not None:
            start = _value(row.values[wanted[0]])
            share = f", {_signed(100 * delta / start, 1)} %" if percent and start else ""
            cells += f" ({T.t(lang, 'table_change')} {_signed(delta)}{share})"
        parts.append(f"{row.label} {cells}")
    if len(parts) > 2:  # a row a line
        line = (f"{caption}:" if caption else "") + "".join(f"\n- {p}" for p in parts)
    else:
        line = (f"{caption}: " if caption else "") + "; ".join(parts) + "."
    if changes and len(rows) > 1 and MOST_CHANGED.search(question):
        least = bool(re.search(r"\bminst\w*|\bleast\b|\bsmallest\b|\bminsta\b", question,
                               re.I))
        falling = bool(re.search(r"\bminsk\w*|\bdecreas\w*|\bfell\b", question, re.I))
        ranked = sorted(changes.items(), key=lambda kv: kv[1], reverse=not falling)
        label, delta = ranked[-1] if least else ranked[0]
        if (delta < 0) == falling and delta != 0:  # (no row went the way asked: no line)
            kind = ("least_" if least else "most_") + ("decrease" if falling else "increase")
            line += "\n" + T.t(lang, "table_most", kind=T.t(lang, kind),
                               first=table.columns[wanted[0]], last=table.columns[wanted[-1]],
                               label=label, delta=_signed(delta))
    values_of = {id(r): [_value(v) for v in r.values] for r in table.rows}
    fewest = bool(_FEWEST.search(question))
    sums = {i: sum(values_of[id(r)][i] for r in table.rows)
            for i in wanted if all(values_of[id(r)][i] is not None for r in table.rows)}
    all_rows = len(rows) == len(table.rows) and len(rows) > 1
    if all_rows and sums and (_SUM_ASKED.search(question) or _SHARE_ASKED.search(question)
                              or which_year):
        # the sum of every row, year by year ("totalt antal hembesök 2021 alla yrkesgrupper",
        # "vilket år gjordes flest hembesök totalt sett": walk-through, stop 33, got the rows
        # with no total)
        line += "\n" + T.t(lang, "table_sum", sums="; ".join(
            f"{table.columns[i]}: {_number_text(v)}" for i, v in sums.items()))
        if which_year and len(sums) >= 2:
            i, v = (min if fewest else max)(sums.items(), key=lambda kv: kv[1])
            if sum(1 for x in sums.values() if x == v) == 1:
                line += "\n" + T.t(lang, "table_which_year_sum",
                                   kind=T.t(lang, "table_lowest" if fewest else "table_highest"),
                                   year=table.columns[i], value=_number_text(v))
        which_year = False
    elif summed and len(rows) == 1 and len(wanted) >= 2 and not mean and not changes:
        # one row's sum over the years asked ("vad blir det sammanlagt för alla tre åren för
        # läkare": walk-through, stop 47, got the three values and no sum); never beside a
        # change asked, whose "totalt" is the change's ("hur många procent minskade läkarnas
        # hembesök totalt från 2019 till 2021" got the sum of 2019 and 2021 alone: walk-through
        # RE8943, stop 50)
        values = [values_of[id(rows[0])][i] for i in wanted]
        if all(v is not None for v in values):
            line += "\n" + T.t(lang, "table_sum_rows", labels=rows[0].label, sums=(
                f"{table.columns[wanted[0]]}–{table.columns[wanted[-1]]}: "
                f"{_number_text(sum(values))}"))
    elif summed and not all_rows and len(rows) > 1:
        # the sum of the rows named ("vad blir summan för läkare och sjuksköterskor 2021":
        # walk-through, stop 47, got the monthly averages whole)
        named = {i: sum(values_of[id(r)][i] for r in rows) for i in wanted
                 if all(values_of[id(r)][i] is not None for r in rows)}
        if named:
            joiner = " och " if lang == "sv" else " and "
            labels = ", ".join(r.label for r in rows[:-1]) + joiner + rows[-1].label
            line += "\n" + T.t(lang, "table_sum_rows", labels=labels, sums="; ".join(
                f"{table.columns[i]}: {_number_text(v)}" for i, v in named.items()))
    elif _SHARE_ASKED.search(question) and not all_rows and sums:
        # a row's share of all rows ("hur stor andel av alla hembesök 2019 gjordes av
        # läkare": walk-through, stop 33, got the monthly averages whole)
        for row in rows:
            for i, total in sums.items():
                value = values_of[id(row)][i]
                if value is not None and total:
                    line += "\n" + T.t(lang, "table_share", label=row.label,
                                       year=table.columns[i], value=row.values[i],
                                       total=_number_text(total),
                                       share=_signed(100 * value / total, 1).lstrip("+"))
    elif all_rows and _MOST_OR_FEWEST.search(question) and not which_year \
            and not MOST_CHANGED.search(question) and len(wanted) <= 3:
        # which row had the most or the fewest, year by year ("vilken yrkesgrupp gör minst
        # hembesök": walk-through, stop 33, got a sentence naming some of them)
        for i in wanted:
            cells = [(values_of[id(r)][i], r) for r in rows if values_of[id(r)][i] is not None]
            if len(cells) < 2:
                continue
            v, row = (min if fewest else max)(cells, key=lambda c: c[0])
            if sum(1 for x, _ in cells if x == v) == 1:
                line += "\n" + T.t(lang, "table_row_most",
                                   kind=T.t(lang, "table_lowest" if fewest else "table_highest"),
                                   year=table.columns[i], label=row.label,
                                   value=row.values[i])
    if mean and len(wanted) >= 2 and len(rows) <= 3 \
            and not _AVERAGE_CAPTION.search(caption):
        # a row's mean over the years (walk-through, stop 47: "medelvärdet av läkarnas hembesök
        # 2019-2021, alltså totalen delat på tre" got the monthly averages' table)
        for row in rows:
            values = [values_of[id(row)][i] for i in wanted]
            if all(v is not None for v in values):
                line += "\n" + T.t(lang, "table_mean", label=row.label,
                                   first=table.columns[wanted[0]],
                                   last=table.columns[wanted[-1]],
                                   value=_number_text(round(sum(values) / len(values), 1)))
    if which_year and len(rows) <= 3 and len(wanted) >= 2:
        # the year of the highest (or the lowest) value of each row named, read off its cells
        for row in rows:
            values = [(v, i) for i in wanted if (v := values_of[id(row)][i]) is not None]
            if len(values) < 2:
                continue
            value, i = (min if fewest else max)(values)
            if sum(1 for v, _ in values if v == value) > 1:
                continue  # (a tie names no one year)
            line += "\n" + T.t(lang, "table_which_year",
                               kind=T.t(lang, "table_lowest" if fewest else "table_highest"),
                               label=row.label, year=table.columns[i], value=row.values[i])
    spans = ([table.caption] if table.caption else []) + [table.header] + [r.span for r in rows]
    return CellAnswer(line, spans, tuple(table.rows.index(r) for r in rows))


def _value(cell: str) -> float | None:
    """A table cell as a number ("2715", "9,8"), or None ("45%")."""
    return float(cell.replace(",", ".")) if re.fullmatch(r"\d+(?:[,.]\d+)?", cell) else None


def _number_text(value: float) -> str:
    """A sum as the document writes numbers: 13306, 30,1."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _signed(delta: float, decimals: int = 2) -> str:
    """+3557, −301, +1,4 (a decimal comma, the document's)."""
    text = f"{abs(delta):.{decimals}f}".rstrip("0").rstrip(".").replace(".", ",")
    return ("+" if delta > 0 else "−" if delta < 0 else "±") + text


def whole_table(text: str) -> list[Span] | None:
    """The lines of a table whose rows carry no labels (Läkarmedverkan's "2020 2021 2021 2021 /
    besök patienter besök patienter / 4 115 1 432 7 475 2 188"): quoted whole, as the document
    has them, since its columns cannot be read apart safely; None for any other passage."""
    if parse_table(text) is not None:
        return None
    spans = split_sentences(text)
    lines = [text[s.start:s.end].split() for s in spans]
    if len(spans) >= 2 and _numbers(lines[0]) and any(_numbers(w) for w in lines[1:]):
        return spans
    return None


def figures_table(text: str) -> list[Span] | None:
    """The lines of a table with text column headers and labelled rows ending in figures
    ("Mottagning Vårdpersonal / Besök per dag / Besök per månad / Produktionsbortfall / Buss 2
    st distriktsköterskor 4 84 75% / Vårdcentral 2 st distriktsköterskor 16 336"), which
    ``parse_table`` cannot read apart (its header holds no numbers): quoted whole; None for
    any other passage (prose, or a table ``parse_table`` or ``whole_table`` reads)."""
    if parse_table(text) is not None or whole_table(text) is not None:
        return None
    spans = split_sentences(text)
    lines = [text[s.start:s.end].split() for s in spans]
    if len(lines) < 3 or any(len(words) > 8 for words in lines):
        return None
    rows = [words for words in lines if len(words) >= 3 and _numbers(words[-2:])]
    return spans if len(rows) >= 2 else None
