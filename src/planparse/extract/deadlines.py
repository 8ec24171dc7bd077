"""Deadlines of tasks and targets: "到2020年底前", "12月底前", "2014年成功创建…"."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..dates import DatePoint, find_dates

#: Words before a date that make it a deadline ("到2020年", "力争2019年6月").
_BEFORE = re.compile(r"(?:到|至|于|在|力争|争取|确保|截至|截止)\s*$")
#: Words after a date that make it a deadline ("…年底前", "6月前完成", "2014年成功创建").
_AFTER = re.compile(r"\s*(?:前|以前|之前|底前|末前|内|完成|实现|建成|达到|成功|全面|基本|全部|力争|,|争取)")
_SENTENCE_END = re.compile(r"[。;!?\n]")


class Deadlines:
    """The deadline-like dates of one stretch of text, found once for all its items.

    A plan asks for the deadline of every task and target; reading the dates of the
    whole document once and looking them up keeps that linear in the document's
    length, however densely the items stand.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None, *, lookback: int = 120) -> None:
        end = len(text) if end is None else end
        self.text = text
        self.lookback = lookback
        self._floor = start
        self._dates = [
            replace(d, start=d.start + start, end=d.end + start)
            for d in find_dates(text[start:end])
            if not (d.placeholder or d.invalid)
        ]
        self._date_starts = [d.start for d in self._dates]
        self._stops = [m.start() for m in _SENTENCE_END.finditer(text, start, end)]

    def at(self, start: int, end: int) -> DatePoint | None:
        """The last deadline-like date in the sentence that ends at ``end``.

        The sentence runs back from ``start`` to the previous sentence end (at most
        ``lookback`` characters).  A date counts when it is introduced by 到/于/力争 …
        or followed by 前/底前/完成/成功 …; dates in a plan's body that only say when
        something happened (a meeting "于3月召开") are the price of this simple rule.
        """
        lo = max(self._floor, start - self.lookback)
        k = bisect_left(self._stops, start) - 1
        cut = self._stops[k] + 1 if k >= 0 and self._stops[k] >= lo else lo
        best = None
        i = bisect_left(self._date_starts, cut)
        while i < len(self._dates) and self._dates[i].start < end:
            d = self._dates[i]
            i += 1
            if d.end > end:
                continue
            if _BEFORE.search(self.text, max(lo, d.start - 6), d.start) or _AFTER.match(self.text, d.end, end):
                best = d
        return best
