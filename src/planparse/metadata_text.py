"""Document metadata in working text: issuing date, document number, issuer, citations.

The functions take one document's working text (from its title to its end) and
look only where the genre puts these items:

* the **issuing date** stands alone on a line, at the end of the document or of
  its covering notice (``二○一一年九月十日``), possibly after the issuer or
  redaction stars (``********2018年7月31日``), or on the printing line
  (``XX办公室2011年9月10日印发``); dates inside body sentences are ignored;
* the **document number** (``滨质技监发〔2011〕32号``) stands alone on a line
  (possibly followed by ``签发人:``); numbers of cited documents follow a
  ``《…》`` citation inside a sentence and are not the document's own;
* the **issuer** is the unit line just above the closing date, or the unit
  written before the date on the same line;
* **references** are the ``《…》`` citations, with a number written right after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .dates import DatePoint, alternation, find_dates, words


@dataclass(frozen=True)
class Match:
    """A metadata item: ``text`` as written, ``value`` normalised, offsets of ``text``."""

    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """A cited document: ``《title》`` and, when written right after, its number.

    ``start``/``end`` span the whole citation (title marks and number bracket);
    ``title_start``/``title_end`` the title without 《》; ``number`` is normalised
    (``营委〔2018〕91号``) and ``number_start``/``number_end`` point at it as written.
    """

    title: str
    title_start: int
    title_end: int
    number: str | None
    number_text: str | None
    number_start: int | None
    number_end: int | None
    start: int
    end: int


_OPEN = "〔【[(（"
_CLOSE = "〕】])）"


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    dv = words().document
    docno = (
        r"(?P<org>[\u4e00-\u9fffA-Za-z*]{1,16}?)[ ]{0,2}[" + re.escape(_OPEN) + r"][ ]{0,2}"
        r"(?P<year>(?:19|20)\d{2})[ ]{0,2}[" + re.escape(_CLOSE) + r"][ ]{0,2}"
        r"(?P<di>第)?[ ]{0,2}(?P<num>\d{1,5})[ ]{0,2}号"
    )
    return {
        "docno": re.compile(docno),
        "docno_line": re.compile(
            rf"(?m)^[ \t]{{0,20}}(?P<no>{docno})[ \t]*"
            rf"(?:(?:{alternation(dv.signer_labels)})[ \t]{{0,2}}[::]?[^\n]{{0,20}})?$"
        ),
        # a web page's information table: "文号:汀政办发〔2022〕41号"
        "docno_label": re.compile(rf"(?:发文字号|文号)[ \t]{{0,2}}:[ \t]{{0,2}}(?P<no>{docno})"),
        "line": re.compile(r"[^\n]*"),
        "citation": re.compile(
            r"《(?P<title>[^《》\n]{1,100})》(?:[ ]{0,2}[((][ ]{0,2}(?P<no>" + docno
            + r")[ ]{0,2}[))])?"
        ),
        "issue_tail": re.compile(rf"^[ \t]{{0,4}}(?:{alternation(dv.issue_words)})?[ \t]*$"),
        "seal": re.compile(rf"(?:{alternation(dv.seal_words)})"),
        "unit_end": re.compile(rf"(?:{alternation(dv.unit_suffixes)})$"),
        "bad_prefix": re.compile(r"[。,;:!?、“”\"《》]|^[ \t]*(?:[\d一二三四五六七八九十]{1,3}[、.]|[((])"),
        "stars": re.compile(r"^[*＊ \t]*$"),
    }


def normalise_doc_number(org: str, year: str, num: str, di: str | None = None) -> str:
    """``滨质技监发`` + ``2011`` + ``32`` -> ``滨质技监发〔2011〕32号`` (a 第 written before the
    number is kept: ``云府办发〔2023〕第18号``)."""
    return f"{org.strip()}〔{year}〕{di or ''}{num}号"


#: Longest line that can hold a closing date (issuer + date + 印发).
_MAX_LINE = 80


@dataclass(frozen=True)
class _DateLine:
    point: DatePoint
    prefix_start: int  # start of the text before the date on its line
    line_start: int
    line_end: int
    printed: bool  # a printing line ("…印发")


@lru_cache(maxsize=4)  # find_issue_date and find_issuer read the same lines
def _date_lines(text: str) -> tuple[_DateLine, ...]:
    """Lines that hold nothing but a day-precision date (plus issuer / 印发)."""
    r = _res()
    out: list[_DateLine] = []
    seen: set[int] = set()
    for q in _short_line_dates(text):
        if q.precision != "day" or q.year is None:
            continue
        ls = text.rfind("\n", max(0, q.start - _MAX_LINE), q.start) + 1
        if ls == 0 and q.start > _MAX_LINE:
            continue
        le = text.find("\n", q.end, q.end + _MAX_LINE)
        if le < 0:
            if len(text) - q.end > _MAX_LINE:
                continue
            le = len(text)
        if ls in seen:
            continue
        seen.add(ls)
        lm = r["line"].match(text, ls, le)
        if lm is None:
            continue
        line = lm.group(0)
        if len(line) > _MAX_LINE:
            continue
        pts = [p for p in find_dates(line) if p.precision == "day" and p.year is not None]
        if len(pts) != 1:
            continue
        p = pts[0]
        if p.invalid or p.placeholder:
            continue
        before = line[: p.start]
        after = line[p.end:]
        inner = before.strip()
        bracketed = inner in ("(", "(") and after.strip() in (")", ")")
        if not bracketed:
            if r["issue_tail"].match(after) is None:
                continue
            if inner and r["bad_prefix"].search(before):
                continue
        printed = bool(after.strip())
        shifted = DatePoint(
            p.year, p.month, p.day, p.precision, p.text, p.start + lm.start(),
            p.end + lm.start(), p.part,
        )
        out.append(_DateLine(shifted, lm.start(), lm.start(), lm.end(), printed))
    return tuple(out)


_SHORT_DATE_LINE = re.compile(
    rf"(?m)^[^\n]{{0,{_MAX_LINE}}}(?:日|号|\d[./-]\d{{1,2}}[./-]\d)[^\n]{{0,{_MAX_LINE}}}$"
)


def _short_line_dates(text: str) -> list[DatePoint]:
    """Dates on short lines that may hold a full date: only such a line can be a signing line."""
    out: list[DatePoint] = []
    for m in _SHORT_DATE_LINE.finditer(text):
        out += [replace(p, start=p.start + m.start(), end=p.end + m.start()) for p in find_dates(m.group())]
    return out


def _choose(lines: tuple[_DateLine, ...]) -> _DateLine | None:
    signed = [d for d in lines if not d.printed]
    if signed:
        return signed[0]
    return lines[0] if lines else None


def find_issue_date(text: str) -> DatePoint | None:
    """The document's own signing/issuing date, or ``None``.

    A date alone on a line (after an issuer or redaction stars), or the printing
    line ``…2011年9月10日印发``; the signing line is preferred over the printing
    line.  Dates inside body sentences never count.
    """
    chosen = _choose(_date_lines(text))
    return chosen.point if chosen else None


def find_doc_number(text: str) -> Match | None:
    """The document's own number, standing alone on a line (first such line).

    Brackets ``【】 [] () 〔〕`` are normalised to ``〔〕``: ``滨质技监发〔2011〕32号``.
    A web copy's information table ("文号:…", near the top) counts too.
    Numbers of cited documents (inside sentences, after ``《…》``) are ignored.
    """
    r = _res()
    m = r["docno_line"].search(text) or r["docno_label"].search(text, 0, 2000)
    if m is None:
        return None
    return Match(
        m.group("no"), normalise_doc_number(m.group("org"), m.group("year"), m.group("num"), m.group("di")),
        m.start("no"), m.end("no"),
    )


def _unit_line(text: str, s: int, e: int) -> Match | None:
    r = _res()
    seg = text[s:e]
    seg_s = s + len(seg) - len(seg.lstrip())
    seg = seg.strip()
    seal = r["seal"].search(seg)
    if seal is not None and seal.end() == len(seg):
        seg = seg[: seal.start()].rstrip()
    if not seg or len(seg) > 40 or r["stars"].match(seg) or r["bad_prefix"].search(seg):
        return None
    if r["unit_end"].search(seg) is None:
        return None
    value = re.sub(r"\s+", "", seg).lstrip("*＊")
    if not value:
        return None
    return Match(seg, value, seg_s, seg_s + len(seg))


def find_issuer(text: str) -> Match | None:
    """The signing/issuing unit, or ``None`` when not stated (or only redacted).

    The unit written before the closing date on its line, or the unit line just
    above it; failing that, the unit on the printing line (``XX办公室…印发``).
    """
    lines = _date_lines(text)
    ordered = sorted(lines, key=lambda d: d.printed)
    for d in ordered:
        m = _unit_line(text, d.line_start, d.point.start)
        if m is not None:
            return m
        if d.printed:
            continue
        prev_end = d.line_start - 1
        while prev_end > 0:
            prev_start = text.rfind("\n", 0, prev_end) + 1
            if text[prev_start:prev_end].strip():
                m = _unit_line(text, prev_start, prev_end)
                if m is not None:
                    return m
                break
            prev_end = prev_start - 1
    return None


def find_references(text: str) -> list[Reference]:
    """Cited documents ``《…》``, each with its number when written right after."""
    out: list[Reference] = []
    for m in _res()["citation"].finditer(text):
        no = m.group("no")
        number = (
            normalise_doc_number(m.group("org"), m.group("year"), m.group("num"), m.group("di"))
            if no is not None else None
        )
        out.append(
            Reference(
                title=m.group("title"), title_start=m.start("title"), title_end=m.end("title"),
                number=number, number_text=no,
                number_start=m.start("no") if no is not None else None,
                number_end=m.end("no") if no is not None else None,
                start=m.start(), end=m.end(),
            )
        )
    return out
