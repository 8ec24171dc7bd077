"""Normalisation: the decoded input -> the working text that extractors match on.

The original text is never changed; :class:`NormalizedText` holds both and maps
offsets in the working text back to the original, so that every span planparse
reports points into what the user gave it.  See ``docs/WORKING_TEXT.md`` for the
rules.  Only deletions change lengths (``\\r``, page-number lines, line breaks
inside a sentence); every other step maps one character to one character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .models import Span

# Full-width ASCII forms and the ideographic space, folded to half-width.  CJK-only
# punctuation (。、《》“”〔〕【】—…) has no half-width twin and stays as it is.
_WIDTH = {0x3000: " "}
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_WIDTH_TABLE = str.maketrans(_WIDTH)

#: Characters after which a line is a finished sentence or item.
TERMINAL = "。!?;:…”’)】」》〕>"
#: Punctuation that marks a line as running prose (a paragraph, not a heading or a name).
PROSE_PUNCT = re.compile(r"[。,;、]")

_CN = "一二三四五六七八九十百零〇○"
#: A line that starts a new item: a numbered marker, an inline enumeration, a label "X:".
LINE_START_MARKER = re.compile(
    rf"""\s*(?:
        第[{_CN}\d]{{1,4}}\s*[篇章节部分阶段条]
      | [{_CN}]{{1,3}}\s*[、.,]
      | [(\[【〔][{_CN}\d]{{1,3}}[)\]】〕]
      | \d{{1,3}}\s*[、.,)](?!\d)
      | [\u2460-\u2473\u2776-\u277f]
      | [{_CN}]{{1,3}}是
      | [^,。;:、\n]{{1,10}}:
      | (?:\d{{4}}|[二〇○零一]{{4}})\s*年
    )""",
    re.VERBOSE,
)
#: A top-level heading run into the end of a paragraph: "…。二、工作目标".
_RUN_IN_HEADING = re.compile(rf"\s*(?:[{_CN}]{{1,3}}[、.]|[(\[][{_CN}]{{1,3}}[)\]])")
#: Cells of a table row: a tab, or a wide gap of spaces between two cells.
_COLUMNS = re.compile(r"\t|\S {3,}\S")
_LIST_SEPARATORS = re.compile(r"[、,:\s]")
#: A line that opens with a short label: "抄送:", "成 员:", "责任单位:".
LABEL_LINE = re.compile(r"\s*[^,。;:、\n]{1,10}:")
#: Page-break lines left by a paginated original: "- 3 -", "第3页 共10页", a form feed.
PAGE_LINE = re.compile(r"[\s\f]*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)?[\s\f]*")
_DIGIT_END = re.compile(r"\d$")
_DATE_CONTINUATION = re.compile(r"\d{1,4}\s*[年月日号%]")
_OPENERS, _CLOSERS = "(《“[【", ")》”]】"

_LOST_NUMBER_BRACKETS = re.compile(r"\?(\d{4})\?(?=\s*\d{1,5}\s*号)")
_QUESTION = re.compile(r"\?")


@lru_cache(maxsize=2)
def opencc_converter(config: str) -> Callable[[str], str]:
    """An OpenCC converter such as "t2s" or "s2t" (official binding or the reimplementation).

    The two packages spell the configuration with or without ".json"; both are tried.
    """
    import opencc  # imported here: loading its dictionaries costs time

    last: Exception | None = None
    for name in (config, f"{config}.json"):
        try:
            return opencc.OpenCC(name).convert  # type: ignore[no-any-return,unused-ignore]
        except Exception as exc:
            last = exc
    raise RuntimeError(f"OpenCC has no {config} configuration: {last}")


def to_simplified(text: str) -> str:
    """Convert to Simplified script, keeping the length (and so every offset) unchanged."""
    convert = opencc_converter("t2s")
    out = convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length somewhere: convert line by line, and fall back to
    # character by character on the lines that still differ.
    lines = []
    for line in text.split("\n"):
        conv = convert(line)
        lines.append(conv if len(conv) == len(line) else "".join(convert(c)[:1] or c for c in line))
    return "\n".join(lines)


def to_traditional(text: str) -> str:
    """Convert Simplified to Traditional script (for ``--script traditional``)."""
    return opencc_converter("s2t")(text)


_FULL_WIDTH_RUN = re.compile("[\uff01-\uff5e\u3000]+")


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms to half-width (length-preserving).

    Translating only the runs that need it is 3-6x faster than ``str.translate`` over
    the whole text, which looks up every character.
    """
    return _FULL_WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)


