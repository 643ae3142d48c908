"""Recognise the furniture of intranet and web exports, so it is dropped rather than indexed.

A routine saved from an intranet page brings its cookie banner, the breadcrumb trail, the menu,
the page tools ("Skriv ut", "Dela") and the page information ("Senast uppdaterad", "Redaktör",
"Sidansvarig"); a page built from several parts repeats a block. None of it answers a question,
all of it would be quoted. Each function returns the reason (Swedish, shown in the preview) or
None. The lines are seen already normalized (``ingest.cleaning.normalize_inline``).
"""

from __future__ import annotations

import re

COOKIE = "kakbanner (cookies)"
BREADCRUMB = "brödsmulor (sökväg på webbplatsen)"
NAVIGATION = "navigering eller sidverktyg"
PAGE_INFO = "sidinformation (uppdaterad, redaktör, sidansvarig)"
REPEATED = "upprepat block"
FURNITURE = "sidhuvud, sidfot eller sidnummer"
LABEL = "informationsklassning (etikett)"

_COOKIE_WORD = re.compile(r"\b(?:kakor(?:na)?|cookies?|kakfiler)\b", re.IGNORECASE)
# What a cookie banner speaks of besides the cookies (not "kakor och bullar" in a diet routine).
_COOKIE_ACTION = re.compile(
    r"\b(?:godkänn\w*|accepter\w*|samtyck\w*|inställning\w*|webbplats\w*|webbsid\w*|"
    r"sajt\w*|hemsida\w*|upplevelse\w*|nödvändiga|statistik|tredje part|personuppgift\w*|"
    r"integritet\w*|surfa\w*)\b", re.IGNORECASE)
# Buttons of a cookie banner that stand on a line of their own.
_COOKIE_BUTTON = re.compile(
    r"^(?:(?:jag )?(?:godkänner|godkänn|acceptera)(?: alla)?(?: kakor| cookies)?|"
    r"endast nödvändiga(?: kakor| cookies)?|neka(?: alla)?|anpassa|tillåt(?: alla)?(?: kakor| cookies)?|"
    r"(?:hantera|ändra) (?:inställningar|kakor|cookies)|kakinställningar|"
    r"cookie-?inställningar|om kakor|om cookies)[.!]?$", re.IGNORECASE)
_BREADCRUMB_START = re.compile(r"^(?:du är här|du befinner dig här|sökväg)\s*:?\s*", re.IGNORECASE)
_BREADCRUMB_SEPARATOR = re.compile(r"\s+(?:[›»>/]|&gt;)\s+|\s*[›»]\s*")
# Where a trail separated by "/" starts ("Sjuksköterska / Läkare / Arbetsterapeut" is no trail).
_HOME = re.compile(r"^(?:start|startsida|hem|home|intranät(?:et)?|insidan|vårdgivare|"
                   r"vårdgivarwebben|medarbetare|för medarbetare)$", re.IGNORECASE)
# Page tools: a line made only of these words (and separators) is a tool bar.
_TOOL_WORDS = re.compile(
    r"\b(?:skriv ut(?: sidan)?|utskriftsvänlig(?: version)?|dela(?: sidan)?(?: på)?|tipsa(?: en vän)?|"
    r"lyssna|läs upp|spara(?: som pdf)?|ladda ner(?: som pdf)?|pdf|facebook|linkedin|twitter|"
    r"e-post|e-posta|mejla|kopiera länk(?:en)?|prenumerera|följ sidan|bokmärk|"
    r"ge respons(?: på sidan)?|var sidan till hjälp\??(?: ja nej)?|"
    r"hoppa till (?:huvud)?innehåll(?:et)?|gå till (?:huvud)?innehåll(?:et)?|till startsidan|"
    r"startsida|meny|stäng(?: meny)?|sök|logga in|logga ut|(?:tillbaka )?till toppen|tillbaka|"
    r"bläddra|följ|redigera(?: sidan)?|sida|"
    r"visa mer|visa mindre|lättläst|teckenspråk|other languages|english|in english)\b",
    re.IGNORECASE)
