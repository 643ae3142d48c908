"""Composing answers: extractive sentences for search, plain text for a rules decision.

No generative model: a search answer is the sentence(s) of the best passage that share the most
words with the question (issue: "extractive: the sentence(s) of the best passage that answer the
question, highlighted, then the passage and its source"). A rules answer is written from the
/api/v1/visit answer (``Decision.to_api()``), field by field, and ends with one short question for
the first missing fact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from rules.facts import FACT_NAMES_SV

# --------------------------------------------------------------------------- sentences

# A sentence ends at . ! ? ; followed by space, or at a line break (the routines are full of
# bullet lists and "Fält: värde" lines, one per line).
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ0-9•·\-(\"”])|\s*\n\s*")
_BULLET = re.compile(r"^[•·\-\u2013*]\s*")


@dataclass(frozen=True)
class Span:
    """A piece of a passage: ``text[start:end]``."""

    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """The sentences (and list items, lines) of ``text`` as spans, blanks dropped."""
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(start + lead, start + lead + len(stripped)))


#: Weight of a lexicon equivalent ("physician" -> "läkare") against a word the user wrote, as
#: the lexical index weighs its expansions (kb/lexical.py EXPANSION_WEIGHT, a little lower here:
#: inside one passage a synonym should not outvote the user's own word).
EXPANSION_WEIGHT = 0.5
#: Weight of a word of the passage's title or heading: every sentence of the passage is about it
#: ("hemsjukvård" under "Uppföljning av hemsjukvård"), so it tells the sentences apart poorly.
GENERIC_WEIGHT = 0.3
#: Added to a sentence holding what a "hur ofta / hur länge / när / hur mycket / hur många"
#: question asks for (an interval, a duration, a date or deadline, an amount, a count).
CUE_BONUS = 1.5

_NUMBER = (r"(?:\d+(?:[,.]\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|"
           r"fjorton|tjugo|trettio|första|andra|tredje|fjärde|sjätte|one|two|three|four|six|"
           r"twelve|fourteen|first|second|third|sixth)")
_UNIT = r"(?:dag|dagar|dygn|vecka|veckor|månad|månader|år|timm\w*|day|days|week|weeks|month|months|year|years|hours?)"
#: Question cue -> (pattern in the question, pattern a sentence answering it holds).
CUES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "frequency": (re.compile(r"\bhur ofta\b|\bhow often\b|\bhur många gånger\b", re.I),
                  re.compile(rf"\b(?:var|varje|per|minst|årligen|every|per|once)\b\s*(?:{_NUMBER}\s+)?"
                             rf"{_UNIT}\b|\bgång(?:er)? per\b|\bårligen\b", re.I)),
    "duration": (re.compile(r"\bhur länge\b|\bhow long\b|\bhur lång tid\b", re.I),
                 re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b", re.I)),
    "when": (re.compile(r"^\s*(?:när|when)\b|\bsenast när\b|\bvilket datum\b|\bwhat date\b", re.I),
             re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\bsenast\b|"
                        r"\binom\b|\bi samband med\b", re.I)),
    "amount": (re.compile(r"\bhur mycket\b|\bvad kostar\b|\bhow much\b|\bbelopp\b", re.I),
               re.compile(r"\d+\s*(?:kr|kronor|sek|%|procent)\b", re.I)),
    "count": (re.compile(r"\bhur många\b|\bhow many\b|\bantal\w*\b|\bnumber of\b", re.I),
              re.compile(r"\b\d+\b")),
}
_NUMERIC = re.compile(r"^\d+(?:[,.]\d+)?%?$")


@dataclass(frozen=True)
class QuestionTerms:
    """What a question asks, in the kb tokenizer's terms: its own stems (compound parts
    included), the stems of its lexicon equivalents, and its cues (``CUES`` keys)."""

    own: frozenset[str]
    expanded: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()
    #: Per matching lexicon group: (the question's own tokens in it, the group's other tokens).
    groups: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    def for_passage(self, passage_terms: set[str]) -> "QuestionTerms":
        """Only the expansions standing in for a word the passage lacks: when the question's
        own word of a group ("Cosmic", "registreras") is in the passage, the group's other
        words ("kontakttyp", "vårdtjänst") would only pull the wrong line forward."""
        if not self.groups:
            return self
        kept = set()
        for own_in_group, others in self.groups:
            if not (own_in_group & passage_terms):
                kept |= others
        return QuestionTerms(self.own, frozenset(kept) - self.own, self.cues, ())

    @property
    def all(self) -> frozenset[str]:
        return self.own | self.expanded


def question_terms(question: str, tokenizer, lexicon=None) -> QuestionTerms:
    """The terms of ``question`` by the knowledge base's Swedish tokenizer (stems, compound
    parts) and domain lexicon (kb/data/lexicon.toml: "physician" also asks for "läkare")."""
    own = frozenset(tokenizer.tokenize(question))
    groups = []
    for group in (lexicon.matching_groups(question, tokenizer) if lexicon else []):
        tokens = frozenset(tok for term in group for tok in tokenizer.tokenize(term, compounds=False))
        groups.append((tokens & own, tokens - own))
    expanded = frozenset().union(*(g[1] for g in groups)) if groups else frozenset()
    cues = frozenset(name for name, (asks, _) in CUES.items() if asks.search(question))
    return QuestionTerms(own, expanded, cues, tuple(groups))


def _table_row(sentence: str) -> bool:
    """A line of a statistics table: a label and numbers, at least two and at least half of its
    words ("Läkare 3016 2213 2715"; not "Patientavgift: 200 kr om patient under 85 år")."""
    words = sentence.split()
    numbers = sum(bool(_NUMERIC.match(w)) for w in words)
    return numbers >= 2 and 2 * numbers >= len(words)


def _table_header(sentence: str) -> bool:
    """A table's header line: numbers only ("2019 2020 2021")."""
    words = sentence.split()
    return len(words) >= 2 and all(_NUMERIC.match(w) for w in words)


