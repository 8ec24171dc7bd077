"""Segmentation: working text -> documents, titles and section trees.

Works on the working text of :mod:`planparse.normalize`; every offset here is a
working-text offset (the API maps them to the original).  Like markdown-it's block
rules, the segmenter first finds a flat list of headings, each with its marker style
and number, then gives each style a level by the order in which styles open inside
one document (GB/T 9704: 一、 -> （一） -> 1. -> （1）, and the variants real plans use),
and finally builds the tree.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .numerals import cn_to_int
from .vocab import StrictModel, load, unique_words

_CN = "一二三四五六七八九十"
_CN_NUM = f"[{_CN}百零〇○]{{1,4}}"


class SectionVocabulary(StrictModel):
    """``data/sections.yaml``."""

    kinds: dict[str, list[str]]
    background: list[str]
    title_words: list[str]
    notice_pattern: str
    boilerplate: list[str]
    footer: list[str]

    def model_post_init(self, __context: object) -> None:
        seen: set[str] = set()
        for kind, words in self.kinds.items():
            unique_words(words, f"kinds.{kind}")  # lists inside a dict: not seen by StrictModel
            dup = seen.intersection(words)
            if dup:
                raise ValueError(f"synonyms listed under two kinds: {sorted(dup)}")
            seen.update(words)


@lru_cache(maxsize=1)
def vocabulary() -> SectionVocabulary:
    return load("sections.yaml", SectionVocabulary)


# --- documents -----------------------------------------------------------------------

#: "第一篇: title" opening an article of a compilation.
ARTICLE = re.compile(rf"^[ \t]*第({_CN_NUM}|\d{{1,3}})篇[ \t]*[:.、]?[ \t]*([^\n]*)$", re.MULTILINE)


@dataclass
class SectionNode:
    """A heading found in the working text, with the extent of its section."""

    style: str
    numeral: int
    marker: str
    start: int  # offset of the marker
    heading_start: int
    heading_end: int
    heading: str
    level: int = 0
    end: int = 0  # end of the section's text
    id: str = ""
    kind: str | None = None
    children: list[SectionNode] = field(default_factory=list)

    def walk(self) -> list[SectionNode]:
        """This node and all below it, in document order."""
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass
class DocumentSegment:
    """One document of the input, as working-text offsets."""

    index: int
    start: int
    end: int
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    header_title: str | None = None  # the compilation's "第N篇:" heading, if any
    body_start: int = 0  # where section scanning began (after the title)
    notice_title: str | None = None  # the covering notice's title, when the plan is wrapped in one
    complete: bool = True
    sections: list[SectionNode] = field(default_factory=list)

    def all_sections(self) -> list[SectionNode]:
        out: list[SectionNode] = []
        for s in self.sections:
            out.extend(s.walk())
        return out


#: "附件2" (or "附件2:" and the attachment's title) on a line of its own.
ATTACHMENT = re.compile(rf"^[ \t]*附件[ \t]*({_CN_NUM}|\d{{1,2}})[ \t]*[:.、]?[ \t]*([^\n]{{0,80}})$", re.MULTILINE)
#: Attachments that belong to their plan rather than stand as documents of their own.
_ANNEX_WORDS = ("表", "名单", "清单", "目录", "一览", "汇总", "图", "样式", "模板")


def _attachment_heads(text: str) -> list[re.Match[str]]:
    """"附件1", "附件2" … heads of attachments that are documents of their own (a plan,
    its 考核办法): each followed by a title ending like a document's and holding a 一、
    heading.  A notice issuing two or more of them gives one document per attachment."""
    heads: list[re.Match[str]] = []
    expect = 1
    for m in ATTACHMENT.finditer(text):
        if cn_to_int(m.group(1)) == expect:
            heads.append(m)
            expect += 1
    if len(heads) < 2:
        return []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        title = m.group(2).strip() or next(
            (ln.strip() for ln in text[m.end() : min(end, m.end() + 300)].split("\n") if ln.strip()), "")
        if (
            not _ends_with_title_word(title)
            or clean(title).endswith(_ANNEX_WORDS)
            or HEADING_AT_LINE.search(text, m.end(), end) is None
        ):
            return []
    return heads


def split_documents(text: str) -> list[DocumentSegment]:
    """Split the working text into documents at "第N篇" headings numbered 1, 2, 3 …, or,
    lacking them, at the attachments of a notice issuing several documents ("附件1" …)."""
    heads = []
    expect = 1
    for m in ARTICLE.finditer(text):
        if cn_to_int(m.group(1)) == expect:
            heads.append(m)
            expect += 1
    if not heads:
        annexes = _attachment_heads(text)
        if annexes:  # the notice goes with the first attachment
            bounds = [0] + [m.start() for m in annexes[1:]] + [len(text)]
            return [DocumentSegment(index=k + 1, start=bounds[k], end=bounds[k + 1]) for k in range(len(annexes))]
        return [DocumentSegment(index=1, start=0, end=len(text))]
    docs = []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        header = clean(m.group(2)) or None
        docs.append(DocumentSegment(index=k + 1, start=m.start(), end=end, header_title=header, body_start=m.end()))
    return docs


def segment(text: str, *, inline_items: bool = False) -> list[DocumentSegment]:
    """Find documents, their titles, section trees and completeness.

    :param inline_items: also make the inline enumerations of a paragraph
        ("一是…。二是…") its sub-items (style ``enum``).
    """
    docs = split_documents(text)
    for doc in docs:
        doc.end = _without_footer(text, doc.start, doc.end)
        if doc.header_title is None:
            doc.body_start = doc.start
        _find_title(text, doc)
        headings = find_headings(text, doc.body_start, doc.end, inline_items=inline_items)
        doc.sections = build_tree(headings, doc.end, text)
        for top in doc.sections:
            top.kind = section_kind(top.heading)
        doc.complete = is_complete(text[doc.start : doc.end])
    return docs


# --- text helpers --------------------------------------------------------------------

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}“”《》、,。:;()])\s+|\s+(?=[{_CJK}“”《》、,。:;()])")


def clean(s: str) -> str:
    """Strip, and remove whitespace that touches a CJK character ("王 雄" -> "王雄")."""
    return _INNER_SPACE.sub("", s.strip())


def _lines_from(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


# --- titles --------------------------------------------------------------------------

_SENTENCE_PUNCT = re.compile(r"[。;!?]")
_DATE_LINE = re.compile(r"^\**\s*(?:\d{4}|[二〇○零一两三四五六七八九十]{4})\s*年[^。,]{0,12}$")
_DOC_NUMBER_LINE = re.compile(r"^[^\s。,]{1,20}[〔\[【(]\d{4}[〕\]】)]\s*\d{1,5}\s*号$")
_STARS_ONLY = re.compile(r"^[*\s]*$")
LABEL = re.compile(r"^[^,。;:、]{1,10}:")


#: An attachment's label alone on its line ("附件1", "附件:").
_ATTACHMENT_LABEL = re.compile(r"^附件[ \t]*[0-9一二三四五六七八九十]{0,3}[ \t]*[:：]?[ \t]*$")


def _is_title_like(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 80
        and not _ATTACHMENT_LABEL.match(s)
        and not (s[0] in "(（" and s[-1] in ")）")  # "(此件公开发布)": a note, not a title
        and not _SENTENCE_PUNCT.search(s)
        and not s.endswith(":")
        and HEADING.match(s) is None
        and not _DATE_LINE.match(s)
        and not _DOC_NUMBER_LINE.match(s)
        and not _STARS_ONLY.match(s)
        and s.count(",") <= 1
    )


_TRAILING_NOTE = re.compile(r"(?:\([^()]{1,30}\)|[)》”\s])+$")


def _ends_with_title_word(s: str) -> bool:
    """Whether a line ends like a title: 方案, 计划 … (before a "(2021—2023年)" or "(试行)")."""
    s = _TRAILING_NOTE.sub("", clean(s))
    return any(s.endswith(w) for w in vocabulary().title_words)


def _has_title_word(s: str) -> bool:
    return _ends_with_title_word(s) or any(w in s for w in ("方案", "计划", "规划", "通知", "意见"))


def _is_boilerplate(line: str) -> bool:
    s = line.strip()
    return any(w in s for w in vocabulary().boilerplate) and len(s) < 60


def _title_at(text: str, lines: list[tuple[int, int]], i: int) -> tuple[str, int, int, int] | None:
    """A title starting at line ``i``: (title, start, end, index of the line after it)."""
    s, e = lines[i]
    line = text[s:e]
    if not _is_title_like(line):
        return None
    if not _ends_with_title_word(line) and i + 1 < len(lines):
        s2, e2 = lines[i + 1]
        nxt = text[s2:e2]
        if _is_title_like(nxt) and _ends_with_title_word(nxt) and len(clean(line)) + len(clean(nxt)) <= 80:
            return clean(line + nxt), s + len(line) - len(line.lstrip()), e2, i + 2
    return clean(line), s + len(line) - len(line.lstrip()), e, i + 1


def _without_footer(text: str, start: int, end: int) -> int:
    """The end of a document before a trailing run of web-page footer lines."""
    words = vocabulary().footer
    cut = end
    for ls, le in reversed(_lines_from(text, start, end)):
        line = text[ls:le].strip()
        if line and not (len(line) < 80 and any(w in line for w in words)):
            break
        cut = ls
    return max(cut, start) if cut < end else end


def _find_title(text: str, doc: DocumentSegment) -> None:
    lines = [(s, e) for s, e in _lines_from(text, doc.body_start, doc.end) if text[s:e].strip()]
    found = first = None
    i = 0
    while i < len(lines) and i < 15:
        line = text[lines[i][0] : lines[i][1]].strip()
        if (
            _is_boilerplate(line) or _DOC_NUMBER_LINE.match(line) or _STARS_ONLY.match(line)
            or _DATE_LINE.match(line) or _ATTACHMENT_LABEL.match(line)
        ):
            i += 1
            continue
        cand = _title_at(text, lines, i)
        if cand is None:
            break  # the body begins
        if _has_title_word(cand[0]):
            found = cand
            break
        # a banner ("XX县人民政府办公室文件"), an issuing organ, a 签发人 line: the title
        # comes later, though this line serves when nothing better does
        first = first or cand
        i = cand[3]
    found = found or first
    if found is None:
        doc.title = doc.header_title
        return
    title, ts, te, after = found
    doc.title, doc.title_start, doc.title_end = title, ts, te
    doc.body_start = te
    if re.search(vocabulary().notice_pattern, title) and _TRAILING_NOTE.sub("", title).endswith("通知"):
        # A covering notice: the plan's own title stands on its own line(s) before the
        # plan's first heading.
        first_heading = _first_top_heading(text, te, doc.end)
        best = None
        k = after
        while k < len(lines) and lines[k][0] < first_heading:
            cand = _title_at(text, lines, k)
            if cand and _ends_with_title_word(cand[0]) and not LABEL.match(cand[0]):
                best = cand
                k = cand[3]
            else:
                k += 1
        if best is not None:
            doc.notice_title = title
            doc.title, doc.title_start, doc.title_end = best[0], best[1], best[2]
            doc.body_start = best[2]


def _first_top_heading(text: str, start: int, end: int) -> int:
    for m in HEADING_AT_LINE.finditer(text, start, end):
        if m.group("cn") and cn_to_int(m.group("cn")) == 1:
            return m.start()
    return end


# --- headings ------------------------------------------------------------------------

#: The marker styles of numbered headings.  The group name is the style.
HEADING = re.compile(
    rf"""[ \t]*(?:
        第(?P<part>{_CN_NUM}|\d{{1,2}})(?:部分|章|节)[ \t]*[:、.]?
      | 第(?P<stage>{_CN_NUM}|\d{{1,2}})阶段(?=[ \t]*[:(、,]|[{_CJK}])
      | (?P<cn>[{_CN}]{{1,3}})[ \t]*[、.,](?![\d{_CN}])
      | [(\[](?P<cnp>[{_CN}]{{1,3}})[)\]][ \t]*[、.]?
      | (?P<ar>\d{{1,2}})[ \t]*(?:[、.,](?!\d)|\)(?!\d))
      | [(\[](?P<arp>\d{{1,2}})[)\]]
      | (?P<circ>[\u2460-\u2473])
    )""",
    re.VERBOSE,
)
HEADING_AT_LINE = re.compile(r"(?m)^" + HEADING.pattern, re.VERBOSE)
#: How many numbers a sub-list may skip (web copies lose lines) and still continue;
#: top-level numbering must be continuous.
_MAX_GAP = 2
_STYLES = ("part", "stage", "cn", "cnp", "ar", "arp", "circ")
#: Styles of heading that may start in the middle of a line, after a sentence ends.
_INLINE_STYLES = ("cn", "cnp")
_AFTER_SENTENCE = re.compile(rf"。[ \t]*(?=[{_CN}]{{1,3}}[、.]|[(\[][{_CN}]{{1,3}}[)\]])")
#: A table-of-contents line: a heading followed by dot leaders or a page number.
_TOC_TAIL = re.compile(r"(?:[.…·]{3,}|\t)\s*\d{1,3}\s*$")
#: Where a heading phrase ends: a sentence end, a space gap before body text, or an
#: assignment bracket ("…安全生产(责任单位:…)").
_HEADING_STOP = re.compile(r"[。;!?\n]|[ \t]{1,}(?=[^\s(])|\((?=责任|牵头|配合|负责|主责|协办|完成时)")


#: An inline enumeration item: "一是…" at the start of a line or after a sentence.
_ENUM = re.compile(rf"(?:^|(?<=[。;:]))[ \t]*(?P<enum>[{_CN}]{{1,3}})是(?=[^\s,。])", re.MULTILINE)
_ENUM_STOP = re.compile(r"[,。;:!?\n]")


def _enum_fits(stack: list[list[object]], n: int) -> bool:
    """An enumeration continues (二是 after 一是) or starts (一是) under an open section."""
    if not stack:
        return False
    if stack[-1][0] == "enum":
        last = stack[-1][1]
        return isinstance(last, int) and (n == last + 1 or n == 1)
    return n == 1


def _enum_phrase(text: str, start: int, limit: int) -> tuple[int, int]:
    """The first clause of an enumeration item ("一是加强领导,…" -> 加强领导)."""
    m = _ENUM_STOP.search(text, start, min(limit, start + 40))
    return start, (m.start() if m else min(limit, start + 40))


def _numeral(m: re.Match[str]) -> tuple[str, int] | None:
    if "enum" in m.re.groupindex:
        k = cn_to_int(m.group("enum"))
        return ("enum", k) if k else None
    for style in _STYLES:
        g = m.group(style)
        if g is not None:
            if style == "circ":
                n: int | None = ord(g) - 0x245F
            else:
                n = int(g) if g.isascii() else cn_to_int(g)
            return (style, n) if n else None
    return None


#: Three or more single characters with a space after each but the last.
_LETTER_SPACED = re.compile(rf"[{_CJK}](?:[ \t\u3000]{{1,2}}[{_CJK}]){{2,15}}(?=[ \t]*(?:$|\n))", re.MULTILINE)


def _heading_phrase(text: str, start: int, limit: int) -> tuple[int, int]:
    """The heading phrase after a marker: up to the first sentence end or a space gap."""
    pos = start
    while pos < limit and text[pos] in " \t:":
        pos += 1
    m = _LETTER_SPACED.match(text, pos, limit)
    if m is not None:  # "指 导 思 想": a heading spaced out letter by letter
        return pos, m.end()
    m = _HEADING_STOP.search(text, pos, limit)
    end = m.start() if m else limit
    if end - pos > 50:  # a long run-on sentence: keep its first phrase
        m2 = re.compile(r"[,:]").search(text, pos, end)
        if m2:
            end = m2.start()
    while end > pos and text[end - 1] in " \t,:、.":
        end -= 1
    return pos, end


def find_headings(text: str, start: int, end: int, *, inline_items: bool = False) -> list[SectionNode]:
    """Headings between ``start`` and ``end``, with levels decided by style order."""
    # (offset, marker match, inside a line?, end of its line)
    candidates: list[tuple[int, re.Match[str], bool, int]] = []
    for ls, le in _lines_from(text, start, end):
        m = HEADING.match(text, ls, le)
        if m:
            candidates.append((m.start(), m, False, le))
        for sm in _AFTER_SENTENCE.finditer(text, ls, le):
            hm = HEADING.match(text, sm.end(), le)
            if hm:
                candidates.append((hm.start(), hm, True, le))
        if inline_items:
            candidates += [(em.start("enum"), em, True, le) for em in _ENUM.finditer(text, ls, le)]
    candidates.sort(key=lambda c: c[0])

    nodes: list[SectionNode] = []
    stack: list[list[object]] = []  # [style, last numeral] per open level
    for _, m, inline, line_end in candidates:
        got = _numeral(m)
        if got is None:
            continue
        style, n = got
        if style == "enum":
            if not _enum_fits(stack, n):
                continue
            hs, he = _enum_phrase(text, m.end(), line_end)
            if he > hs:
                if stack[-1][0] == "enum":
                    stack[-1][1] = n
                else:
                    stack.append(["enum", n])
                nodes.append(SectionNode(
                    style=style, numeral=n, marker=m.group("enum") + "是", start=m.start("enum"),
                    heading_start=hs, heading_end=he, heading=clean(text[hs:he]), level=len(stack),
                ))
            continue
        if stack and stack[-1][0] == "enum":
            stack.pop()  # an inline enumeration ends with its paragraph's section
        hs, he = _heading_phrase(text, m.end(), line_end)
        if he <= hs or _TOC_TAIL.search(text, max(m.end(), line_end - 40), line_end):
            continue
        if inline and (style not in _INLINE_STYLES or he - hs > 30):
            continue
        styles = [s[0] for s in stack]
        if style in styles:
            k = styles.index(style)
            last = stack[k][1]
            assert isinstance(last, int)
            # the top level runs 1, 2, 3 …; a copy that skips one number ("二、" then "四、")
            # still goes on when the heading names a known kind of section
            skipped = (k == 0 and n == last + 2 and not inline
                       and section_kind(clean(text[hs:he])) != "other")
            if not (last < n <= last + (1 if k == 0 else _MAX_GAP) or skipped):
                if not (k == 0 and n == 1 and _is_toc(nodes, text)):
                    continue
                nodes.clear()  # what came before was a table of contents: start again
                stack.clear()
                stack.append([style, n])
                level = 1
            else:
                del stack[k + 1 :]
                stack[k][1] = n
                level = k + 1
        else:
            if inline or (not stack and n != 1):
                continue
            stack.append([style, n])
            level = len(stack)
        raw = m.group(0)
        nodes.append(
            SectionNode(
                style=style, numeral=n, marker=raw.strip(), start=m.start() + len(raw) - len(raw.lstrip()),
                heading_start=hs, heading_end=he, heading=clean(text[hs:he]), level=level,
            )
        )
    return nodes


def _is_toc(nodes: list[SectionNode], text: str) -> bool:
    """Whether the headings so far are a table of contents: one bare line each, no body."""
    return bool(nodes) and all(
        "。" not in text[a.start : b.start] and text.count("\n", a.start, b.start) <= 1
        for a, b in itertools.pairwise([*nodes, nodes[-1]])
    )


def build_tree(nodes: list[SectionNode], doc_end: int, text: str) -> list[SectionNode]:
    """Nest flat headings by level, set each section's end and id."""
    for k, node in enumerate(nodes):
        end = doc_end
        for later in nodes[k + 1 :]:
            if later.level <= node.level:
                end = later.start
                break
        while end > node.start and text[end - 1].isspace():
            end -= 1
        node.end = end
    roots: list[SectionNode] = []
    path: list[SectionNode] = []
    for node in nodes:
        del path[node.level - 1 :]
        siblings = path[-1].children if path else roots
        siblings.append(node)
        node.id = ".".join([*(p.id.split(".")[-1] for p in path), str(len(siblings))]) if path else str(len(siblings))
        if path:
            node.id = f"{path[-1].id}.{len(siblings)}"
        path.append(node)
        node.level = len(path)
    return roots


