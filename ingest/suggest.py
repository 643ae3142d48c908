"""Suggest a document's catalog fields from its text, for a content owner to confirm or correct.

``suggest_catalog(filename, data)`` reads the title, the organization, the kind, the dates, a
document id such as RH-12272 and what the document replaces, each with the text it was read from
(``evidence``), so the admin page and ``rutin catalog suggest`` can show why. Nothing is guessed
beyond what the text says: a document that names no validity gets none (and a warning), so an
undated agreement or a temporary COVID rule is never suggested as in force today without end.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ingest import junk
from ingest.blocks import Block
from ingest.cleaning import clean_blocks, normalize_inline
from ingest.formats import read_data_blocks
from ingest.sections import mark_headings


@dataclass
class CatalogSuggestion:
    """Catalog fields read from a document's text; None where the text does not say.

    ``kind`` is one of ``ingest.catalog.KINDS``. ``valid_to`` is exclusive like the catalog's (a
    text's "gäller till 2025-12-31" gives 2026-01-01). ``evidence`` maps each suggested field to
    the line it was read from; ``warnings`` are Swedish notes for the person confirming.
    """

    title: str | None = None
    organization: str | None = None
    kind: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    document_id: str | None = None
    supersedes: str | None = None
    published: date | None = None
    evidence: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """A JSON-ready dict (dates as ISO strings)."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, date):
                out[key] = value.isoformat()
        return out


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_DATE = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b|"
    r"\b(?P<day>[0-3]?\d)(?:\s*:e)?\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?P<a>(?:19|20)\d\d-[01]\d-[0-3]\d)\s*(?:–|-|—|till|t\.o\.m\.?|tom)\s*"
                    r"(?P<b>(?:19|20)\d\d-[01]\d-[0-3]\d)")
_YEAR_RANGE = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*[–—-]\s*(?P<b>(?:19|20)\d\d)\b")

_FROM = re.compile(
    r"(?:börjar gälla|gäller (?:från|fr\.?\s?o\.?\s?m\.?|från och med)|giltig (?:från|fr\.?\s?o\.?\s?m\.?)|"
    r"träder i kraft|ikraftträdande(?:datum)?|gäller from|giltig from|införs)",
    re.IGNORECASE)
_TO = re.compile(
    r"(?:gäller (?:till|t\.?\s?o\.?\s?m\.?|till och med)|giltig (?:till|t\.?\s?o\.?\s?m\.?)|"
    r"upphör att gälla|giltighetstid till|gäller längst till)",
    re.IGNORECASE)
