"""Chinese calendar dates and date ranges in working text.

Plans write dates in many ways: ``2013年2月1日``, ``2013.2.1``, ``2013-02-01``,
``二○一一年九月十日``, ``9月19日`` (no year), ``10月中旬``, ``2019年底``,
``上半年``, ``第一季度``, ``20xx年`` (a template placeholder).  Timetables write
ranges: ``2013年2月—3月``, ``9月19日-9月21日``, ``10月16日-检查前``,
``即日起至2019年6月``, ``2019年底前``.

* :func:`find_dates` finds every calendar date in a string (:class:`DatePoint`).
* :func:`parse_range` reads one range expression (:class:`DateRange`).
* :func:`infer_years` fills missing years across a timetable's ranges.

Precision is kept as written: ``2013年2月`` is month precision (``2013-02``).
Parts of a month (``上旬``/``中旬``/``下旬``/``底``/``末``/``初``) keep month
precision and are recorded in :attr:`DatePoint.part` (``10月中旬`` -> ``--10``,
part ``中旬``).  ``年底``/``年末`` of a known year is month 12 (``2019-12``).
Parts longer than a month (``上半年``, ``第一季度``) give a year-precision point
whose :meth:`DatePoint.months` span is expanded by :func:`parse_range`
(``2019年上半年`` -> ``2019-01`` .. ``2019-06``).

All words live in ``planparse/data/dates.yaml``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Any, Literal

from pydantic import field_validator, model_validator

from . import vocab
from .numerals import cn_to_int

Precision = Literal["year", "month", "day"]


# --------------------------------------------------------------------------- vocabulary


class YearPart(vocab.StrictModel):
    """A part of a year: ``word`` after ``YYYY年``, ``alone`` without a year."""

    word: str
    alone: str
    months: tuple[int, int]


class PhaseWords(vocab.StrictModel):
    """Words of timetable stages (used by :mod:`planparse.phases_text`)."""

    stage_words: list[str]
    ordinal_units: list[str]
    time_labels: list[str]
    window_joiners: list[str]
    week_units: list[str]
    restate_words: list[str]


class DocumentWords(vocab.StrictModel):
    """Words of document metadata (used by :mod:`planparse.metadata_text`)."""

    issue_words: list[str]
    unit_suffixes: list[str]
    seal_words: list[str]
    signer_labels: list[str]


_QUARTER = re.compile("^(第?)([一二三四1-4])季度$")


class DateVocab(vocab.StrictModel):
    """The contents of ``dates.yaml``."""

    range_separators: list[str]
    placeholder_chars: list[str]
    month_parts: list[str]
    month_suffixes: list[str]
    month_parts_alone: list[str]
    year_parts: list[YearPart]
    festivals: dict[str, tuple[int, int] | None]
    relative_years: dict[str, int]
    before_words: list[str]
    after_words: list[str]
    until_words: list[str]
    since_words: list[str]
    lead_words: list[str]
    open_end_words: list[str]
    phases: PhaseWords
    document: DocumentWords

    quarter_span_joiners: list[str]

    @field_validator("year_parts")
    @classmethod
    def _unique_parts(cls, v: list[YearPart]) -> list[YearPart]:
        vocab.unique_words([p.word for p in v], "year_parts.word")
        vocab.unique_words([p.alone for p in v], "year_parts.alone")
        return v

    @model_validator(mode="before")
    @classmethod
    def _quarter_spans(cls, data: Any) -> Any:
        """Add runs of quarters written with the first 季度 left out ("第二至三季度": 04..09)."""
        if not isinstance(data, dict) or not isinstance(data.get("year_parts"), list):
            return data
        quarters: dict[tuple[str, bool], list[tuple[str, list[int]]]] = {}
        for p in data["year_parts"]:
            m = _QUARTER.match(str(p.get("word", ""))) if isinstance(p, dict) else None
            if m:
                quarters.setdefault((m.group(1), m.group(2).isdigit()), []).append((m.group(2), list(p["months"])))
        joiners = data.get("quarter_span_joiners") or []
        spans = [
            {"word": w, "alone": w, "months": [m1[0], m2[1]]}
            for (head, _), qs in quarters.items()
            for (n1, m1), (n2, m2) in combinations(qs, 2)
            if m1[0] < m2[0]
            for j in joiners
            for w in sorted({f"{head}{n1}{j}{n2}季度", f"{head}{n1}{j}{head}{n2}季度"})
        ]
        return {**data, "year_parts": data["year_parts"] + spans}


def words() -> DateVocab:
    """The date vocabulary (cached)."""
    return vocab.load("dates.yaml", DateVocab)


def alternation(items: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DatePoint:
    """One calendar date as written.

    ``year``/``month``/``day`` are ``None`` when not written (or not known).
    ``part`` keeps a precision word (``中旬``, ``底``, ``年底``, ``上半年``,
    ``春节``).  ``invalid`` marks impossible dates (``2月30日``, ``13月``);
    ``placeholder`` marks template blanks (``20xx年``, ``_月_日``).
    ``relative_year`` is the offset of a relative year word (``次年`` -> 1).
    ``year_inferred`` is true when the year was not written in this point's own
    text (taken from the range's other end or from context).
    ``start``/``end`` are offsets of ``text`` in the string searched.
    """

    year: int | None
    month: int | None
    day: int | None
    precision: Precision
    text: str
    start: int
    end: int
    part: str | None = None
    invalid: bool = False
    placeholder: bool = False
    relative_year: int | None = None
    year_inferred: bool = False

    def iso(self) -> str | None:
        """ISO 8601 form at the written precision.

        ``"2013"``, ``"2013-02"``, ``"2013-02-01"``; without a year ``"--05-30"``
        or ``"--05"``.  ``None`` for placeholders, invalid dates, and points that
        name no calendar month without a year (``上半年`` alone, ``月底``).
        """
        if self.invalid or self.placeholder:
            return None
        if self.year is None:
            if self.month is None or self._year_part():
                return None
            if self.precision == "day" and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return f"--{self.month:02d}"
        if self.precision == "year" or self.month is None:
            return f"{self.year:04d}"
        if self.precision == "month" or self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def _year_part(self) -> bool:
        """True for parts of a year (``年底``, ``上半年``): no date without a year."""
        return self.part is not None and any(self.part == yp.alone for yp in words().year_parts)

    def months(self) -> tuple[int, int] | None:
        """First and last month this point covers (``上半年`` -> (1, 6)), if known."""
        if self.month is not None:
            return (self.month, self.month)
        if self.part is not None:
            for yp in words().year_parts:
                if self.part == yp.alone:
                    return yp.months
        return None


@dataclass(frozen=True)
class DateRange:
    """A range expression: ``start`` .. ``end`` (either may be ``None``).

    ``start_text``/``end_text`` are the ends as written (``end_text`` may be a
    non-date like ``检查前`` with ``end`` ``None``).  ``year_inferred`` is true
    when some year came from outside the range's own text (neighbouring ranges,
    the document date, the title).  ``span_start``/``span_end`` are the offsets
    of the whole expression in the string parsed.
    """

    start: DatePoint | None
    end: DatePoint | None
    start_text: str | None
    end_text: str | None
    span_start: int
    span_end: int
    year_inferred: bool = False

    def start_iso(self) -> str | None:
        """ISO form of the start, or ``None``."""
        return self.start.iso() if self.start else None

    def end_iso(self) -> str | None:
        """ISO form of the end, or ``None``."""
        return self.end.iso() if self.end else None


# --------------------------------------------------------------------------- regexes

_CN_DIGITS_YEAR = "〇○零O0一二三四五六七八九"
_CN_DAY = (
    r"[二三]十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
    r"|卅一?|[一二三四五六七八九]"
)
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"


def _month_group(sfx: str, ph: str) -> str:
    """``N月`` with an optional day or month part; group names end with ``sfx``."""
    v = words()
    parts = alternation(v.month_parts)
    suffixes = alternation(v.month_suffixes)
    return (
        rf"(?P<m{sfx}>\d{{1,2}}|{_CN_MONTH}|{ph}{{1,3}})[ ]{{0,2}}月(?:{suffixes})?"
        rf"(?:[ ]{{0,2}}(?P<d{sfx}>\d{{1,2}}|{_CN_DAY}|{ph}{{1,3}})[ ]{{0,2}}[日号]"
        rf"|(?P<mp{sfx}>{parts}))?"
    )


@lru_cache(maxsize=1)
def _date_re() -> re.Pattern[str]:
    v = words()
    ph = "[" + re.escape("".join(v.placeholder_chars)) + "]"
    year = (
        rf"(?:19|20)\d{{2}}|[一二][{_CN_DIGITS_YEAR}]{{3}}"
        rf"|(?:\d{{1,3}}|二[〇○零])?{ph}{{1,4}}"
    )
    rel = alternation(list(v.relative_years))
    year_parts = alternation([p.word for p in v.year_parts])
    fests = alternation(list(v.festivals))
    alone = alternation([p.alone for p in v.year_parts] + v.month_parts_alone)
    dotted = (
        r"(?<![\d.])(?P<dy>(?:19|20)\d{2})(?P<ds>[./-])(?P<dm>\d{1,2})"
        r"(?:(?P=ds)(?P<dd>\d{1,2}))?(?![\d%‰年月.])"
    )
    with_year = (
        rf"(?:(?<![\d{_CN_DIGITS_YEAR}十])(?P<y>{year})[ ]{{0,2}}年|(?P<rel>{rel}))"
        rf"(?:[ ]{{0,2}}(?:{_month_group('1', ph)}|(?P<yp>{year_parts})|(?P<fest>{fests})))?"
    )
    bare = _month_group("2", ph)
    # every date starts with one of these characters: a cheap first test
    firsts = set("0123456789" + _CN_DIGITS_YEAR + "十廿卅" + "".join(v.placeholder_chars))
    for w in [*v.relative_years, *v.festivals, *(p.alone for p in v.year_parts),
              *v.month_parts_alone]:
        firsts.add(w[0])
    first = "[" + re.escape("".join(sorted(firsts))) + "]"
    fixed = alternation([f for f, md in v.festivals.items() if md is not None])
    return re.compile(rf"(?={first})(?:{dotted}|{with_year}|{bare}|(?P<alone>{alone})|(?P<fa>{fixed}))")


def _num(s: str | None, placeholder: set[str]) -> tuple[int | None, bool]:
    """Read a date component; (value, is_placeholder)."""
    if s is None:
        return None, False
    s = s.strip()
    if any(c in placeholder for c in s):
        return None, True
    return cn_to_int(s), False


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None:
            return 1 <= day <= 31
        last = calendar.monthrange(year if year is not None else 2000, month)[1]
        return 1 <= day <= last
    return True


def _point_from_match(m: re.Match[str], base: int) -> DatePoint | None:
    """Build a point from a match of :func:`_date_re` (``None`` when rejected)."""
    v = words()
    ph = set(v.placeholder_chars)
    text = m.group(0)
    start, end = m.start() + base, m.end() + base
    g = m.groupdict()
    if g["dy"] is not None:
        y, mo = int(g["dy"]), int(g["dm"])
        d = int(g["dd"]) if g["dd"] is not None else None
        if not _valid(y, mo, d):
            return None  # "2019.13" is a number, not a date
        return DatePoint(y, mo, d, "day" if d is not None else "month", text, start, end)
    if g.get("fa") is not None:  # "元旦", "国庆节" without a year: a day of some year
        md = v.festivals[g["fa"]]
        assert md is not None
        return DatePoint(None, md[0], md[1], "day", text, start, end, part=g["fa"])
    if g["alone"] is not None:
        word = g["alone"]
        for yp in v.year_parts:
            if yp.alone == word:
                lo, hi = yp.months
                if lo == hi:
                    return DatePoint(None, lo, None, "month", text, start, end, part=word)
                return DatePoint(None, None, None, "year", text, start, end, part=word)
        return DatePoint(None, None, None, "month", text, start, end, part=word)
    placeholder = False
    year: int | None = None
    rel: int | None = None
    if g["y"] is not None:
        year, p = _num(g["y"], ph)
        placeholder |= p
        if not p and year is not None and not 1900 <= year <= 2099:
            return None
    elif g["rel"] is not None:
        rel = v.relative_years[g["rel"]]
    mtxt = g["m1"] if g["m1"] is not None else g["m2"]
    dtxt = g["d1"] if g["d1"] is not None else g["d2"]
    mpart = g["mp1"] if g["mp1"] is not None else g["mp2"]
    if mtxt is not None:
        if g["m2"] is not None:
            # no year written: reject "统一月" / "112月" style false hits
            if m.start() > 0 and m.string[m.start() - 1].isdigit():
                return None
            if not mtxt.isascii() and dtxt is None and mpart is None and not any(
                c in ph for c in mtxt
            ):
                return None
        month, p = _num(mtxt, ph)
        placeholder |= p
        day, p = _num(dtxt, ph)
        placeholder |= p
        prec: Precision = "day" if dtxt is not None else "month"
        invalid = not placeholder and not _valid(year, month, day)
        return DatePoint(
            year, month, day, prec, text, start, end, part=mpart, invalid=invalid,
            placeholder=placeholder, relative_year=rel,
        )
    if g["yp"] is not None:
        word = g["yp"]
        yp = next(p for p in v.year_parts if p.word == word)
        part = yp.alone
        if yp.months[0] == yp.months[1]:
            return DatePoint(
                year, yp.months[0], None, "month", text, start, end, part=part,
                placeholder=placeholder, relative_year=rel,
            )
        return DatePoint(
            year, None, None, "year", text, start, end, part=part,
            placeholder=placeholder, relative_year=rel,
        )
    if g["fest"] is not None:
        fixed = v.festivals[g["fest"]]
        if fixed is not None:
            return DatePoint(
                year, fixed[0], fixed[1], "day", text, start, end, part=g["fest"],
                placeholder=placeholder, relative_year=rel,
            )
        return DatePoint(
            year, None, None, "year", text, start, end, part=g["fest"],
            placeholder=placeholder, relative_year=rel,
        )
    if rel is not None:
        return None  # "明年" alone names no date
    return DatePoint(year, None, None, "year", text, start, end, placeholder=placeholder)


def find_dates(text: str) -> list[DatePoint]:
    """All calendar dates in ``text``, in order.

    Full, partial and relative forms: ``2013年2月1日``, ``2013.2.1``,
    ``二○一一年九月十日``, ``9月19日``, ``10月中旬``, ``2019年底``, ``年底``,
    ``上半年``, ``第一季度``, ``20xx年`` (placeholder), ``2月30日`` (invalid).
    Document numbers (``〔2011〕32号``) and durations (``3年``) are not dates.
    """
    out: list[DatePoint] = []
    for m in _date_re().finditer(text):
        p = _point_from_match(m, 0)
        if p is not None:
            out.append(p)
    return out


# --------------------------------------------------------------------------- ranges


@lru_cache(maxsize=1)
def _range_res() -> dict[str, re.Pattern[str]]:
    v = words()
    seps = alternation(v.range_separators)
    return {
        "sep": re.compile(rf"\s{{0,3}}(?:{seps})\s{{0,3}}"),
        "before": re.compile(rf"^\s{{0,3}}(?:{alternation(v.before_words)})"),
        "after": re.compile(rf"^\s{{0,3}}(?:{alternation(v.after_words)})"),
        "until": re.compile(rf"(?:{alternation(v.until_words)})\s{{0,3}}$"),
        "since": re.compile(rf"(?:{alternation(v.since_words)})"),
        "lead": re.compile(rf"^\s{{0,3}}(?:{alternation(v.lead_words)})\s{{0,3}}"),
        # a bare number left of a separator ("1-3月", "19-21日", "2019-2021年")
        "bare_left": re.compile(r"(?<![\d.])(\d{1,4})\s{0,3}$"),
        "day_only": re.compile(r"^\s{0,3}(\d{1,2}|" + _CN_DAY + r")\s{0,2}[日号]"),
        "part_only": re.compile(rf"^\s{{0,3}}({alternation(v.month_parts)})"),
        # "二〇二四年三月至六月": a month in Chinese numerals alone ends a range
        "cn_month_only": re.compile(rf"^\s{{0,3}}({_CN_MONTH})\s{{0,2}}月(?:\s{{0,2}}({alternation(v.month_parts)}))?"),
        "next_year": re.compile(
            rf"^\s{{0,3}}(?:{alternation([w for w, o in v.relative_years.items() if o == 1])})"
        ),
        "days": re.compile(
            rf"\s{{0,3}}(?P<at>(?P<a>\d{{1,2}}|{_CN_DAY})\s{{0,2}}[日号]?)\s{{0,3}}(?:{seps})\s{{0,3}}"
            rf"(?P<bt>(?P<b>\d{{1,2}}|{_CN_DAY})\s{{0,2}}[日号])"
        ),
        "trail": re.compile(r"[\s。.,;:!、)]+$"),
    }


def _expand(p: DatePoint, first: bool) -> DatePoint:
    """A year-part point (``上半年``) as its first or last month."""
    if p.month is None and p.precision == "year" and p.part is not None:
        span = p.months()
        if span is not None:
            return replace(p, month=span[0] if first else span[1], precision="month")
    return p


def _key(p: DatePoint) -> tuple[int, int]:
    return (p.month or 0, p.day or 0)


def _earlier(a: DatePoint, b: DatePoint) -> bool:
    """Whether ``a`` falls before ``b`` within a year, at the precision both give:
    "10月底" is not before "10月1日"."""
    if a.month is None or b.month is None or a.month != b.month:
        return _key(a) < _key(b)
    return a.day is not None and b.day is not None and a.day < b.day


def _with_year(p: DatePoint, year: int, *, inferred: bool = True) -> DatePoint:
    valid = _valid(year, p.month, p.day)
    return replace(p, year=year, year_inferred=inferred, invalid=p.invalid or not valid)


def _complete(start: DatePoint, end: DatePoint) -> tuple[DatePoint, DatePoint]:
    """Fill an end's missing year/month from the start and vice versa."""
    if end.relative_year is not None and start.year is not None:
        end = _with_year(end, start.year + end.relative_year, inferred=False)
    if end.month is None and end.day is not None and start.month is not None:
        end = replace(end, month=start.month)
    if end.year is None and start.year is not None:
        end = _with_year(end, start.year, inferred=False)
        if end.month is not None and _earlier(end, start):
            end = _with_year(end, start.year + 1, inferred=False)
    elif start.year is None and end.year is not None and start.relative_year is None:
        y = end.year - 1 if start.month is not None and _earlier(end, start) else end.year
        start = _with_year(start, y, inferred=False)
    return start, end