def select_sentences(question: QuestionTerms | set[str], text: str, tokenize, *,
                     generic: set[str] | frozenset[str] = frozenset(),
                     max_sentences: int = 2) -> list[Span]:
    """The sentence(s) of ``text`` that answer best.

    A sentence scores the question's terms it holds, each weighted by its rarity inside the
    passage, lexicon equivalents at ``EXPANSION_WEIGHT`` and the passage's ``generic`` terms
    (its title and heading) at ``GENERIC_WEIGHT``; plus ``CUE_BONUS`` when it holds what the
    question's cue asks for (an interval for "hur ofta", a duration for "hur länge" …).
    A short best sentence ("…någon av nedan;") is joined by the next one; in a statistics table
    the answer is the header line and the row the question names.

    ``tokenize`` maps text to terms (stems), as ``kb.tokenizer.SwedishTokenizer.tokenize``.
    """
    if not isinstance(question, QuestionTerms):
        question = QuestionTerms(frozenset(question))
    spans = split_sentences(text)
    if not spans:
        return []
    sentences = [text[s.start:s.end] for s in spans]
    terms = [set(tokenize(s)) for s in sentences]
    # the title and heading count: a passage under "Registrering i Cosmic" has the word
    question = question.for_passage(set().union(*terms) | set(generic))
    df: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    n = len(spans)

    def weight(t: str) -> float:
        w = math.log(1 + n / df[t])
        if t in generic:
            w *= GENERIC_WEIGHT
        if t not in question.own:
            w *= EXPANSION_WEIGHT
        return w

    def score(i: int) -> float:
        s = sum(weight(t) for t in question.all & terms[i])
        if s > 0 and any(CUES[c][1].search(sentences[i]) for c in question.cues):
            s += CUE_BONUS
        return s / (1 + 0.02 * len(terms[i]))

    scores = [score(i) for i in range(n)]
    best = max(range(n), key=lambda i: (scores[i], -i))
    if scores[best] <= 0:
        return [spans[0]]
    table = _table_answer(question, sentences, terms, scores)
    if table is not None:
        return [spans[i] for i in table]
    chosen = [best]
    sentence = sentences[best]
    # "…sker i samband med någon av nedan;" needs the list item after it; a bare heading
    # ("Förutsättningar") needs its first sentence. A "Fält: värde" line stands alone.
    if best + 1 < n and (sentence.endswith((":", ";", ","))
                         or (len(sentence.split()) < 4 and ":" not in sentence)):
        chosen.append(best + 1)
    return [spans[i] for i in chosen[:max_sentences]]


