"""Which organization a message is about: one of the knowledge base's, another one, or none.

Routines belong to an organization (Region Halland, a municipality in Västra Götaland); a
question naming another organization never gets Region Halland's rules (issue 9, "Organization
scope"). The names are data below: Sweden's 21 regions and its larger municipalities outside
Halland and Västra Götaland, plus the words that tie a message to one of the known
organizations. A region or municipality not listed is still caught by the shapes "Region X",
"X kommun", "X stad" and "Landstinget X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

HALLAND = "Region Halland"

#: Words that name an organization of the knowledge base, by a key the catalog's organization
#: name contains ("Halland", "Västra Götaland").
_KNOWN = {
    "Halland": re.compile(
        r"\bhalland\w*|\bhalländsk\w*|\bhallandsjouren\b|\bhalmstad\w*|\bvarberg\w*|"
        r"\bkungsbacka\w*|\bfalkenberg\w*|\blaholm\w*|\bhylte\w*", re.I),
    "Västra Götaland": re.compile(
        r"v[äa]stra\s*g[öo]taland\w*|\bvgr\b|\bvg[- ]?regionen\b|\bvg\b|\bv\.g\.", re.I),
}

#: A known organization's bare name in a message ("Västra Götaland", "Region Halland"): the
#: scope of the question, not its matter (never "Hallandsjouren", a service of its own).
ORGANIZATION_NAME = re.compile(r"\b(?:(?:region|regionen|kommun(?:en)?)\s+(?:i\s+)?)?"
                               r"(?:halland|v[äa]stra\s*g[öo]taland(?:s?regionen)?)\b", re.I)

_REGIONS = (
    "Stockholm", "Uppsala", "Sörmland", "Södermanland", "Östergötland", "Jönköping",
    "Kronoberg", "Kalmar", "Gotland", "Blekinge", "Skåne", "Värmland", "Örebro",
    "Västmanland", "Dalarna", "Gävleborg", "Västernorrland", "Jämtland", "Härjedalen",
    "Västerbotten", "Norrbotten",
)
_CITIES = (
    # (Göteborg: a municipality in Västra Götaland, not the one whose routine the knowledge
    # base holds: "I'm working in a Gothenburg municipality, do we get the 500 kr" got Region
    # Halland's rule: walk-through, stop 34)
    "Göteborg", "Gothenburg", "Borås", "Trollhättan", "Uddevalla", "Skövde",
    "Malmö", "Lund", "Helsingborg", "Linköping", "Norrköping", "Västerås", "Umeå", "Luleå",
    "Sundsvall", "Gävle", "Eskilstuna", "Karlstad", "Växjö", "Södertälje", "Solna", "Nacka",
    "Huddinge", "Täby", "Östersund", "Karlskrona", "Kristianstad", "Visby", "Falun", "Borlänge",
    "Nyköping", "Motala", "Trelleborg", "Ystad", "Landskrona", "Skellefteå", "Örnsköldsvik",
)


def _without_diacritics_too(name: str) -> str:
    """A name's pattern matching it typed without its å, ä and ö too ("Skane", "malmo":
    walk-through, stop 34, got Region Halland's rules)."""
    return "".join({"å": "[åa]", "ä": "[äa]", "ö": "[öo]", "Å": "[ÅA]", "Ä": "[ÄA]",
                    "Ö": "[ÖO]", "é": "[ée]"}.get(c, re.escape(c)) for c in name)


#: Each region's and town's pattern, typed with or without its å, ä and ö, and the name as
#: Sweden spells it.
_NAME_FORMS = [(re.compile(_without_diacritics_too(n), re.I), {"Gothenburg": "Göteborg"}.get(n, n))
               for n in _REGIONS + _CITIES]
