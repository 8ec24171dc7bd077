"""The library API: text or file in, :class:`~planparse.models.PlanResult` out.

The stages run one way: load -> normalise -> segment -> extract -> models.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from .extract import run_all
from .extract.view import DocumentView
from .models import Document, PlanResult, Script, Section, SourceInfo
from .normalize import NormalizedText, normalize, to_simplified, to_traditional
from .segment import DocumentSegment, SectionNode, segment

ScriptChoice = Literal["simplified", "traditional", "original"]


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for one parse.

    A parse allocates many small objects that form no cycles; the collector's passes
    over them cost 10 % of a parse of the sample and 40 % of a dense one.  Reference
    counting still frees everything at once; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_text(
    text: str,
    *,
    path: str = "<text>",
    encoding: str = "utf-8",
    sha256: str | None = None,
    script: ScriptChoice = "simplified",
    extractors: Iterable[str] | None = None,
    inline_items: bool = False,
    warnings: Iterable[str] = (),
) -> PlanResult:
    """Parse the text of one input (one plan, or a compilation of several).

    :param text: the decoded input; every span in the result points into it.
    :param path: where the text came from, recorded in ``source.path``.
    :param script: script of the output strings: ``simplified`` (default),
        ``traditional``, or ``original`` (the script the input is written in).
    :param extractors: names of the extractors to run (default: all).
    :param inline_items: make inline enumerations ("一是…二是…") sub-sections.
    :param warnings: messages from reading the input, put first in ``warnings``.

    Example::

        >>> from planparse import parse_text
        >>> r = parse_text("某县工作方案\\n一、指导思想\\n坚持…。\\n二、工作目标\\n知晓率达90%以上。")
        >>> [s.heading for s in r.documents[0].sections]
        ['指导思想', '工作目标']
    """
    with _no_cyclic_gc():
        nt = normalize(text)
        only = set(extractors) if extractors is not None else None
        warnings = list(warnings)
        documents = [_document(nt, seg, only, warnings) for seg in segment(nt.text, inline_items=inline_items)]
    if not text.strip():
        warnings.append("the input is empty")
    elif not any(d.sections for d in documents):
        warnings.append("no numbered sections found")
    out_script: Script = _resolve_script(script, text)
    result = PlanResult(
        source=SourceInfo(
            path=path,
            sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            encoding=encoding,
            script=out_script,
        ),
        documents=documents,
        warnings=warnings,
    )
    if out_script == "traditional":
        result = _to_traditional(result)
    return result


def parse_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    script: ScriptChoice = "simplified",
    extractors: Iterable[str] | None = None,
    inline_items: bool = False,
) -> PlanResult:
    """Read a file (``"-"`` for standard input) and parse it; see :func:`parse_text`.

    :raises planparse.errors.InputError: when the file cannot be read as text.
    """
    from .loading import read_source

    src = read_source(path, encoding=encoding)
    return parse_text(
        src.text,
        path=src.path,
        encoding=src.encoding,
        sha256=src.sha256,
        script=script,
        extractors=extractors,
        inline_items=inline_items,
        warnings=src.warnings,
    )


def iter_parse(paths: Iterable[str | os.PathLike[str]], **options: Any) -> Iterator[PlanResult]:
    """Parse several files lazily, one result at a time."""
    for p in paths:
        yield parse_file(p, **options)


def _document(nt: NormalizedText, seg: DocumentSegment, only: set[str] | None, warnings: list[str]) -> Document:
    view = DocumentView(nt=nt, seg=seg)
    fields = run_all(view, only)
    warnings += [f"document {seg.index}: {w}" for w in fields.pop("_warnings")]
    return Document(
        index=seg.index,
        title=seg.title,
        complete=seg.complete,
        span=nt.span(seg.start, seg.end),
        title_span=nt.span(seg.title_start, seg.title_end) if seg.title_start is not None and seg.title_end else None,
        sections=[_section(nt, s) for s in seg.sections],
        **fields,
    )


def _section(nt: NormalizedText, node: SectionNode) -> Section:
    return Section(
        id=node.id,
        marker=node.marker,
        numeral=node.numeral,
        level=node.level,
        heading=node.heading,
        kind=node.kind,
        span=nt.span(node.start, node.end),
        heading_span=nt.span(node.heading_start, node.heading_end),
        children=[_section(nt, c) for c in node.children],
    )


def _resolve_script(script: ScriptChoice, text: str) -> Script:
    """``original`` becomes the script the input is written in."""
    if script != "original":
        return script
    # Traditional when a noticeable share of its Han characters change under t2s.
    sample = text[:20000]
    han = changed = 0
    for a, b in zip(sample, to_simplified(sample), strict=True):
        if "\u4e00" <= a <= "\u9fff":
            han += 1
            changed += a != b
    return "traditional" if han and changed / han > 0.03 else "simplified"


# Keys whose values are codes or numbers, not text in the document's script.
_CODE_KEYS = frozenset({"kind", "op", "id", "marker", "unit", "change", "start", "end", "schema_version", "source"})


def _to_traditional(result: PlanResult) -> PlanResult:
    def conv(v: Any, key: str = "") -> Any:
        if key in _CODE_KEYS:
            return v
        if isinstance(v, str):
            return to_traditional(v)
        if isinstance(v, list):
            return [conv(x, key) for x in v]
        if isinstance(v, dict):
            return {k: conv(x, k) for k, x in v.items()}
        return v

    return PlanResult.model_validate(conv(result.model_dump()))
