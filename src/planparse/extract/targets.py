"""Quantitative targets: metric, comparator, value, unit, and the task they belong to."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..models import Target
from ..segment import clean, is_background
from ..tables_text import find_indicator_rows
from ..targets_text import find_targets
from .phases import context_year
from .view import DocumentView


def _enclosing(regions: list[tuple[int, int]], starts: list[int], a: int, b: int) -> int | None:
    """Index of the task region (sorted by start) that holds ``[a, b)``, if any."""
    k = bisect_right(starts, a) - 1
    while k >= 0:
        lo, hi = regions[k]
        if b <= hi:
            return k
        if hi < a and k > 0 and regions[k - 1][1] < lo:
            return None  # regions do not nest this far back
        k -= 1
    return None


def _section_id(view: DocumentView, offset: int) -> str | None:
    section = view.section_at(offset)
    return section.id if section else None


def extract_targets(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``targets`` of one document; each linked to the task whose item holds it."""
    start = view.seg.body_start  # the title's numbers ("2021年…方案") are not targets
    text = view.text[start : view.end]
    regions: list[tuple[int, int]] = found.get("_task_regions", [])
    starts = [lo for lo, _ in regions]
    background = [(s.start, s.end) for s in view.seg.sections if is_background(s.heading)]
    rows = find_indicator_rows(text)
    row_spans = [(start + r.start, start + r.end) for r in rows]
    targets = [
        Target(
            metric=r.metric, op=r.op, value=r.value, unit=r.unit, change=r.change, text=clean(r.text),
            section=_section_id(view, start + r.start), span=view.span(start + r.start, start + r.end),
        )
        for r in rows
    ]
    # the year the plan is for: its date's, or a later one its title names ("2025年度…方案"
    # issued in 2024, where "2024年度,…参保率为96.1%" is the starting point)
    date = found.get("date")
    years = [y for y in (int(date[:4]) if date and date[:4].isdigit() else None, context_year(view)) if y]
    plan_year = max(years) if years else None
    goals = [(s.start - start, s.end - start) for s in view.top_sections("goals")]
    for m in find_targets(text, plan_year=plan_year, goal_spans=goals):
        a, b = start + m.start, start + m.end
        if any(lo <= a < hi for lo, hi in background):
            continue  # a result already reached ("工作基础"), not a target
        if any(lo <= a < hi for lo, hi in row_spans):
            continue  # a row of an indicator table, read as a row
        section = view.section_at(a)
        deadline = view.deadlines.at(a, b)
        task = _enclosing(regions, starts, a, b)
        metric = m.metric
        if metric.count("”") > metric.count("“") and m.metric_start > 0 and text[m.metric_start - 1] == "“":
            metric = "“" + metric  # the metric began inside a quotation: “一网通办”覆盖率
        targets.append(
            Target(
                metric=clean(metric),
                subject=clean(m.subject) if m.subject else None,
                op=m.op,
                value=m.value,
                value_max=m.value_max,
                unit=m.unit,
                change=m.change,
                text=clean(m.text),
                deadline=deadline.iso() if deadline else None,
                deadline_text=deadline.text if deadline else None,
                task=task,
                section=section.id if section else None,
                span=view.span(a, b),
            )
        )
    targets.sort(key=lambda t: t.span.start)
    return {"targets": targets}