_OTHER_NAMED = re.compile(
    r"\b(?:region(?:en)?\s+|landstinget\s+(?:i\s+)?)?("
    + "|".join(pattern.pattern for pattern, _ in _NAME_FORMS)
    + r")(?:s)?\b(?:\s+(?:läns?\s+)?(?:region|landsting|kommun|stad))?"
    r"|\bscania\b|\btakecare\b", re.I)
# "Region Foo", "Foo kommun", "Foo stad", "Landstinget i Foo" for any capitalized Foo.
_OTHER_SHAPE = re.compile(
    r"\bRegion\s+([A-ZÅÄÖ][a-zåäöé]+)|\b([A-ZÅÄÖ][a-zåäöé]+?)s?\s+(?:kommun|stad)\b|"
    r"\bLandstinget\s+(?:i\s+)?([A-ZÅÄÖ][a-zåäöé]+)|"
    # written in lower case, as in a search box ("hemsjukvård göteborg stad": walk-through,
    # stop 31, quoted Halland's SäBo contract), never a word that only points at one
    r"\b(?!(?:en|ett|vår|våran|min|din|er|eran|deras|hans|hennes|annan|andra|samma|varje|"
    r"denna|detta|den|det|hela|egen|eget|sin|vilken|någon|ingen|per|stor|liten|mindre|större|"
    r"ny|nya|hem|samt|och|eller|i|på|en\s+annan|inom|utanför|från|till|mellan|över|under|"
    r"genom|olika|flera|alla|båda|vissa|respektive|aktuell|aktuella|berörd|berörda|sina|"
    r"våra|dina|mina|egna|övriga|varsin|vilket|nuvarande|tidigare|förra|nästa|vår egen|"
    # (English pointing words: "first follow up after enrolment in that kommun?" was told the
    # knowledge base holds no routines from "That kommun": walk-through, stop 46)
    r"that|this|those|these|your|their|same|each|every|which|what|some|other|another|"
    r"whichever|given)s?\s)"
    r"([a-zåäö]{4,}?)s?\s+(?:kommun|stad)\b")


#: Words of the routines' matter, never a place's name.
_MATTER_WORD = re.compile(r"vård|tjänst|avgift|rutin|besök|omsorg|boende|sjuk|hälsa|hälso|"
                          r"patient|personal|ansvar|insats", re.I)


@dataclass(frozen=True)
class Mention:
    """An organization a message names: ``known`` is the catalog's organization name, or None
    for one the knowledge base has no routines from (``name`` says which). ``own``: the user
    says they work there ("vi är ju i västra götaland", "jag jobbar i en kommun i VG")."""

    name: str
    known: str | None
    own: bool = False


#: Before a mention: the user's own place ("vi är ju i", "jag jobbar i en kommun i", "hos oss
#: i", "I work in").
_OWN_BEFORE = re.compile(r"(?:\b(?:vi|jag|oss|vår|vårt|våra|we|our|us|my|im)\b|(?-i:\bI\b)|"
                         r"\bi'm\b|\bi am\b)[^.?!]{0,30}$", re.I)
#: Before a mention: it is denied ("inte halland", "not Halland").
#: (also a region or municipality word between, so that the place's own name is denied too:
#: "Jag jobbar inte i Region Halland utan i kommunen" with the municipality picked was told
#: "Frågan nämner Region Halland …": walk-through RE8975, stop 55)
#: (or picked by mistake: "Oj, jag hade valt Region Halland.")
_DENIED_BEFORE = re.compile(r"\b(?:inte|ej|icke|not|utan)\s+(?:i\s+|in\s+)?"
                            r"(?:(?:region|regionen|kommun|kommunen)\s+)?$|"
                            # ("Oj, jag hade visst valt Region Halland.": walk-through RE8980,
                            # stop 56, "visst" between)
                            r"\b(?:hade|har|had|have)\s+(?:(?:visst|tydligen|nog|råkat|av misstag|"
                            r"by mistake|apparently|accidentally)\s+)*"
                            r"(?:valt|klickat på|tryckt på|picked|chosen|selected|clicked)\s+"
                            r"(?:(?:region|regionen|kommun|kommunen)\s+)?$", re.I)


