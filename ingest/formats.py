"""Read a file of any supported format into blocks: plain lines, or headings, lists and tables.

Plain text, Markdown bodies and PDF pages come back as ``raw`` blocks of lines for
``ingest.cleaning`` to mend; Word and HTML come back already structured (their heading levels,
list items and tables are known), with the same inline cleaning still to be applied.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from ingest.blocks import Block, Line

log = logging.getLogger("rutin.ingest")

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


class UnreadableDocument(Exception):
    """A file that cannot be ingested; ``reason`` says why, in Swedish, for the admin page."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


def read_blocks(path: Path, warnings: list[str] | None = None) -> list[Block]:
    """Read ``path`` into blocks in reading order.

    ``warnings`` (if given) receives Swedish notes about recoverable problems (e.g. a text file
    that was not UTF-8). Raises ``UnreadableDocument`` for an unsupported, empty, corrupt or
    encrypted file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnreadableDocument(
                path.name, f"filtypen {path.suffix.lower() or '(ingen)'} stöds inte; använd "
                f"{', '.join(SUPPORTED_SUFFIXES)}") from error
        raise UnreadableDocument(path.name, f"filen kunde inte läsas ({error.strerror})") from error
    return read_data_blocks(path.name, data, warnings)


def read_data_blocks(filename: str, data: bytes, warnings: list[str] | None = None) -> list[Block]:
    """Like ``read_blocks``, for the bytes of a file named ``filename`` (an upload)."""
    path = Path(filename)
    warnings = warnings if warnings is not None else []
    suffix = path.suffix.lower()
    readers = {
        ".txt": _read_txt,
        ".md": _read_markdown,
        ".pdf": _read_pdf,
        ".docx": _read_docx,
        ".html": _read_html,
        ".htm": _read_html,
    }
    reader = readers.get(suffix)
    if reader is None:
        raise UnreadableDocument(
            path.name,
            f"filtypen {suffix or '(ingen)'} stöds inte; använd {', '.join(SUPPORTED_SUFFIXES)}",
        )
    if not data.strip():
        raise UnreadableDocument(path.name, "filen är tom")
    blocks = reader(path, data, warnings)
    if not any((b.text.strip() or any(line.text.strip() for line in b.lines)) for b in blocks):
        raise UnreadableDocument(path.name, "dokumentet innehåller ingen text")
    return blocks


# --- plain text and Markdown -------------------------------------------------------------


def decode_text(filename: str, data: bytes, warnings: list[str]) -> str:
    """Decode as UTF-8 (BOM allowed), UTF-16 with a BOM, or else Windows-1252 with a warning.

    Raises ``UnreadableDocument`` for what is not text: NUL bytes, control characters, or bytes
    that are neither UTF-8 nor look like text in Windows-1252 (random or binary data), so that
    it is reported by name like a corrupt PDF instead of being indexed as gibberish.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(filename, NOT_TEXT) from None
        check_text(filename, text)
        return _without_controls(text)
    if b"\x00" in data:
        raise UnreadableDocument(filename, "filen innehåller binära data (NUL-byte) och är "
                                           "ingen textfil")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        mended = data.decode("utf-8", errors="replace")
        invalid = mended.count("\ufffd")
        valid = sum(1 for ch in mended if ord(ch) > 127 and ch != "\ufffd")
        if valid > invalid and invalid <= max(2, len(mended) * MAX_ODD_SHARE):
            # UTF-8 with a few damaged bytes (Windows-1252 text has no valid UTF-8 sequences).
            message = f"{filename}: {invalid} ogiltiga UTF-8-byte ersatta"
            log.warning(message)
            warnings.append(message)
            check_text(filename, mended)
            return _without_controls(mended)
        text = data.decode("cp1252", errors="replace")
        # Text in Windows-1252 is mostly ASCII and Latin letters; random or binary bytes are
        # not (a third of them decode to symbols, controls or nothing).
        odd = sum(1 for ch in text if not _plausible(ch))
        if odd > max(2, len(text) * MAX_ODD_SHARE):
            raise UnreadableDocument(filename, NOT_TEXT)
        message = f"{filename}: inte UTF-8, läst som Windows-1252 (cp1252)"
        log.warning(message)
        warnings.append(message)
    check_text(filename, text)
    return _without_controls(text)


