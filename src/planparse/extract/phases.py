"""Timetable phases, found under the steps section (or, lacking one, as stage items)."""

from __future__ import annotations

import re
from typing import Any

from ..dates import parse_range
from ..models import Phase
from ..phases_text import find_phases
from ..segment import SectionNode, clean
from .view import DocumentView

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)\s*年?")


def context_year(view: DocumentView) -> int | None:
    """A year the plan states for itself: in its title ("2021年…工作方案"), or its period."""
    title = view.seg.title or ""
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


def extract_phases(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``phases`` of one document, with years inferred from the document date or title."""
    date = found.get("date")
    doc_year = int(date[:4]) if date and date[:4].isdigit() else None
    # the steps section(s); lacking one, the whole body, where only stage items count
    steps = view.top_sections("steps")
    pieces = [(s.start, s.end, False) for s in steps] or [(view.seg.body_start, view.end, True)]
    year = context_year(view)
    phases: list[Phase] = []
    warnings: list[str] = []
    for start, end, whole in pieces:
        for m in find_phases(view.text[start:end], doc_year=doc_year, context_year=year, whole_document=whole):
            bad = "、".join(p.text for p in (m.date_range.start, m.date_range.end) if p is not None and p.invalid)
            if bad:
                warnings.append(f"phase {len(phases) + 1} ({clean(m.name)}): impossible date {bad} left null")
            section = view.section_at(start + m.item_start)
            # a stage given only by its deadline ("(2022年10月底前)") spans that period,
            # as a single-month stage "(2013年6月)" does
            first = m.end if m.start is None and m.start_text is None else m.start
            phases.append(
                Phase(
                    order=len(phases) + 1,
                    name=clean(m.name),
                    start=first,
                    end=m.end,
                    start_text=m.start_text,
                    end_text=m.end_text,
                    year_inferred=m.year_inferred,
                    section=section.id if section else None,
                    span=view.span(start + m.item_start, start + m.item_end),
                )
            )
    if not phases:
        phases += [p for s in steps if (p := _single_window(view, s, doc_year or year)) is not None]
    return {"phases": phases, "_warnings": warnings}


_FIRST_LINE = re.compile(r"[ \t]*([^\n。;]{4,40})")


def _single_window(view: DocumentView, section: SectionNode, year: int | None) -> Phase | None:
    """A timetable section that is one period ("二、活动时间\n2022年5月1日—5月31日"):
    one phase named after the section."""
    if section.children:
        return None
    body = view.text.find("\n", section.heading_end, section.end)
    m = _FIRST_LINE.match(view.text, body + 1, section.end) if body >= 0 else None
    rng = parse_range(m.group(1), default_year=year) if m else None
    if m is None or rng is None or rng.start is None or rng.start_iso() is None:
        return None
    return Phase(
        order=1, name=section.heading, start=rng.start_iso(), end=rng.end_iso(),
        start_text=rng.start_text, end_text=rng.end_text, year_inferred=rng.year_inferred,
        section=section.id, span=view.span(m.start(1), m.end(1)),
    )