def organization_kind(name: str) -> str | None:
    """"region" or "municipality" for a catalog organization's name ("Region Halland", "Kommun
    i Västra Götaland (Sektor Välfärd)"), None for any other."""
    if re.match(r"region\b", name, re.I):
        return "region"
    return "municipality" if re.search(r"kommun", name, re.I) else None


def _known_name(key: str, organizations: list[str]) -> str | None:
    return next((o for o in organizations if key.casefold() in o.casefold()), None)


#: The words of an organization's name that say which it is not ("Falkenbergs kommun":
#: "Falkenberg").
_NAME_WORDS = re.compile(r"\([^)]*\)|\b(?:region|regionen|kommun|kommunen|stad|staden|i|"
                         r"landsting|landstinget|län|läns|sektor)\b", re.I)


def _catalog_names(organizations: list[str]) -> tuple[tuple[str, re.Pattern], ...]:
    """(organization, the pattern of its own name) for each catalog organization the known
    regions' words do not name (a content owner's, "Falkenbergs kommun"); built once for each
    set of organizations (every message looks for them, and a place asked again twice)."""
    return _catalog_names_of(tuple(organizations))


@lru_cache(maxsize=16)
def _catalog_names_of(organizations: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for org in organizations:
        if any(key.casefold() in org.casefold() for key in _KNOWN):
            continue
        words = _NAME_WORDS.sub(" ", org).split()
        if not words or any(len(w) < 3 for w in words):
            continue
        name = " ".join(words)
        if re.search(r"s\s+(?:kommun|stad)\b", org, re.I) and name.endswith("s"):
            name = name[:-1]  # the genitive of "Falkenbergs kommun"
        out.append((org, re.compile(r"\b" + _without_diacritics_too(name) + r"s?\b", re.I)))
    return tuple(out)


def catalog_name_pattern(organization: str, organizations: list[str]) -> re.Pattern | None:
    """The pattern of a content owner's organization's own name as a message writes it
    ("mörbylånga", "Falkenbergs kommun"), with "kommun" / "stad" after it; None for the known
    regions' organizations."""
    for org, pattern in _catalog_names(organizations):
        if org == organization:
            return re.compile(r"(?:\b(?:i|in|hos|för|for)\s+)?" + pattern.pattern
                              + r"(?:\s+(?:kommun|kommune|stad|municipality))?", re.I)
    return None


#: A known organization named as the place a question is asked about, after a preposition
#: ("i halland", "hos Region Halland", "in VG", "för kommunen i Västra Götaland"), by the key
#: of ``_KNOWN``.
_PLACE_OF = {
    "Halland": r"(?:region(?:en)?\s+)?halland(?!s?jour)(?:s\s+region)?",
    "Västra Götaland": r"(?:(?:en\s+)?kommun(?:en)?\s+i\s+)?(?:v[äa]stra\s*g[öo]taland\w*|"
                       r"vgr|vg[- ]?regionen|vg)",
}


def scope_phrase(organization: str, organizations: list[str]) -> re.Pattern | None:
    """The words of a message that name ``organization`` as the place it asks about: a content
    owner's organization by its own name (``catalog_name_pattern``), a known region's after a
    preposition ("vad kostar ett hembesök för patienten i halland"). The question is asked in
    that scope, and its words are no part of what is asked."""
    pattern = catalog_name_pattern(organization, organizations)
    if pattern is not None:
        return pattern
    for key, place in _PLACE_OF.items():
        if key.casefold() in organization.casefold():
            return re.compile(r"\b(?:i|in|inom|hos|för|for|within)\s+" + place + r"\b", re.I)
    return None


#: A known organization's place without a preposition, for a message that is only a place.
_PLACES = re.compile(r"\b(?:" + "|".join(_PLACE_OF.values()) + r")\b", re.I)
#: A known organization named after a preposition at the end of a question, or before its
#: question words: "vad är läkarmedverkan i halland", "Läkarmedverkan i Halland, vad är det".
PLACE_TAIL = re.compile(r"\s+(?:i|in|inom|hos)\s+(?:" + "|".join(_PLACE_OF.values()) + r")\b"
                        r"(?=\s*[?!.]*\s*$|[\s,:;–—-]+(?:vad|va|what)\b)", re.I)
#: The words a message asking the last question of another place may have besides the place:
#: "och i halland då?", "men hur är det i VG", "samma fråga för Region Skåne", "what about
#: Västra Götaland", "and in Halland?", "gäller det i halland också".
_ELSEWHERE_WORDS = re.compile(
    r"\b(?:och|men|samt|hur|är|blir|ser|det|de|dom|ut|gör|gäller|ni|man|då|isf|också|med|"
    r"samma|"
    # (where the asker works: "jag jobbar i västra götaland alltså, kommunen" after a fee
    # answered from Region Halland's routine was refused: walk-through, stop 39)
    r"jag|vi|jobbar|arbetar|alltså|ju|work|works|working|i'm|im|am|we're|"
    # ("i vg kommunen menar jag" after a fee answered from Region Halland's routine: walk-
    # through, stop 41, refused)
    r"menar|menade|mean|meant|"
    # (a yes to "Välj Region Halland …": "ja halland", "ok halland då" after a pointer to
    # Region Halland's routine was refused: walk-throughs, stop 43)
    r"ja|japp|jo|yes|yeah|yep|ok|okej|okay|tack|thanks|"
    # (a slip owned: "oj sorry jag menade hos oss i kommunen", "förlåt, jag menade i halland"
    # after a question asked of the other organization: walk-through RE8948, stop 51)
    r"oj|sorry|förlåt|ursäkta|"
    # ("hmm nej jag menar hos oss i kommunen i västra götaland" after a question asked with
    # Region Halland picked was refused: walk-through RE8957, stop 52)
    r"nej|nä|näe|no|nope|hmm|hm|mm|"
    # (the wrong one picked, owned: "oj jag hade valt fel, jag jobbar i kommunen i västra
    # götaland" after a question asked with Region Halland picked was refused: walk-through
    # RE8960, stop 53)
    r"hade|har|valt|valde|fel|felaktig|wrong|picked|chose|chosen|selected|had|one|"
    r"organisation(?:en)?|organization|"
    # ("gäller det hos oss i västra götaland också?", "gäller det oss i halland me?" after an
    # answer from the other organization: walk-throughs, stop 42, the enrolment criteria, or
    # the HSU decision's background)
    r"oss|vår|våra|vårt|us|our|me|"
    # ("Gäller det här för oss i kommunen i Västra Götaland?", "Är det likadant hos oss i
    # kommunen i Västra Götaland?" after an answer from Region Halland's routines got the
    # municipality's background sentence: walk-through RE8975, stop 55)
    r"här|likadant|likadan|likadana|detsamma|sak|this|here|similar|likewise|"
    # (asked out of curiosity: "ok men vad gäller i Halland då, bara av nyfikenhet" after a
    # visit's fee asked with the municipality picked: walk-through, stop 47, refused)
    r"vad|bara|av|nyfikenhet|nyfiken|undrar|undrade|curious|curiosity|just|out|of|"
    r"fråga|frågan|där|i|inom|hos|för|på|regionen|kommunen|what|about|how|and|but|is|it|does|"
    r"do|they|the|same|question|for|in|within|at|there|then|too|also|apply|regarding)\b|"
    r"[?!.,:;]", re.I)
_PREPOSITION_LAST = re.compile(r"\b(?:i|inom|hos|för|på|in|within|at|for)\s*$", re.I)


#: A name's meaning asked: "vad är VGR", "vad betyder VG", "what is VGR".
_MEANING_ASKED = re.compile(r"\s*(?:vad (?:är|betyder|står)|va e|what(?:'s| is| does))\s+"
                            r"(?:\w+\s+){0,1}?\S+\s*(?:för (?:något|nåt|någonting)|"
                            r"(?:för|stand for|mean|betyder)\s*)?[?!.]*\s*$", re.I)


def only_a_place(text: str, organizations: list[str]) -> str | None:
    """The place, with its preposition ("i halland", "in Region Skåne"), of a message that
    names an organization and nothing else to ask ("och i halland då?", "what about VG"): it
    asks the last question again of that place. None for any other message (one naming
    Hallandsjouren, a service, or asking something of its own)."""
    if _MEANING_ASKED.match(text):
        # what the name means is asked, not the last question of that place ("vad är VGR"
        # after who decides on enrolment repeated that answer: walk-through RE8948, stop 51)
        return None
    english = re.search(r"\b(?:what|about|how|and|the|same|apply|also|too)\b", text, re.I) \
        and not re.search(r"\b(?:och|hur|är|gäller|då|också|samma)\b", text, re.I)
    spans = [m.span() for _, pattern in _catalog_names(organizations)
             for m in pattern.finditer(text)]
    spans += [m.span() for m in _PLACES.finditer(text)]
    if not spans:
        spans = [m.span() for m in _OTHER_NAMED.finditer(text)] \
            or [m.span() for m in _OTHER_SHAPE.finditer(text)]
    if not spans:
        ours = _OURS.search(text)
        if ours and not _ELSEWHERE_WORDS.sub(" ", _OURS.sub(" ", text)).strip(" -?!.,"):
            # ("oj sorry jag menade hos oss i kommunen" after a question the organization
            # picked does not cover, pointed to the other: the last question of the one
            # picked, not a question of its own, which "okej men hur är det i halland då"
            # next asked again: walk-through RE8948, stop 51)
            return ours.group(0)
    # (a place denied is none asked of: "jag jobbar i kommunen i västra götaland alltså inte
    # halland" after a two-part answer was refused: walk-through, stop 41)
    denied = [(a, b) for a, b in spans if _DENIED_BEFORE.search(text[:a])]
    spans = [x for x in spans if x not in denied]
    if len(spans) != 1:
        return None
    start, end = spans[0]
    rest = text
    for a, b in sorted(denied + spans, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    if denied:
        rest = re.sub(r"\b(?:inte|ej|icke|not|utan)\b", " ", rest, flags=re.I)
    # (in their definite forms too: "och i vg-kommunen?" after a question refused with Region
    # Halland picked got the municipality's purpose: walk-through RE8941, stop 50)
    # (and the English "the VG municipality": "sorry I picked the wrong one, I work in the VG
    # municipality" was refused: stop 53)
    if _ELSEWHERE_WORDS.sub(" ", re.sub(r"\b(?:kommun(?:en)?|stad(?:en)?|region(?:en)?|län(?:et)?|"
                                       r"municipality|county)\b",
                                       " ", rest, flags=re.I)).strip(" -?!.,"):
        return None
    place = text[start:end].strip()
    before = _PREPOSITION_LAST.search(text[:start])
    return f"{before.group(0).strip()} {place}" if before else \
        f"{'in' if english else 'i'} {place}"


#: The asker's own organization, unnamed: "hos oss i kommunen", "i vår kommun".
_OURS = re.compile(r"\b(?:hos oss(?:\s+i\s+(?:kommunen|regionen))?|i vår (?:kommun|region)|"
                   r"i kommunen|at ours|in our (?:municipality|region))\b", re.I)


#: Saying the organization picked on the page was changed: "jag bytte till alla
#: organisationer", "ok bytte till halland", "i've switched to VG".
_SWITCHED = re.compile(r"\b(?:bytt|bytte|byter|byta|valde|valt|väljer|ändrade|ändrat|ställde om|"
                       r"switched|changed|picked|selected|chose|chosen)\b", re.I)
#: What such a message may say besides the switch and the place: whom it was switched to
#: ("alla organisationer") and a pointer back at the last answer ("vad blir det då", "vad
#: säger den", "vad står det där").
_SWITCH_WORDS = re.compile(
    r"\b(?:till|to|nu|now|står|stod|säger|sa|says|say|den|dem|svaret|svar|answer|blir|"
    r"alla|all|organisation|organisationer|organisationen|organization|organizations|"
    r"orgs?|rutinen|routine|the|ve|har|have|has|i've|ive|"
    r"select|väljaren|listan|list|menyn|menu)\b", re.I)


def only_a_switch(text: str, organizations: list[str]) -> bool:
    """True when ``text`` only says that the organization picked was changed, pointing back
    at the last question ("jag bytte till alla organisationer, vad blir det då", "ok bytte
    till halland, vad säger den" after an answer pointing to the other organization): it asks
    that question again of the organization now picked (walk-through RE8948, stop 51: both
    refused)."""
    if not _SWITCHED.search(text):
        return False
    rest = _SWITCHED.sub(" ", text)
    for _, pattern in _catalog_names(organizations):
        rest = pattern.sub(" ", rest)
    rest = _PLACES.sub(" ", rest)
    rest = re.sub(r"\b(?:kommun(?:en)?|region(?:en)?)\b", " ", rest, flags=re.I)
    return not _ELSEWHERE_WORDS.sub(" ", _SWITCH_WORDS.sub(" ", rest)).strip(" -?!.,'")


def without_places(text: str, organizations: list[str]) -> str:
    """``text`` without the places it names after a preposition ("vem beslutar om inskrivning
    i VG" → "vem beslutar om inskrivning"), and without a known region's bare name ("jour
    halland" → "jour"): a question to ask again of another place."""
    patterns = [p for org in organizations
                if (p := scope_phrase(org, organizations)) is not None]
    patterns.append(re.compile(r"\b(?:i|in|inom|hos|för|for|within)\s+(?:"
                               + _OTHER_NAMED.pattern + r")", re.I))
    # (and a known region's bare name: "jour halland", asked again of "kommunen i vg", kept
    # Halland's name and got Hallandsjouren again: walk-through in the widget, stop 37)
    patterns.append(_PLACES)
    patterns.append(_OURS)
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def lies_in_halland(organization: str) -> bool:
    """Whether a catalog organization other than the region lies in Halland ("Falkenbergs
    kommun"): its health centres' physicians follow Region Halland's visit rules."""
    return not re.match(r"region\b", organization, re.I) \
        and bool(_KNOWN["Halland"].search(organization))


#: A place named as where someone else lives, or where the patient comes from, not whose
#: routines are asked: "dottern hjälper till men bor i Borås" (walk-through RE8926, stop 48:
#: "Kunskapsbasen innehåller inga rutiner från Borås" for a municipality nurse's story),
#: "pat flyttar från kungsbacka till oss".
_ELSEWHERE_BEFORE = re.compile(
    r"\b(?:dotter|dottern|döttrar\w*|son|sonen|söner\w*|anhörig\w*|make|maken|maka|makan|"
    r"fru|frun|barn|barnen|barnbarn\w*|syster\w*|bror|brodern|släkt\w*|daughter|son|wife|"
    r"husband|family|relatives?)\b[^.!?]{0,40}\b(?:bor|lives?)\s+(?:i|på|in)\s+$|"
    r"\bflytt\w*\s+(?:hit\s+)?från\s+$|\bmoving\s+(?:here\s+)?from\s+$|\bmoved\s+from\s+$",
    re.I)


def find_organization(text: str, organizations: list[str]) -> Mention | None:
    """The organization ``text`` is about, or None when it names none.

    ``organizations``: the knowledge base's organization names. A known one named in the text
    wins over another one (a physician from Skåne asking about Halland's routine asks about
    Halland).
    """
    # (an organization a content owner published routines for, named by its own name, before
    # the region it lies in: "vilken nyckelrutin gällde i falkenberg 1 dec 2025" with
    # "Falkenbergs kommun" published got Region Halland's registration routine: walk-through,
    # stop 36)
    named = sorted([(m.start(), 0, org, org) for org, pattern in _catalog_names(organizations)
                    for m in pattern.finditer(text)]
                   + [(m.start(), 1, key, None) for key, pattern in _KNOWN.items()
                      for m in pattern.finditer(text)])
    # a denied one is not the one asked about ("jag jobbar i västra götaland inte halland"),
    # and the user's own place beats a word echoed from an answer ("hallandsjouren? vi är ju
    # i västra götaland": walk-through, stop 23, got Halland's night duty twice)
    kept = [n for n in named if not _DENIED_BEFORE.search(text[:n[0]])
            and not _ELSEWHERE_BEFORE.search(text[:n[0]])]
    own = [n for n in kept if _OWN_BEFORE.search(text[:n[0]])]
    for start, _, key, catalog in own[:1] or kept[:1]:
        known = catalog or _known_name(key, organizations)
        if known is not None:
            return Mention(known, known, own=bool(own))
        return Mention(key, None, own=bool(own))
    m = next((m for m in _OTHER_NAMED.finditer(text)
              if not _ELSEWHERE_BEFORE.search(text[:m.start()])), None)
    if m:
        if m.group(0).casefold() == "takecare":  # Region Stockholm's journal system
            return Mention("Region Stockholm", None)
        name = m.group(1) or m.group(0)
        if m.group(1):
            # (the name as Sweden spells it: "Skane" is Skåne)
            canonical = next((spelled for pattern, spelled in _NAME_FORMS
                              if pattern.fullmatch(m.group(1))), None)
            if canonical is not None and canonical.casefold() != m.group(1).casefold():
                return Mention(_display(canonical, m.group(0).replace(m.group(1), canonical)),
                               None)
        return Mention(_display(name, m.group(0)), None)
    for m in _OTHER_SHAPE.finditer(text):
        if _ELSEWHERE_BEFORE.search(text[:m.start()]):
            continue
        name = next(g for g in m.groups() if g)
        if any(k.casefold() in name.casefold() for k in _KNOWN) or _MATTER_WORD.search(name):
            # (a matter before "kommun" is no place: "avgift hemsjukvård kommun" in the widget
            # was told the knowledge base holds no routines from "Hemsjukvård kommun":
            # walk-through, stop 36)
            continue
        found = m.group(0).strip()
        return Mention(found[:1].upper() + found[1:], None)
    return None


def _display(name: str, matched: str) -> str:
    """'Region Skåne' for "region skåne", 'Malmö stad' for "malmö stad", else the name."""
    words = matched.split()
    if len(words) > 1:
        return " ".join(w.capitalize() if w.lower() in ("region", "landstinget") else
                        (w if w.lower() in ("kommun", "stad", "i") else w.capitalize())
                        for w in words)
    return name.capitalize() if name.islower() else name


def resolve_scope(mention: Mention | None, requested: str | None,
                  organizations: list[str]) -> tuple[str | None, Mention | None]:
    """(the organization to answer from, an unknown organization to say we lack).

    The message's own mention wins over the request's ``organization`` (or the instance's
    default): "hur gör ni i Region Skåne?" asked on Halland's intranet is about Skåne.
    """
    if mention is not None:
        return (mention.known, None) if mention.known else (None, mention)
    if requested:
        match = next((o for o in organizations if o.casefold() == requested.casefold()), None)
        if match is None:
            match = next((o for o in organizations
                          if requested.casefold() in o.casefold()), None)
        if match is None:
            return None, Mention(requested, None)
        return match, None
    return None, None