def _table_answer(question: QuestionTerms, sentences: list[str], terms: list[set[str]],
                  scores: list[float]) -> list[int] | None:
    """For a passage with a statistics table: the header line and the row whose label the
    question names ("physicians" -> "Läkare 3016 2213 2715"), or None when no row is named.
    The first table wins a tie (the totals come before the averages in the report)."""
    rows = [i for i, s in enumerate(sentences) if _table_row(s) and not _table_header(s)]
    named = [i for i in rows
             if question.all & {t for t in terms[i] if not _NUMERIC.match(t)}]
    if not named:
        return None
    row = max(named, key=lambda i: (scores[i], -i))
    header = next((j for j in range(row - 1, -1, -1) if _table_header(sentences[j])), None)
    return None if header is None else [header, row]


def highlight_parts(text: str, spans: list[Span]) -> list[dict]:
    """``text`` cut into ``{"text", "mark"}`` parts, ``mark`` true inside ``spans``; the template
    escapes each part and wraps the marked ones in ``<mark>`` (no HTML is built here)."""
    parts: list[dict] = []
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start > pos:
            parts.append({"text": text[pos:s.start], "mark": False})
        parts.append({"text": text[s.start:s.end], "mark": True})
        pos = s.end
    if pos < len(text):
        parts.append({"text": text[pos:], "mark": False})
    return parts


# --------------------------------------------------------------------------- words

