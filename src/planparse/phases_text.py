"""Timetable stages (实施步骤 / 工作步骤 / 时间安排) in working text.

A plan's timetable lists stages, each with a label and a date range, in many
layouts::

    1.创建启动阶段:(2013年2月—3月)对照……
    1、第一阶段:宣传发动,安排部署(2018年8月-10月)。根据……
    第一阶段:科学谋划、全面发动阶段(9月19日-9月21日)
    (一)宣传发动阶段(2010年3月1日—7月30日)。主要任务是……
    (一)动员部署阶段:2019年3月至4月。
    第一阶段(2019年3月—4月):动员部署
    1.动员部署(3月1日—3月15日)
    (一)动员部署阶段            <- the date on a following line:
    时间:2019年3月1日—3月15日
    1.集中禁烧阶段:夏季(5月30日一6月4日)、秋季(9月20日一9月30日)

:func:`find_phases` returns one :class:`PhaseMatch` per stage (per window when
a stage lists several).  The name is the label after the list marker and before
the date bracket; for "第一阶段(…):动员部署" it is "第一阶段:动员部署" (the bracket
cut out; ``name_start``/``name_end`` span the whole label).  Missing years are
inferred with :func:`planparse.dates.infer_years`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from .dates import DatePoint, DateRange, alternation, infer_years, parse_range, words
from .tables_text import row_cells


@dataclass(frozen=True)
class PhaseMatch:
    """One stage of a timetable.

    ``start``/``end`` are ISO strings at the written precision (``None`` for an
    open or non-calendar end like ``检查前``).  Offsets point into the text given
    to :func:`find_phases`: ``name_start``/``name_end`` the label,
    ``range_start``/``range_end`` the date expression, ``item_start``/``item_end``
    the item from its list marker to the end of its line.
    """

    order: int
    name: str
    name_start: int
    name_end: int
    start: str | None
    end: str | None
    start_text: str | None
    end_text: str | None
    year_inferred: bool
    range_start: int
    range_end: int
    item_start: int
    item_end: int
    marker: str | None
    date_range: DateRange


_CN = "一二三四五六七八九十"
_MARKERS = {
    "paren_cn": rf"[((][{_CN}]{{1,3}}[))]",
    "cn": rf"[{_CN}]{{1,3}}[、.]",
    "paren_num": r"[((]\d{1,2}[))]",
    "num": r"\d{1,2}(?:[、.](?!\d)|[)])",
    "circled": r"[①-⑳]",
    "shi": rf"[{_CN}]{{1,3}}是(?=\S)",
}


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    v = words()
    marker = "|".join(f"(?P<{k}>{p})" for k, p in _MARKERS.items())
    year_alone = alternation([p.alone for p in v.year_parts])
    date_start = (
        rf"(?:(?:{alternation(v.lead_words)})\s{{0,2}})?"
        rf"(?:\d{{1,4}}\s{{0,2}}[年月]|\d{{4}}[./-]\d|[{_CN}〇○零]{{1,4}}[年月]"
        rf"|{alternation(v.since_words)}|{alternation(list(v.relative_years))}|{year_alone}"
        rf"|{alternation(v.month_parts_alone)})"
    )
    label = r"[^\n()()。;]{1,60}?"
    tl = alternation(v.phases.time_labels)
    joiners = alternation(v.phases.window_joiners)
    ordinal = rf"第[{_CN}\d]{{1,3}}(?:{alternation(v.phases.ordinal_units)})"
    return {
        "start": re.compile(rf"(?m)(?:^|(?<=。))(?=[^。\n])[ \t]{{0,4}}(?:{marker})?[ \t]{{0,2}}"),
        "inline": re.compile(
            rf"(?P<label>{label})[ \t]{{0,2}}(?:[((](?P<br>[^()()\n]{{1,60}})[))]"
            rf"|[::][ \t]{{0,2}}(?P<co>(?={date_start})[^\n。;,()()]{{1,60}}))"
        ),
        "label_only": re.compile(r"(?P<label>[^\n()()。;:]{1,40})[ \t]*(?:[。::;]|$)"),
        "date_start": re.compile(rf"[ \t]{{0,2}}{date_start}"),
        "window": re.compile(
            rf"[ \t]{{0,2}}(?:{joiners})[ \t]{{0,2}}(?P<w>[^\s()()、,。;:]{{1,6}})?"
            rf"[((](?P<br>[^()()\n]{{1,60}})[))]"
        ),
        "subtitle": re.compile(r"[::][ \t]{0,2}(?P<sub>[^\n。;,()()::]{1,16})[ \t]*(?=[。;]|$)", re.M),
        "time": re.compile(
            rf"[ \t]{{0,4}}(?:(?:{tl})[ \t]{{0,2}}(?:[::]|为|是)?[ \t]{{0,2}})?"
            rf"(?:[((](?P<br>[^()()\n]{{1,60}})[))]|(?P<co>(?={date_start})[^\n。;,()()]{{1,60}}))",
            re.M,
        ),
        "time_label": re.compile(rf"^(?:{tl})$"),
        "ordinal": re.compile(ordinal),
        "stage_end": re.compile(rf"(?:{alternation(v.phases.stage_words)})$"),
        "strip": re.compile(r"^[\s::,]+|[\s::,]+$"),
        # "第3周—第16周", "第1-2周": school weeks (the first unit may be left out)
        "weeks": re.compile(
            rf"[ \t]{{0,2}}(?P<a>第[{_CN}\d]{{1,3}}(?:{alternation(v.phases.week_units)})?)"
            rf"(?:[ \t]{{0,2}}(?:{alternation(v.range_separators)})[ \t]{{0,2}}"
            rf"(?P<b>第?[{_CN}\d]{{1,3}}(?:{alternation(v.phases.week_units)})))?[ \t]*$"
        ),
        "restate": re.compile(rf"[,，;；][ \t]{{0,2}}(?:{alternation(v.phases.restate_words)})[:：]?"),
    }


@dataclass
class _Cand:
    kind: str
    marker: str | None
    name: str
    name_start: int
    name_end: int
    rng: DateRange
    item_start: int
    item_end: int


_LINE = re.compile(r"[^\n]+")


def _starts(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Item starts (line starts and positions after "。"), each with its line's end."""
    start_re = _res()["start"]
    for lm in _LINE.finditer(text):
        for sm in start_re.finditer(text, lm.start(), lm.end()):
            yield sm, lm.end()


