"""Recognising input formats and extracting plain text from HTML and .docx.

planparse reads three kinds of input: plain text, saved web pages (HTML) and Word
documents (.docx).  This module tells them apart by their content (magic bytes, a
leading ``<html`` or ``<!DOCTYPE``) and turns the two structured formats into plain
text lines:

* HTML: ``script``, ``style``, ``head``, ``nav``, page ``header``/``footer`` and
  hidden elements are dropped; paragraphs, block elements and ``<br>`` end lines;
  a table row becomes one line with its cells separated by a tab; a cell spanning rows
  repeats its text in each (a lead unit given once for two tasks).
* .docx: the paragraphs and tables of ``word/document.xml`` in body order, with
  automatic list numbers (``一、``, ``1.``, ``（一）``) written out; a table row
  becomes one line with its cells separated by a tab, vertically merged cells
  repeating their text like HTML's rowspan.

Both use only the standard library (:mod:`html.parser`, :mod:`zipfile`,
:mod:`xml.etree.ElementTree`).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

# --------------------------------------------------------------------------- #
# Binary formats recognised by their leading bytes
# --------------------------------------------------------------------------- #

#: (magic bytes at offset 0, human name) of formats planparse cannot read.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003 .doc / OLE2 document"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xca\xfe\xba\xbe", "Java class / Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: What reading a damaged, encrypted or exotic ZIP member can raise.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError, NotImplementedError)

#: Largest uncompressed document.xml accepted (guards against zip bombs).
MAX_DOCX_XML = 512 * 1024 * 1024


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or ``None`` if it is not one we know.

    ZIP archives are not reported here (a .docx is a ZIP); see :func:`zip_kind`.
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and not _looks_like_pe(data):
                continue
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/HEIF media"
    if data[:2] == b"BM" and len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00":
        return "BMP image"
    return None


def _looks_like_pe(data: bytes) -> bool:
    """Whether ``data`` (starting with ``MZ``) has a DOS header pointing at a PE header."""
    if len(data) < 0x40:
        return False
    offset = int.from_bytes(data[0x3C:0x40], "little")
    return data[offset : offset + 4] == b"PE\x00\x00" or b"\x00" in data[:0x40]


def zip_kind(zf: zipfile.ZipFile) -> str:
    """Name what a ZIP archive holds: ``"docx"`` for a Word document, else a description."""
    names = set(zf.namelist())
    if _docx_main_part(zf, names) is not None:
        return "docx"
    if "xl/workbook.xml" in names:
        return "Excel spreadsheet (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint presentation (.pptx)"
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except ZIP_ERRORS:
            mime = ""
        if mime == "application/epub+zip":
            return "EPUB book"
        if mime.startswith("application/vnd.oasis.opendocument"):
            return "OpenDocument file (.odt/.ods)"
    if any(n.endswith(".xml") and n.startswith("Doc_") for n in names) or "Doc_0/Document.xml" in names:
        return "OFD document"
    return "ZIP archive"


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #

_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s{0,4096}(?:<!--.{0,4096}?-->\s{0,4096}){0,8}"
    rb"(?:<!doctype\s{1,20}html|<html[\s>]|<head[\s>]|<meta[\s>]|<\?xml[^>]{0,200}\?>\s{0,4096}<!doctype\s{1,20}html)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_START_TEXT = re.compile(_HTML_START.pattern.decode("latin-1").replace("\\xef\\xbb\\xbf", "\ufeff"),
                              re.IGNORECASE | re.DOTALL)

_META_CHARSET = re.compile(
    rb"<meta\s[^>]{0,1024}?charset\s{0,20}=\s{0,20}[\"']?\s{0,20}([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s{0,100}<\?xml\s[^>]{0,200}?encoding\s{0,20}=\s{0,20}[\"']([A-Za-z0-9_.:-]{1,40})",
    re.IGNORECASE,
)

#: How far into the bytes of a page we look for ``<meta charset>``.
META_SCAN_BYTES = 16384


def looks_like_html(head: bytes | str) -> bool:
    """Whether a document starting with ``head`` is an HTML page (by its first tag)."""
    if isinstance(head, str):
        return _HTML_START_TEXT.match(head[:20000]) is not None
    return _HTML_START.match(head[:20000]) is not None


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in ``<meta charset>`` (or its XML declaration)."""
    head = data[:META_SCAN_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


#: Elements whose whole content is dropped.
_SKIP = frozenset({
    "script", "style", "head", "nav", "noscript", "template", "iframe", "object",
    "svg", "math", "select", "textarea", "button", "datalist", "map", "audio", "video", "xml",
})
#: Dropped unless inside an article/main/section (where they hold the article's title).
_PAGE_CHROME = frozenset({"header", "footer"})
_SECTIONING = frozenset({"article", "main", "section"})
#: Elements that end the current line where they start and where they end.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "html", "legend", "li", "listing", "main", "menu", "ol", "p", "plaintext", "pre",
    "section", "summary", "table", "ul", "xmp",
})
#: Elements whose start tag ends an open element of the same name.
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
#: Elements that may stand in <head>; any other start tag ends an unclosed head.
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template", "object"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
})
_HIDDEN_STYLE = re.compile(r"display\s{0,20}:\s{0,20}none|visibility\s{0,20}:\s{0,20}hidden", re.IGNORECASE)
#: Whitespace that HTML collapses (ASCII whitespace and the no-break space).
_HTML_WS = re.compile(r"[ \t\r\n\f\xa0]+")