_VALIDITY = re.compile(r"\bgiltighet(?:stid)?\b|\bavtalsperiod\b|\bperiod\b", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^(?:datum|senast uppdaterad|uppdaterad|uppdaterat|fastställd|fastställt|beslutsdatum|"
    r"publicerad|dokumentdatum|upprättad|godkänd)\b"
    # (a change log's heading, "Uppdaterat från föregående version", dates the versions before:
    # a new version of the Cosmic routine was proposed as published 2025-03-31, its first
    # entry: walk-through, stop 46)
    r"(?!\s+(?:från|sedan)\s+(?:föregående|förra|tidigare))", re.IGNORECASE)
# ("Fastställd av verksamhetschef … 2026-08-20" after the validity on the same line: walk-
# through, stop 42, left the decision date empty)
_DECISION = re.compile(r"\b(?:beslut(?:ad|ade|at|et)?|beslöt|fattade beslut|fastställ(?:d|t|des))\b",
                       re.IGNORECASE)
#: The end of a validity said after its start: "Gäller från 2026-09-01 till och med 2027-08-31".
_UNTIL_BETWEEN = re.compile(r"^\W*(?:till och med|t\.?\s?o\.?\s?m\.?|till|[–—-])\W*$",
                            re.IGNORECASE)
_TEMPORARY = re.compile(
    r"\b(?:covid(?:-19)?|corona\w*|pandemi\w*|"
    r"(?:tillfällig|tidsbegränsad)[at]? (?:rutin\w*|regel|regler|riktlinje\w*|arbetssätt|"
    r"beslut\w*|ändring\w*|åtgärd\w*))\b", re.IGNORECASE)


def _parse(match: re.Match) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        return date(int(match.group("year")), _MONTHS[match.group("month").lower()],
                    int(match.group("day")))
    except ValueError:
        return None


def _dates(text: str) -> list[date]:
    return [d for d in (_parse(m) for m in _DATE.finditer(text)) if d is not None]


def _date_after(pattern: re.Pattern, line: str, window: int = 60) -> date | None:
    match = pattern.search(line)
    if not match:
        return None
    found = _dates(line[match.end(): match.end() + window])
    return found[0] if found else None


# --- organizations, kinds, ids ----------------------------------------------------------------

_REGIONS = (
    "Halland", "Skåne", "Stockholm", "Uppsala", "Östergötland", "Jönköpings län", "Kronoberg",
    "Kalmar län", "Gotland", "Blekinge", "Värmland", "Örebro län", "Västmanland", "Dalarna",
    "Gävleborg", "Västernorrland", "Jämtland Härjedalen", "Västerbotten", "Norrbotten", "Sörmland",
)
_ORGANIZATION = re.compile(
    r"\b(?P<region>Region (?:" + "|".join(_REGIONS) + r"))\b|"
    r"\b(?P<vgr>Västra Götalandsregionen|VGR)\b|"
    r"\b(?P<kommun>[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?s? kommun)\b"
)
# Words that stand before "kommun" without naming one ("Varje kommun", "Din kommun").
_NOT_A_MUNICIPALITY = frozenset(
    "varje din er vår den denna aktuell aktuella respektive annan ansvarig berörd hemmets "
    "patientens boende bosättnings bosättningskommun en ny nya samma".split())
_ORG_LABEL = re.compile(r"^(?:organisation|utgivare|förvaltning|huvudman|avsändare|ägare)\s*[:|]\s*"
                        r"(?P<value>.+)$", re.IGNORECASE)

# The kinds the catalog accepts, from the words a document calls itself by.
_KIND_WORDS = (
    ("decision", r"beslut|protokoll(?:sutdrag)?|beslutsunderlag|beslutsförslag|tjänsteskrivelse"),
    ("report", r"rapport|uppföljning|utredning|nulägesanalys|analys|årsrapport|utvärdering"),
    ("routine", r"rutin|riktlinje|riktlinjer|instruktion|arbetsbeskrivning|vårdprogram|"
                r"checklista|lathund|handbok|pm|anvisning|arbetsrutin"),
    ("document", r"överenskommelse|avtal|policy|samverkansavtal|information|informationsblad"),
)
_KIND_LABEL = re.compile(r"^(?:dokumenttyp|dokumentslag|typ av dokument|typ)\s*[:|]\s*(?P<value>.+)$",
                         re.IGNORECASE)
_DOC_ID = re.compile(r"\b(?P<id>[A-ZÅÄÖ]{2,6}-\d{3,7}(?:-\d+)?)\b")
_ID_LABEL = re.compile(
    r"(?:dokument-?id|dok\.?\s?-?id|dokumentnummer|dokumentnr|diarienummer|diarienr|dnr|"
    r"id-?nummer|reg\.?\s?nr)\s*[:|]?\s*(?P<id>[A-ZÅÄÖ]{0,6}[ -]?[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9\-/.]{3,24})",
    re.IGNORECASE)
_SUPERSEDES = re.compile(
    r"(?:ersätter|upphäver|förra version(?:en)?|tidigare version(?:en)?|föregående version(?:en)?)",
    re.IGNORECASE)

# Lines that are never a title: a classification label, a site name, the kind word alone.
_NOT_TITLE = re.compile(
    r"^(?:protected|skyddad|intern(?:t)?|internal|confidential|konfidentiell|öppen|publik|"
    r"offentlig|sekretess|begränsad|classification|klassificering|känslighet|informationsklass)"
    r"\b.{0,40}$|"
    r"^(?:rutin|riktlinje|rapport|beslut|överenskommelse|instruktion|pm|dokument|"
    r"tjänsteskrivelse|beslutsförslag|protokoll)\s*:?$|"
    r"\b(?:intranät|intranätet|insidan|vårdgivarwebben|vårdgivarwebb|medarbetarwebben)\b|"
    r"^(?:region \w+|västra götalandsregionen|[\wåäö-]+ kommun)$|"
    r"^(?:innehåll|innehållsförteckning|sida \d+.*)$|"
    # a validity or approval line ("Gäller från 2026-11-01", "Fastställd av …")
    r"^(?:gäller\s+(?:från|fr\.?o\.?m\.?)|giltig\w*\s+från|fastställd|beslutad|godkänd|"
    r"upprättad|reviderad|datum|version)\b",
    re.IGNORECASE)
# A document's first line naming its kind ("Rutin för hantering av nycklar …"): its title, even
# when the reader joined the next line to it (walk-through, stop 19: the title was suggested
# from line 2 or from "Gäller från 2026-11-01").
_KIND_TITLE = re.compile(r"^(?:rutin|riktlinje|rapport|beslut|instruktion|pm|handlingsplan|"
                         r"överenskommelse|policy|vägledning)\b\s+\S", re.IGNORECASE)
_SECTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:syfte|bakgrund|inledning|sammanfattning|omfattning|ansvar|"
    r"förutsättningar|definitioner|innehåll|förslag till beslut|ärendet|beslut)$", re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^(?:titel|dokumentnamn|dokumenttitel|rubrik|namn på rutin)\s*[:|]\s*"
                          r"(?P<value>.+)$", re.IGNORECASE)


