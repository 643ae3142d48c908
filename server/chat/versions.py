"""Questions about documents and versions, answered from the catalog, the documents and the
rule tables (issue 10, "Versions and validity"): which version is in force on a date, since
when, what replaced what, what changed between two versions, which documents there are.

Every answer is cited: a document's own version note ("2025-03-31 Rutinen är ny pga.
journalsystembyte till Cosmic.") where the rule tables name it, else the passage holding its
date; a change between two versions of the visit routine is the difference of their rule
tables (fields, fees, conditions), each line with the quotes it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from server.chat.answer import last_day
from kb.units import split_sentences

#: The compensation or a fee asked beside a version ("… och fick vc 500 kr").
_PAY_ASKED = re.compile(r"\b500\b|\bersättn\w*|\bbetal\w*|\bavgift\w*|\bpaid\b|\bpay\w*|"
                        r"\bcompensat\w*|\bfee\w*", re.I)

_LIST = re.compile(r"vilka (?:rutiner|dokument)|which (?:routines|documents)|överblick|"
                   r"alla (?:rutiner|dokument)|what (?:routines|documents)|lista", re.I)
#: Whether something is the same in both versions ("is it the same 500kr in both versions?",
#: "är det samma 500 kr i båda versionerna": walk-through, stop 42, got which version is in
#: force): what changed between them answers.
SAME_IN_BOTH = re.compile(r"\b(?:samma|same|likadan\w*|oförändrad\w*|unchanged)\b(?=[^?.]*\b(?:"
                          r"båda|bägge|both|versioner\w*|versions?|rutinerna|routines|"
                          # ("samma ersättning i vas som i cosmic?": walk-through, stop 44,
                          # quoted Cosmic's 500 kr alone)
                          r"vas\b[^?.]*\bcosmic|cosmic\b[^?.]*\bvas)\b)", re.I)
#: Something said to have gone up or down in a version ("stämmer det att patientavgiften
#: höjdes i nya versionen?": own check, stop 43, got which version is in force).
_RAISED = (r"\b(?:höj(?:d|de|des|ts|ning)\w*|sänk(?:t|te|tes|ts|ning)\w*|dyrare|billigare|"
           r"raised|lowered|(?:go|goes|went|gone) (?:up|down)|increased|decreased)\b")
_A_VERSION = r"\b(?:version\w*|vas|cosmic)\b"
_RAISED_IN_A_VERSION = re.compile(rf"{_RAISED}(?=[^?.]*{_A_VERSION})|{_A_VERSION}[^?.]*{_RAISED}",
                                  re.I)
#: A version's start on a day asked or claimed ("började cosmic gälla 1 april 2025?", "is it
#: true that the cosmic routine started on 1 april 2025?"): its first day, yes or no, not
#: whether it held on that day (it held on 1 April, having begun on 31 March).
START_CLAIMED = re.compile(r"\b(?:började|börjar|börja)\b|\binfördes\b|\bträdde i kraft\b|"
                           r"\bstart(?:ed|s)?\b|\bcame into (?:force|effect)\b|"
                           r"\btook effect\b|\bwent live\b|\bgäller från\b|"
                           r"\b(?:applies|applied|valid|in force) from\b", re.I)
#: A figure compared across the routine's switch ("vad hände med ersättningen när dom bytte,
#: blev den högre?", "blev ersättningen högre när man bytte från vas till cosmic?": walk-
#: through, stop 44, refused, or Cosmic's 500 kr quoted alone).
_COMPARED = (r"\b(?:högre|lägre|höjd\w*|sänkt\w*|samma|oförändrad\w*|higher|lower|the same|"
             r"raised|lowered|unchanged)\b|\bvad hände med\b|\bwhat happened (?:to|with)\b")
_SWITCHED = (r"\b(?:bytte|bytet|byttes|bytt|gick över|övergången|switch\w*|changed over|"
             r"moved to)\b")
CHANGED_AT_SWITCH = re.compile(rf"(?:{_COMPARED})(?=[^?.]*{_SWITCHED})|{_SWITCHED}[^?.]*(?:{_COMPARED})",
                               re.I)
_CHANGED = re.compile(r"ändr\w*|skillnad\w*|\bnytt\b|\bnya i\b|skiljer|chang\w*|differ\w*|"
                      r"what'?s new|jämfört|compared|" + SAME_IN_BOTH.pattern
                      + "|" + _RAISED_IN_A_VERSION.pattern + "|" + CHANGED_AT_SWITCH.pattern, re.I)
#: A difference asked between two things that are no versions, years or systems.
_TWO_THINGS_COMPARED = re.compile(
    r"\b(?:skillnad\w*|difference)\s+(?:mellan|på|between|of)\s+(?!(?:de\s+|the\s+)?"
    r"(?:versioner\w*|versions?|vas\b|cosmic\b|(?:19|20)\d\d|rutinerna|routines|dokumenten|"
    r"documents|den gamla|the old))\S+[^?.]{0,40}?\s(?:och|and|&)\s", re.I)
_SINCE = re.compile(r"sen(?:an)? när|från när|fr\.?\s?o\.?\s?m|när (?:började|infördes|kom|"
                    r"bytte|fastställdes|gällde den från)|since when|when did|when was|"
                    r"start\w*|började|infördes|fastställ\w*|from when|bytet|the switch", re.I)
_REPLACED = re.compile(r"ersatt\w*|ersätter|ersatte|föregående|förra|tidigare version|"
                       r"innan dess|före det|previous|replac\w*|before that|earlier version|"
                       r"nyare|newer|senare version", re.I)

#: The latest version asked for ("nya versionen", "senaste versionen", "the new version").
_NEWEST = re.compile(r"\b(?:nya|nyaste|senaste|nyare)\s+(?:versionen|rutinen|utgåvan)\b|"
                     r"\b(?:the\s+)?(?:new|newest|latest|newer)\s+(?:version|routine)\b", re.I)

#: Which document a question names, by words (the catalog's journal systems and kinds).
_NAMES = (
    (re.compile(r"\bvas\b|rh-12272", re.I), {"journal_system": "VAS"}),
    (re.compile(r"\bcosmic\b", re.I), {"journal_system": "Cosmic"}),
    (re.compile(r"\bhsu\b|beslut\w*|decision", re.I), {"kind": "decision"}),
    (re.compile(r"rapport\w*|report|mobil\w* (?:hem)?sjukvård|när vården knackar", re.I),
     {"kind": "report"}),
    (re.compile(r"anslutning|utskrivning från hemsjukvård|västra götaland|\bvg\b|treserva",
                re.I), {"journal_system": "Treserva"}),
)


@dataclass
class VersionAnswer:
    """The answer text and the (document id, quote) pairs it rests on."""

    lines: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    #: (older id, newer id) of two versions the answer speaks of: the pages link to their
    #: comparison ("Vad ändrades?", /documents/<newer>/andringar).
    compared: tuple[str, str] | None = None


def documents_named(text: str, metas: list) -> list:
    """The documents among ``metas`` that ``text`` names by a journal system or a kind."""
    return _named_documents(text, metas)


def _named_documents(text: str, metas: list) -> list:
    found = []
    for pattern, attrs in _NAMES:
        if pattern.search(text):
            for m in metas:
                if all(getattr(m, k, None) == v for k, v in attrs.items()) and m not in found:
                    found.append(m)
    return found


#: Words of many titles and questions about versions, which name no document.
_GENERIC_TITLE_WORDS = frozenset(
    "rutin rutinen rutiner dokument dokumentet version versionen hemsjukvård hemsjukvården "
    "sjukvård region halland kommun västra götaland sektor välfärd nya ny gäller gällde "
    "information beslut".split())
_DEICTIC = re.compile(r"\b(?:det här|den här|denna|detta|dess|this|that) ?(?:rutin\w*|dokument\w*|"
                      r"routine|document|beslut\w*|rapport\w*)?\b", re.I)


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or sharing all but the last two letters of the shorter
    and at least four ("nyckel" in "nyckelrutinen", "nyckl" in "nycklar")."""
    if a == b:
        return True
    n = min(len(a), len(b))
    shared = 0
    while shared < n and a[shared] == b[shared]:
        shared += 1
    return shared >= 4 and shared >= n - 2