def _stage_like(name: str) -> bool:
    r = _res()
    head = name.split(":", 1)[0]
    return bool(r["ordinal"].match(name)) or bool(r["stage_end"].search(head)) or bool(
        r["stage_end"].search(name)
    )


def _range_in(text: str, s: int, e: int) -> DateRange | None:
    """Parse ``text[s:e]`` as a range and shift its offsets into ``text``.

    Besides dates: school weeks ("第3周—第16周": no calendar date, the ends as
    written) and weeks restated as dates ("第17周—第19周,即12月25日至1月12日").
    """
    sub = text[s:e]
    res = _res()
    rm = res["restate"].search(sub)
    if rm is not None:
        r = parse_range(sub[rm.end() :])
        if r is not None:
            return _shift(r, s + rm.end())
    wm = res["weeks"].match(sub)
    if wm is not None:
        a, b = wm.span("a")
        z = wm.span("b") if wm.group("b") else (a, b)
        return DateRange(None, None, sub[a:b], sub[z[0] : z[1]], s + wm.start("a"), s + z[1])
    r = parse_range(sub)
    if r is None:
        return None
    first = min((p.start for p in (r.start, r.end) if p is not None), default=0)
    if first > 6:  # the date must open the expression
        return None
    return _shift(r, s)


def _shift(r: DateRange, base: int) -> DateRange:
    def sh(p: DatePoint | None) -> DatePoint | None:
        return None if p is None else replace(p, start=p.start + base, end=p.end + base)

    return replace(r, start=sh(r.start), end=sh(r.end), span_start=r.span_start + base,
                   span_end=r.span_end + base)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink ``[s, e)`` to drop surrounding spaces and colons/commas."""
    while s < e and text[s] in " \t::,":
        s += 1
    while e > s and text[e - 1] in " \t::,":
        e -= 1
    return s, e


#: Stages written date first: "2023年9月至2023年12月为试点阶段", "即日起至8月31日为集中整治期".
_DATE_FIRST = re.compile(
    r"(?P<range>[^。;,:\n]{2,40}?)为(?P<name>[^。;,:\n为]{1,12}?(?:阶段|(?<!为)期))(?=[。;,:\n]|$)"
)


_DATE_FIRST_HINT = re.compile(r"为[^。;,:\n为]{1,12}?(?:阶段|期)")


def _date_first(text: str, start: int = 0, end: int | None = None) -> list[_Cand]:
    """Stages of a sentence that names each period first ("X至Y为试点阶段;…")."""
    end = len(text) if end is None else end
    cands = []
    for lm in _LINE.finditer(text, start, end):
        # the pattern reads back up to 40 characters: try it only on lines that can match
        if _DATE_FIRST_HINT.search(text, lm.start(), lm.end()) is not None:
            cands += _date_first_in(text, lm.start(), lm.end())
    return cands


def _date_first_in(text: str, start: int, end: int) -> list[_Cand]:
    cands = []
    for m in _DATE_FIRST.finditer(text, start, end):
        rng = _range_in(text, m.start("range"), m.end("range"))
        if rng is not None:
            cands.append(_Cand("date_first", None, m.group("name"), m.start("name"), m.end("name"), rng,
                               m.start("range"), m.end()))
    return cands


def find_phases(
    text: str,
    *,
    doc_year: int | None = None,
    context_year: int | None = None,
    whole_document: bool = False,
) -> list[PhaseMatch]:
    """The stages of a timetable in ``text``.

    ``text`` is the body of the 实施步骤/工作步骤/时间安排 section, or a whole
    document with ``whole_document=True`` (then only items that read as stages
    are kept: "第X阶段…" or "…阶段" labels).  ``doc_year`` (the document date's
    year) and ``context_year`` (a year from the title or plan period) feed year
    inference when the stages write no year.
    """
    res = _res()
    cands: list[_Cand] = _table_stages(text)
    if cands:  # a timetable written as a table: its rows are the stages
        return _matches(cands, doc_year, context_year)
    pending: tuple[str, str | None, int, int, int, int] | None = None  # label-only stage
    pending_lines = 0
    for sm, line_end in _starts(text):
        pos = sm.end()
        if pos >= line_end and sm.group(0) == "":
            continue
        kind = next((k for k in _MARKERS if sm.group(k)), "none")
        marker = sm.group(kind) if kind != "none" else None
        item_start = sm.start() + len(sm.group(0)) - len(sm.group(0).lstrip(" \t"))
        # a pending stage whose dates come on a following line
        if pending is not None:
            tm = res["time"].match(text, sm.start(), line_end)
            if tm is not None and marker is None:
                g = "br" if tm.group("br") is not None else "co"
                rng = _range_in(text, tm.start(g), tm.end(g))
                if rng is not None:
                    pk, pmk, ns, ne, ist, _ = pending
                    cands.append(_Cand(pk, pmk, text[ns:ne], ns, ne, rng, ist, line_end))
                    pending = None
                    continue
            pending_lines += 1
            if marker is not None or pending_lines > 3:
                pending = None
        m = res["inline"].match(text, pos, line_end)
        if m is not None:
            ns, ne = _trim(text, m.start("label"), m.end("label"))
            name = text[ns:ne]
            if res["time_label"].match(name):
                m = None
        if m is not None:
            g = "br" if m.group("br") is not None else "co"
            rng = _range_in(text, m.start(g), m.end(g))
            if rng is not None and name and (marker is not None or _stage_like(name)):
                windows = [rng]
                after = m.end()
                while True:
                    wm = res["window"].match(text, after, line_end)
                    if wm is None:
                        break
                    wr = _range_in(text, wm.start("br"), wm.end("br"))
                    if wr is None:
                        break
                    windows.append(wr)
                    after = wm.end()
                if len(windows) > 1:
                    cut = max(name.rfind(":"), name.rfind(":"))
                    if cut > 0 and len(name) - cut - 1 <= 6:
                        ns, ne = _trim(text, ns, ns + cut)
                        name = text[ns:ne]
                elif g == "br":
                    sub = res["subtitle"].match(text, m.end(), line_end)
                    if sub is not None and not res["date_start"].match(sub.group("sub")):
                        name = name + ":" + sub.group("sub").strip()
                        ne = sub.end("sub")
                for w in windows:
                    cands.append(_Cand(kind, marker, name, ns, ne, w, item_start, line_end))
                pending = None
                continue
        lm = res["label_only"].match(text, pos, line_end)
        if lm is not None:
            ns, ne = _trim(text, lm.start("label"), lm.end("label"))
            name = text[ns:ne]
            dm = _DATE_FIRST.match(text, ns)
            if dm is not None and dm.end() == ne:  # "2023年9月至12月为试点阶段;…": dates first
                more = _date_first(text, ns, line_end)
                if more:
                    cands += more
                    pending = None
                    continue
            if name and _stage_like(name) and not res["time_label"].match(name):
                pending = (kind, marker, ns, ne, item_start, line_end)
                pending_lines = 0
                # the dates may follow on the same line ("…阶段。时间:2019年3月")
                rest = lm.end()
                tm = res["time"].match(text, rest, line_end) if rest < line_end else None
                if tm is not None:
                    g = "br" if tm.group("br") is not None else "co"
                    rng = _range_in(text, tm.start(g), tm.end(g))
                    if rng is not None:
                        cands.append(_Cand(kind, marker, name, ns, ne, rng, item_start, line_end))
                        pending = None
    cands = _one_level(cands, whole_document)
    if not cands:
        cands = _date_first(text)
    return _matches(cands, doc_year, context_year)


def _matches(cands: list[_Cand], doc_year: int | None, context_year: int | None) -> list[PhaseMatch]:
    ranges = infer_years([c.rng for c in cands], doc_year=doc_year, context_year=context_year)
    out: list[PhaseMatch] = []
    for i, (c, r) in enumerate(zip(cands, ranges, strict=True), 1):
        out.append(
            PhaseMatch(
                order=i, name=c.name, name_start=c.name_start, name_end=c.name_end,
                start=r.start_iso(), end=r.end_iso(), start_text=r.start_text,
                end_text=r.end_text, year_inferred=r.year_inferred,
                range_start=r.span_start, range_end=r.span_end,
                item_start=c.item_start, item_end=c.item_end, marker=c.marker, date_range=r,
            )
        )
    return out


def _table_stages(text: str) -> list[_Cand]:
    """Stages of a timetable written as a table ("阶段  时间  主要任务"): rows whose first
    cell names a stage and whose second cell is its time."""
    if "\t" not in text and "  " not in text:
        return []
    cands = []
    for lm in _LINE.finditer(text):
        if "\t" not in lm.group() and "  " not in lm.group():
            continue
        cells = row_cells(lm.group(), lm.start())
        if len(cells) < 2:
            continue
        (c0, a0), (c1, a1) = cells[0], cells[1]
        ns, ne = _trim(text, a0, a0 + len(c0))
        name = text[ns:ne]
        if not name or not _stage_like(name):
            continue
        rng = _range_in(text, a1, a1 + len(c1))
        if rng is not None:
            cands.append(_Cand("table", None, name, ns, ne, rng, lm.start(), lm.end()))
    return cands if len(cands) >= 2 else []


def _one_level(cands: list[_Cand], whole_document: bool) -> list[_Cand]:
    """Keep the stages of one list level (the level of the first stage-like item)."""
    if whole_document:
        cands = [c for c in cands if _stage_like(c.name)]
    if not cands:
        return cands
    lead = next((c for c in cands if _stage_like(c.name)), cands[0])
    return [c for c in cands if c.kind == lead.kind]
