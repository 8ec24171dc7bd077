"""Tasks and their responsible units (the plan's 任务分解表)."""

from __future__ import annotations

import re
from typing import Any

from ..dates import find_dates
from ..models import Task
from ..owners_text import find_owner_lists
from ..segment import clean
from ..tables_text import find_table_rows
from .view import DocumentView

_CLAUSE_END = re.compile(r"[。;,:!?\n(]")
_LEADING_MARKER = re.compile(r"\s*(?:[(\[]?[一二三四五六七八九十\d]{1,3}[)\]、.,]|[一二三四五六七八九十]是)\s*")


def task_heading(view: DocumentView, anchor: int) -> tuple[str | None, str | None]:
    """(section id, heading) of the item a task starting at ``anchor`` belongs to.

    When the item is a numbered section, its heading; otherwise the first clause of
    the sentence the assignment closes ("一是完善社区服务设施建设。…(责任单位:…)").
    """
    section = view.section_at(anchor)
    if section is not None and section.start <= anchor <= section.heading_start:
        return section.id, section.heading
    m = _LEADING_MARKER.match(view.text, anchor)
    start = m.end() if m else anchor
    stop = _CLAUSE_END.search(view.text, start, min(view.end, start + 40))
    heading = clean(view.text[start : stop.start() if stop else min(view.end, start + 40)])
    return (section.id if section else None), heading or None


def _written_deadline(text: str) -> str | None:
    """ISO form of a deadline cell or 完成时限 value, when it holds a date."""
    written = find_dates(text)
    return written[-1].iso() if written else None


def extract_tasks(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``tasks``: every explicit assignment of responsible units, and every row of a
    task table, in text order."""
    text, base = view.doc_text, view.start
    items: list[tuple[int, int, Task]] = []  # (region start, region end, task)
    rows = find_table_rows(text)
    row_spans = [(r.start, r.end) for r in rows]
    for r in rows:
        section = view.section_at(base + r.start)
        items.append((base + r.start, base + r.end, Task(
            section=section.id if section else None,
            heading=clean(r.task) if r.task else None,
            owners=[u.name for u in r.owners],
            lead=list(r.lead),
            support=list(r.support),
            label="table",
            deadline=_written_deadline(r.deadline) if r.deadline else None,
            deadline_text=r.deadline,
            span=view.span(base + r.start, base + r.end),
        )))
    for ol in find_owner_lists(text):
        if any(a <= ol.start and ol.end <= b for a, b in row_spans):
            continue  # a phrase inside a table row, already read as the row
        section_id, heading = task_heading(view, base + ol.anchor_start)
        names = [u.name for u in ol.owners]
        deadline: str | None
        deadline_text: str | None
        if ol.deadline:
            deadline, deadline_text = _written_deadline(ol.deadline), ol.deadline
        else:
            point = view.deadlines.at(base + ol.anchor_start, base + ol.start)
            deadline, deadline_text = (point.iso(), point.text) if point else (None, None)
        items.append((base + ol.anchor_start, base + ol.end, Task(
            section=section_id,
            heading=heading,
            owners=names if ol.kind == "unit" else [],
            lead=list(ol.lead),
            support=list(ol.support),
            leaders=list(ol.leaders) + (names if ol.kind != "unit" else []),
            label=ol.label,
            deadline=deadline,
            deadline_text=deadline_text,
            span=view.span(base + ol.start, base + ol.end),
        )))
    items.sort(key=lambda item: item[0])
    # the working-text extent of each task's item links targets to their task
    return {"tasks": [t for _, _, t in items], "_task_regions": [(a, b) for a, b, _ in items]}