#: The reason given for a file that is neither UTF-8 nor text in another encoding.
NOT_TEXT = ("filen är ingen text: den är varken giltig UTF-8 eller läsbar text i någon annan "
            "teckenkodning (binära eller skadade data)")
#: The largest share of characters that do not belong in a routine's text (controls,
#: replacement characters, and in Windows-1252 symbols and undefined bytes) a file may hold.
MAX_ODD_SHARE = 0.01
_PLAUSIBLE_EXTRA = set("–—‘’‚“”„•…€§°½¼¾±×²³µ«»·©®™¤ßÆæØøÅåÄäÖöÉéÈèÜüÁáÍíÓóÚúÑñ")


def _plausible(ch: str) -> bool:
    """True for a character text in Windows-1252 is made of: ASCII, Latin letters, the usual
    typography."""
    return (" " <= ch <= "~") or ch in "\t\n\r\f" or ch in _PLAUSIBLE_EXTRA or (
        "\u00c0" <= ch <= "\u00ff" and ch.isalpha())


def _control(ch: str) -> bool:
    """A control character (other than tab, line and page breaks) or a replacement character."""
    return ch == "\ufffd" or (ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")


def _without_controls(text: str) -> str:
    """``text`` without the stray control characters ``check_text`` lets through (a vertical
    tab, Word's manual line break, becomes one)."""
    text = text.replace("\v", "\n")
    if not any(_control(ch) and ch != "\ufffd" for ch in text):
        return text
    return "".join(ch for ch in text if ch == "\ufffd" or not _control(ch))


def check_text(filename: str, text: str) -> None:
    """Raise ``UnreadableDocument`` if ``text`` holds a NUL or more than a stray control
    character (a binary file that happened to decode)."""
    if "\x00" in text:
        raise UnreadableDocument(filename, "filen innehåller binära data (NUL-tecken) och är "
                                           "ingen textfil")
    controls = sum(1 for ch in text if _control(ch))
    if controls > max(2, len(text) * MAX_ODD_SHARE):
        raise UnreadableDocument(filename, f"filen innehåller {controls} styrtecken eller "
                                           "ogiltiga tecken och är ingen läsbar text (binära "
                                           "eller skadade data)")


def text_lines(text: str) -> list[Line]:
    """Split text into lines; a line that starts with a single space marks a new page.

    The bundled seeds were extracted from PDF and slides, where each page's first line kept one
    leading space (e.g. ' Registrering i Cosmic', ' Beslut HSU 2026-03-03').
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw in text.split("\n"):
        page_start = raw.startswith("\f") or bool(re.match(r"^ \S", raw))
        lines.append(Line(raw.replace("\f", ""), page_start=page_start))
    return lines


def _read_txt(path: Path, data: bytes, warnings: list[str]) -> list[Block]:
    return [Block("raw", lines=text_lines(decode_text(path.name, data, warnings)))]


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def _read_markdown(path: Path, data: bytes, warnings: list[str]) -> list[Block]:
    blocks: list[Block] = []
    pending: list[Line] = []
    links: list[str] = []
    in_fence = False
    previous_was_row = False
    for line in text_lines(decode_text(path.name, data, warnings)):
        text = line.text
        if text.strip().startswith("```"):
            in_fence = not in_fence
            continue
        match = None if in_fence else _MD_HEADING.match(text)
        is_row = not in_fence and text.strip().startswith("|")
        if (match or is_row) and pending:
            blocks.append(Block("raw", lines=pending))
            pending = []
        if match:
            blocks.append(Block("heading", _strip_md_inline(match.group(2)), len(match.group(1))))
            continue
        if is_row:
            cells = [_strip_md_inline(c.strip()) for c in text.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the |---|---| rule under a table's head
            row = " | ".join(cells)
            if blocks and blocks[-1].kind == "table" and previous_was_row:
                blocks[-1].text += "\n" + row
            else:
                blocks.append(Block("table", row))
            previous_was_row = True
            continue
        previous_was_row = False
        # A link keeps its words in the text; the address goes to the document's links.
        links.extend(markdown_links(text))
        text = _MD_LINK.sub(lambda m: m.group(1), text)
        pending.append(Line(_strip_md_inline(text), page_start=False))
    if pending:
        blocks.append(Block("raw", lines=pending))
    blocks.extend(Block("link", href) for href in dict.fromkeys(links))
    return blocks


def _strip_md_inline(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    return text.replace("`", "")


def markdown_links(text: str) -> list[str]:
    """The addresses of Markdown links in ``text``."""
    return [m.group(2) for m in _MD_LINK.finditer(text)]


# --- PDF ---------------------------------------------------------------------------------


def _read_pdf(path: Path, data: bytes, warnings: list[str]) -> list[Block]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as error:  # pypdf raises several types for unsupported crypto
                raise UnreadableDocument(path.name, "PDF-filen är krypterad") from error
            if not opened:
                raise UnreadableDocument(path.name, "PDF-filen är lösenordsskyddad")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UnreadableDocument(path.name, "PDF-filen är skadad och kan inte läsas") from error
    if not any(page.strip() for page in pages):
        raise UnreadableDocument(
            path.name, "PDF-filen innehåller ingen text (kanske en inskannad bild utan textlager)"
        )
    page_lines = [[line.rstrip() for line in page.splitlines()] for page in pages]
    repeated = _repeated_page_furniture(page_lines)
    lines: list[Line] = []
    furniture: dict[str, str] = {}
    for number, page in enumerate(page_lines):
        first = True
        for text in page:
            if _furniture_key(text) in repeated:
                furniture.setdefault(_furniture_key(text), text)
                continue
            lines.append(Line(text, page_start=first and bool(text.strip()) and number > 0))
            if text.strip():
                first = False
        lines.append(Line(""))
    # The running header and footer are dropped, but shown in the preview and read by the
    # catalog suggestions (a footer often names the organization).
    return [Block("raw", lines=lines)] + [
        Block("paragraph", text, junk="sidhuvud, sidfot eller sidnummer")
        for text in furniture.values()
    ]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _repeated_page_furniture(pages: list[list[str]]) -> set[str]:
    """Headers and footers: a first or last line that recurs (digits aside) on most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        nonblank = [line for line in page if line.strip()]
        edges = {_furniture_key(line) for line in nonblank[:1] + nonblank[-1:]}
        counts.update(edges)
    threshold = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= threshold and key}


