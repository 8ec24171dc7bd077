"""Tables exported to text: task tables (任务分解表) and indicator tables (主要指标).

Word and web pages export a table as one line per row, cells separated by tabs (or by
runs of spaces).  A *header* is a line with at least two cells, one naming the
responsible units (责任单位 / 牵头单位 / 配合单位 …, from ``units.yaml``) and one naming
the task or the deadline; the rows below it are read cell by cell under those columns
until a line that is not a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import vocab
from .owners_text import Unit, UnitVocab, split_units
from .targets_text import Change, Op


class TableVocab(vocab.StrictModel):
    """``data/tables.yaml``."""

    task_columns: list[str]
    index_columns: list[str]
    max_gap_lines: int
    indicator_columns: list[str]
    goal_column_words: list[str]
    baseline_column_words: list[str]


@lru_cache(maxsize=1)
def vocabulary() -> TableVocab:
    return vocab.load("tables.yaml", TableVocab)


@dataclass(frozen=True)
class TableRow:
    """One row of a task table.  Offsets point into the text searched."""

    task: str | None
    task_start: int
    owners: tuple[Unit, ...]
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline: str | None
    start: int
    end: int


_TAB = re.compile(r"\t")
_SPACES = re.compile(r"[ \t]{2,}|\t")
#: A cheap test: a header line must hold a tab or a run of spaces and a 单位/部门/时限 word.
_HEADER_HINT = re.compile(r"(?:单位|部门|处室|科室|时限|时间)")


def _cells(line: str, base: int, sep: re.Pattern[str]) -> list[tuple[str, int]]:
    """Non-empty cells of a line as (text, offset), split on ``sep``; leading/trailing space dropped."""
    out = []
    pos = 0
    for m in [*sep.finditer(line), None]:
        stop = m.start() if m else len(line)
        raw = line[pos:stop]
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append((raw.strip(), base + pos + lead))
        elif sep is _TAB:
            out.append(("", base + pos))  # tabs keep empty cells in place
        if m:
            pos = m.end()
    return out


def row_cells(line: str, base: int = 0) -> list[tuple[str, int]]:
    """Non-empty cells of a table row written in text, as (text, offset + ``base``):
    split at tabs when the row has any, else at runs of two or more spaces (working
    text: ideographic spaces are already folded)."""
    sep = _TAB if "\t" in line.strip() else _SPACES
    return [(c, off) for c, off in _cells(line, base, sep) if c]


def _column_kind(cell: str) -> str | None:
    name = re.sub(r"\s+", "", cell)
    labels = vocab.load("units.yaml", UnitVocab).labels
    for kind in ("lead", "support", "responsible", "deadline", "person"):
        if name in getattr(labels, kind):
            return kind
    tv = vocabulary()
    if name in tv.task_columns:
        return "task"
    if name in tv.index_columns:
        return "index"
    return None


def _header(line: str) -> tuple[re.Pattern[str], list[str | None]] | None:
    if not _HEADER_HINT.search(line):
        return None
    sep = _TAB if "\t" in line.strip() else _SPACES
    cells = [c for c, _ in _cells(line, 0, sep) if c]
    if len(cells) < 2:
        return None
    kinds = [_column_kind(c) for c in cells]
    owners = {"lead", "support", "responsible"} & set(kinds)
    if not owners or not ({"task", "deadline", "index"} & set(kinds)) or kinds.count(None) > len(kinds) // 2:
        return None
    return sep, kinds


def find_table_rows(text: str) -> list[TableRow]:
    """Rows of every task table in ``text``, in order."""
    rows: list[TableRow] = []
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        found = _header(lines[i][1]) if "\t" in lines[i][1] or "  " in lines[i][1] else None
        if found is None:
            i += 1
            continue
        sep, kinds = found
        i += 1
        gap = 0
        while i < len(lines) and gap <= vocabulary().max_gap_lines:
            base, line = lines[i]
            cells = _cells(line, base, sep)
            if len([c for c, _ in cells if c]) < 2 or _header(line) is not None:
                if _header(line) is not None:
                    break
                gap += 1
                i += 1
                continue
            gap = 0
            rows.append(_row(cells, kinds, base, base + len(line)))
            i += 1
    return rows


def _row(cells: list[tuple[str, int]], kinds: list[str | None], start: int, end: int) -> TableRow:
    if len(cells) > len(kinds) and cells and not cells[0][0]:
        cells = cells[1:]  # a leading tab before the first cell
    task, task_start, deadline = None, start, None
    owners: list[Unit] = []
    lead: list[str] = []
    support: list[str] = []
    for (cell, off), kind in zip(cells, kinds, strict=False):
        if not cell:
            continue
        if kind == "task":
            task, task_start = cell, off
        elif kind == "deadline":
            deadline = cell
        elif kind in ("lead", "support", "responsible"):
            units = split_units(cell, off)
            owners += units
            if kind == "lead":
                lead += [u.name for u in units]
            elif kind == "support":
                support += [u.name for u in units]
    return TableRow(task, task_start, tuple(owners), tuple(lead), tuple(support), deadline, start, end)


# --- indicator tables ----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One row of an indicator table read as a target.  Offsets point into the text."""

    metric: str
    op: Op
    value: int | float
    unit: str
    change: Change | None
    text: str
    start: int
    end: int


