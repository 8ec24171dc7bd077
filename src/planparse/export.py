"""Writers: a :class:`~planparse.models.PlanResult` as JSON, YAML, JSON Lines or CSV tables.

Writers live in the library (not in the CLI) so that scripts can reuse them.
:func:`write_atomic` never leaves a half-written file behind.

CSV output is a set of tables (:data:`TABLES`), one row per item, written by
:class:`CsvTableWriter` or :func:`write_csv_tables`::

    >>> from planparse import parse_text
    >>> from planparse.export import table_rows
    >>> r = parse_text("某县工作方案\\n一、指导思想\\n坚持…。\\n二、工作目标\\n知晓率达90%以上。", path="a.txt")
    >>> [row[:5] for row in table_rows(r)["sections"]]
    [['a.txt', '1', '1', '', '1'], ['a.txt', '1', '2', '', '1']]
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import OutputError
from .models import Document, PlanResult, Section, Span


def to_json(result: PlanResult) -> str:
    """Pretty-printed JSON with Chinese as characters.

    The same text as ``json.dumps(result.model_dump(mode="json"), ensure_ascii=False,
    indent=2)``, made by pydantic's serializer: about eight times faster, since the
    standard library's C encoder is not used when indenting.
    """
    return result.model_dump_json(indent=2) + "\n"


def to_yaml(result: PlanResult) -> str:
    """Block-style YAML with Chinese as characters; loads back with ``yaml.safe_load``."""
    import yaml

    return yaml.safe_dump(result.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=1000)


def jsonl_records(result: PlanResult) -> Iterator[dict[str, Any]]:
    """One record per document, each carrying its file, its index and the source.

    Keys: ``file``, ``index`` (the document's 1-based position in the file),
    ``schema_version``, ``source``, ``warnings`` and ``document``.
    """
    meta = result.model_dump(mode="json", include={"schema_version", "source", "warnings"})
    for doc in result.documents:
        yield {"file": result.source.path, "index": doc.index, **meta, "document": doc.model_dump(mode="json")}


def to_jsonl(result: PlanResult) -> str:
    """JSON Lines: one document per line, for ``jq`` and streaming loaders."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_records(result))


#: Text writers by format name.
WRITERS: dict[str, Callable[[PlanResult], str]] = {"json": to_json, "yaml": to_yaml, "jsonl": to_jsonl}


def render(result: PlanResult, fmt: str) -> str:
    """The result in one of :data:`WRITERS`' formats."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        if fmt == "csv":
            raise OutputError("csv is a set of tables, not one text; use write_csv_tables(results, folder)") from None
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(WRITERS)}") from None
    return writer(result)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Readers see either the old file or the complete new one, never a part.

    :raises OutputError: when the folder does not exist or is not writable.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- #
# CSV tables
# --------------------------------------------------------------------------- #

#: Separator of list values (owners, lead units …) inside one CSV cell.
LIST_SEPARATOR = "、"

#: Column names of each CSV table.  Every row starts with ``file`` (the source path)
#: and ``document`` (the 1-based document index); item tables then have ``section``
#: (the id of the section the item belongs to, may be empty) and ``item`` (the
#: item's 1-based position in its document's list).  Spans are ``span_start`` and
#: ``span_end``: half-open character offsets into the decoded input.
TABLES: dict[str, tuple[str, ...]] = {
    "documents": (
        "file", "document", "sha256", "encoding", "script", "title", "doc_number", "issuer", "date", "complete",
        "sections", "phases", "targets", "tasks", "people", "references", "warnings",
        "span_start", "span_end", "title_start", "title_end",
    ),
    "sections": (
        "file", "document", "section", "parent", "level", "marker", "numeral", "heading", "kind",
        "span_start", "span_end", "heading_start", "heading_end",
    ),
    "phases": (
        "file", "document", "section", "item", "order", "name", "start", "end", "start_text", "end_text",
        "year_inferred", "span_start", "span_end",
    ),
    "targets": (
        "file", "document", "section", "item", "metric", "subject", "op", "value", "value_max", "unit", "change",
        "text", "deadline", "span_start", "span_end",
    ),
    "tasks": (
        "file", "document", "section", "item", "heading", "owners", "lead", "support", "label", "deadline",
        "span_start", "span_end",
    ),
    "people": ("file", "document", "section", "item", "role", "name", "title", "span_start", "span_end"),
}

#: Rows of each table, every cell a string.
Rows = dict[str, list[list[str]]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


def _span(span: Span | None) -> list[str]:
    return ["", ""] if span is None else [str(span.start), str(span.end)]


def _walk(sections: Sequence[Section], parent: str | None = None) -> Iterator[tuple[Section, str | None]]:
    for s in sections:
        yield s, parent
        yield from _walk(s.children, s.id)


def _section_at(doc: Document, offset: int) -> str | None:
    """Id of the innermost section whose span holds ``offset``."""
    found: str | None = None
    level: Sequence[Section] = doc.sections
    while level:
        for s in level:
            if s.span.start <= offset < s.span.end:
                found, level = s.id, s.children
                break
        else:
            break
    return found


def table_rows(result: PlanResult) -> Rows:
    """The rows of every table in :data:`TABLES` for one result (cells are strings)."""
    rows: Rows = {name: [] for name in TABLES}
    src = result.source
    warnings = _cell(result.warnings)
    for doc in result.documents:
        key = [src.path, str(doc.index)]
        rows["documents"].append([
            *key, src.sha256, src.encoding, src.script, *map(_cell, (doc.title, doc.doc_number, doc.issuer, doc.date,
                                                                     doc.complete)),
            str(sum(1 for _ in _walk(doc.sections))), str(len(doc.phases)), str(len(doc.targets)),
            str(len(doc.tasks)), str(len(doc.people)), str(len(doc.references)), warnings,
            *_span(doc.span), *_span(doc.title_span),
        ])
        for s, parent in _walk(doc.sections):
            rows["sections"].append([
                *key, s.id, _cell(parent), str(s.level), s.marker, str(s.numeral), s.heading, _cell(s.kind),
                *_span(s.span), *_span(s.heading_span),
            ])
        for i, p in enumerate(doc.phases, 1):
            rows["phases"].append([
                *key, _cell(p.section), str(i), str(p.order), p.name,
                *map(_cell, (p.start, p.end, p.start_text, p.end_text, p.year_inferred)), *_span(p.span),
            ])
        for i, t in enumerate(doc.targets, 1):
            rows["targets"].append([
                *key, _cell(t.section), str(i),
                *map(_cell, (t.metric, t.subject, t.op, t.value, t.value_max, t.unit, t.change, t.text, t.deadline)),
                *_span(t.span),
            ])
        for i, k in enumerate(doc.tasks, 1):
            rows["tasks"].append([
                *key, _cell(k.section), str(i),
                *map(_cell, (k.heading, k.owners, k.lead, k.support, k.label, k.deadline)), *_span(k.span),
            ])
        for i, person in enumerate(doc.people, 1):
            rows["people"].append([
                *key, _cell(_section_at(doc, person.span.start)), str(i),
                *map(_cell, (person.role, person.name, person.title)), *_span(person.span),
            ])
    return rows


class CsvTableWriter:
    """Streams rows into the CSV tables of a folder: ``<folder>/<table>.csv``.

    Each table is written to a temporary ``.part`` file in the folder and renamed
    into place by :meth:`commit`, so the folder never holds a half-written table
    (the six renames are not one transaction).  Used as a context manager, it
    commits on success and removes the temporary files on an error::

        with CsvTableWriter("out") as tables:
            for result in results:
                tables.add(result)

    :param bom: start each file with a UTF-8 byte-order mark, which Excel needs to
        recognise UTF-8.
    :raises OutputError: when the folder cannot be created or written.
    """

    def __init__(self, folder: str | os.PathLike[str], *, bom: bool = False) -> None:
        self.folder = Path(folder)
        #: Data rows written so far, by table.
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._files: dict[str, tuple[str, IO[str]]] = {}
        self._writers: dict[str, Any] = {}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, header in TABLES.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.csv.", suffix=".part", dir=self.folder)
                fh = open(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")  # noqa: SIM115
                self._files[name] = (tmp, fh)
                self._writers[name] = csv.writer(fh)
                self._writers[name].writerow(header)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write CSV tables to {self.folder}: {exc.strerror or exc}") from exc

    def add(self, result: PlanResult) -> None:
        """Append the rows of one result."""
        self.add_rows(table_rows(result))

    def add_rows(self, rows: Mapping[str, Sequence[Sequence[str]]]) -> None:
        """Append rows made by :func:`table_rows` (possibly in another process)."""
        try:
            for name, table in rows.items():
                self._writers[name].writerows(table)
                self.counts[name] += len(table)
        except OSError as exc:
            raise OutputError(f"cannot write CSV tables to {self.folder}: {exc.strerror or exc}") from exc

    def commit(self) -> dict[str, Path]:
        """Close the tables and move them into place; returns their paths by table."""
        paths: dict[str, Path] = {}
        try:
            for name, (tmp, fh) in self._files.items():
                fh.close()
                paths[name] = self.folder / f"{name}.csv"
                os.replace(tmp, paths[name])
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write CSV tables to {self.folder}: {exc.strerror or exc}") from exc
        self._files.clear()
        return paths

    def abort(self) -> None:
        """Close and remove the temporary files; nothing is moved into place."""
        for tmp, fh in self._files.values():
            try:
                fh.close()
            finally:
                Path(tmp).unlink(missing_ok=True)
        self._files.clear()

    def __enter__(self) -> CsvTableWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_csv_tables(
    results: Iterable[PlanResult], folder: str | os.PathLike[str], *, bom: bool = False
) -> dict[str, int]:
    """Write the CSV tables of ``results`` into ``folder`` (created if needed).

    Returns the number of data rows of each table.  The files load with
    :mod:`csv`, ``pandas.read_csv(path, dtype=str, keep_default_na=False)`` and
    Excel (pass ``bom=True`` for Excel).
    """
    with CsvTableWriter(folder, bom=bom) as tables:
        for result in results:
            tables.add(result)
    return tables.counts