def restore_lost_marks(text: str) -> str:
    """Turn ``?`` that stand for lost quotation marks or brackets back into marks.

    ``?2011?32号`` -> ``〔2011〕32号``; within a line, other ``?`` pair up as ``“…”``.
    A lone ``?`` closing a sentence stays a question mark.
    """
    if "?" not in text:
        return text
    text = _LOST_NUMBER_BRACKETS.sub(r"〔\1〕", text)
    out = []
    done = 0  # text before this offset is handled
    pos = text.find("?")
    while pos >= 0:  # only lines holding a "?" are rewritten
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        le = len(text) if le < 0 else le
        out.append(text[done:ls])
        out.append(_restore_line(text[ls:le]))
        done = le
        pos = text.find("?", le)
    out.append(text[done:])
    return "".join(out)


def _restore_line(line: str) -> str:
    marks = [m.start() for m in _QUESTION.finditer(line)]
    content_end = len(line.rstrip()) - 1
    if not (len(marks) >= 2 or (marks[0] < content_end and _quote_context(line, marks[0]))):
        return line
    chars = list(line)
    usable = marks[:-1] if len(marks) % 2 and marks[-1] >= content_end else marks
    for k, pos in enumerate(usable):
        chars[pos] = "“" if k % 2 == 0 else "”"
    return "".join(chars)


def _quote_context(line: str, pos: int) -> bool:
    # a single "?" inside a line followed by a word, e.g. a quotation whose other mark fell
    # on another line: only when a CJK character follows it directly
    nxt = line[pos + 1] if pos + 1 < len(line) else ""
    return "\u4e00" <= nxt <= "\u9fff"


@dataclass
class NormalizedText:
    """The original text, the working text, and the offset map between them."""

    original: str
    text: str
    # working offsets at which characters were deleted, and how many originals precede
    # each: original = working + _shift[k] for the last cut k at or before the offset
    _cuts: list[int] = field(default_factory=list, repr=False)
    _shift: list[int] = field(default_factory=list, repr=False)

    def to_original(self, offset: int) -> int:
        """Map an offset in the working text to the original text."""
        k = bisect_right(self._cuts, offset) - 1
        return offset + (self._shift[k] if k >= 0 else 0)

    def to_original_end(self, offset: int) -> int:
        """Map an exclusive end offset (so that a span never swallows a deleted break)."""
        if offset <= 0:
            return 0
        return self.to_original(offset - 1) + 1

    def span(self, start: int, end: int) -> Span:
        """The original-text span of working-text ``[start, end)``."""
        s = self.to_original(start)
        return Span(start=s, end=max(s, self.to_original_end(end)))


#: A heading in Markdown bold ("**一、总体要求。**以…"), as web copies sometimes keep it.
_BOLD_HEADING = re.compile(
    r"(?m)^([ \t]*)\*\*(?=[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|[0-9]{1,2}[.、])"
    r"([^\n*]{1,80})\*\*"
)


def unmark_bold_headings(text: str) -> str:
    """Blank out the ``**`` around a heading in Markdown bold, keeping every offset."""
    if "**" not in text:
        return text
    return _BOLD_HEADING.sub(lambda m: f"{m.group(1)}  {m.group(2)}  ", text)


def normalize(original: str) -> NormalizedText:
    """Build the working text of ``original`` (see the module docstring)."""
    mapped = unmark_bold_headings(restore_lost_marks(fold_width(to_simplified(original))))
    assert len(mapped) == len(original)
    return _join_lines(original, mapped)


def _join_lines(original: str, mapped: str) -> NormalizedText:
    """Delete ``\\r``, page-number lines and line breaks inside sentences.

    Kept text is copied in runs between deletions; a deletion at mapped offset ``a``
    is recorded at working offset ``a - removed`` (what was deleted before it).
    """
    pieces: list[str] = []
    cuts: list[int] = []
    shift: list[int] = []
    removed = 0
    run_start = 0  # mapped offset where the current run of kept text starts

    def drop(a: int, b: int) -> None:
        nonlocal removed, run_start
        pieces.append(mapped[run_start:a])
        wpos = a - removed
        removed += b - a
        if cuts and cuts[-1] == wpos:
            shift[-1] = removed
        else:
            cuts.append(wpos)
            shift.append(removed)
        run_start = b

    lines = _lines(mapped)
    n = len(lines)
    furniture = _page_furniture(lines, mapped)
    for i, (start, end, brk_end) in enumerate(lines):
        content = mapped[start:end]
        if i in furniture:
            drop(start, brk_end)
            continue
        if brk_end == end:
            continue  # the last line
        joined = i + 1 < n and _joins(content, _next_content(lines, mapped, i + 1, furniture))
        if joined:
            drop(end, brk_end)
        elif mapped[end] == "\r":
            if brk_end - end == 2:  # \r\n keeps its \n
                drop(end, end + 1)
            else:  # a lone \r is a line break too
                pieces.append(mapped[run_start:end])
                pieces.append("\n")
                run_start = end + 1
    pieces.append(mapped[run_start:])
    return NormalizedText(original=original, text="".join(pieces), _cuts=cuts, _shift=shift)