def section_kind(heading: str) -> str:
    """The kind of a top-level section from its heading (``other`` when nothing matches)."""
    best: tuple[int, int, str] | None = None
    for kind, words in vocabulary().kinds.items():
        for w in words:
            pos = heading.find(w)
            if pos >= 0 and (best is None or (pos, -len(w)) < (best[0], best[1])):
                best = (pos, -len(w), kind)
    return best[2] if best else "other"


def is_background(heading: str) -> bool:
    """Whether a section describes the plan's starting point (工作基础, 现状 …)."""
    return any(w in heading for w in vocabulary().background)


# --- completeness --------------------------------------------------------------------

_FINISHED = "。!?…”’)】》〕\"'"
#: The printing line of an official document: "XX办公室 2022年3月21日印发".
_CLOSING_LINE = re.compile(r"(?:印发|印制|翻印|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


#: A row of a table in text: cells separated by tabs, or by runs of spaces twice.
_TABLE_ROW = re.compile(r"\S\t+\S|\S {2,}\S+ {2,}\S")


def is_complete(doc_text: str) -> bool:
    """False when the document visibly stops mid-sentence."""
    stripped = doc_text.rstrip()
    if not stripped:
        return True
    last = stripped[stripped.rfind("\n") + 1 :].strip()
    if last[-1] in _FINISHED or _CLOSING_LINE.search(last) or _TABLE_ROW.search(last):
        return True  # a table's row (an appendix's 责任分解表) ends with its last cell
    # a signature, a date, an issuer or a "共印30份" line closes a document too
    return len(clean(last)) <= 30 and re.search(r"[。,;、]", last) is None