# --- reading ----------------------------------------------------------------------------------


def document_lines(blocks: list[Block]) -> list[str]:
    """Every line of the read file, furniture included (page information holds dates)."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "link":
            continue
        texts = [line.text for line in block.lines] if block.kind == "raw" else block.text.split("\n")
        for text in texts:
            text = normalize_inline(text)
            if text:
                lines.append(text)
    return lines


def _sentences(lines: list[str]) -> list[str]:
    """The lines with wrapped sentences joined, so a phrase broken over two lines is found."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1][-1:] not in ".:!?" and line[:1].islower():
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _html_title(data: bytes) -> str | None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        return normalize_inline(heading.get_text(" ", strip=True))
    if soup.title and soup.title.get_text(strip=True):
        # "Rutin för X - Vårdgivarwebben": the part before the site name
        return re.split(r"\s+[|–—-]\s+", normalize_inline(soup.title.get_text(" ", strip=True)))[0]
    return None


def _good_title(text: str) -> bool:
    return (
        3 <= len(text) <= 150
        and not _NOT_TITLE.search(text)
        and junk.line_reason(text) is None
        and not _DATE.fullmatch(text.strip())
        and not _DOC_ID.fullmatch(text.strip())
        and any(ch.isalpha() for ch in text)
    )


def suggest_catalog(filename: str, data: bytes) -> CatalogSuggestion:
    """Suggest the catalog fields of the file ``filename`` with contents ``data``.

    Raises ``ingest.formats.UnreadableDocument`` for a file that cannot be read.
    """
    warnings: list[str] = []
    blocks = read_data_blocks(filename, data, warnings)
    lines = document_lines(blocks)
    sentences = _sentences(lines)
    suggestion = CatalogSuggestion()
    _suggest_title(suggestion, filename, data, blocks, lines)
    _suggest_organization(suggestion, lines)
    _suggest_kind(suggestion, lines)
    _suggest_ids(suggestion, sentences)
    _suggest_dates(suggestion, sentences)
    return suggestion


def _suggest_title(s: CatalogSuggestion, filename: str, data: bytes, blocks: list[Block],
                   lines: list[str]) -> None:
    for line in lines[:40]:
        match = _TITLE_LABEL.match(line)
        if match and _good_title(match.group("value").strip()):
            s.title, s.evidence["title"] = match.group("value").strip(), line
            return
    if Path(filename).suffix.lower() in (".html", ".htm"):
        title = _html_title(data)
        if title and _good_title(title):
            s.title, s.evidence["title"] = title, title
            return
    first = next((line.strip() for line in lines if line.strip()), "")
    if _KIND_TITLE.match(first) and _good_title(first) and len(first.split()) <= 16 \
            and not first.endswith((".", ":", ";", ",")):
        s.title, s.evidence["title"] = first, first
        return
    cleaned, _ = clean_blocks(blocks, [])
    cleaned = mark_headings(cleaned)
    headings = [b for b in cleaned if b.kind == "heading" and _good_title(b.text)]
    top = [b for b in headings if b.level == 1]
    for candidate in (top[:1] or headings[:1]):
        title = candidate.text.rstrip(":").strip()
        if _SECTION_HEADING.match(title):
            break  # a section's heading, not the document's title
        s.title, s.evidence["title"] = title, candidate.text
        return
    # Else a title-like line before the first heading; a document that opens with its first
    # section ("Syfte") has no title in its text, and none is made up.
    for block in cleaned:
        if block.kind == "heading":
            return
        text = block.text.split("\n")[0].strip()
        if (block.kind == "paragraph" and _good_title(text) and len(text) <= 120
                and not text.endswith((".", ":", ";", ",")) and len(text.split()) <= 16):
            s.title, s.evidence["title"] = text, text
            return