_YEAR_COLUMN = re.compile(r"(19|20)\d\d")
_UNIT_NOTE = re.compile(r"\s*[(（]([^()（）]{1,12})[)）]\s*$")
_GOAL_VALUE = re.compile(r"^(?P<op>≥|≤|>=|<=|>|<|＞|＜)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<bound>以上|以下|以内)?$")
_OPS: dict[str, Op] = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "＞": ">", "<": "<", "＜": "<"}
_DECREASE = ("下降", "降低", "减少", "压减", "缩减")
_INCREASE = ("增长", "提高", "提升", "增加")


@dataclass(frozen=True)
class _Columns:
    """Where an indicator table keeps the indicator, its goal and (if any) its baseline."""

    name: int
    goal: int
    base: int | None


def _indicator_columns(cells: list[str]) -> _Columns | None:
    """The columns of an indicator header ("序号  指标名称  2022年基期值  2025年目标值"),
    or None when the line is no such header."""
    v = vocabulary()
    names = [re.sub(r"\s+", "", c) for c in cells]
    k0 = 0
    while k0 < len(names) and names[k0] in v.index_columns:
        k0 += 1
    if k0 >= len(names) or not any(names[k0] == w or names[k0].startswith(w) for w in v.indicator_columns):
        return None
    later = list(enumerate(names))[k0 + 1 :]
    base = next((k for k, c in later if any(w in c for w in v.baseline_column_words)), None)
    goal = [k for k, c in later if any(w in c for w in v.goal_column_words)]
    if goal:
        if base is None:  # "2023年  2025年目标": the year before the goal's is the baseline
            gy = _YEAR_COLUMN.search(names[goal[-1]])
            earlier = [k for k, c in later if k != goal[-1] and (m := _YEAR_COLUMN.search(c))
                       and gy is not None and int(m.group()) < int(gy.group())]
            base = earlier[-1] if earlier else None
        return _Columns(k0, goal[-1], base)
    years = [(int(m.group()), k) for k, c in later
             if (m := _YEAR_COLUMN.search(c)) and not any(w in c for w in v.baseline_column_words)]
    return _Columns(k0, max(years)[1], base) if years and len(names) - k0 >= 3 else None


def find_indicator_rows(text: str) -> list[IndicatorRow]:
    """Targets from indicator tables: each row's goal-column value, with its unit from
    the indicator's bracket ("规模以上工业增加值年均增长(%)  5.2  ≥8" -> >= 8 %)."""
    rows: list[IndicatorRow] = []
    if "指标" not in text:
        return rows
    pos = 0
    lines = []
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        base, line = lines[i]
        i += 1
        if "指标" not in line or not ("\t" in line or "  " in line):
            continue
        sep = _TAB if "\t" in line.strip() else _SPACES
        cols = _indicator_columns([c for c, _ in _cells(line, base, sep) if c])
        if cols is None:
            continue
        while i < len(lines):
            rbase, row = lines[i]
            cells = [(c, off) for c, off in _cells(row, rbase, sep) if c]
            if len(cells) <= cols.goal:
                break
            i += 1
            found = _indicator(cells, cols, row.strip(), rbase + len(row) - len(row.lstrip()))
            if found is not None:
                rows.append(found)
    return rows


def _indicator(cells: list[tuple[str, int]], cols: _Columns, text: str, start: int) -> IndicatorRow | None:
    name, value = cells[cols.name][0], cells[cols.goal][0]
    m = _GOAL_VALUE.match(value.replace(" ", ""))
    if m is None:
        return None
    unit = ""
    note = _UNIT_NOTE.search(name)
    if note is not None:
        unit, name = note.group(1).strip(), name[: note.start()]
    num = float(m.group("num"))
    op: Op = _OPS.get(m.group("op") or "", "<=" if m.group("bound") in ("以下", "以内") else ">=")
    bm = _GOAL_VALUE.match(cells[cols.base][0].replace(" ", "")) if cols.base is not None else None
    if not m.group("op") and not m.group("bound") and bm is not None and float(bm.group("num")) > num:
        op = "<="  # a goal below its baseline is a ceiling ("空置率  38  30")
    tail = name[-6:]  # "…能耗累计下降", "…增加值年均增长"
    change: Change | None = None
    if any(w in tail for w in _DECREASE):
        change = "decrease"
    elif any(w in tail for w in _INCREASE):
        change = "increase"
    return IndicatorRow(
        metric=re.sub(r"\s+", "", name),
        op=op,
        value=int(num) if num.is_integer() else num,
        unit=unit,
        change=change,
        text=text,
        start=start,
        end=start + len(text),
    )