def _title_words_shared(text: str, meta, tokenizer) -> int:
    """How many specific words of ``meta``'s title ``text`` uses: a document is named by its
    title's words ("vad ändrades i nyckelrutinen?" and "Rutin för hantering av nycklar …":
    walk-through, stop 19, a published routine's version questions were answered about the
    registration routine)."""
    # (a generic word's compound parts are generic too: "hemsjukvården" named the HSU
    # decision's "hälso- och sjukvårdsutskottet" by "sjuk" and "vård", so "vilken rutin gällde
    # i mars förra året för registrering av läkarbesök i hemsjukvården" was told no version
    # held then: walk-through, stop 46)
    generic = {s for w in _GENERIC_TITLE_WORDS for s in tokenizer.tokenize(w, compounds=True)}
    asked = {t for t in tokenizer.tokenize(text) if t.isalpha() and len(t) >= 4} - generic
    title = {t for t in tokenizer.tokenize(meta.title) if t.isalpha() and len(t) >= 4} - generic
    return sum(1 for t in title if any(_same_word(a, t) for a in asked))


#: The versions named as such, plural: a comparison of a routine's versions.
VERSIONS_NAMED = re.compile(r"\bversionerna\b|\bbåda versioner\w*|\bde två versioner\w*|"
                            r"\b(?:the|both|two) versions\b|"
                            # "what changed between the two routines" (walk-through, stop 35,
                            # refused: the home page offers it as an example)
                            r"\b(?:båda|de två|mellan) rutinerna\b|"
                            r"\b(?:the two|both|between the) routines\b|"
                            r"\bgamla och (?:den )?nya rutinen\b|\bold and (?:the )?new routines?\b",
                            re.I)


def version_chain(meta, by_id: dict) -> list:
    """The versions of ``meta``'s routine, oldest first (catalog supersedes/superseded_by)."""
    first = meta
    seen = {meta.id}
    while first.supersedes and first.supersedes in by_id and first.supersedes not in seen:
        first = by_id[first.supersedes]
        seen.add(first.id)
    chain = [first]
    while chain[-1].superseded_by and chain[-1].superseded_by in by_id \
            and chain[-1].superseded_by not in {m.id for m in chain}:
        chain.append(by_id[chain[-1].superseded_by])
    return chain


def earlier_versions(meta, by_id: dict) -> list:
    """The versions ``meta`` replaces, directly or through the ones between, oldest first."""
    chain = version_chain(meta, by_id)
    return chain[:next(i for i, m in enumerate(chain) if m.id == meta.id)]


def _versioned_family(metas: list, rules=None, year: int | None = None) -> list:
    """The chain of versions a question naming no document is about: one with a new version in
    the year it names, if any ("what changed in 2025"), then the journal systems' registration
    routine (the rules' visit routines), then the longest. (With a content owner's routine of
    two versions published, "what changed in 2025" and "when exactly did it switch" after the
    VAS routine's answer got that routine's 2027 change: walk-through, stop 37.)"""
    by_id = {m.id: m for m in metas}
    chains = list({tuple(m.id for m in c): c
                   for c in (version_chain(m, by_id) for m in metas)}.values())
    if not chains:
        return []
    visits = {r.document_id for r in getattr(rules, "visit_routines", ()) or ()}

    def changed_in(chain) -> bool:
        return year is not None and any(m.valid_from is not None and m.valid_from.year == year
                                        for m in chain[1:])

    return max(chains, key=lambda c: (changed_in(c), any(m.id in visits for m in c), len(c)))


