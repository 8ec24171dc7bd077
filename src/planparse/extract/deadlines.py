"""Deadlines of tasks and targets: "到2020年底前", "12月底前", "2014年成功创建…"."""

from __future__ import annotations

import re

from ..dates import DatePoint, find_dates

#: Words before a date that make it a deadline ("到2020年", "力争2019年6月").
_BEFORE = re.compile(r"(?:到|至|于|在|力争|争取|确保|截至|截止)\s*$")
#: Words after a date that make it a deadline ("…年底前", "6月前完成", "2014年成功创建").
_AFTER = re.compile(r"\s*(?:前|以前|之前|底前|末前|内|完成|实现|建成|达到|成功|全面|基本|全部|力争|,|争取)")
_SENTENCE_START = re.compile(r"[。;!?\n]")


def deadline_in(text: str, start: int, end: int, *, lookback: int = 120) -> DatePoint | None:
    """The last deadline-like date in the sentence that ends at ``end``.

    The sentence runs back from ``start`` to the previous sentence end (at most
    ``lookback`` characters).  A date counts when it is introduced by 到/于/力争 …
    or followed by 前/底前/完成/成功 …; dates in a plan's body that only say when
    something happened (a meeting "于3月召开") are the price of this simple rule.
    """
    lo = max(0, start - lookback)
    window = text[lo:end]
    cut = max((m.end() for m in _SENTENCE_START.finditer(window, 0, start - lo)), default=0)
    best = None
    for d in find_dates(window[cut:]):
        if d.placeholder or d.invalid:
            continue
        s, e = cut + d.start, cut + d.end
        if _BEFORE.search(window, max(0, s - 6), s) or _AFTER.match(window, e):
            best = d
    return best