def _suggest_organization(s: CatalogSuggestion, lines: list[str]) -> None:
    for line in lines[:40]:
        match = _ORG_LABEL.match(line)
        if match:
            s.organization, s.evidence["organization"] = match.group("value").strip(), line
            return
    found: list[tuple[int, str, str]] = []  # (line number, organization, line)
    for number, line in enumerate(lines):
        for match in _ORGANIZATION.finditer(line):
            if match.group("region"):
                name = match.group("region")
            elif match.group("vgr"):
                name = "Västra Götalandsregionen"
            else:
                name = match.group("kommun")
                if name.split()[0].lower() in _NOT_A_MUNICIPALITY:
                    continue
                name = name[0].upper() + name[1:]
            found.append((number, name, line))
    if not found:
        return
    # The organization named in the page's head (its first lines) is the publisher; elsewhere
    # the one named most often (a municipality's routine names the region it works with).
    head = [f for f in found if f[0] < 8]
    if head:
        number, name, line = head[0]
    else:
        counts: dict[str, int] = {}
        for _, name, _ in found:
            counts[name] = counts.get(name, 0) + 1
        best = max(counts, key=lambda n: (counts[n], -next(f[0] for f in found if f[1] == n)))
        number, name, line = next(f for f in found if f[1] == best)
    s.organization, s.evidence["organization"] = name, line


def _kind_of(text: str) -> str | None:
    lowered = text.lower()
    for kind, words in _KIND_WORDS:
        if re.search(rf"(?:^|[\s(–-])(?:{words})(?:en|er|erna|et|s)?\b", lowered):
            return kind
    return None


def _suggest_kind(s: CatalogSuggestion, lines: list[str]) -> None:
    for line in lines[:40]:
        match = _KIND_LABEL.match(line)
        if match and _kind_of(match.group("value")):
            s.kind, s.evidence["kind"] = _kind_of(match.group("value")), line
            return
    candidates = ([s.title] if s.title else []) + [
        line for line in lines[:12]
        if len(line) <= 80 and junk.line_reason(line) is None and line[:1].isalnum()]
    for text in candidates:
        kind = _kind_of(text)
        if kind:
            s.kind, s.evidence["kind"] = kind, text
            return


_NAMES_DOCUMENT = re.compile(r"\b(?:rutin\w*|dokument\w*|version\w*|riktlinje\w*|instruktion\w*|"
                             r"anvisning\w*|PM|policy\w*|routine|document|guideline)\b", re.I)


def _suggest_ids(s: CatalogSuggestion, sentences: list[str]) -> None:
    replaced_ids: set[str] = set()
    for sentence in sentences:
        match = _SUPERSEDES.search(sentence)
        if not match or s.supersedes:
            continue
        after = sentence[match.start():]
        found = _DOC_ID.search(after)
        if found:
            s.supersedes = found.group("id")
            replaced_ids.add(found.group("id"))
        elif not re.match(r"ersätter|upphäver", match.group(0), re.IGNORECASE):
            continue  # "Uppdaterat från föregående version": names nothing
        else:
            rest = re.sub(r"^(?:ersätter|upphäver)\s+", "", after, flags=re.IGNORECASE)
            rest = re.sub(r"^(?:den tidigare |tidigare |föregående )?(?:versionen av |version av )?",
                          "", rest, flags=re.IGNORECASE)
            rest = rest.strip(" .:\"'”“")
            if not rest or _SUPERSEDES.match(rest) or len(rest) > 140:
                continue
            quoted = re.search(r"[\"”“]([^\"”“]{4,120})[\"”“]", after)
            named = rest.split(". ")[0].rstrip(".").strip()
            if not quoted and not (_NAMES_DOCUMENT.search(named)
                                   or re.fullmatch(r"[A-ZÅÄÖ][\w-]*-\d+[\w-]*", named)):
                # "Digital kvittering ersätter blankett N1." replaces a form, not a document
                # (walk-through, stop 21: "Ersätter" was filled with "blankett N1")
                continue
            s.supersedes = quoted.group(1) if quoted else rest.split(". ")[0].rstrip(".")
        s.evidence["supersedes"] = sentence
    for sentence in sentences:
        match = _ID_LABEL.search(sentence)
        if match and not _SUPERSEDES.search(sentence[:match.start()]):
            value = match.group("id").strip(" .,;")
            if value not in replaced_ids and any(ch.isdigit() for ch in value):
                s.document_id, s.evidence["document_id"] = value, sentence
                return
    for sentence in sentences:
        if _SUPERSEDES.search(sentence):
            continue
        match = _DOC_ID.search(sentence)
        if match and match.group("id") not in replaced_ids:
            s.document_id, s.evidence["document_id"] = match.group("id"), sentence
            return