_TOOL_RESIDUE = re.compile(r"[\s|·•/,:;–—\-()\[\]?!]+")
# Page information: "Senast uppdaterad: 2024-03-12", "Redaktör: Eva Ek", "Sidansvarig Anna Berg".
_PAGE_INFO = re.compile(
    r"^(?:(?:sidan )?(?:senast )?(?:uppdaterad|ändrad|granskad|publicerad)(?: senast)?|"
    r"sidan (?:uppdaterades|publicerades)|publicerad|"
    r"redaktör|webbredaktör|sidansvarig|sidägare|innehållsansvarig|dokumentansvarig|"
    r"ansvarig (?:för sidan|för dokumentet|utgivare)|"
    r"kontakt för sidan|sidan granskad av)\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
# An Office sensitivity label or an information classification printed on the page.
_LABEL = re.compile(
    r"^(?:protected|skyddad|intern|internal|confidential|konfidentiell|general|allmän|öppen|"
    r"publik|begränsad|sekretess)$|"
    r"^(?:klassificering|informationsklass(?:ning)?|känslighet(?:setikett)?|sensitivity)\s*:\s*"
    r"\S.{0,40}$", re.IGNORECASE)
_DATE = re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2} [a-zåäö]+ \d{4})\b")
_NAME = re.compile(r"^[A-ZÅÄÖ][\w\-]+(?: [A-ZÅÄÖ][\w\-]+){0,3}(?:,.*)?$")


def line_reason(text: str) -> str | None:
    """Why one line is furniture of a web or intranet page, or None for text."""
    if len(text) > 200:
        return None
    if _COOKIE_BUTTON.match(text):
        return COOKIE
    if _LABEL.match(text):
        return LABEL
    if _breadcrumb(text):
        return BREADCRUMB
    if len(text) <= 120 and _is_page_info(text):
        return PAGE_INFO
    if len(text) <= 120 and not _TOOL_RESIDUE.sub("", _TOOL_WORDS.sub("", text)):
        return NAVIGATION
    return None


def block_reason(text: str) -> str | None:
    """Why a whole paragraph is junk (a cookie banner over several lines), or None."""
    flat = " ".join(text.split())
    if len(flat) <= 600 and _COOKIE_WORD.search(flat) and _COOKIE_ACTION.search(flat):
        return COOKIE
    return line_reason(flat) if "\n" not in text else None


def _breadcrumb(text: str) -> bool:
    start = _BREADCRUMB_START.match(text)
    rest = text[start.end():] if start else text
    parts = [p for p in _BREADCRUMB_SEPARATOR.split(rest) if p.strip()]
    if start and parts:
        return True
    if len(parts) < 3:
        return False
    if not re.search(r"[›»>]", rest) and not _HOME.match(parts[0].strip()):
        return False
    return all(
        len(p.split()) <= 6 and not p.rstrip().endswith((".", ":", ";")) and p[:1].isupper()
        for p in parts
    )


def _is_page_info(text: str) -> bool:
    match = _PAGE_INFO.match(text)
    if not match:
        return False
    rest = match.group("rest").strip()
    if not rest:
        return False  # a label alone ("Uppdaterad"): could be a heading of the text
    if _DATE.search(rest[:40]):
        return True
    lowered = text.lower()
    if lowered.startswith(("redaktör", "webbredaktör", "sidansvarig", "sidägare", "dokumentansvarig",
                           "innehållsansvarig", "ansvarig", "kontakt för sidan", "sidan granskad")):
        return bool(_NAME.match(rest) or "@" in rest)
    return False


def repeated_key(text: str) -> str | None:
    """What a block is compared by to find it repeated on a page; None for a short one (a
    short instruction, "Kontakta sjuksköterskan.", may well stand in two sections)."""
    flat = " ".join(text.split()).lower()
    return flat if len(flat) >= 60 else None