TEXTS = {
    "sv": {
        "valid_from": "gäller från {d}",
        "valid_to": "till {d}",
        "no_validity": "ingen giltighetstid angiven",
        "source": "Källa: {title} ({org}, {validity}), avsnitt ”{section}”.",
        "no_answer": "Rutinerna i kunskapsbasen tar inte upp det du frågar om, så jag kan inte "
                     "svara på det. Fråga gärna om registrering, patientavgift, ersättning eller "
                     "hemsjukvård enligt rutinerna.",
        "rule_intro": "Enligt {title} ({org}, {validity}) registreras besöket i {system} så här:",
        "rule_intro_plain": "Enligt {title} ({org}, {validity}):",
        "lmv": "Läkarmedverkan kan ge läkarstöd till och med {until}, det vill säga i upp till "
               "{days} dagar efter utskrivningen {d} (dagarna räknas från dagen efter "
               "utskrivningen).",
        "lmv_intro": "Enligt {title} ({org}):",
        "fu_intro": "Enligt rutinen för hemsjukvård hos {org} – den organisationens rutin, inte "
                    "Region Hallands:",
        "fu": "Första uppföljningen ska göras senast {first} ({months} månader efter "
              "anslutningen {d}). Därefter minst var {every}:e månad, eller tidigare vid behov: "
              "senast {later} om varje uppföljning görs sista tillåtna dag.",
        "rule_intro_nosystem": "Ingen rutin i kunskapsbasen gäller besöksdagen {d}, så jag kan "
                               "inte säga hur besöket registreras.",
        "visit_day": "Besöksdag: {d}{assumed}.",
        "assumed_today": " (i dag; ange ett annat datum om besöket gjordes en annan dag)",
        "fee": "Patientavgift: {fee} kr.",
        "fee_unknown": "Patientavgift: beror på åldern – {alts}.",
        "fee_unknown_plain": "Patientavgift: kan inte avgöras förrän patientens ålder är känd.",
        "comp_yes": "Extra ersättning: ja, {sek} kr till vårdcentralen.",
        "comp_no": "Extra ersättning: nej.",
        "comp_unknown": "Extra ersättning: kan inte avgöras ännu.",
        "reasons": "Skäl:",
        "clarify": "Jag har noterat uppgifterna om besöket{facts}. Vad vill du veta: hur besöket "
                   "registreras, vad patienten betalar eller om det ger extra ersättning?",
        "invalid_fact": "En uppgift om besöket går inte att använda: {msg}",
        "pnr_bad": "Personnumret kunde inte tolkas (kontrollsiffran eller datumet stämmer inte), "
                   "så det användes inte. Ange gärna patientens ålder i stället.",
    },
    "en": {
        "valid_from": "valid from {d}",
        "valid_to": "to {d}",
        "no_validity": "no validity stated",
        "source": "Source: {title} ({org}, {validity}), section “{section}”.",
        "no_answer": "The routines in the knowledge base do not cover what you ask, so I cannot "
                     "answer it. Ask about registration, the patient fee, compensation or home "
                     "health care under the routines.",
        "rule_intro": "Under {title} ({org}, {validity}) the visit is registered in {system} "
                      "like this:",
        "rule_intro_plain": "Under {title} ({org}, {validity}):",
        "lmv": "Läkarmedverkan can support the patient up to and including {until}, that is for "
               "up to {days} days after the discharge on {d} (counted from the day after "
               "discharge).",
        "lmv_intro": "Under {title} ({org}):",
        "fu_intro": "Under the home health care routine of {org} – that organization's routine, "
                    "not Region Halland's:",
        "fu": "The first follow-up is due by {first} ({months} months after the enrolment on "
              "{d}). After that at least every {every} months, or earlier when needed: by "
              "{later} if each follow-up is made on its last allowed day.",
        "rule_intro_nosystem": "No routine in the knowledge base covers the visit date {d}, so I "
                               "cannot say how the visit is registered.",
        "visit_day": "Visit date: {d}{assumed}.",
        "assumed_today": " (today; give another date if the visit was made another day)",
        "fee": "Patient fee: SEK {fee}.",
        "fee_unknown": "Patient fee: depends on the age – {alts}.",
        "fee_unknown_plain": "Patient fee: cannot be decided until the patient's age is known.",
        "comp_yes": "Extra compensation: yes, SEK {sek} to the clinic.",
        "comp_no": "Extra compensation: no.",
        "comp_unknown": "Extra compensation: cannot be decided yet.",
        "reasons": "Why:",
        "clarify": "I have noted the facts of the visit{facts}. What do you want to know: how "
                   "the visit is registered, what the patient pays or whether it gives the extra "
                   "compensation?",
        "invalid_fact": "A fact about the visit cannot be used: {msg}",
        "pnr_bad": "The personal identity number could not be read (the check digit or the "
                   "date is wrong), so it was not used. Please give the patient's age instead.",
    },
}

QUESTIONS = {
    "sv": {
        "patient_age": "Hur gammal är patienten?",
        "birth_date": "Vilket datum är patienten född?",
        "occasion": "Gjordes besöket i samband med utskrivning från slutenvård, inskrivning av "
                    "en ny patient, ett brytpunktssamtal eller något annat?",
        "setting": "Bor patienten på särskilt boende (SäBo) eller i ordinärt boende?",
        "municipal_home_care": "Är patienten inskriven i kommunal hemsjukvård?",
        "visit_date": "Vilket datum gjordes besöket?",
        "remote": "Gjordes besöket i hemmet eller på distans (telefon eller video)?",
        "lakarmedverkan": "Gjordes besöket inom Läkarmedverkan i hemsjukvården?",
        "performed_by": "Vem gjorde besöket: läkare, sjuksköterska eller någon annan?",
    },
    "en": {
        "patient_age": "How old is the patient?",
        "birth_date": "What is the patient's date of birth?",
        "occasion": "Was the visit connected to a discharge from hospital, the enrolment of a "
                    "new patient, an end-of-life (breakpoint) conversation or something else?",
        "setting": "Does the patient live in a nursing home (SäBo) or in ordinary housing?",
        "municipal_home_care": "Is the patient enrolled in municipal home health care?",
        "visit_date": "On what date was the visit made?",
        "remote": "Was the visit made in the home or remotely (phone or video)?",
        "lakarmedverkan": "Was the visit made within Läkarmedverkan i hemsjukvården?",
        "performed_by": "Who made the visit: a physician, a nurse or someone else?",
    },
}

