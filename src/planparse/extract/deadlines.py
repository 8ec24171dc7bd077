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
    """The deadline-like dates of one stretch of text, read sentence by sentence as items
    ask for them.

    A plan asks for the deadline of every task and target; each sentence's dates are
    read at most once, so that stays linear in the document's length however densely
    the items stand, and sentences no item lies in are never read.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None, *, lookback: int = 120) -> None:
        self.text = text
        self.lookback = lookback
        self._floor = start
        self._end = len(text) if end is None else end
        self._stops = [m.start() for m in _SENTENCE_END.finditer(text, start, self._end)]
        self._chunks: dict[int, list[DatePoint]] = {}

    def _chunk(self, i: int) -> list[DatePoint]:
        """Dates of the ``i``-th sentence (between the stops before and at ``i``)."""
        got = self._chunks.get(i)
        if got is None:
            a = self._stops[i - 1] + 1 if i > 0 else self._floor
            b = self._stops[i] if i < len(self._stops) else self._end
            got = [
                replace(d, start=d.start + a, end=d.end + a)
                for d in find_dates(self.text[a:b])
                if not (d.placeholder or d.invalid)
            ]
            self._chunks[i] = got
        return got

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
        for i in range(bisect_left(self._stops, cut), bisect_left(self._stops, max(cut, end - 1)) + 1):
            for d in self._chunk(i):
                if d.start < cut or d.end > end:
                    continue
                if _BEFORE.search(self.text, max(lo, d.start - 6), d.start) or _AFTER.match(self.text, d.end, end):
                    best = d
        return best