def _until_after_from(sentence: str) -> date | None:
    """The last day of a validity said after its first: "Gäller från 2026-09-01 till och med
    2027-08-31" (walk-through, stop 42: the preview left "Gäller till" empty)."""
    start = _FROM.search(sentence)
    if start is None:
        return None
    window = sentence[start.end(): start.end() + 80]
    found = list(_DATE.finditer(window))
    if len(found) >= 2 and _UNTIL_BETWEEN.match(window[found[0].end():found[1].start()]):
        return _dates(found[1].group(0))[0]
    return None


#: The sentences at a document's top, where its own dates are given.
_HEAD_SENTENCES = 8


def _suggest_dates(s: CatalogSuggestion, sentences: list[str]) -> None:
    decision: tuple[date, str] | None = None
    for index, sentence in enumerate(sentences):
        if s.valid_from is None:
            found = _date_after(_FROM, sentence)
            if found:
                s.valid_from, s.evidence["valid_from"] = found, sentence
        if s.valid_to is None:
            found = _date_after(_TO, sentence) or _until_after_from(sentence)
            if found:
                s.valid_to, s.evidence["valid_to"] = found + timedelta(days=1), sentence
        if _VALIDITY.search(sentence) and (s.valid_from is None or s.valid_to is None):
            window = sentence[_VALIDITY.search(sentence).end():][:80]
            span = _RANGE.search(window)
            if span:
                start, end = date.fromisoformat(span["a"]), date.fromisoformat(span["b"])
                if s.valid_from is None:
                    s.valid_from, s.evidence["valid_from"] = start, sentence
                if s.valid_to is None:
                    s.valid_to, s.evidence["valid_to"] = end + timedelta(days=1), sentence
            elif s.valid_to is None and re.match(r"^\W*giltighet", sentence, re.IGNORECASE):
                found = _dates(window)
                if len(found) == 1:  # "Giltighet 2028-12-31": valid until then
                    s.valid_to, s.evidence["valid_to"] = found[0] + timedelta(days=1), sentence
        if s.published is None and _PUBLISHED.match(sentence):
            found = _dates(sentence[:80])
            if not found and index + 1 < len(sentences):  # "Datum" / "2022-02-16"
                found = _dates(sentences[index + 1][:12])
                if found:
                    sentence = f"{sentence} {sentences[index + 1][:60]}"
            if found:
                s.published, s.evidence["published"] = found[0], sentence
        # (a decision's date is the document's own only near its top or in a decision: a
        # routine's change line "… enligt HSU-beslut 2026-03-03" was proposed as its
        # publication date: walk-through, stop 47)
        if decision is None and _DECISION.search(sentence) \
                and (s.kind == "decision" or index < _HEAD_SENTENCES):
            found = _dates(sentence[_DECISION.search(sentence).start():][:80])
            if found:
                decision = (found[0], sentence)
    # An agreement for a period of years ("Överenskommelse om hemsjukvård 2018–2022").
    title = s.title or ""
    years = _YEAR_RANGE.search(title)
    if years and s.valid_from is None and s.valid_to is None and int(years["a"]) < int(years["b"]):
        s.valid_from = date(int(years["a"]), 1, 1)
        s.valid_to = date(int(years["b"]) + 1, 1, 1)
        s.evidence["valid_from"] = s.evidence["valid_to"] = title
    text = "\n".join(sentences)
    temporary = _TEMPORARY.search(text)
    if decision is not None:
        if s.published is None:
            s.published, s.evidence["published"] = decision
        if s.valid_from is None and s.kind == "decision" and not temporary:
            s.valid_from, s.evidence["valid_from"] = decision
    if s.valid_from and s.valid_to and s.valid_to <= s.valid_from:
        s.warnings.append("giltig till ligger före giltig från; kontrollera datumen")
        s.valid_to = None
        s.evidence.pop("valid_to", None)
    if s.valid_from is None and s.valid_to is None:
        s.warnings.append("texten anger ingen giltighetstid; ange den, eller lämna tomt om "
                          "dokumentet gäller tills vidare")
    if temporary and s.valid_to is None:
        s.warnings.append(f"texten gäller något tillfälligt ({temporary.group(0)}) men anger inget "
                          "slutdatum; kontrollera om dokumentet fortfarande gäller")
