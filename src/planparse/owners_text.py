"""Responsible units of plan tasks, read from the working text.

Plans assign tasks to units in two ways:

* **labelled lists**: ``责任部门:校长室、大队部、教务处。`` on its own line or after
  the task, ``(责任单位:市委办、市政府办)`` in brackets after a paragraph (also
  left unclosed at the end of a line), ``牵头单位:A;配合单位:B、C;完成时限:…``;
* **prose**: ``由环卫公司、公用事业办和各村(社区)负责具体实施``,
  ``区教育局负责做好…``, ``市委宣传部牵头,市文明办、市教育局配合``.  A prose
  subject counts only when it is a list of unit names (each ending with a unit
  suffix) naming at least one particular unit: "各单位要负责…" does not count.

:func:`split_units` splits a list of unit names; :func:`find_owner_lists` finds every
assignment in a text.  Words (labels, unit suffixes, generic prefixes, prose verbs)
live in ``data/units.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import vocab

__all__ = [
    "OwnerList",
    "Unit",
    "UnitVocab",
    "find_owner_lists",
    "is_unit_name",
    "split_units",
]


class LabelWords(vocab.StrictModel):
    """Labels of explicit assignments, by what the list they introduce names."""

    lead: list[str]
    support: list[str]
    responsible: list[str]
    person: list[str]
    deadline: list[str]


class UnitVocab(vocab.StrictModel):
    """The vocabulary of ``data/units.yaml``."""

    labels: LabelWords
    lead_marks: list[str]
    support_marks: list[str]
    suffixes: list[str]
    empty_values: list[str]
    value_notes: list[str]
    conjunctions: list[str]
    generic_prefixes: list[str]
    coordinating_bodies: list[str]
    generic_names: list[str]
    etc_words: list[str]
    etc_tails: list[str]
    prose_verbs: list[str]
    prose_object_tails: list[str]
    prose_modal_words: list[str]
    prose_lead_words: list[str]


@dataclass(frozen=True)
class Unit:
    """One unit of a list: ``name`` cleaned (no whitespace, no trailing 等), span raw."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class OwnerList:
    """One assignment of responsible units (or officials) to a task.

    ``label``: the label as written without spaces ("责任单位"), or the prose keyword
    ("负责", "牵头") for prose assignments.  ``role``: "lead", "support" or
    "responsible" (what the first label or keyword says).  ``kind``: "unit", or
    "person" when the list names officials only (责任领导:…).  ``owners``: the units
    (or, for kind "person", the officials) in order.  ``lead``/``support``: the names
    of leading/cooperating units when the text tells them apart, else empty.
    ``leaders``: officials named next to units (责任领导:…).  ``deadline``: the text
    of a 完成时限 given with the list.  ``start``/``end``: span of the whole
    assignment (brackets included).  ``anchor_start``: where the task item or
    sentence it belongs to begins (a list marker such as ``1.``/``(2)``/``二是``, or
    the start of the line/segment).  ``source``: "label" or "prose".
    """

    label: str
    role: str
    kind: str
    owners: tuple[Unit, ...]
    lead: tuple[str, ...]
    support: tuple[str, ...]
    leaders: tuple[str, ...]
    deadline: str | None
    start: int
    end: int
    anchor_start: int
    source: str


# --------------------------------------------------------------------------- patterns

