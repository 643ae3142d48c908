"""Several visits described in one message, split into one description per visit.

A physician registering the day's visits types them together: "har 2 besök idag: 1) 87 år
säbo efter utskrivning 2) 70 år hemma brytpunktssamtal", or one per line, or "…, sen en
70-åring hemma …". Answered as one visit, the second was silently dropped (walk-throughs,
stops 33 and 34: "several visits in one message → only the first answered"). Each visit is
answered on its own by the same rules (server/chat/service.py, ``_several_visits``).

A piece counts as a visit when it states one of its own facts: the age, the occasion or the
housing, and two of them unless it is numbered ("1)", "besök 2:"). What comes before the first
visit ("två besök igår:") belongs to each; a piece that corrects the one before ("nej förlåt,
78 år") or states too little is part of the one before; "samma …" / "same …" takes the facts
of the visit before that it does not state itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from server.chat.facts import extract_facts

#: Facts that describe a visit of its own (a day alone is the visit's day, not a visit).
_OWN = ("patient_age", "occasion", "setting")
#: Facts "samma" / "same" takes from the visit before.
_INHERITED = ("patient_age", "occasion", "setting", "municipal_home_care", "visit_date",
              "remote", "lakarmedverkan", "performed_by")

#: A patient lettered: "pat A", "Mrs A", "Mr B" (its letter, upper case, the group
#: ``letter``; ``_LETTERS.index`` + 1 its number).
_LETTERED = r"\b(?:pat(?:ient)?|pt|mrs?\.?|ms\.?|herr|fru)\s+(?-i:(?P<letter>[A-E]))\b"
_LETTERS = "ABCDE"
#: A numbered visit: "1)", "(2)", "3." / "3:" before a space, "besök 2:", "pat 1 -",
#: "visit #2". The numbers must run 1, 2, … in order (``_numbered``), so "besök 2 veckor
#: efter" or "kl 8." alone never split a message.
_NUMBERED = re.compile(
    r"(?:^|(?<=[\s,;:.]))(?:"
    r"(?:besök|besöket|visit|pat(?:ient)?|pt|nr|no)\s*#?(?P<a>[1-9])(?!\d)\s*[:.)\-]?"
    r"|\((?P<b>[1-9])\)|(?P<c>[1-9])\)|(?P<d>[1-9])[.:](?=\s)"
    # "(den) ena pat 72, (den) andra 88", "one pt 72 the other 88" (walk-through, stop 41: the
    # second patient was dropped)
    r"|(?:\b(?:den|det)\s+)?\b(?P<one>ena)\b|\bone\s+(?=pat|pt|patient|visit)"
    r"|(?:\b(?:den|det|the)\s+)?\b(?P<other>andra|other)\b(?!\s+(?:vårdgivare|mottagning\w*))"
    # an ordinal opening a sentence ("tre besök idag. första en 86-åring …. andra … tredje 95
    # år …": walk-through, stop 42, became two visits)
    r"|(?<=[.;:]\s)(?P<ord>första|tredje|fjärde|femte)\b"
    # a patient lettered ("pat A …, pat B …", "Mrs A, 87, … Mr B, 64, …": walk-through RE8974,
    # stop 55, both merged into one visit, the second's fee given for the first)
    r"|" + _LETTERED + r"(?!['’])\s*[:,.)\-]?)",
    re.I)
#: The boundaries of unnumbered visits: a line, a semicolon, and the words that open the next
#: one ("nästa:", "sen en 70-åring", "och en till:", "then another", "second one:").
_BOUNDARY = re.compile(
    r"\s*(?:\n+|;)\s*"
    r"|[\s,.]+(?=(?:(?:och|and)\s+)?(?:sen|sedan|därefter|then)?\s*"
    r"(?:nästa|next|another|second|third|tredje|sista|last one|the last one)\b)"
    r"|[,.]\s*(?:(?:och|and)\s+)?(?:sen|sedan|därefter|then)\s+(?=(?:en|ett|a|an)\s|\d)"
    # (without a comma before a visit's age: "… efter utskrivning sen en 67-åring …", and
    # "first …, then a 79 yo …, last an 83 yo …": walk-through, stop 35)
    r"|\s+(?:sen|sedan|därefter|then|last|lastly|finally|sist)\s+(?=(?:en\s+|ett\s+|a\s+|an\s+)?"
    r"\d{2,3}\s*-?\s*(?:år|åring|y/?o|yo|yrs?|years?)\b)"
    r"|[,.]\s*(?:och\s+|and\s+)?(?=(?:en|ett)\s+(?:till|annan|annat)\b|one more\b)"
    # "88 år brytpunkt och 90 år utskrivning" (walk-through, stop 35: the second was lost)
    r"|\s+(?:och|and|o)\s+(?=(?:en\s+|ett\s+|a\s+|an\s+)?\d{2,3}\s*-?\s*(?:år|åring|y/?o|yo|"
    r"yrs?|years?)\b)"
    # a comma before "en 92-åring …", ", and new …" (walk-through, stop 36: "en 84åring på
    # säbo …, en 92-åring med khsv … och en 66-åring …" and "sabo pt 87 after discharge, and
    # new khsv enrolment 60yo …" were each answered as one visit)
    # (and ", och en 83-åring", "en 79 årig …": walk-through, stop 42, three visits in prose
    # became two, a 91-year-old charged 200 kr and a visit giving 500 kr dropped)
    r"|,\s*(?:(?:och|o|and)\s+)?(?=(?:en|ett|a|an)\s+\d{2,3}\s*-?\s*(?:år|åring\w*|årig\w*|y/?o|yo|"
    r"yrs?|years?)\b)"
    r"|,\s*(?:och|and)\s+(?=(?:new|ny|nya|another)\b)"
    # a comma before the next visit's own day ("3 besök att efterreg: 12/2 -25 inskrivning 86 år
    # säbo, 2/4 -25 brytpunkt 70 år hemma m khsv, i fredags vanlig uppföljning 92 år säbo":
    # walk-through, stop 42, the second and third were dropped); a piece stating too little
    # of a visit stays with the one before
    r"|,\s*(?=(?:(?:den|on)\s+)?\d{1,2}/\d{1,2}\b|(?:i|förra)\s+(?:måndags|tisdags|onsdags|"
    r"torsdags|fredags|lördags|söndags)\b|(?:igår|i går|i förrgår|idag|i dag|yesterday|today)\b)",
    re.I)
#: A piece opening on its day ("31/3-25 …", "i tisdags …", "igår …").
_DAY_FIRST = re.compile(r"\s*(?:(?:den|on)\s+)?\d{1,2}/\d{1,2}\b|\s*(?:i|förra)\s+(?:måndags|"
                        r"tisdags|onsdags|torsdags|fredags|lördags|söndags)\b|"
                        r"\s*(?:igår|i går|i förrgår|idag|i dag|yesterday|today)\b", re.I)
#: The visits said to share something ("båda på säbo", "both at home", "alla igår").
_ALL_OF_THEM = re.compile(r"\bbåda\b|\bbägge\b|\balla\b|\bsamtliga\b|\bboth\b|"
                          r"\ball (?:of them|three|two|four)\b", re.I)
_SHARED = ("setting", "municipal_home_care", "visit_date")
#: A piece correcting the one before rather than describing another visit.
_CORRECTS = re.compile(r"^\W*(?:nej|nä|förlåt|sorry|rättelse|menade|i mean|actually|fel|no|"
                       r"correction|ändra\w*|inte|not)\b", re.I)
#: A piece taking the facts of the visit before ("samma men 70 år", "same but at home").
_SAME = re.compile(r"\bsamma\b|\bsame\b|\blikadan\w*|\bockså\b|\balso\b|\bas well\b", re.I)


@dataclass
class VisitPiece:
    """One visit of a message: its words (with what came before the first visit) and the
    facts read from them."""

    text: str
    facts: dict = field(default_factory=dict)
    number: int = 0
    own: str = ""  # its own words, without what came before the first visit


def _by_word(text: str, start: int) -> bool:
    """Whether the visit marker at ``start`` is a word ("ena", "andra", "one", "the other"),
    not a number."""
    m = _NUMBERED.match(text, start)
    return m is not None and not any(m.group(g) for g in ("a", "b", "c", "d"))


def _numbered(text: str) -> list[tuple[int, int]] | None:
    """The spans of numbered visits, when the numbers run 1, 2, … (at least two), else None."""
    starts, want = [], 1
    for m in _NUMBERED.finditer(text):
        word = next((g for g in m.group("a", "b", "c", "d") if g), None)
        n = int(word) if word else 2 if m.group("other") \
            else _ORDINALS[m.group("ord").lower()] if m.group("ord") \
            else _LETTERS.index(m.group("letter")) + 1 if m.group("letter") else 1
        if n == want:
            starts.append((m.start(), m.end()))
            want += 1
    if len(starts) < 2:
        return None
    return starts


def _own_facts(facts: dict) -> int:
    return sum(1 for k in _OWN if k in facts)


def visit_pieces(text: str, today: date) -> list[VisitPiece] | None:
    """The visits ``text`` describes, when it describes at least two; else None."""
    numbered = _numbered(text)
    if numbered is not None:
        intro = text[:numbered[0][0]]
        bodies = [text[end:(numbered[i + 1][0] if i + 1 < len(numbered) else len(text))]
                  for i, (_, end) in enumerate(numbered)]
        # (a number alone after "ena" / "andra" is that patient's age, read so: "ena pat 72
        # andra 88"; the words quoted stay the asker's)
        reads = [re.sub(r"^(\s*)(?=\d{2,3}\b(?!\s*[/.:-]\s*\d))", r"\1pat ", body)
                 if _by_word(text, start) else body
                 for body, (start, _) in zip(bodies, numbered)]
        need = 1
    else:
        cuts = list(_BOUNDARY.finditer(text))
        if not cuts:
            return None
        spans, start = [], 0
        for m in cuts:
            spans.append(text[start:m.start()])
            start = m.end()
        spans.append(text[start:])
        intro, bodies, need = "", [], 2
        for span in spans:
            facts = extract_facts(span, today).stated()
            enough = _own_facts(facts) >= (1 if bodies and _SAME.search(span) else need)
            if bodies and _DAY_FIRST.match(span) and "visit_date" not in extract_facts(
                    bodies[-1], today).stated():
                # a day after a comma is the visit's before when that one names none ("gubbe
                # som fyllde 85 samma dag som jag var där, 31/3-25. inskrivningsbesök khsv"
                # after "ny pat igen." became two visits, one of them today's: walk-through,
                # stop 46)
                bodies[-1] += ", " + span
            elif bodies and (not enough or _CORRECTS.match(span)):
                bodies[-1] += " " + span  # more of the visit before
            elif not bodies and not enough:
                intro += " " + span  # before the first visit: said of all
            else:
                bodies.append(span)
        reads = bodies
    if len(bodies) < 2:
        return None
    intro = intro.strip(" ,;")
    # a day said first ("12 feb 2025 två besök: … sen en 85-åring …") is every visit's that
    # names none (walk-through, stop 35: the second was taken as today's)
    lead_day = extract_facts(" ".join(text.split()[:3]), today).stated().get("visit_date")
    pieces: list[VisitPiece] = []
    for body, read in zip(bodies, reads):
        body, read = body.strip(" ,;"), read.strip(" ,;")
        said = f"{intro} {body}".strip() if intro else body
        facts = extract_facts(f"{intro} {read}".strip() if intro else read, today).stated()
        if _own_facts(extract_facts(read, today).stated()) < need and not (
                pieces and _SAME.search(body)):
            return None  # (a piece stating nothing of a visit: not several visits after all)
        if pieces and _SAME.search(body):
            before = pieces[-1].facts
            facts = {**{k: before[k] for k in _INHERITED if k in before}, **facts}
        if lead_day and "visit_date" not in facts:
            facts["visit_date"] = lead_day
        if pieces and _ALL_OF_THEM.search(text):
            # "två besök igår båda på Solgårdens säbo: 88 år … och 90 år …": the housing and
            # the day said of both are the second's too (walk-through, stop 35)
            first = pieces[0].facts
            facts = {**{k: first[k] for k in _SHARED if k in first}, **facts}
        pieces.append(VisitPiece(text=said, facts=facts, number=len(pieces) + 1, own=body))
    return pieces


_ORDINALS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5,
             "ettan": 1, "tvåan": 2, "trean": 3, "fyran": 4, "femman": 5,
             "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
             "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
#: One of the visits of a message that described several, named by its number or place:
#: "besök 2", "nr 3", "no 2", "visit #1", "ettan", "trean", "den andra", "första besöket",
#: "the second one", "visit two", "the last one" / "den sista".
_VISIT_NAMED = re.compile(
    # (a colon or full stop after the number, before a space, is the form the answer itself
    # suggests, "besök 1: …": walk-through, stop 42, the correction went to the other visit)
    r"\b(?:besök(?:et)?|visit|pat(?:ient)?|pt|nr|no|number|nummer)\s*#?\s*(?P<n>[1-9])"
    r"(?![\d/-])(?![.:]\S)\b|"
    # a patient lettered ("pat A, vad betalar hen", "Mr B - does the clinic get the 500")
    + _LETTERED + r"|"
    r"\b(?P<suffix>ettan|tvåan|trean|fyran|femman)\b|"
    r"\b(?:den|det)\s+(?P<den>första|andra|tredje|fjärde|femte|sista)\b"
    r"(?!\s+(?:dagen|gången|veckan|månaden|året|versionen|rutinen|uppföljning\w*|"
    r"uppf\b|vårdbegäran\w*|ansökan\w*|sidan|raden|meningen))|"
    r"\b(?P<before>första|andra|tredje|fjärde|femte|sista)\s+(?:besöket|patienten|pat\b|tanten|"
    r"damen|mannen|gubben)|"
    r"\b(?:the\s+)?(?P<en>first|second|third|fourth|fifth|last)\s+(?:visit|one|patient|pt|lady|"
    r"man|woman|guy|gentleman|gent|chap|fellow|patient's)\b|"
    r"\bvisit\s+(?P<word>one|two|three|four|five)\b|"
    # an ordinal alone opening a clause ("fel av mig, tredje var 1934": walk-through, stop 36,
    # refused)
    # (or after "och"/"o", before a comma: "o första, hon fyllde 85 på fredag alltså": walk-
    # through, stop 42, went to the third visit)
    r"(?:^|[,:;.]\s*)(?:(?:och|o|and|men)\s+)?(?P<alone>första|andra|tredje|fjärde|femte|sista)"
    r"(?:\s+(?=var\b|är\b|hade\b|was\b|is\b|had\b)|\s*(?=,))", re.I)
#: What stands in for the visit named, so the rest reads as said of the patient.
_STANDS_IN = {"sv": "patienten", "en": "the patient"}


def visit_named(text: str, count: int, lang: str) -> tuple[int, str] | None:
    """(the index of the visit ``text`` names among ``count``, the text with the patient in
    its place), or None when it names none of them."""
    m = _VISIT_NAMED.search(text)
    if m is None:
        return None
    word = next(g for g in m.group("n", "suffix", "den", "before", "en", "word", "alone",
                                   "letter") if g)
    number = _LETTERS.index(word) + 1 if m.group("letter") \
        else count if word.lower() in ("sista", "last") else int(word) if word.isdigit() \
        else _ORDINALS.get(word.lower())
    if not number or not 1 <= number <= count:
        return None
    stand_in = _STANDS_IN.get(lang, _STANDS_IN["sv"])
    start, end = m.span("alone") if m.group("alone") else m.span()
    return number - 1, re.sub(r"\s+", " ", text[:start] + stand_in + text[end:]).strip()


#: A patient of a visit told before, named by what the physician called her or him ("tanten",
#: "gubben på 90", "the lady"), or turned back to ("tillbaka till …", "back to …").
_PATIENT_REFERRED = re.compile(
    r"\b(?:tanten|gubben|damen|mannen|kvinnan|herren|farbrorn|tjejen|killen|gumman|"
    r"(?:the\s+)?(?:lady|gentleman|old\s+man|old\s+lady|woman|guy))\b|"
    r"\b(?:tillbaka till|åter till|back to)\b", re.I)
#: The facts a visit's patient is told apart by.
_TELLING_APART = ("visit_date", "patient_age", "setting", "occasion", "municipal_home_care")


def _agrees(key: str, said, known) -> bool:
    """Whether a fact said agrees with a visit's: the same, or, for a day said without its
    year, the same day of the same month (or of any month: "den 31:a")."""
    if said == known:
        return True
    if key == "visit_date" and known:
        said_day, known_day = date.fromisoformat(str(said)), date.fromisoformat(str(known))
        return said_day.day == known_day.day and (said_day.month == known_day.month
                                                  or said_day.year != known_day.year)
    return False


def visit_described(text: str, visits: list[dict], current: int | None,
                    today: date) -> tuple[int, str] | None:
    """(the index of the visit of another patient that ``text`` turns to by describing her or
    him, the rest of the text), or None. A message naming a patient told before by what the
    physician called her ("tillbaka till tanten på säbo 25/3, vad ska stå i besöksform och
    summa igen", "och gubben på 90, brytpunkten den 31:a, den reggar jag i cosmic va" in a
    round of two patients: walk-through RE8965, stop 54, both amended the visit of the patient
    last spoken of, the second with the first's day and fee) turns to the one visit all of
    whose facts it states agree, one of them unlike the current visit's; its clauses stating
    only such facts tell which patient, the others are asked of her."""
    if len(visits) < 2 or not _PATIENT_REFERRED.search(text):
        return None
    # (a dash parts clauses too: "tillbaka till damen från idag (84) – om det bara var …")
    clauses = [c for c in re.split(r"(?<=[,.;!?])\s+|\s+[–—-]\s+", text.strip()) if c.strip()]
    said = [{k: v for k, v in extract_facts(c, today).stated().items() if k in _TELLING_APART}
            for c in clauses]
    telling = [i for i, c in enumerate(clauses) if said[i] and _PATIENT_REFERRED.search(c)]
    if not telling:
        return None
    facts = {k: v for i in telling for k, v in said[i].items()}
    # (a fact a visit does not hold is no disagreement: "på säbo" says the patient is enrolled
    # too, of a visit whose enrolment was never asked)
    found = [i for i, visit in enumerate(visits)
             if i != current and visit
             and all(k not in visit or _agrees(k, v, visit[k]) for k, v in facts.items())
             and any(k in visit for k in facts)
             and (current is None or current >= len(visits) or any(
                 k in visits[current] and not _agrees(k, v, visits[current][k])
                 for k, v in facts.items()))]
    if len(found) != 1:
        return None
    index = found[0]
    # (the clauses after the one telling the patient, stating only what agrees with her
    # visit, tell her too: "och gubben på 90, brytpunkten den 31:a, …")
    rest = [c for i, c in enumerate(clauses)
            if i not in telling and not (said[i] and all(
                k in visits[index] and _agrees(k, v, visits[index][k])
                for k, v in said[i].items()))]
    return index, " ".join(rest).strip() or _STANDS_IN["sv"]