def _side_point(side: str, base: int, other: DatePoint | None, left: bool) -> DatePoint | None:
    """A range end written as a bare number or a day/part only ("19-21日")."""
    res = _range_res()
    if left:
        m = res["bare_left"].search(side)
        if m is None or other is None:
            return None
        n = int(m.group(1))
        s, e = m.start(1) + base, m.end(1) + base
        head = [p for p in find_dates(side[: m.start(1)])]
        ctx = head[-1] if head else None
        if other.relative_year is None and _written_year(other) and 1900 <= n <= 2099:
            return DatePoint(n, None, None, "year", m.group(1), s, e)
        year = ctx.year if ctx else None
        if ctx is not None:  # "9月19" / "2022年1": the written head belongs to this end
            s = ctx.start + base
        if other.precision == "day" and other.month is None:  # "9月19-21日"
            month = ctx.month if ctx else None
            return DatePoint(year, month, n, "day", side[s - base: e - base], s, e,
                             invalid=not _valid(year, month, n))
        if other.month is not None and other.precision != "year":  # "2022年1-3月"
            return DatePoint(year, n, None, "month", side[s - base: e - base], s, e,
                             invalid=not _valid(year, n, None))
        return None
    m = res["day_only"].match(side)
    if m is not None:
        d = cn_to_int(m.group(1))
        return DatePoint(None, None, d, "day", m.group(0).strip(), base + m.start(1), base + m.end(),
                         invalid=not _valid(None, None, d))
    m = res["cn_month_only"].match(side)
    if m is not None and other is not None and other.month is not None:
        month = cn_to_int(m.group(1))
        return DatePoint(None, month, None, "month", m.group(0).strip(), base + m.start(1), base + m.end(),
                         part=m.group(2), invalid=not _valid(None, month, None))
    m = res["part_only"].match(side)
    if m is not None and other is not None:
        return DatePoint(None, None, None, "month", m.group(1), base + m.start(1), base + m.end(),
                         part=m.group(1))
    return None