_OPEN = "(（【["
_CLOSE = ")）】]"
_SEPARATORS = "、,，;；"
_SEGMENT_SEPARATORS = ",，;；"
_NUM = "一二三四五六七八九十"
#: Longest text taken as one label value; a value is never longer.
_MAX_VALUE = 400
#: Longest prose subject looked at before 负责/牵头.
_MAX_SUBJECT = 80
#: Farthest an item marker is looked for before a list.
_MAX_ANCHOR = 3000
#: Longest unit name accepted in a prose subject.
_MAX_UNIT = 24


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    label: re.Pattern[str]
    label_kind: dict[str, str]
    value_stop: re.Pattern[str]
    top_split: re.Pattern[str]
    segment_split: re.Pattern[str]
    conj: re.Pattern[str]
    conj_any: re.Pattern[str]
    etc_tail: re.Pattern[str]
    trailing_bracket: re.Pattern[str]
    unit_mark: re.Pattern[str]
    segment_mark: re.Pattern[str]
    suffixes: tuple[str, ...]
    generic_prefixes: tuple[str, ...]
    generic_names: frozenset[str]
    empty_values: frozenset[str]
    value_notes: tuple[str, ...]
    lead_marks: frozenset[str]
    prose_key: re.Pattern[str]
    prose_verbs: tuple[str, ...]
    object_clause: re.Pattern[str]
    modal_tail: re.Pattern[str]
    lead_head: re.Pattern[str]
    support_after: re.Pattern[str]
    group_gap: re.Pattern[str]
    marker: re.Pattern[str]
    marker_after: re.Pattern[str]
    marker_at_start: re.Pattern[str]
    prose_candidate: re.Pattern[str]
    etc_reach: int


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v = vocab.load("units.yaml", UnitVocab)
    kinds: dict[str, str] = {}
    for kind in ("lead", "support", "responsible", "person", "deadline"):
        for w in getattr(v.labels, kind):
            kinds[w] = kind
    marks = v.lead_marks + v.support_marks
    etc = _alt(v.etc_words)
    tails = _alt(v.etc_tails)
    verbs = sorted(set(v.prose_verbs), key=len, reverse=True)
    marker_body = (
        rf"(?:(?P<s>[(（][{_NUM}\d]{{1,3}}[)）]|[{_NUM}]{{1,3}}、|\d{{1,2}}(?:[.、．](?!\d)|[)）])"
        rf"|[①-⑳])|(?P<i>[{_NUM}]{{1,2}}是))"
    )
    marker_boundary = r"[。;；!?！？:：)）\s]"
    return _Patterns(
        # "责任部门 :"; an opening bracket before it is looked for separately (a leading
        # optional group would stop the regex engine from scanning for the words fast)
        # "责任单位:" or a label in square brackets, "【责任单位】市民政局"
        label=re.compile(rf"(?P<label>{_alt(list(kinds))})(?:[ \t]{{0,3}}[:：]|】[:：]?)"),
        label_kind=kinds,
        value_stop=re.compile(r"[。\n()（）【】]"),
        top_split=re.compile(r"[、,，;；]|[(（【\[]|[)）】\]]"),
        segment_split=re.compile(r"[,，;；]|[(（【\[]|[)）】\]]"),
        conj=re.compile(rf"(?P<c>{_alt(v.conjunctions)})|[(（【\[]|[)）】\]]"),
        conj_any=re.compile(_alt(v.conjunctions)),
        etc_tail=re.compile(rf"\s{{0,3}}(?:{etc})\s{{0,3}}(?:{tails})?[\s。.]{{0,3}}$"),
        trailing_bracket=re.compile(r"[(（][^()（）]{0,20}[)）]$"),
        unit_mark=re.compile(rf"[(（]\s{{0,2}}(?P<m>{_alt(marks)})(?:单位|部门)?\s{{0,2}}[)）]\s{{0,2}}$"),
        segment_mark=re.compile(rf"(?P<m>{_alt(marks)})\s{{0,2}}$"),
        suffixes=tuple(v.suffixes),
        generic_prefixes=tuple(v.generic_prefixes),
        generic_names=frozenset(v.generic_names),
        empty_values=frozenset(v.empty_values),
        value_notes=tuple(v.value_notes),
        lead_marks=frozenset(v.lead_marks),
        # 负责人/负责制/负责同志 are not assignments; 牵头单位 is a label without colon
        prose_key=re.compile(
            r"(?P<k>牵头负责|牵头|负责)(?![人制同])(?!单位|部门|处室|科室|领导)"
            r"|为(?P<k3>牵头|主责|责任|配合)(?:单位|部门)"
        ),
        prose_verbs=tuple(verbs),
        object_clause=re.compile(
            rf"[^。;；,，:：!?！？\n]{{0,{_MAX_SUBJECT}}}?(?:{_alt(v.prose_object_tails)})"
            rf"(?=[。;；,，:：!?！？\n)）]|$)"
        ),
        modal_tail=re.compile(rf"(?:{_alt(v.prose_modal_words)})$"),
        lead_head=re.compile(rf"^(?:{_alt(v.prose_lead_words)})"),
        support_after=re.compile(
            rf"[ \t]{{0,2}}(?:抓总|负责)?[ \t]{{0,2}}[,，、][ \t]{{0,2}}"
            rf"(?P<s>[^。;；,，:：\n]{{1,{_MAX_SUBJECT}}}?)(?P<m>{_alt(v.support_marks)})"
        ),
        group_gap=re.compile(r"[\s,，;；、。()（）【】\[\]]{0,12}"),
        marker=re.compile(rf"(?m)(?:^|(?<={marker_boundary}))[ \t]{{0,4}}{marker_body}"),
        # the same marker with the character before it consumed: opening with a
        # character class, it is scanned fast (see _markers)
        marker_after=re.compile(rf"{marker_boundary}[ \t]{{0,4}}{marker_body}"),
        marker_at_start=re.compile(rf"[ \t]{{0,4}}{marker_body}"),
        # every prose_key match starts with one of these (literal-led: scanned fast)
        prose_candidate=re.compile("牵头|负责|为(?:牵头|主责|责任|配合)"),
        # an etc_tail match ends the text it is searched in and is at most this long
        etc_reach=6 + max(map(len, v.etc_words)) + 3 + max(map(len, v.etc_tails)) + 1,
    )


