"""Tasks and their responsible units (the plan's 任务分解表)."""

from __future__ import annotations

import re
from typing import Any

from ..models import Task
from ..owners_text import find_owner_lists
from ..dates import find_dates
from ..segment import clean
from .deadlines import deadline_in
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


def extract_tasks(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``tasks``: every explicit assignment of responsible units, in text order."""
    text, base = view.doc_text, view.start
    tasks = []
    regions = []  # working-text extent of each task's item, for linking targets to tasks
    for ol in find_owner_lists(text):
        section_id, heading = task_heading(view, base + ol.anchor_start)
        names = [u.name for u in ol.owners]
        regions.append((base + ol.anchor_start, base + ol.end))
        if ol.deadline:
            written = find_dates(ol.deadline)
            deadline, deadline_text = (written[-1].iso() if written else None), ol.deadline
        else:
            point = deadline_in(view.text, base + ol.anchor_start, base + ol.start)
            deadline, deadline_text = (point.iso(), point.text) if point else (None, None)
        tasks.append(
            Task(
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
            )
        )
    return {"tasks": tasks, "_task_regions": regions}