FACT_LABELS = {
    "sv": {**FACT_NAMES_SV, "birth_year": "födelseår"},
    "en": {"visit_date": "visit date", "patient_age": "age", "birth_date": "date of birth",
           "birth_year": "year of birth", "occasion": "occasion", "setting": "housing",
           "municipal_home_care": "enrolled in municipal home care", "remote": "remote",
           "lakarmedverkan": "within Läkarmedverkan", "performed_by": "visit made by"},
}
VALUE_LABELS = {
    "sv": {"utskrivning": "utskrivning från slutenvård", "inskrivning": "inskrivning (ny patient)",
           "brytpunktssamtal": "brytpunktssamtal", "annat": "annat", "sabo": "särskilt boende (SäBo)",
           "ordinart_boende": "ordinärt boende", "lakare": "läkare",
           "sjukskoterska": "sjuksköterska", "annan": "annan", True: "ja", False: "nej"},
    "en": {"utskrivning": "discharge from hospital", "inskrivning": "enrolment (new patient)",
           "brytpunktssamtal": "breakpoint conversation", "annat": "other",
           "sabo": "nursing home (SäBo)", "ordinart_boende": "ordinary housing",
           "lakare": "physician", "sjukskoterska": "nurse", "annan": "someone else",
           True: "yes", False: "no"},
}


def t(lang: str, key: str, **kw) -> str:
    """A fixed text in ``lang`` (Swedish when the language has no text)."""
    return TEXTS.get(lang, TEXTS["sv"])[key].format(**kw)


def question_for(missing: str, lang: str) -> str | None:
    """The one short question that asks for the fact ``missing``."""
    return QUESTIONS.get(lang, QUESTIONS["sv"]).get(missing)


def describe_facts(facts: dict, lang: str) -> list[dict]:
    """The facts remembered so far as ``{"label", "value"}`` rows for the pages."""
    labels, values = FACT_LABELS.get(lang, FACT_LABELS["sv"]), VALUE_LABELS.get(lang, VALUE_LABELS["sv"])
    rows = []
    for key, label in labels.items():
        if key in facts and facts[key] is not None:
            v = facts[key]
            shown = values.get(v, v) if isinstance(v, (str, bool)) else v
            rows.append({"label": label, "value": str(shown)})
    return rows


def validity(meta, lang: str) -> str:
    """'gäller från 2025-03-31' (and 'till …' when the version ended) for a document."""
    vf = getattr(meta, "valid_from", None) if not isinstance(meta, dict) else meta.get("valid_from")
    vt = getattr(meta, "valid_to", None) if not isinstance(meta, dict) else meta.get("valid_to")
    if not vf:
        return t(lang, "no_validity")
    text = t(lang, "valid_from", d=_iso(vf))
    if vt:
        text += " " + t(lang, "valid_to", d=_iso(vt))
    return text


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def source_line(meta, section: str, lang: str) -> str:
    """'Källa: <titel> (<organisation>, gäller från …), avsnitt ”…”.'"""
    return t(lang, "source", title=meta.title, org=meta.organization,
             validity=validity(meta, lang), section=section or meta.title)


# --------------------------------------------------------------------------- rules answers