class _Lines:
    """Collects text into lines; empty lines are never kept."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def text(self, text: str) -> None:
        self.parts.append(text)

    def end_line(self) -> None:
        if self.parts:
            line = _HTML_WS.sub(" ", "".join(self.parts)).strip(" ")
            self.parts.clear()
            if line:
                self.lines.append(line)

    def add_line(self, line: str) -> None:
        self.end_line()
        if line:
            self.lines.append(line)

    def finish(self) -> list[str]:
        self.end_line()
        return self.lines


@dataclass
class _Cell:
    lines: _Lines = field(default_factory=_Lines)
    has_table: bool = False
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    parent: _Lines
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    #: column -> (rows still covered, the cell's lines) of cells spanning rows
    spans: dict[int, tuple[int, list[str]]] = field(default_factory=dict)

    def layout(self, row: list[_Cell]) -> list[tuple[list[str], bool]]:
        """The row's cells by column: a cell spanning rows above repeats its text here
        (a task table's lead unit given once for two tasks), a cell spanning columns
        leaves the columns after it empty, so that columns line up with the header."""
        out: list[tuple[list[str], bool]] = []
        cells = iter(row)
        col = 0
        while True:
            if col in self.spans:
                left, lines = self.spans[col]
                out.append((lines, False))
                if left > 1:
                    self.spans[col] = (left - 1, lines)
                else:
                    del self.spans[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                if any(c >= col for c in self.spans):  # spans past the row's last cell
                    out.append(([], False))
                    col += 1
                    continue
                return out
            lines = cell.lines.finish()
            out.append((lines, cell.has_table))
            if cell.rowspan > 1:
                self.spans[col] = (cell.rowspan - 1, lines)
            out += [([], False)] * (cell.colspan - 1)
            col += cell.colspan


#: A cell with more lines (or characters) than this holds running text, not a value.
LAYOUT_CELL_LINES = 5
LAYOUT_CELL_CHARS = 500


def render_row(cells: list[tuple[list[str], bool]]) -> list[str]:
    """Lines for one table row given each cell's lines and whether it holds a table.

    A row of data cells is one line, cells separated by a tab (the lines inside a
    cell joined by a space).  A row used for page layout - a single non-empty
    cell, a cell holding a nested table, or a cell of running text (many lines or
    characters) - keeps its cells' lines as they are.
    """
    filled = [lines for lines, _ in cells if lines]
    if not filled:
        return []
    if (
        len(filled) == 1
        or any(nested for _, nested in cells)
        or any(len(lines) > LAYOUT_CELL_LINES or sum(map(len, lines)) > LAYOUT_CELL_CHARS for lines in filled)
    ):
        return [line for lines in filled for line in lines]
    return ["\t".join(" ".join(lines) for lines, _ in cells).rstrip("\t")]


class _HTMLText(HTMLParser):
    """Turns an HTML page into text lines (see :func:`html_to_text`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = _Lines()
        self.tables: list[_Table] = []
        self.skip: list[list[str | int]] = []  # [tag, nesting depth] of dropped elements
        self.sectioning = 0
        self.pre = 0

    # -- where text goes ------------------------------------------------------
    @property
    def out(self) -> _Lines:
        for table in reversed(self.tables):
            if table.cell is not None:
                return table.cell.lines
            return table.parent
        return self.doc

    # -- tables ---------------------------------------------------------------
    def _close_cell(self, table: _Table) -> None:
        if table.cell is not None:
            if table.row is None:
                table.row = []
            table.row.append(table.cell)
            table.cell = None

    def _close_row(self, table: _Table) -> None:
        self._close_cell(table)
        if table.row is not None:
            rendered = render_row(table.layout(table.row))
            for line in rendered:
                table.parent.add_line(line)
            table.row = None

    def _close_table(self) -> None:
        table = self.tables.pop()
        self._close_row(table)
        table.parent.end_line()

    # -- parser callbacks -----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            top = self.skip[-1]
            if tag == top[0] and tag in _IMPLIED_END and top[1] == 1:
                self.skip.pop()  # <p hidden>a<p>b: the new element ends the hidden one
            elif tag == top[0]:
                top[1] = int(top[1]) + 1
                return
            elif top[0] == "head" and len(self.skip) == 1 and tag not in _HEAD_CONTENT:
                self.skip.clear()  # an unclosed <head> ends where the body starts
            else:
                return
        if tag in _SKIP or (tag in _PAGE_CHROME and not self.sectioning) or (
            tag not in _VOID and _is_hidden(attrs)
        ):
            self.skip.append([tag, 1])
            return
        if tag in _SECTIONING:
            self.sectioning += 1
        if tag == "table":
            out = self.out
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.has_table = True
            out.end_line()
            self.tables.append(_Table(parent=out))
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            self._close_cell(table)
            if table.row is None:
                table.row = []
            table.cell = _Cell(rowspan=_span(attrs, "rowspan"), colspan=_span(attrs, "colspan"))
        elif tag == "tr" and self.tables:
            self._close_row(self.tables[-1])
            self.tables[-1].row = []
        elif tag == "br":
            self.out.end_line()
        elif tag in _BLOCK:
            if tag == "pre":
                self.pre += 1
            self.out.end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or self.skip:
            self.handle_starttag(tag, attrs)
        # a self-closed non-void element (<div/>, <script/>) holds nothing

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            top = self.skip[-1]
            if tag == top[0]:
                top[1] = int(top[1]) - 1
                if top[1] == 0:
                    self.skip.pop()
            return
        if tag in _SECTIONING and self.sectioning:
            self.sectioning -= 1
        if tag == "table":
            if self.tables:
                self._close_table()
        elif tag in ("td", "th"):
            if self.tables:
                self._close_cell(self.tables[-1])
        elif tag == "tr":
            if self.tables:
                self._close_row(self.tables[-1])
        elif tag in _BLOCK or tag == "br":
            if tag == "pre" and self.pre:
                self.pre -= 1
            self.out.end_line()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        out = self.out
        if self.pre and "\n" in data:
            first, *rest = data.split("\n")
            out.text(first)
            for piece in rest:
                out.end_line()
                out.text(piece)
        else:
            out.text(data)

    def result(self) -> str:
        while self.tables:
            self._close_table()
        return "\n".join(self.doc.finish())


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    """A cell's rowspan/colspan: 1 unless a sensible number is given."""
    value = dict(attrs).get(name) or ""
    value = value.strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 1 else 1


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and _HIDDEN_STYLE.search(value):
            return True
    return False


#: A "<" that does not open a tag closed before the next "<" (scans each stretch once).
_STRAY_LT = re.compile(r"<(?![A-Za-z/!?][^<>]*>)")


def _without_comments(markup: str) -> str:
    """``markup`` without ``<!-- -->`` comments (an unclosed one runs to the end)."""
    pieces: list[str] = []
    pos = 0
    while True:
        start = markup.find("<!--", pos)
        if start < 0:
            pieces.append(markup[pos:])
            break
        pieces.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            break
        pos = end + 3
    return "".join(pieces)


def _safe_markup(markup: str) -> str:
    """Markup that :mod:`html.parser` reads in linear time.

    html.parser rescans the rest of the document for every tag left open
    (``a<b`` repeated is quadratic), so comments are removed and every ``<``
    that does not start a tag closed before the next ``<`` becomes ``&lt;``.
    """
    return _STRAY_LT.sub("&lt;", _without_comments(markup))


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one line per paragraph or table row.

    >>> html_to_text("<p>一、总体要求</p><table><tr><td>任务</td><td>责任单位</td></tr></table>")
    '一、总体要求\\n任务\\t责任单位'
    """
    parser = _HTMLText()
    parser.feed(_safe_markup(markup))
    parser.close()
    return parser.result()


# --------------------------------------------------------------------------- #
# .docx
# --------------------------------------------------------------------------- #

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"

#: Inline elements whose content is not shown (deleted text, field codes, properties).
_W_HIDDEN = frozenset(
    _W + name
    for name in ("delText", "instrText", "delInstrText", "pPr", "rPr", "del", "moveFrom", "fldData",
                 "footnoteReference", "endnoteReference", "commentReference")
) | {_MC + "Fallback"}


class DocxError(ValueError):
    """A ZIP that claims to be a Word document but cannot be read as one."""


def _docx_main_part(zf: zipfile.ZipFile, names: set[str] | None = None) -> str | None:
    """The name of the main document part of a .docx (``word/document.xml`` usually)."""
    names = set(zf.namelist()) if names is None else names
    if "_rels/.rels" in names:
        try:
            rels = _parse_xml(zf, "_rels/.rels")
        except DocxError:
            rels = None
        if rels is not None:
            for rel in rels.iter(_REL + "Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOC):
                    target = rel.get("Target", "").lstrip("/")
                    if target in names and _is_wordprocessing(zf, target):
                        return target
    if "word/document.xml" in names:
        return "word/document.xml"
    return None


def _is_wordprocessing(zf: zipfile.ZipFile, name: str) -> bool:
    try:
        with zf.open(name) as handle:
            head = handle.read(4096)
    except ZIP_ERRORS:
        return False
    return b"wordprocessingml" in head


def _parse_xml(zf: zipfile.ZipFile, name: str) -> ET.Element:
    info = zf.getinfo(name)
    if info.file_size > MAX_DOCX_XML:
        raise DocxError(f"{name} is too large ({info.file_size} bytes)")
    try:
        data = zf.read(name)
    except ZIP_ERRORS as exc:
        raise DocxError(f"{name} cannot be read from the archive ({exc})") from exc
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise DocxError(f"{name} declares a DTD, which Word documents never do")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocxError(f"{name} is not well-formed XML ({exc})") from exc


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass
class _Numbering:
    """Automatic paragraph numbering of a .docx (``word/numbering.xml``)."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_based_on: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_nums: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the number's text."""
        abstract = self.nums.get(num_id)
        if abstract is None or num_id == "0":
            return ""
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            lvl_def = levels.get(lvl, _Level())
            count = counters.get(lvl, lvl_def.start)
            fmt = "decimal" if level.legal and lvl != ilvl else lvl_def.fmt
            return format_number(count, fmt)

        text = re.sub(r"%([1-9])", value, level.text)
        if not text:
            return ""
        if level.suffix == "nothing" or (level.suffix == "tab" and _ends_wide(text)):
            return text
        return text + " "

    def paragraph_num(self, ppr: ET.Element | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own properties or its style."""
        num_id: str | None = None
        ilvl: int | None = None
        style: str | None = None
        if ppr is not None:
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                num_el, ilvl_el = numpr.find(_W + "numId"), numpr.find(_W + "ilvl")
                num_id = num_el.get(_W + "val") if num_el is not None else None
                ilvl = _int(ilvl_el.get(_W + "val")) if ilvl_el is not None else None
            style_el = ppr.find(_W + "pStyle")
            style = style_el.get(_W + "val") if style_el is not None else None
        seen: set[str] = set()
        while style is not None and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_lvl = self.style_num.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = self.style_based_on.get(style)
        if num_id is None:
            return None
        return num_id, ilvl or 0


def _ends_wide(text: str) -> bool:
    return ord(text[-1]) >= 0x2E80


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _load_numbering(zf: zipfile.ZipFile, names: set[str]) -> _Numbering:
    numbering = _Numbering()
    if "word/numbering.xml" in names:
        root = _parse_xml(zf, "word/numbering.xml")
        for abstract in root.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_W + "lvl"):
                level = _Level()
                for child in lvl:
                    val = child.get(_W + "val")
                    if child.tag == _W + "start":
                        level.start = _int(val, 1)
                    elif child.tag == _W + "numFmt":
                        level.fmt = val or "decimal"
                    elif child.tag == _W + "lvlText":
                        level.text = val or ""
                    elif child.tag == _W + "suff":
                        level.suffix = val or "tab"
                    elif child.tag == _W + "isLgl":
                        level.legal = val not in ("0", "false")
                levels[_int(lvl.get(_W + "ilvl"))] = level
            numbering.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            num_id = num.get(_W + "numId", "")
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                numbering.nums[num_id] = ref.get(_W + "val", "")
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[_int(override.get(_W + "ilvl"))] = _int(
                        start.get(_W + "val"), 1
                    )
    if "word/styles.xml" in names and numbering.nums:
        root = _parse_xml(zf, "word/styles.xml")
        for style in root.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id is None:
                continue
            based = style.find(_W + "basedOn")
            if based is not None and based.get(_W + "val"):
                numbering.style_based_on[style_id] = based.get(_W + "val", "")
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                num_el, ilvl_el = numpr.find(_W + "numId"), numpr.find(_W + "ilvl")
                numbering.style_num[style_id] = (
                    num_el.get(_W + "val") if num_el is not None else None,
                    _int(ilvl_el.get(_W + "val")) if ilvl_el is not None else None,
                )
    return numbering


_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_TRAD = "〇壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_PERIOD = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def int_to_chinese(number: int) -> str:
    """Write ``number`` (0 ≤ n < 10**8) as a Chinese numeral: 11 → 十一, 105 → 一百零五."""
    if number <= 0 or number >= 10**8:
        return str(number)
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        rest = int_to_chinese(low) if low else ""
        if 10 <= low < 20:
            rest = "一" + rest
        joiner = "零" if 0 < low < 1000 else ""
        return int_to_chinese(high) + "万" + joiner + rest
    out: list[str] = []
    digits = str(number)
    zero = False
    for pos, char in enumerate(digits):
        digit = int(char)
        unit = len(digits) - 1 - pos
        if digit == 0:
            zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CN_DIGITS[digit] + _CN_UNITS[unit])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    pieces = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )
    out = []
    for value, symbol in pieces:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def _letters(number: int) -> str:
    if number <= 0:
        return str(number)
    letter = chr(ord("A") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _from_table(table: str, number: int) -> str:
    return table[number - 1] if 0 < number <= len(table) else str(number)


def format_number(number: int, fmt: str) -> str:
    """Write a list counter in a Word ``numFmt`` (``decimal``, ``chineseCounting``...)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographDigital"):
        return int_to_chinese(number)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        text = int_to_chinese(number)
        return "".join(_CN_TRAD[_CN_DIGITS.index(c)] if c in _CN_DIGITS else c for c in text).translate(
            str.maketrans("十百千万", "拾佰仟万")
        )
    if fmt == "ideographTraditional":
        return _from_table(_TIANGAN, number)
    if fmt == "ideographZodiac":
        return _from_table(_DIZHI, number)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from_table(_CIRCLED, number)
    if fmt == "decimalEnclosedParen":
        return _from_table(_PAREN, number)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(_PERIOD, number)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letters(number)
    if fmt == "lowerLetter":
        return _letters(number).lower()
    if fmt == "none":
        return ""
    return str(number)


def _docx_blocks(parent: ET.Element, numbering: _Numbering) -> Iterator[tuple[str, object]]:
    """Yield ("p", text) and ("tbl", rows) for the block content of ``parent`` in order."""
    for child in parent:
        tag = child.tag
        if tag == _W + "p":
            yield from _docx_paragraph(child, numbering)
        elif tag == _W + "tbl":
            yield "tbl", child
        elif tag in (_W + "sdt", _W + "customXml", _W + "smartTag"):
            content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
            if content is not None:
                yield from _docx_blocks(content, numbering)
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                yield from _docx_blocks(choice, numbering)


def _docx_paragraph(par: ET.Element, numbering: _Numbering) -> Iterator[tuple[str, object]]:
    parts: list[str] = []
    boxes: list[ET.Element] = []
    _docx_inline(par, parts, boxes)
    text = "".join(parts)
    num = numbering.paragraph_num(par.find(_W + "pPr"))
    if num is not None and text.strip():
        text = numbering.label(*num) + text
    yield "p", text
    for box in boxes:
        yield from _docx_blocks(box, numbering)


def _docx_inline(element: ET.Element, parts: list[str], boxes: list[ET.Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "txbxContent":
            boxes.append(child)
        elif tag in _W_HIDDEN:
            continue
        else:
            _docx_inline(child, parts, boxes)


def _docx_lines(parent: ET.Element, numbering: _Numbering) -> list[str]:
    lines: list[str] = []
    for kind, value in _docx_blocks(parent, numbering):
        if kind == "p":
            assert isinstance(value, str)
            lines.extend(line for line in value.split("\n") if line.strip())
        else:
            assert isinstance(value, ET.Element)
            merged: dict[int, list[str]] = {}  # column -> text of a cell merged downwards
            for row in _children(value, "tr"):
                cells: list[tuple[list[str], bool]] = []
                for cell in _children(row, "tc"):
                    nested = cell.find(_W + "tbl") is not None
                    cell_lines = [line.strip() for line in _docx_lines(cell, numbering)]
                    text = [line for line in cell_lines if line]
                    props = cell.find(_W + "tcPr")
                    vmerge = props.find(_W + "vMerge") if props is not None else None
                    span = props.find(_W + "gridSpan") if props is not None else None
                    col = len(cells)
                    if vmerge is not None and vmerge.get(_W + "val") != "restart":
                        text = merged.get(col, text)  # continues the cell above: repeat its text
                    elif vmerge is not None:
                        merged[col] = text
                    else:
                        merged.pop(col, None)
                    cells.append((text, nested))
                    width = span.get(_W + "val", "1") if span is not None else "1"
                    cells += [([], False)] * (min(int(width), 100) - 1 if width.isdigit() else 0)
                lines.extend(render_row(cells))
    return lines


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    """Children of ``element`` called ``name``, looking through content controls."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _children(content, name)


def docx_to_text(data: bytes) -> str:
    """The text of a Word .docx: paragraphs and table rows in body order, one per line.

    Raises :class:`DocxError` when ``data`` is not a readable Word document.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise DocxError(f"not a valid ZIP archive ({exc})") from exc
    with zf:
        names = set(zf.namelist())
        main = _docx_main_part(zf, names)
        if main is None:
            raise DocxError("word/document.xml is missing")
        root = _parse_xml(zf, main)
        body = root.find(_W + "body")
        if body is None:
            raise DocxError(f"{main} has no body")
        try:
            numbering = _load_numbering(zf, names)
        except DocxError:
            numbering = _Numbering()
        try:
            lines = _docx_lines(body, numbering)
        except RecursionError:
            raise DocxError(f"{main} is nested too deeply") from None
    return "\n".join(line.rstrip() for line in lines)