def _written_year(p: DatePoint) -> bool:
    return p.year is not None and not p.year_inferred


def _day_range(
    text: str, default_year: int | None, default_month: int | None
) -> DateRange | None:
    """Days without a month ("19日-21日"), the month from ``default_month``."""
    m = _range_res()["days"].match(text)
    if m is None:
        return None
    pts: list[DatePoint] = []
    for g in ("a", "b"):
        d = cn_to_int(m.group(g))
        pts.append(DatePoint(
            default_year, default_month, d, "day", m.group(g + "t"), m.start(g), m.end(g + "t"),
            invalid=not _valid(default_year, default_month, d),
            year_inferred=default_year is not None,
        ))
    return DateRange(pts[0], pts[1], pts[0].text, pts[1].text, m.start("a"), m.end("bt"),
                     year_inferred=default_year is not None)


def parse_range(
    text: str, *, default_year: int | None = None, default_month: int | None = None
) -> DateRange | None:
    """Read a range expression as written in a timetable.

    ``"2013年2月—3月"`` -> 2013-02 .. 2013-03; ``"10月16日-检查前"`` -> --10-16 ..
    ``None`` (end_text ``检查前``); ``"2013年6月"`` -> 2013-06 .. 2013-06;
    ``"上半年"`` -> months 01 .. 06; ``"2019年底前"`` -> ``None`` .. 2019-12;
    ``"即日起至2019年6月"`` -> ``None`` (start_text ``即日起``) .. 2019-06.
    An end before its start rolls into the next year (also ``次年``/``翌年``).
    ``default_year``/``default_month`` fill a year/month written nowhere.
    Returns ``None`` when ``text`` holds no date.
    """
    res = _range_res()
    pts = find_dates(text)
    if not pts:
        return _day_range(text, default_year, default_month)
    lead = res["lead"].match(text)
    lo = lead.end() if lead else 0
    sep_m: re.Match[str] | None = None
    # a separator outside any date, after the first date (or after a bare number)
    spans = [(p.start, p.end) for p in pts]
    for m in res["sep"].finditer(text, lo):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        left_txt = text[: m.start()]
        if m.group(0).strip() == "一" and not (
            any(e == m.start() for _, e in spans) and any(s == m.end() for s, _ in spans)
        ):
            continue  # "一" is a dash only between two dates
        if (
            not any(e <= m.start() for _, e in spans)
            and res["bare_left"].search(left_txt) is None
            and res["since"].search(left_txt) is None
        ):
            continue
        sep_m = m
        break
    start: DatePoint | None
    end: DatePoint | None
    start_text: str | None
    end_text: str | None
    if sep_m is not None:
        left_pts = [p for p in pts if p.end <= sep_m.start()]
        right_pts = [p for p in pts if p.start >= sep_m.end()]
        right_txt = text[sep_m.end():]
        end = right_pts[0] if right_pts and right_pts[0].start - sep_m.end() <= 4 else None
        if end is None:
            end = _side_point(right_txt, sep_m.end(), left_pts[-1] if left_pts else None, left=False)
        start = left_pts[-1] if left_pts else None
        nxt = res["next_year"].match(right_txt)
        if end is not None and nxt is not None and end.relative_year is None:
            end = replace(end, relative_year=1)
        bare_m = res["bare_left"].search(text[: sep_m.start()])
        if bare_m is not None and (start is None or bare_m.start() >= start.end):
            bare = _side_point(text[: sep_m.start()], 0, end, left=True)
            if bare is not None:
                start = bare
        if start is None:
            since = res["since"].search(text[: sep_m.start()])
            if since is None and end is None:
                return None
            start_text = since.group(0) if since else None
            span_s = since.start() if since else sep_m.start()
        else:
            start_text = text[start.start: start.end]
            span_s = start.start
        if end is None:
            tail = res["trail"].sub("", right_txt.split("\n", 1)[0])
            end_text = tail.strip() or None
            span_e = sep_m.end() + len(tail)
        else:
            end_text = text[end.start: end.end]
            span_e = end.end
            after = res["before"].match(text[end.end:])
            if after is not None:
                span_e = end.end + after.end()
        if start is not None:
            start = _expand(start, True)
        if end is not None:
            end = _expand(end, False)
        if start is not None and end is not None:
            if end.part is not None and end.month is None and end.precision == "month":
                end = replace(end, month=start.month, year=start.year)  # "10月上旬-中旬"
            start, end = _complete(start, end)
    else:
        if not pts:
            return None
        p = pts[0]
        before_txt = text[lo: p.start]
        after_txt = text[p.end:]
        since = res["since"].search(before_txt)
        if res["before"].match(after_txt) or res["until"].search(before_txt):
            start, end = None, _expand(p, False)
            # a start written as something other than a date ("春节后至3月底") keeps its words
            until = res["until"].search(before_txt)
            left = before_txt[: until.start()].strip(" \t,:、") if until is not None else ""
            start_text, end_text = (since.group(0) if since else (left or None)), p.text
            b = res["before"].match(after_txt)
            span_s, span_e = p.start, p.end + (b.end() if b else 0)
        elif res["after"].match(after_txt):
            a = res["after"].match(after_txt)
            start, end = _expand(p, True), None
            start_text, end_text = p.text, None
            span_s, span_e = p.start, p.end + (a.end() if a else 0)
        else:
            start, end = _expand(p, True), _expand(p, False)
            start_text = end_text = p.text
            span_s, span_e = p.start, p.end
    year_inferred = False
    if default_year is not None:
        if start is not None and start.year is None:
            start = _with_year(start, default_year + (start.relative_year or 0))
            year_inferred = True
            if end is not None:
                start, end = _complete(start, end)
        elif start is None and end is not None and end.year is None:
            end = _with_year(end, default_year)
            year_inferred = True
    if default_month is not None:
        if start is not None and start.month is None and start.day is not None:
            start = replace(start, month=default_month)
        if end is not None and end.month is None and end.day is not None:
            end = replace(end, month=start.month if start and start.month else default_month)
    return DateRange(start, end, start_text, end_text, span_s, span_e, year_inferred)