def _t(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


#: Words of a question about changes that name no thing ("vad är nytt i den nya versionen?").
_CHANGE_WORDS = frozenset(
    "vad vilka vilken är var blev har ändrades ändrats ändring ändringar ändrat skillnad "
    "skillnaden skillnader skiljer nytt nya ny version versionen versioner jämfört mellan "
    "förra föregående tidigare senaste gamla gammal den det som och i från till med av för "
    "what which is was has have changed change changes difference differences new version "
    "previous earlier latest the and in from to between compared".split())


def _names_no_document(text: str, metas: list, tokenizer) -> bool:
    """True when the question's words beside the asking ones are all words no document's title
    holds: it asks about a difference between things, not between versions."""
    stop = {s for w in _CHANGE_WORDS for s in tokenizer.tokenize(w, compounds=False)}
    # compound parts too: "nyckelrutinen" names "Rutin för nyckelhantering …" by "nyckel"
    words = {t for t in tokenizer.tokenize(text) if t.isalpha() and len(t) >= 3} - stop
    titles = {t for m in metas for t in tokenizer.tokenize(m.title)} | {
        s for m in metas if m.journal_system for s in tokenizer.tokenize(m.journal_system)}
    return bool(words) and all(not any(_same_word(w, t) for t in titles) for w in words)


_DATED = {"report": ("är en rapport daterad", "is a report dated"),
          "decision": ("är ett beslut daterat", "is a decision dated")}


def _period(meta, lang: str, today: date) -> str:
    if meta.kind in _DATED and meta.valid_from:
        # a report or a decision is dated, never "in force" (walk-through, stop 19)
        sv, en = _DATED[meta.kind]
        return _t(lang, f"{sv} {meta.valid_from}", f"{en} {meta.valid_from}")
    # (a version still to come is not spoken of in the past: "gällde 2027-01-01 – 2027-02-28"
    # in the list of documents: walk-through, stop 22)
    if meta.valid_from and meta.valid_to:
        last = last_day(meta.valid_to)
        if str(meta.valid_from) > today.isoformat():
            return _t(lang, f"börjar gälla {meta.valid_from} och gäller till och med {last}",
                      f"comes into force on {meta.valid_from} and applies until {last}")
        if str(last) >= today.isoformat():
            return _t(lang, f"gäller {meta.valid_from} – {last}",
                      f"applies {meta.valid_from} – {last}")
        return _t(lang, f"gällde {meta.valid_from} – {last}", f"applied {meta.valid_from} – {last}")
    if meta.valid_from and str(meta.valid_from) > today.isoformat():
        return _t(lang, f"börjar gälla {meta.valid_from}",
                  f"comes into force on {meta.valid_from}")
    if meta.valid_from:
        return _t(lang, f"gäller från {meta.valid_from}", f"applies from {meta.valid_from}")
    if meta.valid_to:  # no start of its own, ended by the version that replaced it
        last = last_day(meta.valid_to)
        if str(last) >= today.isoformat():
            return _t(lang, f"gäller till och med {last}", f"applies until {last}")
        return _t(lang, f"gällde till och med {last}", f"applied until {last}")
    return _t(lang, "anger ingen giltighetstid", "states no validity period")


def _title(meta, lang: str) -> str:
    ext = f", {_t(lang, 'dokument-id', 'document id')} {meta.external_id}" if meta.external_id else ""
    return (f"”{meta.title}”" if lang == "sv" else f"“{meta.title}”") + \
        f" ({meta.organization}{ext})"


def _note_quotes(meta, rules, doc) -> list[tuple[str, str]]:
    """The passages that state a document's version and dates."""
    quotes = []
    for routine in getattr(rules, "visit_routines", ()) or ():
        if routine.document_id == meta.id:
            quotes += [(meta.id, c.quote) for c in routine.system_citations
                       if re.search(r"\d{4}-\d{2}-\d{2}", c.quote)]
    if quotes or doc is None:
        return quotes
    # a line on the version ("2022-12-19 Rutinen är ny och börjar gälla …")
    line = _first_line(doc, r"\d{4}-\d{2}-\d{2}[^\n]*(?:ny|gälla|gäller)[^\n]*")
    if line is None and meta.valid_from:
        # then the document's own date: the HSU decision's "Beslut HSU 2026-03-03" section,
        # never the first dated line of its background ("- Giltighet 2028-12-31", the
        # agreement's validity, was cited for "är hsu beslutet i kraft": stop 24)
        day = str(meta.valid_from)
        line = _first_line(doc, rf"[^\n]*{day}[^\n]*")
        for chunk in doc.chunks if line is None else ():
            spans = split_sentences(chunk.text) if day in (chunk.section or "") else []
            if spans:
                line = chunk.text[spans[0].start:spans[0].end]
                break
    if line is None:  # any dated line
        line = _first_line(doc, r"[^\n]*\d{4}-\d{2}-\d{2}[^\n]*")
    return [(meta.id, line.strip())] if line is not None else quotes


def _first_line(doc, pattern: str) -> str | None:
    """The first text of ``doc``'s chunks, in order, that ``pattern`` matches, or None."""
    for chunk in doc.chunks:
        m = re.search(pattern, chunk.text)
        if m:
            return m.group(0)
    return None


def _list_in_force(out: "VersionAnswer", metas, rules, kb, lang: str, today: date, first: date,
                   last: date) -> None:
    """The documents in force on a day or during a period the question names, and those that
    were not (walk-through, stop 36: "vilka dokument var i kraft 1 jan 2024" listed every
    document, the Cosmic routine of 2025 and the decision of 2026 too)."""
    period = str(first) if first == last else f"{first} – {last}"
    kept, left = [], []
    for m in sorted(metas, key=lambda m: (m.organization, m.title)):
        if m.kind in _DATED:  # a report or a decision: existed by then, or not yet
            (kept if m.valid_from is None or m.valid_from <= last else left).append(m)
        elif (m.valid_from is None or m.valid_from <= last) \
                and (m.valid_to is None or m.valid_to > first):
            kept.append(m)
        else:
            left.append(m)
    out.lines.append(_t(lang, f"Dokument i kunskapsbasen som gällde {period}:"
                        if first == last else
                        f"Dokument i kunskapsbasen som gällde någon gång under {period}:",
                        f"Documents of the knowledge base in force on {period}:"
                        if first == last else
                        f"Documents of the knowledge base in force at some time during {period}:"))
    for m in kept:
        out.lines.append(f"• {_title(m, lang)}{'' if m.kind in _DATED else ':'} "
                         f"{_period(m, lang, today)}.")
        out.quotes += _note_quotes(m, rules, kb.document(m.id))[:1]
    if not kept:
        out.lines.append(_t(lang, "• inget av dem.", "• none of them."))
    if left:
        out.lines.append(_t(lang, "Inte i kraft då (eller inte skrivna än):",
                            "Not in force then (or not yet written):"))
        for m in left:
            out.lines.append(f"• {_title(m, lang)}{'' if m.kind in _DATED else ':'} "
                             f"{_period(m, lang, today)}.")


#: A version question of at most this many words, after an answer about a document, is
#: about that document.
FOLLOW_UP_WORDS = 4
#: A pronoun pointing back at what the last answer quoted: "ändrades de?", "did it change".
_POINTS_BACK = re.compile(r"\b(?:de|dem|den|det|dom|they|it|them)\b", re.I)


def answer_version_question(text: str, kb, rules, today: date, lang: str,
                            day: date | None = None, organization: str | None = None,
                            topic_document: str | None = None,
                            until: date | None = None) -> VersionAnswer:
    """The answer to a question about documents and versions. ``day``: a date the question
    names (which version held then), ``until`` the last day of the period it names (a month,
    a year) when it names one; ``organization``: only that organization's documents;
    ``topic_document``: the document the last answer quoted ("vilken rutin är det här?")."""
    metas = [d.meta for d in kb.documents()
             if organization is None or d.meta.organization == organization]
    by_id = {m.id: m for m in metas}
    out = VersionAnswer()
    if not metas:
        return out
    named = _named_documents(text, metas)
    years = re.findall(r"\b(?:19|20)\d\d\b", text)
    year_named = int(years[0]) if len(set(years)) == 1 else None
    if not named and topic_document in by_id and (
            _DEICTIC.search(text)
            or (len(text.split()) <= FOLLOW_UP_WORDS and not _LIST.search(text))
            # (or a few more words pointing back: "när träder det i kraft" after the HSU
            # decision got the Cosmic routine's start: walk-through RE8922, stop 48)
            or (len(text.split()) <= FOLLOW_UP_WORDS + 2 and _POINTS_BACK.search(text)
                and not _LIST.search(text))
            # "och kriterierna för 500 kr, ändrades de?" after the VAS → Cosmic changes
            # (walk-through, stop 30, was refused): a change asked of what was just quoted
            or (_CHANGED.search(text) and _POINTS_BACK.search(text))):
        # "och idag då" after a version answer stays with that document (walk-through, stop
        # 22: it turned to the Cosmic registration routine)
        named = [by_id[topic_document]]
    if not named:
        # a document outside the versioned registration routine, named by its title's words
        default = {m.id for m in _versioned_family(metas, rules, year_named)}
        # (one sharing a word at least, and never one sharing no more of its title's words than
        # the registration routine does:
        # "vilken rutin gällde för registrering av läkarbesök i hemmet 15 feb 2025" named the
        # HSU decision "Läkarinsatser i hemmet" by "hemmet": walk-through, stop 34)
        own = max((_title_words_shared(text, m, kb.tokenizer) for m in metas if m.id in default),
                  default=0)
        named = [m for m in metas if m.id not in default
                 and _title_words_shared(text, m, kb.tokenizer) > own]
        if VERSIONS_NAMED.search(text) and all(len(version_chain(m, by_id)) == 1 for m in named):
            # "the versions" are a routine's that has several, not a title's word's routine with
            # one ("Vad ändrades i villkoret för utskrivning mellan versionerna …": walk-through,
            # stop 31, named the municipality's routine on "utskrivning")
            named = []
    family = version_chain(named[0], by_id) if named \
        else _versioned_family(metas, rules, year_named)

    if _LIST.search(text) and not named and day is not None and (day, until) != (today, None):
        # (today's, "vilka rutiner gäller idag", is the whole list with what is in force today)
        _list_in_force(out, metas, rules, kb, lang, today, day, until or day)
        return out
    if _LIST.search(text) and not named:
        out.lines.append(_t(lang, "Kunskapsbasen innehåller de här dokumenten:",
                            "The knowledge base holds these documents:"))
        for m in sorted(metas, key=lambda m: (m.organization, m.title)):
            status = _t(lang, "gäller i dag", "in force today") if m.in_force_on(today) and \
                m.kind == "routine" else ""
            out.lines.append(f"• {_title(m, lang)}{'' if m.kind in _DATED else ':'} "
                             f"{_period(m, lang, today)}"
                             + (f"; {status}" if status else "") + ".")
            out.quotes += _note_quotes(m, rules, kb.document(m.id))[:1]
        return out

    if _CHANGED.search(text) and len(set(years)) >= 2 and not VERSIONS_NAMED.search(text) \
            and not named and family and not any(
                m.in_force_on(date(int(y), 12, 31)) or m.in_force_on(date(int(y), 1, 1))
                for y in set(years) for m in family):
        # a difference between years no version of the routine held in ("skillnaden mellan
        # 2019 och 2020 för läkarna": walk-through, stop 47, got the VAS → Cosmic changes): a
        # question of the figures of those years, for search
        return out
    if _CHANGED.search(text) and _TWO_THINGS_COMPARED.search(text) \
            and not VERSIONS_NAMED.search(text):
        # a difference between two things a routine speaks of, not between its versions
        # ("difference between fee level 1 and 2 in the VG routine" got "no earlier version":
        # walk-through, stop 36): a question for search
        return out
    if _WHY.search(text) and len(family) > 1 and not _LIST.search(text):
        _why_replaced(out, named[0] if named else None, family, kb, rules, lang, today)
        return out
    if _CHANGED.search(text) and named and len(family) == 1 and family[0].kind in _DATED \
            and not VERSIONS_NAMED.search(text) and not _EARLIER_VERSION.search(text):
        # what a decision or a report changes is what it says, not a difference between its
        # versions ("Vad ändras i säboavtalen enligt det nya beslutet" got "ingen tidigare
        # version av … beslut": walk-through RE8961, stop 53; its "Nya avtal för särskilt
        # boende" slide says what): a question for search
        return out
    if _CHANGED.search(text) and named and len(family) == 1:
        only = family[0]
        out.lines.append(_t(
            lang, f"Kunskapsbasen har ingen tidigare version av {_title(only, lang)}, så jag kan "
                  f"inte säga vad som ändrades. Den {_period(only, lang, today)}.",
            f"The knowledge base holds no earlier version of {_title(only, lang)}, so I cannot "
            f"say what changed. It {_period(only, lang, today)}."))
        out.quotes += _note_quotes(only, rules, kb.document(only.id))
        return out
    if _CHANGED.search(text) and not named and not VERSIONS_NAMED.search(text) \
            and not _RAISED_IN_A_VERSION.search(text) \
            and _names_no_document(text, metas, kb.tokenizer):
        # a difference between two things no document is named after ("ssih asih skillnad":
        # re-check, stop 19, got the VAS → Cosmic changes): a question for search; never one
        # naming "the versions" ("what changed between the two versions of the registration
        # routine" was refused: stop 31, by hand)
        return out
    if _CHANGED.search(text) and len(family) > 1:
        newer = next((m for m in family if named and m.id == named[0].id), family[-1])
        if _NEWEST.search(text):
            # "the new version" of a routine named by its system is its latest ("vad ändrades
            # i nya versionen av cosmic-rutinen" after its 2027 version was published got VAS →
            # Cosmic: walk-through, stop 46)
            newer = family[-1]
        if newer is family[0]:
            newer = family[1]
        older = family[family.index(newer) - 1]
        _describe_change(out, older, newer, kb, rules, lang, today)
        if not any(r.document_id == newer.id for r in getattr(rules, "visit_routines", ()) or ()):
            # a version without rule tables (a published routine): what its text says
            # differently, section by section (walk-through, stop 22: "vad ändrades i
            # nyckelrutinen" listed no change); here, not in _describe_change, whose lines the
            # comparison page shows beside its own section diff
            changed, quoted = _text_changes(kb.document(older.id), kb.document(newer.id), lang)
            out.quotes += [(newer.id, q) for q in quoted]
            if changed:
                out.lines.append(_t(lang, "Ändringar i texten:",
                                    "Changes in the text (in Swedish):"))
                out.lines += changed
        else:
            # a section the question names, beside the rule tables: its text's change ("ändrades
            # uppföljningen mellan versionerna?" got every table difference but the one asked:
            # walk-through, stop 42)
            changed, quoted = _text_changes(kb.document(older.id), kb.document(newer.id), lang)
            asked = set(kb.tokenizer.tokenize(text, compounds=False))
            named = [line for line in changed
                     if (m := re.match(r"• (?:Avsnittet )?[”“](.+?)[”“]", line))
                     and (words := {t for t in kb.tokenizer.tokenize(m.group(1), compounds=False)
                                    if t.isalpha() and len(t) > 2})
                     and words <= asked]
            if named:
                out.quotes += [(newer.id, q) for q in quoted if any(q in line for line in named)]
                out.lines.append(_t(lang, "Ändringar i texten i det avsnitt du frågar om:",
                                    "Changes in the text of the section you ask about (in "
                                    "Swedish):"))
                out.lines += named
        return out

    when = day or today
    if day is not None or not named:
        current = next((m for m in family if m.in_force_on(when)), None)
        if current is None:
            first = family[0]
            if first.valid_from and when < first.valid_from:
                # only what the knowledge base holds is known: an earlier version may have
                # applied and not be kept here (re-check, stop 19: after a content owner
                # replaced a routine, "no version applied on 2026-11-15" was false)
                out.lines.append(_t(
                    lang, f"Kunskapsbasen har ingen version av rutinen som "
                          f"{'gäller' if when >= today else 'gällde'} {when}: den äldsta här, "
                          f"{_title(first, lang)}, {_period(first, lang, today)}.",
                    f"The knowledge base holds no version of the routine that applied on {when}: "
                    # (its period as the Swedish one, "applied 2023-01-01 – 2025-03-30", not
                    # "applies from" of a version long replaced: stop 53)
                    f"the oldest here, {_title(first, lang)}, {_period(first, lang, today)}."))
                out.quotes += _note_quotes(first, rules, kb.document(first.id))
                before = next((r.before for r in getattr(rules, "visit_routines", ()) or ()
                               if r.document_id == first.id and r.before is not None), None)
                if before is not None and _PAY_ASKED.search(text):
                    # the compensation asked of that day too: none existed before the first
                    # version ("… 30/12 2022, vilken rutin gällde då och fick vc 500 kr" said
                    # only which routine: walk-through RE8943, stop 50)
                    out.lines.append(before.text if lang == "sv" else before.text_en)
                    out.quotes += [(first.id, c.quote) for c in before.citations]
                return out
            current = family[-1]
        if day == today:
            day = None  # "och idag då": today's, in the present
        asked = named[0] if named and named[0] in family else None
        if asked is not None and _YES_NO_VERSION.search(text):
            # "gäller VAS-rutinen idag?" is answered yes or no before what applies (walk-
            # through, stop 22: it opened on the Cosmic routine, never saying no)
            if asked.id != current.id:
                out.lines.append(_t(
                    lang, f"Nej, {_title(asked, lang)} "
                          + (f"gäller inte i dag: den {_period(asked, lang, today)}." if day is None
                             else f"{'gäller' if when > today else 'gällde'} inte den {when}: "
                                  f"den {_period(asked, lang, today)}."),
                    f"No, {_title(asked, lang)} "
                    + (f"is not in force today: it {_period(asked, lang, today)}." if day is None
                       else f"{'does' if when > today else 'did'} not apply on {when}: "
                            f"it {_period(asked, lang, today)}.")))
        if day is not None and not current.valid_from and not current.valid_to:
            # a routine without validity dates is not known to hold on a day asked ("gällde
            # rutinen redan 2019" with the municipality picked was told "Den 2019-01-01 gällde
            # …; den anger ingen giltighetstid": walk-through RE8955, stop 52)
            past = when <= today
            out.lines.append(_t(
                lang, f"{_title(current, lang)} anger ingen giltighetstid, så dokumenten säger "
                      f"inte om den {'gällde' if past else 'gäller'} den {when}; det är den "
                      f"version kunskapsbasen har{'' if past else ' i dag'}.",
                f"{_title(current, lang)} states no validity period, so the documents do not say "
                f"whether it {'applied' if past else 'applies'} on {when}; it is the version the "
                f"knowledge base holds{'' if past else ' today'}."))
            return out
        out.lines.append(_t(lang, f"Den {when} {'gäller' if when > today else 'gällde'} "
                                  f"{_title(current, lang)}; den {_period(current, lang, today)}."
                                  if day is not None else
                                  f"I dag ({when}) gäller {_title(current, lang)}; den {_period(current, lang, today)}.",
                            f"On {when} {_title(current, lang)} "
                            f"{'applies' if when > today else 'applied'}; "
                            f"it {_period(current, lang, today)}."
                            if day is not None else
                            f"Today ({when}) {_title(current, lang)} is in force; it {_period(current, lang, today)}."))
        started = asked or (current if len(named) <= 1 else None)
        if day is not None and started is not None and START_CLAIMED.search(text) \
                and started.valid_from and started.valid_from != day:
            # its start claimed on a day it had already begun, or not yet ("stämmer det att
            # cosmic började gälla 1 april 2025?": walk-through, stop 43, was told "Ja, den
            # 2025-04-01 gällde …", never that it began on 2025-03-31)
            out.lines.insert(len(out.lines) - 1, _t(
                lang, f"Nej, {_title(started, lang)} började inte gälla {day}: den gäller från "
                      f"{started.valid_from}.",
                f"No, {_title(started, lang)} did not start on {day}: it applies from "
                f"{started.valid_from}."))
        elif day is not None and started is not None and START_CLAIMED.search(text) \
                and started.valid_from == day:
            out.lines.insert(len(out.lines) - 1, _t(
                lang, f"Ja, {_title(started, lang)} gäller från {day}.",
                f"Yes, {_title(started, lang)} applies from {day}."))
        elif asked is not None and asked.id == current.id and _YES_NO_VERSION.search(text):
            first = out.lines[-1]
            out.lines[-1] = _t(lang, "Ja, ", "Yes, ") + first[0].lower() + first[1:]
        out.quotes += _note_quotes(current, rules, kb.document(current.id))
        _neighbours(out, current, family, kb, rules, lang, today)
        return out

    target = named[0]
    if len(named) > 1 and all(m in family for m in named):
        # versions of one routine named by their shared title ("vilket dokument-id har den nya
        # nattrutinen"): the one in force today, else the latest (walk-through, stop 21: it
        # opened on the first version's "Nej, … gäller inte längre")
        target = next((m for m in named if m.in_force_on(today)), named[-1])
    in_force = target.in_force_on(today) and target.kind not in _DATED
    if target.valid_to and today >= target.valid_to and _YES_NO_VERSION.search(text):
        out.lines.append(_t(lang, f"Nej, {_title(target, lang)} gäller inte längre: den {_period(target, lang, today)}.",
                            f"No, {_title(target, lang)} no longer applies: it {_period(target, lang, today)}."))
    elif target.valid_to and today >= target.valid_to:
        # ("vilket dokument-id har vas-rutinen" is no yes/no question: walk-through, stop 21,
        # found its "Nej, …" clumsy)
        out.lines.append(_t(lang, f"{_title(target, lang)} gäller inte längre: den {_period(target, lang, today)}.",
                            f"{_title(target, lang)} no longer applies: it {_period(target, lang, today)}."))
    elif in_force or not target.valid_from:
        out.lines.append(_t(lang, f"{_title(target, lang)} {_period(target, lang, today)}"
                                  + ("; den gäller i dag." if in_force and target.valid_from else "."),
                            f"{_title(target, lang)} {_period(target, lang, today)}"
                            + ("; it is in force today." if in_force and target.valid_from else ".")))
    else:
        out.lines.append(_t(lang, f"{_title(target, lang)} {_period(target, lang, today)}.",
                            f"{_title(target, lang)} {_period(target, lang, today)}."))
    if target.published and target.published != target.valid_from:
        out.lines.append(_t(lang, f"Den är daterad {target.published}.",
                            f"It is dated {target.published}."))
    out.quotes += _note_quotes(target, rules, kb.document(target.id))
    _neighbours(out, target, family, kb, rules, lang, today)
    return out


#: Why a version was replaced ("varför byttes den ut", "why was it replaced").
_WHY = re.compile(r"\bvarför\b|\bwhy\b|\banledning\w*|\breasons?\b|\borsak\w*|\bskäl\w*|"
                  r"\bhow come\b", re.I)


def _why_replaced(out: VersionAnswer, asked, family: list, kb, rules, lang: str,
                  today: date) -> None:
    """Why a version replaced another: the newer version's reason as the list of documents
    and the document itself state it, quoted (walk-through, stop 39: "varför byttes den ut"
    after "gäller VAS-rutinen fortfarande" repeated the VAS routine's dates and its own start
    note). ``asked``: the version the question names or points back at; with none, the one
    in force today."""
    if asked is None or asked not in family:
        asked = next((m for m in family if m.in_force_on(today)), family[-1])
    i = family.index(asked)
    older, newer = (asked, family[i + 1]) if i + 1 < len(family) else (family[i - 1], asked)
    out.compared = (older.id, newer.id)
    later = bool(newer.valid_from) and newer.valid_from > today
    out.lines.append(_t(lang, f"{_title(older, lang)} {'ersätts' if later else 'ersattes'} "
                              f"{newer.valid_from} av {_title(newer, lang)}.",
                        f"{_title(older, lang)} {'will be' if later else 'was'} replaced on "
                        f"{newer.valid_from} by {_title(newer, lang)}."))
    doc = kb.document(newer.id)
    stated = _first_line(doc, r"[^\n]*(?:\bpga\b|på grund av|eftersom|med anledning av|"
                              r"\bdå\b[^\n]*\bbyt)[^\n]*") if doc is not None else None
    if newer.note:
        out.lines.append(_t(lang, f"Skälet enligt dokumentförteckningen: {newer.note}",
                            f"The reason, as the list of documents states it (in Swedish): "
                            f"{newer.note}"))
    if stated:
        out.quotes.append((newer.id, stated.strip()))
    elif not newer.note:
        out.lines.append(_t(lang, "Dokumenten anger inget skäl till bytet.",
                            "The documents state no reason for the change."))
    out.quotes += [q for q in _note_quotes(newer, rules, doc) if q not in out.quotes]


# A question answered yes or no: "gäller VAS-rutinen fortfarande?", "is the VAS routine still
# in force?".
#: An earlier version named without "versions": "förra utgåvan", "tidigare version",
#: "previous version", "since the last one".
_EARLIER_VERSION = re.compile(r"\b(?:förra|tidigare|föregående|gamla)\s+(?:version\w*|utgåva\w*)|"
                              r"\b(?:previous|earlier|last|old)\s+(?:version|edition)\b", re.I)
_YES_NO_VERSION = re.compile(r"^\s*(?:och\s+|and\s+)?(?:gäller|gällde|är|används|is|are|does|do|"
                             # ("was the cosmic routine used in 2024" never said no: walk-
                             # through follow-up, stop 53)
                             r"was|were|did|var|användes|can|still)\b|\bfortfarande\b|\bstill\b"
                             r"|\bän\b", re.I)


def _neighbours(out: VersionAnswer, meta, family: list, kb, rules, lang: str,
                today: date) -> None:
    """What a version replaced and what replaced it."""
    if meta not in family:
        return
    i = family.index(meta)
    if i > 0:
        prev = family[i - 1]
        out.compared = (prev.id, meta.id)
        coming = bool(meta.valid_from) and str(meta.valid_from) > today.isoformat()
        out.lines.append(_t(lang, f"Den {'ersätter' if coming else 'ersatte'} {_title(prev, lang)}, "
                                  f"som {_period(prev, lang, today)}.",
                            f"It {'replaces' if coming else 'replaced'} {_title(prev, lang)}, "
                            f"which {_period(prev, lang, today)}."))
        out.quotes += _note_quotes(prev, rules, kb.document(prev.id))
    if i + 1 < len(family):
        nxt = family[i + 1]
        out.compared = out.compared or (meta.id, nxt.id)
        later = bool(nxt.valid_from) and str(nxt.valid_from) > today.isoformat()
        out.lines.append(_t(lang, f"Den {'ersätts' if later else 'ersattes'} {nxt.valid_from} av "
                                  f"{_title(nxt, lang)}.",
                            f"It {'will be' if later else 'was'} replaced on {nxt.valid_from} by "
                            f"{_title(nxt, lang)}."))
        out.quotes += _note_quotes(nxt, rules, kb.document(nxt.id))
    if meta.note:
        out.lines.append(_t(lang, f"Anteckning i dokumentförteckningen: {meta.note}",
                            f"Note in the list of documents (in Swedish): {meta.note}"))


# A document's own lines of dates and ids, which every version changes.
_META_LINE = re.compile(r"^\W*(?:gäller\s+(?:från|till|fr\.?o\.?m)|giltig|dokument-?id|ersätter|"
                        r"version|fastställd|datum|valid from)\b", re.I)
MAX_CHANGED_SECTIONS = 8


def _text_changes(older_doc, newer_doc, lang: str) -> tuple[list[str], list[str]]:
    """'• ”Section”: nu ”…” (tidigare ”…”).' for each section whose sentences differ, and the
    newer version's sentences quoted."""
    from kb.units import split_sentences

    def units(doc) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for chunk in getattr(doc, "chunks", None) or []:
            section = (chunk.section or "").split(" › ")[-1]
            for span in split_sentences(chunk.text):
                line = chunk.text[span.start:span.end].strip()
                if line and not _META_LINE.match(line) and line != section:
                    out.setdefault(section, []).append(line)
        return out

    if older_doc is None or newer_doc is None:
        return [], []
    old, new = units(older_doc), units(newer_doc)
    lines, quotes = [], []
    for section, now in new.items():
        before = old.get(section, [])
        added = [x for x in now if x not in before]
        removed = [x for x in before if x not in now]
        if added:
            quotes += added
            named = _t(lang, f"• ”{section}”: nu ”", f"• “{section}”: now “")
            lines.append(named + " ".join(added) + "”"
                         + (_t(lang, " (tidigare ”", " (before “") + " ".join(removed) + "”)"
                            if removed else "") + ".")
        elif removed:
            lines.append(_t(lang, f"• ”{section}”: borttaget ”", f"• “{section}”: removed “")
                         + " ".join(removed) + "”.")
    for section in old:
        if section not in new:
            lines.append(_t(lang, f"• Avsnittet ”{section}” finns inte längre.",
                            f"• The section “{section}” is gone."))
    return lines[:MAX_CHANGED_SECTIONS], quotes


def _amount_stated(routine, fee) -> bool:
    """Whether the version's own text states the fee row's amount (the Cosmic routine names
    "Läkare närsjukvård äldre" without one; its 0 kr rests on the VAS routine)."""
    return any(c.document_id == routine.document_id and str(fee.amount_sek) in c.quote
               for c in fee.citations)


def _ages(when: dict, lang: str) -> str:
    """A fee row's patients by age, in words ("under 85 år", "från 85 år")."""
    if "age_below" in when:
        return _t(lang, f"under {when['age_below']} år", f"under {when['age_below']}")
    if "age_from" in when:
        return _t(lang, f"från {when['age_from']} år", f"from {when['age_from']}")
    return _t(lang, "alla", "everyone")


def _fee_compared(old, new, lang: str) -> str | None:
    """Whether the patient fee changed between two visit routines, age group by age group
    ("stämmer det att patientavgiften höjdes i nya versionen?": own check, stop 43, the fee
    showed only as "Nytt i Cosmic: … Läkare närsjukvård 200 kr"); an amount the newer text
    does not state is said so, not as the same (Cosmic names "Läkare närsjukvård äldre"
    without one). None when either routine has no fee rows."""
    if not old.fees or not new.fees:
        return None
    before = {repr(sorted(f.when.items())): f for f in old.fees}
    parts, same = [], True
    for fee in new.fees:
        was = before.get(repr(sorted(fee.when.items())))
        stated = _amount_stated(new, fee)
        ages = _ages(fee.when, lang)
        if was is None:
            same = False
            parts.append(_t(lang, f"{ages}: {fee.amount_sek} kr (ny åldersgrupp)",
                            f"{ages}: SEK {fee.amount_sek} (a new age group)"))
        elif was.amount_sek != fee.amount_sek and stated:
            same = False
            parts.append(_t(lang, f"{ages}: {was.amount_sek} kr → {fee.amount_sek} kr",
                            f"{ages}: SEK {was.amount_sek} → SEK {fee.amount_sek}"))
        elif stated:
            parts.append(_t(lang, f"{ages}: {fee.amount_sek} kr i båda",
                            f"{ages}: SEK {fee.amount_sek} in both"))
        else:
            parts.append(_t(
                lang, f"{ages}: {was.amount_sek} kr i {old.system}; {new.system} anger "
                      f"{fee.category or 'avgiftskategorin'} utan belopp",
                f"{ages}: SEK {was.amount_sek} in {old.system}; {new.system} names "
                f"{fee.category or 'the fee category'} without an amount"))
    if same:
        said = "; ".join(parts) + "."
        return _t(lang, "• Patientavgiften är inte höjd eller sänkt: " + said,
                  "• The patient fee was neither raised nor lowered: " + said)
    return _t(lang, "• Patientavgiften har ändrats: " + "; ".join(parts) + ".",
              "• The patient fee changed: " + "; ".join(parts) + ".")


def _describe_change(out: VersionAnswer, older, newer, kb, rules, lang: str,
                     today: date) -> None:
    """What changed from ``older`` to ``newer``: the dates, the newer document's own note, and
    for visit routines the difference of the rule tables."""
    out.compared = (older.id, newer.id)
    coming = bool(newer.valid_from) and str(newer.valid_from) > today.isoformat()
    out.lines.append(_t(
        lang, f"{_title(newer, lang)} {'ersätter' if coming else 'ersatte'} {_title(older, lang)} "
              f"{newer.valid_from}.",
        f"{_title(newer, lang)} {'replaces' if coming else 'replaced'} {_title(older, lang)} on "
        f"{newer.valid_from}."))
    out.quotes += _note_quotes(newer, rules, kb.document(newer.id))
    routines = {r.document_id: r for r in getattr(rules, "visit_routines", ()) or ()}
    old, new = routines.get(older.id), routines.get(newer.id)
    if old is None or new is None:
        return
    out.lines.append(_t(lang, f"Skillnader enligt regeltabellerna ({old.system} → {new.system}):",
                        f"Differences by the rule tables ({old.system} → {new.system}):"))
    if old.system != new.system:
        out.lines.append(_t(lang, f"• Journalsystem: {old.system} → {new.system}.",
                            f"• Journal system: {old.system} → {new.system}."))

    def fields(routine) -> list[str]:
        return [f.field for f in routine.registration]

    def fee_value(routine, fee) -> str:
        # The amount only where the version's own text states it: the Cosmic routine names
        # "Läkare närsjukvård äldre" without an amount, and its 0 kr rests on the VAS routine
        # (walk-through as a new user: "Nytt i Cosmic: … Läkare närsjukvård äldre 0 kr").
        if _amount_stated(routine, fee):
            return f"{fee.category or ''} {fee.amount_sek} kr".strip()
        return (fee.category or "") + _t(lang, " (inget belopp angivet)", " (no amount stated)")

    def values(routine) -> list[str]:
        vals = []
        for f in routine.registration:
            vals += [f"{f.field}: {o.value}" for o in f.options]
        vals += [fee_value(routine, f) for f in routine.fees]
        return vals

    out.lines.append(_t(lang, f"• Fält i {old.system}: " + ", ".join(fields(old))
                        + f". Fält i {new.system}: " + ", ".join(fields(new)) + ".",
                        f"• Fields in {old.system}: " + ", ".join(fields(old))
                        + f". Fields in {new.system}: " + ", ".join(fields(new)) + "."))
    added = [v for v in values(new) if v not in values(old)]
    if added:
        out.lines.append(_t(lang, f"• Nytt i {new.system}: " + "; ".join(added) + ".",
                            f"• New in {new.system}: " + "; ".join(added) + "."))
    for f in new.registration:
        for o in f.options:
            out.quotes += [(new.document_id, c.quote) for c in o.citations[:1]]
    for f in old.registration:
        for o in f.options:
            out.quotes += [(old.document_id, c.quote) for c in o.citations[:1]]
    old_ex = {repr(sorted(r.when.items())): r for r in old.exclusions}
    for row in new.exclusions:
        before = old_ex.get(repr(sorted(row.when.items())))
        if before is None:
            out.lines.append(_t(lang, f"• Nytt villkor i {new.system}: {row.text}",
                                f"• New condition in {new.system}: {row.text_en}"))
        elif {c.quote for c in before.citations} != {c.quote for c in row.citations}:
            # the same condition, now resting on the new version's own words ("kan aldrig
            # ske på distans" is explicit in Cosmic; VAS said nothing of remote contacts)
            quote = row.citations[0].quote
            out.lines.append(_t(lang, f"• Står nu uttryckligen i {new.system}: ”{quote}”",
                                f"• Now stated explicitly in {new.system} (Swedish): “{quote}”"))
        else:
            continue
        out.quotes += [(new.document_id, c.quote) for c in row.citations[:1]]
    old_quotes = {c.quote for o in old.occasions for c in o.citations}
    for occ in new.occasions:
        if any(c.quote not in old_quotes for c in occ.citations):
            out.lines.append(_t(lang, f"• Villkoret för {occ.occasion} är omformulerat i {new.system}: "
                                      f"{occ.citations[0].quote}",
                                f"• The condition for {occ.occasion} is reworded in {new.system} "
                                f"(Swedish): {occ.citations[0].quote}"))
            out.quotes += [(new.document_id, occ.citations[0].quote)]
    fee_line = _fee_compared(old, new, lang)
    if fee_line:
        out.lines.append(fee_line)
        out.quotes += [(r.document_id, c.quote) for r in (new, old)
                       for f in r.fees for c in f.citations[:1] if c.document_id == r.document_id]
    if old.compensation_sek == new.compensation_sek:
        out.lines.append(_t(lang, f"• Ersättningen är oförändrad: {new.compensation_sek} kr per besök.",
                            f"• The compensation is unchanged: SEK {new.compensation_sek} per visit."))
        out.quotes += [(new.document_id, c.quote) for c in new.compensation_citations[:1]]