# --------------------------------------------------------------------------- units


def _clean(s: str) -> str:
    return "".join(s.split())


def _ends_with_suffix(name: str) -> bool:
    p = _patterns()
    name = p.trailing_bracket.sub("", _clean(name))
    return len(name) >= 2 and name.endswith(p.suffixes)


def is_unit_name(name: str) -> bool:
    """Whether ``name`` looks like the name of a unit (ends with a unit suffix)."""
    return _ends_with_suffix(name) and len(_clean(name)) <= _MAX_UNIT


def _is_generic(name: str) -> bool:
    p = _patterns()
    return name.startswith(p.generic_prefixes) or name in p.generic_names


def _pieces(s: str, start: int, end: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split ``s[start:end]`` at separators outside brackets."""
    out: list[tuple[int, int]] = []
    depth = 0
    cur = start
    for m in sep.finditer(s, start, end):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((cur, m.start()))
            cur = m.end()
    out.append((cur, end))
    return out


def _conj_split(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a piece at 和/及/与 where both sides are unit names."""
    out: list[tuple[int, int]] = []
    if _patterns().conj_any.search(s, start, end) is None:
        return [(start, end)]
    # every right-hand side ends where the piece ends: test that once
    if not _ends_with_suffix(_strip_etc(s[max(start, end - _MAX_UNIT - 8):end])):
        return [(start, end)]
    depth = 0
    cur = start
    for m in _patterns().conj.finditer(s, start, end):
        if m.group("c") is None:
            depth = depth + 1 if m.group() in _OPEN else max(0, depth - 1)
            continue
        if depth or end - m.end() < 2:
            continue
        if _ends_with_suffix(s[max(cur, m.start() - _MAX_UNIT):m.start()]):
            out.append((cur, m.start()))
            cur = m.end()
    out.append((cur, end))
    return out


def _etc_tail(s: str, a: int, b: int) -> re.Match[str] | None:
    """``etc_tail.search(s, a, b)``, looked for only near ``b``.

    The pattern is anchored at the end (``$``: at ``b``, or before a final newline)
    and its parts have bounded lengths, so a match cannot start earlier than
    ``etc_reach`` characters before ``b``; starting the search there finds the same
    (leftmost) match without trying every position of a long piece.
    """
    p = _patterns()
    return p.etc_tail.search(s, max(a, b - p.etc_reach), b)


def _strip_etc(s: str) -> str:
    return _patterns().etc_tail.sub("", s)


_TRIM = " \t\n\r\u3000。.:：、,，;；"
_SUBJECT_STOPS = "。;；,，:：!?！？\n"


def _make_unit(s: str, a: int, b: int, offset: int) -> Unit | None:
    while a < b and s[a] in _TRIM:
        a += 1
    while b > a and s[b - 1] in _TRIM:
        b -= 1
    m = _etc_tail(s, a, b)
    if m is not None and m.start() > a:
        b = m.start()
        while b > a and s[b - 1] in _TRIM:
            b -= 1
    name = _clean(s[a:b])
    p = _patterns()
    if not name or not any(c.isalnum() for c in name) or name in p.empty_values:
        return None  # "—" or "无" in a table's cell
    if any(note in name for note in p.value_notes):
        return None  # "列第一位者为牵头单位", "下同": a note about the list
    return Unit(name=name, start=offset + a, end=offset + b)


_SPACES = re.compile(r"[ \t\u3000]+")


def _space_split(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a piece at spaces between two unit names ("县水利局 县疾控中心", cell lines
    joined by a space), not inside one written with a space ("团 市委", "县委 宣传部")."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SPACES.finditer(s, start, end):
        left, right = _clean(s[cur:m.start()]), _clean(s[m.end():end])
        if (
            len(left) >= 3 and _ends_with_suffix(left) and not _is_generic(left)
            and len(right) >= 3 and _ends_with_suffix(_strip_etc(right))
            and _clean(s[m.end():m.end() + 4]) not in _patterns().generic_names
        ):
            out.append((cur, m.start()))
            cur = m.end()
    out.append((cur, end))
    return out


def split_units(s: str, offset: int = 0) -> list[Unit]:
    """Split a list of unit names written in ``s``.

    Splits on 、 , ， ; ； outside brackets, and on 和/及/与/以及 where the left part
    ends with a unit suffix and the right part is a unit name too ("蓝田办事处和石马山镇"
    gives two units, "市人口和计划生育局" one); likewise on spaces between two names of
    three characters or more ("县水利局 县疾控中心"; "团 市委" stays one).  "—" and 无
    name no unit.  A trailing 等/等单位/等有关部门 is
    dropped and whitespace inside names removed ("团 市委" -> "团市委").  Spans are
    raw offsets into ``s`` plus ``offset``.
    """
    p = _patterns()
    units: list[Unit] = []
    for a, b in _pieces(s, 0, len(s), p.top_split):
        for c, d in _conj_split(s, a, b):
            for e, f in _space_split(s, c, d) if _SPACES.search(s, c, d) else [(c, d)]:
                u = _make_unit(s, e, f, offset)
                if u is not None:
                    units.append(u)
    return units


# --------------------------------------------------------------------------- labelled lists


@dataclass
class _Part:
    kind: str
    label: str
    start: int  # of the label (or its opening bracket)
    vstart: int
    vend: int
    end: int  # after the closing bracket, when there is one


def _value_end(text: str, vstart: int, limit: int) -> tuple[int, int]:
    """End of a label's value, and end of the part (past a closing bracket)."""
    p = _patterns()
    depth = 0
    for m in p.value_stop.finditer(text, vstart, limit):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return m.start(), m.end()
            depth -= 1
        elif ch == "\n" or depth == 0:
            return m.start(), m.start()
    return limit, limit


def _label_parts(text: str) -> list[_Part]:
    p = _patterns()
    matches = list(p.label.finditer(text))
    parts: list[_Part] = []
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        limit = min(nxt, m.end() + _MAX_VALUE)
        vend, end = _value_end(text, m.end(), limit)
        label = m.group("label")
        start = m.start()
        k = start
        while k > 0 and start - k < 3 and text[k - 1] in " \t":
            k -= 1
        if k > 0 and text[k - 1] in _OPEN:
            start = k - 1  # "(责任单位:": the bracket belongs to the list
        parts.append(_Part(p.label_kind[label], label, start, m.end(), vend, end))
    return parts


def _groups(text: str, parts: list[_Part]) -> list[list[_Part]]:
    p = _patterns()
    groups: list[list[_Part]] = []
    for part in parts:
        if groups:
            last = groups[-1]
            gap = p.group_gap.match(text, last[-1].end, part.start)
            adjacent = gap is not None and gap.end() == part.start
            if adjacent and part.kind not in {q.kind for q in last}:
                last.append(part)
                continue
        groups.append([part])
    return groups


def _units_of_value(text: str, a: int, b: int) -> list[tuple[Unit, str | None]]:
    """Units of one value with the role a mark gives them ("牵头", "(配合)")."""
    p = _patterns()
    out: list[tuple[Unit, str | None]] = []
    for sa, sb in _pieces(text, a, b, p.segment_split):
        seg_role: str | None = None
        sm = p.segment_mark.search(text, sa, sb)
        if sm is not None and sm.start() > sa and not _ends_with_suffix(text[sa:sm.end()]):
            seg_role = "lead" if sm.group("m") in p.lead_marks else "support"
            sb = sm.start()
        for u in split_units(text[sa:sb], sa):
            role = seg_role
            um = p.unit_mark.search(u.name)
            if um is not None and um.start() > 0:
                role = "lead" if um.group("m") in p.lead_marks else "support"
                raw = text[u.start:u.end]
                rm = p.unit_mark.search(raw)
                end = u.start + (rm.start() if rm is not None else len(raw))
                u = Unit(name=u.name[: um.start()], start=u.start, end=end)
            out.append((u, role))
    return out


def _people_of_value(text: str, a: int, b: int) -> list[Unit]:
    out: list[Unit] = []
    for m in re.finditer(r"[^、,，;；\s]+(?:[ \t][^、,，;；\s]+)*", text[a:b]):
        name = _clean(m.group())
        if name:
            out.append(Unit(name=name, start=a + m.start(), end=a + m.end()))
    return out


def _build_label_list(text: str, group: list[_Part]) -> OwnerList | None:
    units: list[tuple[Unit, str | None]] = []
    people: list[Unit] = []
    deadline: str | None = None
    label = ""
    role = "responsible"
    kinds = {q.kind for q in group}
    for part in group:
        if part.kind == "deadline":
            d = _clean(text[part.vstart:part.vend]).strip(_TRIM)
            deadline = d or None
            continue
        if part.kind == "person":
            people += _people_of_value(text, part.vstart, part.vend)
            continue
        if not label:
            label, role = part.label, part.kind
        default: str | None = None
        if part.kind in ("lead", "support"):
            default = part.kind
        elif "lead" in kinds or "support" in kinds:
            # 责任单位 next to 牵头单位 are the cooperating units, next to 配合单位 the leads
            default = "support" if "lead" in kinds else "lead"
        units += [(u, r or default) for u, r in _units_of_value(text, part.vstart, part.vend)]
    start, end = group[0].start, group[-1].end
    if units:
        roles = [r for _, r in units]
        lead = [u.name for u, r in units if r == "lead"]
        support = [u.name for u, r in units if r == "support"]
        if any(roles) and not all(roles):
            # "市委宣传部(牵头)、市文明办": the unmarked units take the other side
            other = "support" if lead else "lead"
            lead = [u.name for u, r in units if (r or other) == "lead"]
            support = [u.name for u, r in units if (r or other) == "support"]
        return OwnerList(
            label=label, role=role, kind="unit", owners=tuple(u for u, _ in units),
            lead=tuple(lead), support=tuple(support),
            leaders=tuple(u.name for u in people), deadline=deadline,
            start=start, end=end, anchor_start=start, source="label",
        )
    if people:
        person_label = next(q.label for q in group if q.kind == "person")
        return OwnerList(
            label=person_label, role="responsible", kind="person", owners=tuple(people),
            lead=(), support=(), leaders=tuple(u.name for u in people), deadline=deadline,
            start=start, end=end, anchor_start=start, source="label",
        )
    return None


# --------------------------------------------------------------------------- prose


def _prose_subject(text: str, k: int, allow_generic: bool = False) -> tuple[list[Unit], int, bool] | None:
    """The unit list written just before ``k``; its start; whether 由 introduced it.

    ``allow_generic``: a class of units alone will do ("各乡镇人民政府负责,县农业农村局配合":
    the caller has found named units beside it)."""
    p = _patterns()
    lo = max(0, k - _MAX_SUBJECT)
    a = max(text.rfind(c, lo, k) for c in _SUBJECT_STOPS) + 1
    # an assignment in brackets after a task: "(市生态环境局、市公安局按职责分工负责)";
    # a bracket closed before 负责 ("各村(社区)") is part of a name
    opened = max(text.rfind("(", a, k), text.rfind("（", a, k))
    if opened >= 0 and max(text.find(")", opened, k), text.find("）", opened, k)) < 0:
        a = opened + 1
    elif a <= lo and lo > 0 and text[lo - 1] not in _SUBJECT_STOPS:
        return None  # no clause boundary within reach: not a short subject
    a, b = max(a, lo), k
    if a >= b:
        return None
    while a < b and text[a] in " \t":
        a += 1
    introduced = False
    while True:
        h = p.lead_head.match(text, a, b)
        if h is None or h.end() == b:
            break
        introduced = introduced or "由" in h.group()
        a = h.end()
    you = text.rfind("由", a, b)
    if you >= 0 and b - you > 2:
        introduced = True
        a = you + 1
    while b > a:
        t = p.modal_tail.search(text, a, b)
        if t is None or t.start() == a:
            break
        b = t.start()
    units = split_units(text[a:b], a)
    if not units or any(_is_coordinating(u.name) for u in units):
        return None
    if not _unit_list_ok(units) and not (allow_generic and all(is_unit_name(u.name) for u in units)):
        return None
    return units, a, introduced


def _is_coordinating(name: str) -> bool:
    """A leadership group or task force: its 负责 states its role, not a task's owner."""
    return name.endswith(tuple(vocab.load("units.yaml", UnitVocab).coordinating_bodies))


def _unit_list_ok(units: list[Unit]) -> bool:
    return all(is_unit_name(u.name) for u in units) and any(
        not _is_generic(u.name) for u in units
    )


def _verb_follows(text: str, pos: int) -> bool:
    p = _patterns()
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos >= len(text) or text[pos] in "。,，;；\n)）":
        return True
    return text.startswith(p.prose_verbs, pos) or p.object_clause.match(text, pos) is not None


def _inside(spans: list[tuple[int, int]], starts: list[int], k: int) -> bool:
    """Whether ``k`` lies in one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(starts, k) - 1
    return i >= 0 and k < spans[i][1]


#: What follows 负责 in a closing clause that assigns no task ("由县教育局负责解释").
_NOT_TASKS = ("解释",)


def _prose_keys(text: str) -> Iterator[re.Match[str]]:
    """``prose_key.finditer(text)``, tried only where ``prose_candidate`` is found.

    Every match of ``prose_key`` starts with a ``prose_candidate`` match; the key
    pattern opens with a group, which keeps the regex engine from skipping ahead,
    while the candidate pattern is literal-led and scanned fast.
    """
    p = _patterns()
    pos = 0
    while (c := p.prose_candidate.search(text, pos)) is not None:
        m = p.prose_key.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def _prose_lists(text: str, taken: list[tuple[int, int]]) -> list[OwnerList]:
    p = _patterns()
    out: list[OwnerList] = []
    last_end = 0
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    for m in _prose_keys(text):
        k = m.start()
        if k < last_end or _inside(taken, starts, k) or text.startswith(_NOT_TASKS, m.end()):
            continue
        q = text.rfind("“", max(0, k - 30), k)
        if q >= 0 and text.find("”", q, k) < 0:
            continue  # inside quotation marks: a slogan ("年级组统筹、班主任负责、教师轮流")
        subj = _prose_subject(text, k)
        named_support = None
        if subj is None and m.group("k") == "负责":
            # "(各乡镇人民政府负责,县农业农村局、县财政局配合)": a class of units leads
            # where named units support it
            sm = p.support_after.match(text, m.end())
            cand = split_units(sm.group("s"), sm.start("s")) if sm is not None else []
            if sm is not None and cand and _unit_list_ok(cand):
                subj = _prose_subject(text, k, allow_generic=True)
                named_support = (sm, cand)
        if subj is None:
            continue
        units, sstart, introduced = subj
        lead: list[str] = []
        support: list[str] = []
        support_units: list[Unit] = []
        end = m.end()
        k3 = m.group("k3")
        if k3 is not None:
            role = {"牵头": "lead", "主责": "lead", "配合": "support"}.get(k3, "responsible")
            label = m.group()[1:]
        elif m.group("k").startswith("牵头"):
            role, label = "lead", "牵头"
            lead = [u.name for u in units]
            sm = p.support_after.match(text, m.end())
            if sm is not None:
                cand = split_units(sm.group("s"), sm.start("s"))
                if cand and all(is_unit_name(u.name) for u in cand):
                    support_units = cand
                    support = [u.name for u in cand]
                    end = sm.end()
        elif named_support is not None:
            sm, support_units = named_support
            role, label = "lead", "负责"
            lead = [u.name for u in units]
            support = [u.name for u in support_units]
            end = sm.end()
        else:
            if not introduced and not _verb_follows(text, m.end()):
                continue
            role, label = "responsible", "负责"
        owners = tuple(units) + tuple(support_units)
        out.append(OwnerList(
            label=label, role=role, kind="unit", owners=owners, lead=tuple(lead),
            support=tuple(support), leaders=(), deadline=None, start=sstart, end=end,
            anchor_start=sstart, source="prose",
        ))
        last_end = end
    return out


# --------------------------------------------------------------------------- anchors


def _markers(text: str, a: int, b: int) -> Iterator[re.Match[str]]:
    """``marker.finditer(text, a, b)``, scanned fast.

    ``marker`` opens with ``^`` or a lookbehind, so the regex engine tries it at every
    position.  ``marker_after`` consumes the boundary character instead, which lets
    the engine skip to boundary characters; as ``\\s`` holds the newline, "after a
    boundary character" covers ``^`` except at the very start of the text, tried
    separately.  The next search starts on the last character of a match, which may
    be the boundary of the next marker ("(1)(2)").  Groups ``s``/``i`` sit where
    ``marker`` puts them.
    """
    p = _patterns()
    pos = max(a - 1, 0)
    if a == 0:
        m = p.marker_at_start.match(text, 0, b)
        if m is not None:
            yield m
            pos = m.end() - 1
    while (m := p.marker_after.search(text, pos, b)) is not None:
        yield m
        pos = m.end() - 1


def _choose_marker(text: str, a: int, b: int) -> int | None:
    """Start of the item marker governing ``text[a:b]``, if any.

    Structural markers (``1.``, ``(2)``, ``一、``) win over inline ones (``二是``); among
    those of the same kind the last one wins.
    """
    structural: int | None = None
    inline: int | None = None
    for m in _markers(text, a, b):
        if m.group("s") is not None:
            structural = m.start("s")
        else:
            inline = m.start("i")
    return structural if structural is not None else inline


def _anchor(text: str, start: int, prev_end: int) -> int:
    lo = max(prev_end, start - _MAX_ANCHOR)
    line_start = max(text.rfind("\n", lo, start) + 1, lo)
    seg = line_start
    found = _choose_marker(text, seg, start)
    if found is not None:
        return found
    # no marker before the list on its line: the item heading is on a line above
    ls = line_start
    for _ in range(8):
        if ls == 0 or ls - 1 < prev_end or text[ls - 1] != "\n":
            break
        lo = max(prev_end, ls - 1 - _MAX_ANCHOR)
        above = text.rfind("\n", lo, ls - 1) + 1
        if above <= lo and lo > 0 and text[lo - 1] != "\n":
            break
        m = _patterns().marker.match(text, above, ls - 1)
        if m is not None:
            found = _choose_marker(text, above, ls - 1)
            return found if found is not None else above
        ls = above
    while seg < start and text[seg] in _TRIM:
        seg += 1
    return seg


# --------------------------------------------------------------------------- entry point


def find_owner_lists(text: str) -> list[OwnerList]:
    """Every explicit assignment of responsible units in ``text``, in text order.

    Labelled lists (责任单位/牵头单位/配合单位/责任领导/完成时限…, in brackets or
    not) are grouped when adjacent; prose assignments ("由A、B负责…", "A牵头,B配合")
    count only when their subject is a list of unit names with at least one particular
    unit.  See :class:`OwnerList` for the fields.
    """
    lists: list[OwnerList] = []
    for group in _groups(text, _label_parts(text)):
        built = _build_label_list(text, group)
        if built is not None:
            lists.append(built)
    lists += _prose_lists(text, [(o.start, o.end) for o in lists])
    lists.sort(key=lambda o: o.start)
    out: list[OwnerList] = []
    prev_end = 0
    for o in lists:
        anchor = _anchor(text, o.start, prev_end)
        out.append(OwnerList(
            label=o.label, role=o.role, kind=o.kind, owners=o.owners, lead=o.lead,
            support=o.support, leaders=o.leaders, deadline=o.deadline, start=o.start,
            end=o.end, anchor_start=anchor, source=o.source,
        ))
        prev_end = o.end
    return out
