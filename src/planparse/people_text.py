"""Members of leadership groups, read from the working text.

Plans list the members of their leadership group (and of its office) in a few ways:

* **label lists**: ``组长:曾益民 市长``, spaced labels and names (``顾 问:王 雄 市委书记``),
  several roles on one line, one name per line continuing a role
  (``副组长:李卫国\\n赵佑\\n皋骞``), a role line wrapping onto the next line, names run
  together (``成员:李强纪加礼周晓峰``), a name glued to its post
  (``李祖平市广电局局长``), posts before names (``组长:市长 曾益民``);
* **prose**: ``由局长任组长``, ``成立以局长魏然为组长、分管局长李卫国、赵佑、皋骞等三位
  同志为副组长、各科室负责人为成员的领导小组``, ``组长由市长担任``.

:func:`find_people` returns one :class:`PersonMatch` per person and role.  A holder
given by post only ("由局长任组长") has ``name`` None; pass ``include_unnamed=False``
to drop those.

Names run together are split by a surname-driven segmentation (see
:func:`split_names`): every piece must start with a surname (single or double, from
``data/surnames.txt``) followed by one or two given-name characters; among the
segmentations the cheapest wins, where each name costs 1, a less common surname
adds 0.8 and a rare one 1.6, a two-character name adds 0.3 (so three-character names
are preferred unless the third character must start the next name).  A run that
cannot be covered by surname-led pieces is not split (and not taken as names).  The split of a name glued to
a post prefers a post starting with a "strong" character (市县区省…), then a weak one
(three-character names only), and on a tie the three-character name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from . import vocab
from .errors import VocabularyError
from .tables_text import row_cells

__all__ = ["PersonMatch", "RoleVocab", "find_people", "split_names"]


class RoleVocab(vocab.StrictModel):
    """The vocabulary of ``data/roles.yaml``."""

    roles: list[str]
    role_prefixes: list[str]
    post_last_chars: list[str]
    post_suffixes: list[str]
    post_starts_strong: list[str]
    post_starts_weak: list[str]
    non_name_chars: list[str]
    name_tails: list[str]
    prose_verbs: list[str]
    prose_lead_words: list[str]
    table_name_columns: list[str]
    table_role_columns: list[str]
    table_post_columns: list[str]


@dataclass(frozen=True)
class PersonMatch:
    """One member of a leadership group.

    ``role``: the role word without spaces or body prefix ("组长", "副主任", "成员").
    ``name``: the person's name without spaces, or None when only a post is given.
    ``title``: the post ("市委书记", "市委常委、宣传部长"), or None.
    ``start``/``end``: span of the name (of the post when there is no name).
    """

    role: str
    name: str | None
    title: str | None
    start: int
    end: int

    @property
    def named(self) -> bool:
        """Whether the person is given by name (not by post only)."""
        return self.name is not None


# --------------------------------------------------------------------------- vocabulary

_CJK = r"\u3400-\u9fff"
_COMMON, _LESS = 100, 250


@dataclass(frozen=True)
class _Surnames:
    single: dict[str, float]  # surname -> extra cost
    double: dict[str, float]


@lru_cache(maxsize=1)
def _surnames() -> _Surnames:
    text = vocab.read_data_text("surnames.txt")
    single: dict[str, float] = {}
    double: dict[str, float] = {}
    for raw in text.splitlines():
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if len(s) == 1:
            if s in single:
                raise VocabularyError(f"surnames.txt: duplicate surname {s!r}")
            rank = len(single)
            single[s] = 0.0 if rank < _COMMON else (0.8 if rank < _LESS else 1.6)
        elif len(s) == 2:
            if s in double:
                raise VocabularyError(f"surnames.txt: duplicate surname {s!r}")
            double[s] = 0.8
        else:
            raise VocabularyError(f"surnames.txt: not a surname: {s!r}")
    return _Surnames(single, double)


def _spaced(word: str) -> str:
    return r"[ \t]{0,3}".join(re.escape(c) for c in word)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    label: re.Pattern[str]
    bare_label: re.Pattern[str]
    bare_role: re.Pattern[str]
    prose: re.Pattern[str]
    reverse: re.Pattern[str]
    tail: re.Pattern[str]
    marker: re.Pattern[str]
    post_suffixes: tuple[str, ...]
    post_words: frozenset[str]
    strong: frozenset[str]
    weak: frozenset[str]
    lead_words: tuple[str, ...]
    role_prefixes: tuple[str, ...]
    post_last: frozenset[str]
    role_words: frozenset[str]
    non_name: frozenset[str]
    table_columns: tuple[frozenset[str], frozenset[str], frozenset[str]]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v = vocab.load("roles.yaml", RoleVocab)
    roles = sorted(set(v.roles), key=len, reverse=True)
    spaced_roles = "|".join(_spaced(r) for r in roles)
    prefix = _alt(v.role_prefixes)
    surname_class = "[" + "".join(sorted(_surnames().single)) + "]"
    role_group = rf"(?P<role>{spaced_roles})"
    return _Patterns(
        # what may precede the role word is checked in code (_label_boundary): a
        # leading group here would stop the regex engine from scanning fast
        label=re.compile(rf"{role_group}[ \t]{{0,3}}[:：][ \t]{{0,3}}"),
        # a role at the start of a line followed by a name, no colon: "组长 曾益民 市长"
        bare_label=re.compile(
            rf"(?m)^[ \t]{{0,4}}(?:(?P<body>{prefix}))?{role_group}[ \t]{{1,6}}(?={surname_class})"
        ),
        # what every bare label holds; literal-led, so it is found fast (see _bare_labels)
        bare_role=re.compile(rf"{role_group}[ \t]{{1,6}}(?={surname_class})"),
        prose=re.compile(
            rf"(?P<verb>{_alt(v.prose_verbs)})[ \t\n]{{0,2}}(?P<role>{_alt(roles)})"
            rf"(?!单位|部门|成员|名单|人选)"
        ),
        # not after a CJK character: checked in code (_reverse_matches), for speed
        reverse=re.compile(
            rf"(?P<role>{_alt(roles)})[ \t]{{0,2}}由"
            rf"(?P<subj>[^,，;；。:：!?\n]{{1,40}}?)(?:担任|兼任)"
        ),
        tail=re.compile(
            rf"(?:等[ \t]{{0,2}}[一二三四五六七八九十两\d]{{0,3}}[ \t]{{0,2}}[位名个人]?"
            rf"[ \t]{{0,2}}(?:同志)?|{_alt(v.name_tails)})$"
        ),
        marker=re.compile(r"^[ \t]{0,4}(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳])"),
        post_suffixes=tuple(sorted(set(v.post_suffixes), key=len, reverse=True)),
        post_words=frozenset(w for w in v.post_suffixes if len(w) >= 2),
        strong=frozenset(v.post_starts_strong),
        weak=frozenset(v.post_starts_weak),
        lead_words=tuple(v.prose_lead_words),
        role_prefixes=tuple(sorted(set(v.role_prefixes), key=len, reverse=True)),
        post_last=frozenset(v.post_last_chars),
        role_words=frozenset(v.roles),
        table_columns=(frozenset(v.table_name_columns), frozenset(v.table_role_columns),
                       frozenset(v.table_post_columns)),
        non_name=frozenset(v.non_name_chars),
    )


# --------------------------------------------------------------------------- names


def _surname_len(s: str, i: int) -> list[tuple[int, float]]:
    """Surname lengths starting at ``s[i]`` with their extra cost."""
    sn = _surnames()
    out: list[tuple[int, float]] = []
    d = s[i:i + 2]
    if d in sn.double:
        out.append((2, sn.double[d]))
    c = sn.single.get(s[i]) if i < len(s) else None
    if c is not None:
        out.append((1, c))
    return out


def _starts_with_surname(s: str) -> bool:
    return bool(s) and bool(_surname_len(s, 0))


_SHORT_COST = 0.3
_MAX_RUN = 200


def split_names(run: str) -> list[tuple[int, int]] | None:
    """Split names written together ("李强纪加礼周晓峰") into ``(start, end)`` pieces.

    Every piece is a known surname plus one or two characters; the cheapest such
    segmentation wins (see the module docstring for the costs).  Returns None when
    ``run`` cannot be split that way (too short, too long, not CJK, or some part not
    led by a surname).
    """
    n = len(run)
    if n < 2 or n > _MAX_RUN or not re.fullmatch(rf"[{_CJK}]+", run):
        return None
    inf = float("inf")
    best: list[float] = [inf] * (n + 1)
    back: list[int] = [-1] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] == inf:
            continue
        for slen, scost in _surname_len(run, i):
            for glen in (1, 2):
                j = i + slen + glen
                cost = best[i] + 1.0 + scost + (_SHORT_COST if slen + glen == 2 else 0.0)
                if j <= n and cost < best[j]:
                    best[j] = cost
                    back[j] = i
    if best[n] == inf:
        return None
    pieces: list[tuple[int, int]] = []
    j = n
    while j > 0:
        i = back[j]
        pieces.append((i, j))
        j = i
    pieces.reverse()
    return pieces


def jieba_names(run: str) -> list[tuple[int, int]] | None:
    """Fallback for :func:`split_names`: jieba's person-name tags (``nr``).

    Used only for runs the surname list cannot cover (a rare surname), because
    jieba costs about 2 s to load and, on runs the surname list does cover, splits
    worse ("王乃曙于刚" as one name).  Every piece must be tagged as a person name
    of two to four characters.
    """
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(60)  # its dictionary-loading chatter would go to stderr
    pieces: list[tuple[int, int]] = []
    pos = 0
    for pair in jieba.posseg.cut(run, HMM=True):
        word, flag = pair.word, pair.flag
        if not flag.startswith("nr") or not 2 <= len(word) <= 4:
            return None
        pieces.append((pos, pos + len(word)))
        pos += len(word)
    return pieces if pos == len(run) and len(pieces) >= 2 else None


def _bad_name(name: str) -> bool:
    """Whether a name candidate holds a character no given name here has."""
    return bool(_patterns().non_name & set(name[1:]))


def _is_post(tok: str) -> bool:
    return len(tok) >= 2 and tok.endswith(_patterns().post_suffixes)


def _glued_split(tok: str) -> int | None:
    """Length of the name in a name glued to its post, or None."""
    p = _patterns()
    if not _is_post(tok) or len(tok) < 4:
        return None
    best: tuple[int, int] | None = None  # (score, name length)
    for slen, cost in _surname_len(tok, 0):
        for glen in (1, 2):
            n = slen + glen
            name, rest = tok[:n], tok[n:]
            if len(rest) < 2 or not _is_post(rest) or _bad_name(name):
                continue
            if rest in p.post_words or rest[0] in p.strong:
                score = 2  # "赵敏|政教主任" (a post as a whole) beats "赵敏政|教主任"
            elif rest in p.post_words or (rest[0] in p.weak and n >= 3):
                score = 1
            elif cost == 0 and n >= 3:
                score = 0  # "李慧敏心理教师": a common surname, a full name, any post
            else:
                continue
            if best is None or (score, n) > best:
                best = (score, n)
    return best[1] if best is not None else None


# --------------------------------------------------------------------------- tokens


@dataclass
class _Item:
    kind: str  # "name" / "title"
    text: str
    start: int
    end: int
    sep: str  # separator before the token: "、", " " or ""


#: Holders named by no one: "各村(社区)党组织书记", "全体网格员".
_GENERIC_HOLDERS = ("各", "全体", "有关", "相关")
_GENERIC_JOIN = re.compile(r"(?:及|和|与)(?:各|全体|有关|相关)")
_CLAUSE_STOP = re.compile(r"[,，;；。]")
#: A name of two parts joined by a middle dot: "阿依古丽·买买提".
_DOTTED_NAME = re.compile(rf"[{_CJK}]{{1,6}}[·•][{_CJK}]{{1,6}}")
#: A name with its given name withheld: "王**", "李某某", "张XX".
_REDACTED = re.compile(rf"[{_CJK}]{{1,2}}(?:[*＊]{{1,3}}|某{{1,2}}|[Xx×]{{1,2}})")
# a bracket inside a word stays in it ("各村(社区)党组织书记"); one after a name is a token
_TOKEN = re.compile(
    # a post in brackets, or in quotation marks where lost brackets were restored as such
    r"[(（][^()（）\s]{1,30}[)）]|“[^“”\s]{1,30}”"
    r"|(?:[^\s、,，;；()（）“”]|[(（][^()（）\s、,，]{1,3}[)）](?=[^\s、,，;；()（）]))+"
)


def _strip_tail(text: str, a: int, b: int) -> int:
    m = _patterns().tail.search(text, a, b)
    if m is not None and m.start() > a:
        b = m.start()
    return b


def _post_and_name(tok: str, a: int, b: int, pn: int, sep: str) -> list[_Item]:
    """Items of a token holding a post of ``pn`` characters, then a name."""
    return [_Item("title", tok[:pn], a, a + pn, sep), _Item("name", tok[pn:], a + pn, b, "")]


def _classify(
    text: str, a: int, b: int, sep: str, after_name: bool = False, before_name: bool = False,
    after_title: bool = False,
) -> list[_Item] | None:
    """Read one token as name(s) and/or post; None when it is neither.

    ``after_name``: the token follows a name that has no post yet, so a post-like token
    is that name's post ("郑国华 区政府办公室主任"), not a name glued to a post (区 is
    also a surname).  ``after_title``: the token follows a post after 、, so a post-like
    token is a second post of the same person ("王伟 区委宣传部副部长、区文明办主任").
    """
    b = _strip_tail(text, a, b)
    tok = text[a:b]
    if not tok:
        return []
    if tok.startswith(_GENERIC_HOLDERS):
        return []  # "各年级组长", "各村党组织书记": holders named by no one
    joined = _GENERIC_JOIN.search(tok)
    if joined is not None:  # "黄海鹏及各网格员": the name, then everyone else
        b = a + joined.start()
        tok = text[a:b]
        if not tok:
            return []  # "及各…" alone
    if (
        (after_name and sep == " ") or before_name
        or (after_title and (tok[0] in _patterns().strong or _surnames().single.get(tok[0], 9.0) >= 1.0))
    ) and _is_post(tok):
        # the post of the name beside it ("郑国华 区政府办公室主任", "安全总监 陈  明"),
        # not a name glued to a post (区, 安 are surnames too)
        return [_Item("title", tok, a, b, sep)]
    if (tok[0] in "(（" and tok[-1] in ")）") or (tok[0] == "“" and tok[-1] == "”"):
        inner = tok[1:-1]
        return [_Item("title", inner, a + 1, b - 1, sep)] if _is_post(inner) else []
    if "·" in tok or "•" in tok:
        b -= len(tok) - len(tok.rstrip("。.;；:：!！?？"))
        tok = text[a:b]
        pn = _post_then_name(tok)
        return _post_and_name(tok, a, b, pn, sep) if pn is not None else [_Item("name", tok, a, b, sep)]
    glued = _glued_split(tok)
    if glued is not None:
        return [_Item("name", tok[:glued], a, a + glued, sep),
                _Item("title", tok[glued:], a + glued, b, "")]
    if _is_post(tok):
        return [_Item("title", tok, a, b, sep)]
    if _REDACTED.fullmatch(tok) and _starts_with_surname(tok):
        return [_Item("name", tok, a, b, sep)]  # "王**", "李某某": a name kept back
    if not re.fullmatch(rf"[{_CJK}]+", tok):
        return None
    pn = _post_then_name(tok)
    if pn is not None:  # "县环保局局长李明华": unit and post, then the name
        return _post_and_name(tok, a, b, pn, sep)
    if len(tok) == 1:
        return [_Item("char", tok, a, b, sep)]
    if len(tok) <= 3 or (len(tok) == 4 and tok[:2] in _surnames().double):
        if _bad_name(tok) or not _starts_with_surname(tok):
            return None
        return [_Item("name", tok, a, b, sep)]
    pieces = split_names(tok)
    if pieces is None and len(tok) <= _MAX_RUN:
        pieces = jieba_names(tok)
    if pieces is None or _bad_name(tok):
        return None
    return [_Item("name", tok[i:j], a + i, a + j, sep if k == 0 else "")
            for k, (i, j) in enumerate(pieces)]


def _tokens(text: str, a: int, b: int, prefix: bool = False) -> list[_Item] | None:
    """Items of a value; None when some token is neither a name nor a post.

    With ``prefix``, the items before the first such token, when a name is among them
    and a clause boundary comes before it: a list run on into prose ("…王磊 办公室主任
    各所所长 领导小组下设办公室,…").
    """
    items: list[_Item] = []
    prev = a
    matches = list(_TOKEN.finditer(text, a, b))
    for k, m in enumerate(matches):
        gap = text[prev:m.start()]
        sep = "、" if any(c in gap for c in "、,，;；") else (" " if gap else "")
        prev = m.end()
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        # in a posts-first list ("副总经理 李志强、安全总监 陈  明"), a post-like token
        # right before a name is that name's post
        before_name = (
            (not items or items[0].kind == "title")
            and nxt is not None
            and not text[m.end() : nxt.start()].strip()
            and nxt.end() - nxt.start() <= 3
            and _starts_with_surname(nxt.group())
        )
        got = _classify(
            text, m.start(), m.end(), sep,
            after_name=bool(items) and items[-1].kind in ("name", "char"), before_name=before_name,
            after_title=bool(items) and items[-1].kind == "title" and sep == "、",
        )
        if got is None:
            if prefix and any(it.kind == "name" for it in items):
                return _merge_chars(text, items)
            return None
        items += got
    return _merge_chars(text, items)


def _merge_chars(text: str, items: list[_Item]) -> list[_Item]:
    """Join names written with spaces ("王 雄" -> 王雄); drop stray characters."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        it = items[i]
        if it.kind != "char":
            out.append(it)
            i += 1
            continue
        j = i + 1
        while j < len(items) and j - i < 3 and items[j].kind == "char" and items[j].sep == " ":
            j += 1
        if j - i >= 2 and _starts_with_surname(it.text):
            name = "".join(x.text for x in items[i:j])
            out.append(_Item("name", name, it.start, items[j - 1].end, it.sep))
            i = j
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        if (nxt is not None and nxt.kind == "title" and nxt.sep == " "
                and _starts_with_surname(it.text) and len(nxt.text) >= 3
                and _is_post(nxt.text[1:]) and nxt.text[1] in _patterns().strong):
            # "王 雄市委书记": the given name is glued to the post
            out.append(_Item("name", it.text + nxt.text[0], it.start, nxt.start + 1, it.sep))
            out.append(_Item("title", nxt.text[1:], nxt.start + 1, nxt.end, ""))
            i += 2
            continue
        i += 1
    return out


def _assign(role: str, items: list[_Item], unnamed: bool) -> list[PersonMatch]:
    """Pair names with posts: posts follow names unless the value starts with a post."""
    people: list[PersonMatch] = []
    names = [k for k, it in enumerate(items) if it.kind == "name"]
    if not names:
        if not unnamed:
            return []
        # posts only: each 、-separated run of posts is one holder
        groups: list[list[_Item]] = []
        for it in items:
            if groups and it.sep != "、":
                groups[-1].append(it)
            else:
                groups.append([it])
        for g in groups:
            title = "、".join(x.text for x in g)
            people.append(PersonMatch(role, None, title, g[0].start, g[-1].end))
        return people
    forward = items[0].kind == "title"
    cur: list[tuple[str | None, list[str], int, int]] = []
    pending: list[str] = []
    for it in items:
        if it.kind == "name":
            cur.append((it.text, pending if forward else [], it.start, it.end))
            pending = []
        elif forward:
            pending.append(it.text)
        elif cur:
            cur[-1][1].append(it.text)
    for name, titles, s, e in cur:
        people.append(PersonMatch(role, name, "、".join(titles) or None, s, e))
    return people


# --------------------------------------------------------------------------- label lists


def _clean_role(s: str) -> str:
    """The role without spaces or body prefix ("办公室主任" -> "主任")."""
    role = "".join(s.split())
    p = _patterns()
    for prefix in p.role_prefixes:
        rest = role[len(prefix):]
        if role.startswith(prefix) and rest in p.role_words:
            return rest
    return role


def _label_boundary(text: str, k: int) -> bool:
    """Whether a role word at ``k`` can start a label: not inside a word ("小组长")."""
    if k == 0:
        return True
    c = text[k - 1]
    if not ("\u3400" <= c <= "\u9fff") or c in _patterns().post_last:
        return True
    return text.endswith(_patterns().role_prefixes, max(0, k - 8), k)


#: Longest text read as the value of one role label (or one continuation line).
_MAX_VALUE = 2000


def _line_end(text: str, pos: int, limit: int) -> int:
    """End of the line holding ``pos``, looked for up to ``limit``."""
    e = text.find("\n", pos, limit)
    return limit if e < 0 else e


def _continues(text: str, a: int, b: int) -> bool:
    """Whether the line ``text[a:b]`` carries on a role's list of names."""
    line = text[a:b]
    if not line.strip() or len(line) > 80 or re.search(r"[。,，;；:：!?！？]", line):
        return False
    if _patterns().marker.match(line):
        return False
    items = _tokens(text, a, b)
    if items is None or not any(it.kind == "name" for it in items):
        return False
    # names first ("赵佑", "唐裕奇 市文化局局长") or a post first ("镇人武部部长 蒙小军")
    return _starts_with_surname(line.lstrip()) or items[0].kind == "title"


def _bare_labels(text: str) -> Iterator[re.Match[str]]:
    """``bare_label.finditer(text)``, trying only lines that hold a role word.

    ``bare_label`` opens with ``^``, so the regex engine would try it at every position.
    A match lies within one line and holds what ``bare_role`` matches, so it is enough
    to try the start of each line where ``bare_role`` (literal-led, scanned fast) is found.
    """
    p = _patterns()
    pos = 0
    while (c := p.bare_role.search(text, pos)) is not None:
        line_start = text.rfind("\n", 0, c.start()) + 1
        m = p.bare_label.match(text, line_start)
        if m is not None:
            yield m
        nl = text.find("\n", c.start())
        if nl < 0:
            return
        pos = nl + 1


def _label_people(text: str, unnamed: bool) -> tuple[list[PersonMatch], list[tuple[int, int]]]:
    p = _patterns()
    found: dict[int, re.Match[str]] = {}
    roles_at: set[int] = set()
    for m in p.label.finditer(text):
        if _label_boundary(text, m.start()):
            found[m.start()] = m
            roles_at.add(m.start("role"))
    for m in _bare_labels(text):
        if m.start("role") not in roles_at:
            found[m.start("role")] = m
    matches = [found[k] for k in sorted(found)]
    people: list[PersonMatch] = []
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        role = _clean_role(m.group("role"))
        end = _line_end(text, m.end(), min(nxt, m.end() + _MAX_VALUE))
        items = _tokens(text, m.end(), end)
        if items is None:
            # an inline label in a sentence: "…,成员:覃立新、莫小燕,领导小组办公室设在…"
            stop = _CLAUSE_STOP.search(text, m.end(), end)
            if stop is None:
                continue
            end = stop.start()
            items = _tokens(text, m.end(), end, prefix=True)
            if items is None:
                continue
        # one name per line, or a wrapped line, carrying on the same role
        while end < nxt and end < len(text) and text[end] == "\n":
            a = end + 1
            b = _line_end(text, a, min(nxt, a + _MAX_VALUE))
            if not _continues(text, a, b):
                break
            more = _tokens(text, a, b)
            if more is None:
                break
            if more:
                more[0].sep = "、"
            items += more
            end = b
        got = _assign(role, items, unnamed)
        people += got
        spans.append((m.start(), end))
    return people, spans


# --------------------------------------------------------------------------- prose


def _subject_items(text: str, a: int, b: int) -> list[_Item] | None:
    """Holders written before 任/为: "局长魏然", "分管局长李卫国、赵佑", "局长"."""
    p = _patterns()
    heads = [(k, len(w)) for w in p.lead_words if (k := text.find(w, a, b)) >= 0]
    if heads:
        k, n = min(heads)
        if b - k > n:
            a = k + n
    while a < b and text[a] in " \t\n、":
        a += 1
    if a >= b or b - a > 80:
        return None
    items: list[_Item] = []
    title: str | None = None
    tokens = [(m.start(), _strip_tail(text, m.start(), m.end())) for m in _TOKEN.finditer(text, a, b)]
    tokens = [piece for ta, tb in _join_spaced_name(text, tokens) for piece in _split_and(text, ta, tb)]
    for ta, tb in tokens:
        joined = _GENERIC_JOIN.search(text, ta, tb)
        if joined is not None:  # "总务处主任钱志明及各年级组长": the name, then everyone else
            tb = joined.start()
        tok = "".join(text[ta:tb].split())
        if not tok or (tok.startswith(_GENERIC_HOLDERS) and not _is_post(tok)):
            continue
        sep = "、" if items else ""
        got = _post_then_name(tok)
        if got is not None:
            title = tok[:got]
            items.append(_Item("title", title, ta, ta + got, sep))
            items.append(_Item("name", tok[got:], ta + got, tb, ""))
            continue
        if _is_post(tok):
            items.append(_Item("title", tok, ta, tb, sep))
            title = None
            continue
        if (2 <= len(tok) <= 3 and _starts_with_surname(tok) and not _bad_name(tok)) or (
            _REDACTED.fullmatch(tok) and _starts_with_surname(tok)
        ) or _DOTTED_NAME.fullmatch(tok):
            if title is not None:
                items.append(_Item("title", title, ta, ta, sep))  # shared post
            items.append(_Item("name", tok, ta, tb, ""))
            continue
        return None
    return items


_AND = re.compile("[和及与]")


def _split_and(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"常务副县长陈卫东和副县长林晓梅": two holders joined by 和 (each a post and a name)."""
    m = _AND.search(text, a + 2, b - 2)
    if m is None or _GENERIC_JOIN.match(text, m.start()):
        return [(a, b)]
    left, right = "".join(text[a:m.start()].split()), "".join(text[m.end():b].split())
    if _post_then_name(left) is not None and (_post_then_name(right) is not None or _starts_with_surname(right)):
        return [(a, m.start()), (m.end(), b)]
    return [(a, b)]


def _join_spaced_name(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a surname written apart from its given name ("吴  刚同志") into one token."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        ta, tb = tokens[k]
        # "孙 伟", or a post glued to the surname: "校长孙 伟"
        glued = tb - ta >= 3 and _starts_with_surname(text[tb - 1 : tb]) and _is_post(text[ta : tb - 1])
        if (tb - ta == 1 or glued) and k + 1 < len(tokens) and _starts_with_surname(text[tb - 1 : tb]):
            na, nb = tokens[k + 1]
            if 1 <= nb - na <= 2 and not text[tb:na].strip():
                out.append((ta, nb))
                k += 2
                continue
        out.append((ta, tb))
        k += 1
    return out


def _post_then_name(tok: str) -> int | None:
    """Length of the post in "局长魏然" (post then name), or None."""
    dot = min((k for k in (tok.find("·"), tok.find("•")) if k > 0), default=-1)
    if dot > 0:  # "县市场监督管理局局长阿依古丽·买买提": the name holds the dot
        for k in range(dot - 2, 1, -1):
            if _is_post(tok[:k]) and dot - k <= 6:
                return k
        return None
    for n in (3, 2, 4):
        if len(tok) - n < 2:
            continue
        head, name = tok[:-n], tok[-n:]
        if _is_post(head) and _starts_with_surname(name) and (not _bad_name(name) or _REDACTED.fullmatch(name)):
            if n == 4 and name[:2] not in _surnames().double:
                continue
            return len(head)
    return None


def _prose_assign(role: str, items: list[_Item], unnamed: bool) -> list[PersonMatch]:
    people: list[PersonMatch] = []
    titles: list[_Item] = []
    for it in items:
        if it.kind == "title":
            titles.append(it)
            continue
        t = "、".join(x.text for x in titles) or None
        people.append(PersonMatch(role, it.text, t, it.start, it.end))
        titles = []
    if titles and unnamed:
        t = "、".join(x.text for x in titles)
        people.append(PersonMatch(role, None, t, titles[0].start, titles[-1].end))
    return people


def _reverse_matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of ``reverse`` ("组长由…担任") not right after a CJK character.

    The same as a leading ``(?<![CJK])`` in the pattern, but the pattern then opens with
    the role words and the regex engine can skip ahead to them.
    """
    p = _patterns()
    pos = 0
    while (m := p.reverse.search(text, pos)) is not None:
        k = m.start()
        if k > 0 and "\u3400" <= text[k - 1] <= "\u9fff" and not text.endswith(p.role_prefixes, 0, k):
            pos = k + 1  # "各组长由…": not a role; "指挥部办公室主任由…": a role of the body
            continue
        yield m
        pos = m.end()


def _prose_people(text: str, taken: list[tuple[int, int]], unnamed: bool) -> list[PersonMatch]:
    p = _patterns()
    people: list[PersonMatch] = []
    prev_end = 0
    taken = sorted(taken)
    starts = [a for a, _ in taken]

    def inside(k: int) -> bool:
        i = bisect_right(starts, k) - 1
        return i >= 0 and k < taken[i][1]

    for m in p.prose.finditer(text):
        k = m.start()
        if inside(k):
            continue
        lo = max(prev_end, k - 60)
        lo = max(lo, text.rfind("\n", lo, k) + 1)
        # "吴丽萍(市卫健委基层卫生健康科科长)任办公室副主任": the post in brackets after the name
        end, post = k, None
        if k > lo and text[k - 1] in ")）":
            o = max(text.rfind("(", lo, k), text.rfind("（", lo, k))
            if o > lo and k - 1 - o <= 30:
                end, post = o, text[o + 1 : k - 1].strip() or None
        seg = text[lo:end]
        cut = max(seg.rfind(c) for c in ",，;；。:：!?(（")
        a = lo + cut + 1
        items = _subject_items(text, a, end)
        if not items:
            continue
        # "常务副市长李志远,副市长陈晓红、周海波任副组长": holders before a comma too
        for _ in range(3):
            if a - 1 <= lo or text[a - 1] not in ",，":
                break
            c = max(text.rfind(ch, lo, a - 1) for ch in ",，;；。:：!?(（")
            more = _subject_items(text, c + 1, a - 1) if c >= lo else None
            if not more or not any(it.kind == "name" for it in more) or p.prose.search(text, c + 1, a - 1):
                break
            items = [*more, replace(items[0], sep="、"), *items[1:]]
            a = c + 1
        got = _prose_assign(_clean_role(m.group("role")), items, unnamed)
        if post is not None and len(got) == 1 and got[0].name and not got[0].title:
            got = [replace(got[0], title=post)]
        people += got
        prev_end = m.end()
    for m in _reverse_matches(text):
        if inside(m.start()):
            continue
        items = _subject_items(text, m.start("subj"), m.end("subj"))
        if items:
            people += _prose_assign(_clean_role(m.group("role")), items, unnamed)
    return people


# --------------------------------------------------------------------------- tables

_LINE = re.compile(r"[^\n]+")


def _table_people(text: str) -> tuple[list[PersonMatch], list[tuple[int, int]]]:
    """Members listed in a table: "姓名  职务  组内职务" and one row per person."""
    p = _patterns()
    names, roles, posts = p.table_columns
    people: list[PersonMatch] = []
    spans: list[tuple[int, int]] = []
    header: tuple[int, int, int | None, int] | None = None  # name, role, post columns; width
    for line in _LINE.finditer(text):
        raw = line.group()
        if header is None:
            if "\t" not in raw and "  " not in raw:
                continue
            heads = ["".join(c.split()) for c, _ in row_cells(raw)]
            k_name = next((k for k, h in enumerate(heads) if h in names), None)
            k_role = next((k for k, h in enumerate(heads) if h in roles), None)
            if k_name is not None and k_role is not None:
                k_post = next((k for k, h in enumerate(heads) if h in posts and k not in (k_name, k_role)), None)
                header = (k_name, k_role, k_post, len(heads))
            continue
        k_name, k_role, k_post, width = header
        cells = row_cells(raw, line.start())
        role = _clean_role(cells[k_role][0]) if len(cells) == width else ""
        name = "".join(cells[k_name][0].split()) if len(cells) == width else ""
        if role not in p.role_words or not (2 <= len(name) <= 4 and _starts_with_surname(name)):
            header = None  # the table has ended
            continue
        title = cells[k_post][0] if k_post is not None else None
        start = cells[k_name][1]
        people.append(PersonMatch(role, name, title, start, start + len(cells[k_name][0])))
        spans.append((line.start(), line.end()))
    return people, spans


# --------------------------------------------------------------------------- entry point


def find_people(
    text: str, include_unnamed: bool = True, dedupe: bool = True
) -> list[PersonMatch]:
    """Members of leadership groups named in ``text``, in text order: in labelled lists
    ("组长:…"), in prose ("由…任组长"), and in tables ("姓名  职务  组内职务").

    One entry per person and role (a person in the group and in its office appears
    under both roles).  Names are returned without spaces and without posts.  With
    ``include_unnamed`` (the default) holders given by post only ("由局长任组长")
    are returned with ``name`` None; the caller decides whether to keep them.  With
    ``dedupe`` (the default) a named person given twice under the same role (in
    prose and again in a list) is kept once, at the first place, with the first
    post found for them.
    """
    people, spans = _label_people(text, include_unnamed)
    rows, row_spans = _table_people(text)
    people += rows
    people += _prose_people(text, spans + row_spans, include_unnamed)
    people.sort(key=lambda x: (x.start, x.end))
    if not dedupe:
        return people
    out: list[PersonMatch] = []
    seen: dict[tuple[str, str], int] = {}
    for person in people:
        if person.name is None:
            out.append(person)
            continue
        key = (person.role, person.name)
        k = seen.get(key)
        if k is None:
            seen[key] = len(out)
            out.append(person)
        elif out[k].title is None and person.title is not None:
            first = out[k]
            out[k] = PersonMatch(first.role, first.name, person.title, first.start, first.end)
    return out
