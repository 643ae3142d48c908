"""Routing a message: to the rules (registration, fee, compensation), to search, or a question back.

The issue: "a registration, fee or compensation question goes to the rules module; everything
else to search". A message that only states facts ("Patienten är 90 år.") continues the rules
question of the conversation; stated facts with no question and nothing to continue get one short
question back (kind ``clarify``).
"""

from __future__ import annotations

import re

RULES = "rule"
SEARCH = "search"
CLARIFY = "clarify"

# Words that ask how a visit is registered: enough on their own.
_REGISTRATION_WORDS = re.compile(
    r"registrer\w*|\bregistera\w*|kontakttyp\w*|vårdtjänst\w*|besökstyp\w*|besöksform\w*|"
    r"besöksorsak\w*|avgiftstyp\w*|\bkod(?:er|en|erna)?\b|\bkoda\w*|\bjournalför\w*|"
    r"patientavgift\w*|\b500\s*kr\b|\bregister\w*|\bcode\w*|\bcompensat\w*|\breimburs\w*",
    re.I)
# Words about money: a rules question only when the message is about a visit or a patient
# ("Vad kostar en parkeringsplats?" is not).
_MONEY_WORDS = re.compile(
    r"\bavgift\w*|\bbetala\w*|\bkosta\w*|\bkostnad\w*|avgiftsfri\w*|\bgratis\b|"
    r"ersättning\w*|\bersätt\w*|\bbetalt\b|\bfee\w*|\bpay\w*|\bcharge\w*|\bcost\w*|\bfree\b",
    re.I)
_VISIT_CONTEXT = re.compile(
    r"besök\w*|hembesök\w*|\w*besöket\b|patient\w*|läkar\w*|hemsjukvård\w*|brytpunkt\w*|"
    r"utskriv\w*|inskriv\w*|säbo|särskilt boende|vårdcentral\w*|mottagning\w*|\bkund\b|"
    r"\bvisit\w*|\bpatient\w*|\bdoctor\w*|\bphysician\w*|\bclinic\w*|home care", re.I)

# Questions about the routine itself rather than about one visit: why, since when, what a term
# means, the contracts and the municipal fee levels. With no visit facts they go to search.
_GENERAL = re.compile(
    r"^\s*(?:varför|sedan när|från (?:vilket|vilken) (?:datum|dag|år)|när (?:började|infördes|"
    r"började)|vad innebär|vad betyder|why|since when|when (?:did|was))\b|"
    r"\bavtal\w*|avgiftsnivå\w*|dokument-?id|\buppdraget\b|\bhöjs\b|per antal", re.I)
# The VAS routine held for visits 2023-01-01 .. 2025-03-30; a question naming VAS without a visit
# date asks what that routine says, not how today's visit (Cosmic) is registered.
_VAS = re.compile(r"\bVAS\b")

# Facts that make a message a rules question when it also asks (or continues one).
_VISIT_FACTS = ("visit_date", "patient_age", "birth_date", "birth_year", "occasion", "setting",
                "municipal_home_care", "remote", "lakarmedverkan", "performed_by")


# A remote contact asked about a visit ("Kan hembesöket göras via video?") is the rule
# "Kontakttyp: Hemsjukvårdsbesök (dessa vårdkontakter kan aldrig ske på distans)" (Cosmic
# routine): the rules answer it with the citation, search finds the background passage instead.
_VISIT_WORD = re.compile(r"besök|\bvisit", re.I)

#: The date rules beside the visit decision (server/routes/visit.py): their names.
LAKARMEDVERKAN = "lakarmedverkan"
FOLLOWUP = "followup"
_LAKARMEDVERKAN = re.compile(r"läkarmedverkan|physician support team", re.I)
_HOW_LONG = re.compile(r"hur länge|till när|hur många dagar|hur lång tid|stött\w*|\bstöd\w*|"
                       r"how long|until when|how many days", re.I)
_DISCHARGE = re.compile(r"skrevs ut|skrivs ut|utskriv\w*|utskriven|hemgång|discharg\w*", re.I)
_FOLLOWUP = re.compile(r"uppföljning\w*|följ\w* upp|follow[- ]?up\w*|\breview\w*", re.I)
_ENROLMENT = re.compile(r"anslö\w*|ansl[uö]t\w*|inskriv\w*|inskrev\w*|enrol\w*|admitted",
                        re.I)


def date_rule(text: str, stated: dict) -> str | None:
    """``lakarmedverkan`` for "until when does Läkarmedverkan support a patient discharged on
    <date>", ``followup`` for "when is the first follow-up of a patient enrolled on <date>",
    else None. Both need the date in the message (read as ``visit_date`` by the extractor)."""
    if "visit_date" not in stated or not _is_question(text):
        return None
    if _LAKARMEDVERKAN.search(text) and _HOW_LONG.search(text) and _DISCHARGE.search(text):
        return LAKARMEDVERKAN
    if _FOLLOWUP.search(text) and _ENROLMENT.search(text):
        return FOLLOWUP
    return None


def asks_about_rules(text: str) -> bool:
    """True when the text asks about registration, the patient fee or the compensation."""
    if _REGISTRATION_WORDS.search(text):
        return True
    return bool(_MONEY_WORDS.search(text)) and bool(_VISIT_CONTEXT.search(text))


def _is_question(text: str) -> bool:
    return "?" in text or bool(re.match(
        r"\s*(hur|vad|vilk|när|var|vem|varför|får|ska|kan|gäller|finns|måste|how|what|which|when|"
        r"where|who|why|do|does|is|are|can|should|must)\b", text, re.I))


def route(text: str, stated: dict, last_kind: str | None, personnummer_given: bool = False,
          known: dict | None = None) -> str:
    """``rule``, ``search`` or ``clarify`` for a message (personnummer already masked).

    ``stated`` is the facts the message itself states; ``last_kind`` the kind of the previous
    answer in the conversation (``None`` for a new one); ``known`` the facts remembered so far.
    """
    known = known or {}
    if asks_about_rules(text):
        about_a_visit = bool(stated) or bool(known) or personnummer_given
        if not about_a_visit and _GENERAL.search(text):
            return SEARCH
        if _VAS.search(text) and "visit_date" not in stated and "visit_date" not in known:
            return SEARCH
        return RULES
    if stated.get("remote") and _VISIT_WORD.search(text) and _is_question(text):
        return RULES
    gives_facts = bool(stated) or personnummer_given
    if gives_facts and last_kind in (RULES, CLARIFY):
        return RULES  # a follow-up: "Patienten är 90 år." completes the earlier question
    if gives_facts and not _is_question(text) and len(text.split()) <= 25:
        return CLARIFY
    return SEARCH
