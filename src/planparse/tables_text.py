"""Task tables exported to text (任务分解表): header and rows as aligned columns.

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


class TableVocab(vocab.StrictModel):
    """``data/tables.yaml``."""

    task_columns: list[str]
    index_columns: list[str]
    max_gap_lines: int

    def model_post_init(self, __context: object) -> None:
        vocab.unique_words(self.task_columns, "task_columns")
        vocab.unique_words(self.index_columns, "index_columns")


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