def _alternative_text(item, lang: str) -> str:
    """One entry of ``fee_alternatives`` / ``alternatives`` / ``notices`` as a phrase."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if "when" in item and "amount_sek" in item:  # rules: {"when", "amount_sek", "category"}
            amount = f"{item['amount_sek']} kr" if lang == "sv" else f"SEK {item['amount_sek']}"
            return f"{item['when']}: {amount}"
        for key in ("text", "description", "label", "message", "condition"):
            if isinstance(item.get(key), str) and item[key]:
                extra = ""
                fee = item.get("patient_fee_sek")
                if key == "condition" and fee is not None:
                    extra = f": {fee} kr" if lang == "sv" else f": SEK {fee}"
                return item[key] + extra
        return ", ".join(f"{k}: {v}" for k, v in item.items() if not isinstance(v, (dict, list)))
    return str(item)


def rule_answer_text(decision: dict, *, lang: str, visit_date: date, date_assumed: bool,
                     meta=None, question: str | None = None) -> str:
    """The plain-text answer for a decision (the /api/v1/visit answer): system and registration
    fields, fee, compensation, reasons, notices, then the one question for a missing fact."""
    lines: list[str] = []
    routine = decision.get("routine") or {}
    system = decision.get("system")
    if system and not decision.get("registration") and not decision.get("alternatives"):
        # Nothing to register (e.g. a remote contact, which is never a targeted visit).
        title = routine.get("title") or (meta.title if meta else "")
        org = meta.organization if meta is not None else ""
        lines.append(t(lang, "rule_intro_plain", title=f"”{title}”" if lang == "sv" else f"“{title}”",
                       org=org, validity=validity(routine or meta, lang)))
    elif system:
        title = routine.get("title") or (meta.title if meta else "")
        org = meta.organization if meta is not None else ""
        lines.append(t(lang, "rule_intro", title=f"”{title}”" if lang == "sv" else f"“{title}”",
                       org=org, validity=validity(routine or meta, lang), system=system))
        for row in decision.get("registration") or []:
            lines.append(f"• {row.get('field')}: {row.get('value')}")
        either = " eller " if lang == "sv" else " or "
        for alt in decision.get("alternatives") or []:
            lines.append(f"• {alt.get('field')}: " + either.join(alt.get("values") or []))
    else:
        lines.append(t(lang, "rule_intro_nosystem", d=visit_date.isoformat()))
    lines.append(t(lang, "visit_day", d=visit_date.isoformat(),
                   assumed=t(lang, "assumed_today") if date_assumed else ""))
    fee = decision.get("patient_fee_sek")
    if fee is not None:
        lines.append(t(lang, "fee", fee=fee))
    elif decision.get("fee_alternatives"):
        alts = "; ".join(_alternative_text(a, lang) for a in decision["fee_alternatives"])
        lines.append(t(lang, "fee_unknown", alts=alts))
    elif system and decision.get("registration"):
        lines.append(t(lang, "fee_unknown_plain"))
    if decision.get("eligible") is True:
        lines.append(t(lang, "comp_yes", sek=decision.get("compensation_sek")))
    elif decision.get("eligible") is False:
        lines.append(t(lang, "comp_no"))
    elif system:
        lines.append(t(lang, "comp_unknown"))
    reasons = decision.get("reasons") or []
    if reasons:
        lines.append(t(lang, "reasons"))
        lines.extend(f"• {r}" for r in reasons)
    if question:
        lines.append(question)
    return "\n".join(lines)


def date_rule_text(name: str, result: dict, meta, lang: str) -> str:
    """The answer for a date rule: ``lakarmedverkan`` (``SupportAnswer.to_api()``) or
    ``followup`` (``FollowupAnswer.to_api()``), with the organization whose routine it is."""
    org = result.get("organization") or (meta.organization if meta is not None else "")
    if name == "lakarmedverkan":
        from datetime import date as _d
        days = (_d.fromisoformat(result["support_until"])
                - _d.fromisoformat(result["discharge_date"])).days
        title = meta.title if meta is not None else result.get("document_id", "")
        lines = [t(lang, "lmv_intro", title=f"”{title}”" if lang == "sv" else f"“{title}”", org=org),
                 t(lang, "lmv", until=result["support_until"], days=days,
                   d=result["discharge_date"])]
        reasons = result.get("reasons") or []
        lines.extend(f"• {r}" for r in reasons[1:])  # the first reason is the sentence above
        return "\n".join(lines)
    later = result.get("next_by") or []
    months_first = _months_between(result["enrolled_on"], result["first_by"])
    every = _months_between(result["first_by"], later[0]) if later else 6
    joiner = ", " if lang == "sv" else ", "
    lines = [t(lang, "fu_intro", org=org),
             t(lang, "fu", first=result["first_by"], months=months_first, d=result["enrolled_on"],
               every=every, later=joiner.join(later))]
    return "\n".join(lines)


def _months_between(a: str, b: str) -> int:
    da, db = date.fromisoformat(a), date.fromisoformat(b)
    return (db.year - da.year) * 12 + db.month - da.month