# --------------------------------------------------------------------------- inference


def _has_year(r: DateRange) -> bool:
    return any(p is not None and p.year is not None for p in (r.start, r.end))


def _last(r: DateRange) -> DatePoint | None:
    return r.end if r.end is not None and r.end.month is not None else r.start


def _first(r: DateRange) -> DatePoint | None:
    return r.start if r.start is not None and r.start.month is not None else r.end


def _assign(r: DateRange, year: int) -> DateRange:
    """Give a yearless range ``year`` (at its first end), completing the other end."""
    s, e = r.start, r.end
    if s is not None:
        year += s.relative_year or 0
        s = _with_year(s, year)
        if e is not None:
            e2 = _with_year(e, year)
            if e2.month is not None and _earlier(e2, s):
                e2 = _with_year(e, year + 1)
            e = e2
    elif e is not None:
        e = _with_year(e, year)
    return replace(r, start=s, end=e, year_inferred=True)


def _after(prev: DatePoint | None, cur: DatePoint | None) -> int:
    """Year offset of ``cur`` following ``prev`` (1 when its month goes back)."""
    if prev is None or cur is None or prev.month is None or cur.month is None:
        return 0
    return 1 if _key(cur) < _key(prev) and cur.month < prev.month else 0


def infer_years(
    ranges: list[DateRange], *, doc_year: int | None = None, context_year: int | None = None
) -> list[DateRange]:
    """Fill missing years across a timetable's ranges (phases run forward in time).

    Order of evidence: the range's own other end (already done by
    :func:`parse_range`); the neighbouring ranges (a month smaller than the
    previous range's month means the next year; before the first dated range,
    counted backwards); the document date's year (``doc_year``); a year stated in
    the title or plan period (``context_year``).  Ranges left without any year
    keep ISO forms without a year (``--05-30``).
    """
    out = list(ranges)
    anchors = [i for i, r in enumerate(out) if _has_year(r)]
    if not anchors:
        base = doc_year if doc_year is not None else context_year
        if base is None or not out:
            return out
        k = next((i for i, r in enumerate(out) if _first(r) is not None), None)
        if k is None:
            return out
        out[k] = _assign(out[k], base)
        anchors = [k]
    # forward from each anchor (over stages without dates, "第3周—第16周")
    prev = _last(out[anchors[0]])
    for i in range(anchors[0] + 1, len(out)):
        r = out[i]
        if not _has_year(r) and prev is not None and prev.year is not None:
            cur = _first(r)
            if cur is not None:
                out[i] = _assign(r, prev.year + _after(prev, cur))
        prev = _last(out[i]) or prev
    # backwards before the first anchor
    nxt = _first(out[anchors[0]])
    for i in range(anchors[0] - 1, -1, -1):
        r = out[i]
        if nxt is None or nxt.year is None or _first(r) is None:
            nxt = _first(r) or nxt
            continue
        cur = _last(r)
        back = 1 if cur is not None and _after(cur, nxt) else 0
        first = _first(r)
        y = nxt.year - back
        if (
            r.start is not None and r.end is not None and first is not None and cur is not None
            and _earlier(cur, first)
        ):
            y -= 1  # the range itself crosses a new year
        out[i] = _assign(r, y)
        nxt = _first(out[i]) or nxt
    return out