# --- Word ----------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)


def _read_docx(path: Path, data: bytes, warnings: list[str]) -> list[Block]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        items = list(document.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        reason = "Word-filen är skadad eller inte en .docx-fil"
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            reason = "Word-filen är krypterad eller i det gamla .doc-formatet; spara den som .docx"
        raise UnreadableDocument(path.name, reason) from error
    except Exception as error:  # lxml and zip errors of a damaged package
        raise UnreadableDocument(path.name, "Word-filen är skadad och kan inte läsas") from error

    blocks: list[Block] = []
    for item in items:
        if isinstance(item, Table):
            text = _docx_table_text(item)
            if text:
                blocks.append(Block("table", text))
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        match = _HEADING_STYLE.match(style.strip())
        if match:
            # One below the Title style, so the document's title stays above its headings.
            blocks.append(Block("heading", " ".join(text.split()), int(match.group(1)) + 1))
        elif style.strip().lower() in ("title", "rubrik"):
            blocks.append(Block("heading", " ".join(text.split()), 1))
        elif "list" in style.lower() or "lista" in style.lower() or _has_numbering(item):
            blocks.append(Block("list", "- " + text))
        else:
            # A manual line break inside a paragraph is kept as a line for the cleaner.
            blocks.append(Block("paragraph", text))
    return blocks


def _has_numbering(paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.numPr is not None


def _docx_table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell repeats in python-docx's row.cells; keep it once.
            if cells and cells[-1] == text and text:
                continue
            cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


# --- HTML ----------------------------------------------------------------------------------

_HTML_BLOCK_CONTAINERS = {
    "html", "body", "main", "article", "section", "div", "header", "footer", "aside", "form",
    "center", "figure", "details", "summary", "dl", "blockquote",
}  # fmt: skip
_HTML_PARAGRAPHS = {"p", "pre", "dt", "dd", "caption", "figcaption", "address"}
_HTML_SKIP = {"script", "style", "noscript", "template", "head", "svg", "button"}
# The class, id, role or label of a page's furniture (a cookie banner, a breadcrumb trail, the
# menus and the share/print tools of an intranet page): a word that starts with one of these.
_HTML_JUNK = (
    (("cookie", "kakor", "consent", "samtycke"), "kakbanner (cookies)"),
    (("breadcrumb", "brodsmul", "brödsmul"), "brödsmulor (sökväg på webbplatsen)"),
    (("nav", "menu", "meny", "skip", "sidebar", "sidomeny", "toolbar", "ribbon", "share", "social",
      "dela", "print", "skrivut", "verktyg", "pagetools", "footer", "sidfot"),
     "navigering eller sidverktyg"),
)


def html_junk_reason(tag) -> str:
    """Why an HTML element is page furniture rather than the routine's text, or ''."""
    if tag.name == "nav":
        return "navigering eller sidverktyg"
    if tag.name == "footer" and tag.find_parent("article") is None:
        return "navigering eller sidverktyg"
    # The site's banner (logo, site name, search) above the page; an article's own header
    # holds its title and is kept.
    if tag.name == "header" and tag.find_parent(["article", "main"]) is None and not tag.find(
            ["h1", "h2", "p"]):
        return "navigering eller sidverktyg"
    described = [tag.get("id") or "", tag.get("role") or "", tag.get("aria-label") or ""]
    described += tag.get("class") or []
    words = re.split(r"[^0-9a-zåäö]+", " ".join(described).lower())
    for prefixes, reason in _HTML_JUNK:
        if any(word.startswith(prefixes) for word in words if word):
            return reason
    return ""


def _read_html(path: Path, data: bytes, warnings: list[str]) -> list[Block]:
    from bs4 import BeautifulSoup

    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(path.name, "filen innehåller binära data (NUL-byte) och är "
                                            "ingen HTML-fil")
    try:
        soup = BeautifulSoup(data, "html.parser")
    except Exception as error:  # bs4 rarely fails, but a binary file can trip the parser
        raise UnreadableDocument(path.name, "HTML-filen kan inte tolkas") from error
    blocks: list[Block] = []
    links: list[str] = []
    root = soup.body or soup
    _walk_html(root, blocks, links)
    check_text(path.name, "\n".join(b.text for b in blocks))
    for href in dict.fromkeys(links):
        blocks.append(Block("link", href))
    return blocks


def _html_text(node) -> str:
    text = " ".join(node.get_text(" ", strip=True).split())
    # get_text puts a space between an inline element and the punctuation after it
    return re.sub(r" ([.,;:!?)])(?=\s|$)", r"\1", text)


def _walk_html(node, blocks: list[Block], links: list[str]) -> None:
    from bs4 import NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString and child.strip():
                blocks.append(Block("paragraph", " ".join(child.split())))
            continue
        if not isinstance(child, Tag) or child.name in _HTML_SKIP:
            continue
        junk = html_junk_reason(child)
        if junk:
            text = _html_text(child)
            if text:
                blocks.append(Block("paragraph", text, junk=junk))
            continue
        # an <a> without href (a named anchor, a SharePoint breadcrumb link) has no address
        anchors = child.find_all("a", href=True) if child.name != "a" else [child]
        for anchor in anchors:
            if (anchor.get("href") or "").startswith(("http://", "https://")):
                links.append(anchor["href"])
        name = child.name
        if re.fullmatch(r"h[1-6]", name):
            text = _html_text(child)
            if text:
                blocks.append(Block("heading", text, int(name[1])))
        elif name == "table":
            text = _html_table_text(child)
            if text:
                blocks.append(Block("table", text))
        elif name in ("ul", "ol"):
            items = [_html_text(li) for li in child.find_all("li", recursive=False)]
            items = [item for item in items if item]
            if items:
                blocks.append(Block("list", "\n".join(f"- {item}" for item in items)))
        elif name in _HTML_PARAGRAPHS:
            text = _html_text(child)
            if text:
                blocks.append(Block("paragraph", text))
        elif name in _HTML_BLOCK_CONTAINERS or child.find(
            ["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"]
        ):
            _walk_html(child, blocks, links)
        else:
            text = _html_text(child)
            if text:
                blocks.append(Block("paragraph", text))


def _html_table_text(table) -> str:
    rows = []
    for row in table.find_all("tr"):
        cells = [_html_text(cell) for cell in row.find_all(["th", "td"])]
        if any(cells):
            rows.append(" | ".join(cells))
    caption = table.find("caption")
    head = [_html_text(caption)] if caption and _html_text(caption) else []
    return "\n".join(head + rows)