_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end of the line break) of every line."""
    out = []
    pos = 0
    for m in _BREAK.finditer(text):
        out.append((pos, m.start(), m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), len(text)))
    return out


def _is_page_line(line: str) -> bool:
    """A page-number line ("- 3 -", "第2页 共5页") or a form feed left by pagination."""
    return (
        len(line) <= 40
        and bool(line.strip())
        and PAGE_LINE.fullmatch(line) is not None
        and _is_page_number(line)
    )


def _page_furniture(lines: list[tuple[int, int, int]], text: str) -> set[int]:
    """Indices of the lines pagination left in the text: page numbers ("— 5 —"), and
    running heads repeated at page breaks ("XX省人民政府办公厅文件" beside a page number,
    a line that stands elsewhere in the text too)."""
    pages = {i for i, (s, e, _) in enumerate(lines) if _is_page_line(text[s:e])}
    if not pages:
        return pages
    counts: dict[str, int] = {}
    for s, e, _ in lines:
        key = text[s:e].strip()
        if 0 < len(key) <= 30:
            counts[key] = counts.get(key, 0) + 1
    heads = set()
    for p in pages:
        for i in (p - 1, p + 1):
            if 0 <= i < len(lines) and i not in pages:
                s, e, _ = lines[i]
                if counts.get(text[s:e].strip(), 0) >= 2 and PROSE_PUNCT.search(text[s:e]) is None:
                    heads.add(i)
    return pages | heads


def _next_content(lines: list[tuple[int, int, int]], text: str, i: int, furniture: set[int]) -> str:
    """The next line's text, looking through page furniture ("" at the end)."""
    while i < len(lines):
        s, e, _ = lines[i]
        if i not in furniture:
            return text[s:e]
        i += 1
    return ""


def _is_page_number(line: str) -> bool:
    return any(ch.isdigit() for ch in line) or "\f" in line


def _unclosed(line: str) -> bool:
    depth = 0
    for ch in line[-200:]:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth > 0


def _joins(a: str, b: str) -> bool:
    """Whether the break between line ``a`` and the following line ``b`` is inside a sentence."""
    a = a.rstrip()
    if not a or not b.strip() or (b[:1].isspace() and not b.strip()[:1]):
        return False
    if a[-1] in TERMINAL and not (a[-1] in ":：" and _unclosed(a)):
        return False  # ... unless a label inside a bracket waits for its value: "(牵头单位: | 省…)"
    if _COLUMNS.search(a) or _COLUMNS.search(b):
        return False  # a row of a table exported to text: its line is its row
    b_stripped = b.lstrip()
    starts_item = LINE_START_MARKER.match(b_stripped)
    if starts_item and not (starts_item.group().rstrip().endswith(":") and _unclosed(a)):
        return False
    if _DIGIT_END.search(a) and _DATE_CONTINUATION.match(b_stripped):
        return True  # 10月1 | 5日
    if _unclosed(a):
        return True  # (9月22日-10月1 | 5日), 《…文明城市创建 | 实施方案》, (责任单 | 位:…)
    if len(b_stripped) == 1 and "\u4e00" <= b_stripped <= "\u9fff":
        return True  # 实施方 | 案
    tail = a[a.rfind("。") + 1 :]
    if tail != a and len(tail) <= 30 and _RUN_IN_HEADING.match(tail):
        # "…。二、工作目标" is a heading run into the paragraph: it ends the line, unless
        # the next line is the rest of the heading ("…。六、工 | 作要求")
        return len(b_stripped) <= 8 and PROSE_PUNCT.search(b_stripped) is None
    if LABEL_LINE.match(a) and "。" not in a:
        # "抄送:A,B" / "成员:…": a list under a label ends with its line, unless a name
        # or a list is visibly cut: "成员:周海、王丽萍、赵 | 刚、孙志远", "成员:A、B、 | C"
        last = _LIST_SEPARATORS.split(a)[-1]
        return a.endswith("、") or (len(last) == 1 and "\u4e00" <= last <= "\u9fff" and "、" in a)
    body = LINE_START_MARKER.sub("", a, count=1) if LINE_START_MARKER.match(a) else a
    return len(body) >= 15 and PROSE_PUNCT.search(body) is not None and a[-1] != " "
