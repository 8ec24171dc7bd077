"""Batch conversion of a folder of plans, in parallel worker processes.

:func:`convert_folder` finds the inputs under a folder (recursively, by file name
patterns), parses each one and writes the outputs under another folder:

* ``json`` / ``yaml``: one file per input, mirroring the input tree
  (``sub/plan.txt`` -> ``sub/plan.json``; when two inputs of a folder share a
  stem, e.g. ``plan.txt`` and ``plan.html``, both keep their extension:
  ``plan.txt.json``, ``plan.html.json``);
* ``jsonl``: one combined ``documents.jsonl``, one document per line;
* ``csv``: the tables of :data:`planparse.export.TABLES` (``documents.csv``,
  ``sections.csv`` …).

Combined outputs list the files in sorted path order whatever the number of
worker processes, so ``jobs=1`` and ``jobs=4`` give the same bytes.  A file that
cannot be read or parsed does not stop the run: it is recorded in the summary and
in a report (``failures.jsonl``, one JSON object per failed file).  Every output is
written atomically (a temporary file and a rename); no output ever lands on an
input or outside the output folder.

Example::

    >>> import tempfile, pathlib
    >>> from planparse.batch import convert_folder
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("某县工作方案\\n一、工作目标\\n知晓率达90%以上。\\n", encoding="utf-8")
    >>> summary = convert_folder(src, src / "out", jobs=1)
    >>> summary.converted, summary.failed, summary.documents
    (1, 0, 1)
    >>> sorted(p.name for p in (src / "out").iterdir())
    ['a.json', 'failures.jsonl']
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import IO, Any, Literal

from .errors import InputError, OutputError, PlanParseError

__all__ = [
    "DEFAULT_GLOBS",
    "FORMATS",
    "BatchSummary",
    "FileReport",
    "convert_folder",
    "find_inputs",
]

#: File name patterns selected by default.
DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.htm", "*.html", "*.docx")
#: Output formats of :func:`convert_folder`.
FORMATS: tuple[str, ...] = ("json", "yaml", "jsonl", "csv")
#: Name of the combined output of the ``jsonl`` format.
JSONL_NAME = "documents.jsonl"
#: Name of the failure report in the output folder (unless another path is given).
REPORT_NAME = "failures.jsonl"
#: Most files handed to a worker process at once.
MAX_CHUNK = 16

Format = Literal["json", "yaml", "jsonl", "csv"]
Status = Literal["converted", "skipped", "failed"]
Script = Literal["simplified", "traditional", "original"]
_COUNTED = ("phases", "targets", "tasks", "people")


@dataclass(frozen=True)
class FileReport:
    """What happened to one input file."""

    #: The input's path relative to the input folder, with ``/`` separators.
    file: str
    status: Status
    #: The output file (json/yaml), or ``None``.
    output: str | None = None
    documents: int = 0
    phases: int = 0
    targets: int = 0
    tasks: int = 0
    people: int = 0
    #: One-line message of a failure.
    error: str | None = None
    #: Exception class name of a failure (``InputError`` …).
    error_type: str | None = None
    #: Traceback of an unexpected exception (a bug), for the report only.
    traceback: str | None = None

    def record(self, input_dir: Path) -> dict[str, Any]:
        """The failure as a JSON object of the report."""
        rec: dict[str, Any] = {
            "file": self.file,
            "path": str(input_dir / self.file),
            "error": self.error,
            "type": self.error_type,
        }
        if self.traceback:
            rec["traceback"] = self.traceback
        return rec


@dataclass(frozen=True)
class BatchSummary:
    """The outcome of :func:`convert_folder`."""

    input_dir: Path
    output_dir: Path
    format: str
    #: Number of input files selected.
    files: int
    converted: int
    skipped: int
    failed: int
    documents: int
    phases: int
    targets: int
    tasks: int
    people: int
    seconds: float
    jobs: int
    failures: tuple[FileReport, ...] = ()
    #: The failure report's path.
    report: Path | None = None
    #: Combined outputs (documents.jsonl, the CSV tables), empty for json/yaml.
    outputs: tuple[Path, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return self.failed == 0

    def line(self) -> str:
        """A one-line human summary."""
        parts = [f"{self.converted} converted"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        parts.append(f"{self.failed} failed")
        return (
            f"{self.files} files ({', '.join(parts)}): {self.documents} documents, {self.phases} phases, "
            f"{self.targets} targets, {self.tasks} tasks, {self.people} people in {self.seconds:.2f} s"
        )


# --------------------------------------------------------------------------- #
# Finding inputs and planning outputs
# --------------------------------------------------------------------------- #


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    """Case-insensitive match: a pattern with ``/`` matches the relative path, others the name."""
    rel_l, name_l = rel.lower(), name.lower()
    return any(fnmatchcase(rel_l if "/" in g else name_l, g.lower()) for g in globs)


def find_inputs(
    input_dir: str | os.PathLike[str],
    globs: Sequence[str] = DEFAULT_GLOBS,
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> list[str]:
    """Relative paths (``/``-separated, sorted) of the files under ``input_dir`` matching ``globs``.

    Hidden files and folders (``.name``) and symbolic links to folders are not
    entered; symbolic links to files are read.  Folders in ``exclude`` (e.g. an
    output folder inside the input folder) are skipped.

    :raises InputError: when ``input_dir`` is not a folder.
    """
    root = Path(input_dir)
    if not root.is_dir():
        raise InputError(f"{root} is not a folder" if root.exists() else f"no such folder: {root}")
    skip = {os.path.realpath(p) for p in exclude}
    found: list[str] = []

    def onerror(exc: OSError) -> None:
        raise InputError(f"cannot list {exc.filename}: {exc.strerror or exc}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and os.path.realpath(os.path.join(dirpath, d)) not in skip
        )
        base = Path(dirpath).relative_to(root).as_posix()
        for name in filenames:
            rel = name if base == "." else f"{base}/{name}"
            if not name.startswith(".") and _matches(rel, name, globs) and os.path.isfile(os.path.join(dirpath, name)):
                found.append(rel)
    found.sort()
    return found


def _output_names(rels: Sequence[str], suffix: str) -> dict[str, str]:
    """Relative output path of each input: the stem plus ``suffix``, or the full name when stems collide."""
    groups: dict[tuple[str, str], list[str]] = {}
    for rel in rels:
        parent, _, name = rel.rpartition("/")
        stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
        groups.setdefault((parent, stem.casefold()), []).append(rel)
    out: dict[str, str] = {}
    for (_parent, _), members in groups.items():
        for rel in members:
            parent, _, name = rel.rpartition("/")
            stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
            new = (name if len(members) > 1 else stem) + suffix
            out[rel] = f"{parent}/{new}" if parent else new
    return out


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _check_folders(input_dir: Path, output_dir: Path) -> None:
    """Refuse output folders whose outputs could land on inputs."""
    src, dst = os.path.realpath(input_dir), os.path.realpath(output_dir)
    if src == dst:
        raise OutputError(f"the output folder {output_dir} is the input folder; choose another one")
    if _inside(src, dst):
        raise OutputError(
            f"the input folder {input_dir} is inside the output folder {output_dir}; outputs could overwrite inputs"
        )
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputError(f"{output_dir} exists and is not a folder")


def _safe_target(out_root_real: str, output_dir: Path, rel_out: str, inputs_real: set[str]) -> tuple[Path, str | None]:
    """The output path for ``rel_out`` and, if it is unsafe, why."""
    parts = rel_out.split("/")
    target = output_dir.joinpath(*parts)
    if any(p in ("", ".", "..") for p in parts) or os.path.isabs(rel_out):
        return target, f"unsafe output path {rel_out!r}"
    real = os.path.realpath(target.parent)
    if not _inside(real, out_root_real):
        return target, f"the output {target} would be written outside {output_dir} (a symbolic link?)"
    if os.path.join(real, target.name) in inputs_real:
        return target, f"the output {target} would overwrite an input"
    return target, None


# --------------------------------------------------------------------------- #
# The work done for each file (in a worker process, or in-process with jobs=1)
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Job:
    input_dir: str
    fmt: Format
    encoding: str | None
    script: Script
    skip_existing: bool
    inline_items: bool = False


@dataclass(frozen=True)
class _Outcome:
    report: FileReport
    #: jsonl text or CSV rows, for the combined outputs.
    payload: Any = None


def _warm_up() -> None:
    """Import the parser and its extractors once per worker process."""
    from .api import parse_text  # noqa: F401
    from .extract import registry

    registry()


def _existing_matches(target: Path, fmt: Format, sha256: str, script: Script) -> bool:
    """True when ``target`` is an output of this schema, for the same input bytes (and script)."""
    from .models import SCHEMA_VERSION

    try:
        text = target.read_text(encoding="utf-8")
        if fmt == "json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        source = data["source"]
        return bool(
            data.get("schema_version") == SCHEMA_VERSION
            and source["sha256"] == sha256
            and (script == "original" or source.get("script") == script)
        )
    except Exception:  # a missing or unreadable output is made again
        return False


def _convert_one(job: _Job, rel: str, target: str | None) -> _Outcome:
    from .api import parse_text
    from .export import render, table_rows, write_atomic
    from .loading import read_source

    try:
        src = read_source(os.path.join(job.input_dir, *rel.split("/")), encoding=job.encoding)
        if job.skip_existing and target is not None and _existing_matches(Path(target), job.fmt, src.sha256,
                                                                         job.script):
            return _Outcome(FileReport(rel, "skipped", output=target))
        result = parse_text(src.text, path=src.path, encoding=src.encoding, sha256=src.sha256, script=job.script,
                            inline_items=job.inline_items)
        payload: Any = None
        if job.fmt == "jsonl":
            payload = render(result, "jsonl")
        elif job.fmt == "csv":
            payload = table_rows(result)
        else:
            assert target is not None
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, render(result, job.fmt))
        docs = result.documents
        return _Outcome(
            FileReport(
                rel, "converted", output=target, documents=len(docs),
                phases=sum(len(d.phases) for d in docs), targets=sum(len(d.targets) for d in docs),
                tasks=sum(len(d.tasks) for d in docs), people=sum(len(d.people) for d in docs),
            ),
            payload,
        )
    except PlanParseError as exc:
        return _Outcome(FileReport(rel, "failed", error=str(exc), error_type=type(exc).__name__))
    except Exception as exc:  # a bug in one file must not stop the others
        return _Outcome(
            FileReport(
                rel, "failed", error=f"internal error: {type(exc).__name__}: {exc}", error_type=type(exc).__name__,
                traceback=traceback.format_exc(limit=-8),
            )
        )


def _convert_chunk(job: _Job, items: Sequence[tuple[str, str | None]]) -> list[_Outcome]:
    return [_convert_one(job, rel, target) for rel, target in items]


# --------------------------------------------------------------------------- #
# Combined outputs
# --------------------------------------------------------------------------- #


class _Sink:
    """Where results go in the parent: nothing (json/yaml), documents.jsonl or the CSV tables."""

    def __init__(self, fmt: Format, output_dir: Path, bom: bool) -> None:
        self.fmt = fmt
        self.paths: tuple[Path, ...] = ()
        self._jsonl: tuple[str, IO[str]] | None = None
        self._tables: Any = None
        if fmt == "jsonl":
            import tempfile

            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{JSONL_NAME}.", suffix=".part", dir=output_dir)
            except OSError as exc:
                raise OutputError(f"cannot write {output_dir / JSONL_NAME}: {exc.strerror or exc}") from exc
            self._jsonl = (tmp, open(fd, "w", encoding="utf-8", newline="\n"))  # noqa: SIM115
            self.paths = (output_dir / JSONL_NAME,)
        elif fmt == "csv":
            from .export import TABLES, CsvTableWriter

            self._tables = CsvTableWriter(output_dir, bom=bom)
            self.paths = tuple(output_dir / f"{name}.csv" for name in TABLES)

    def add(self, payload: Any) -> None:
        if payload is None:
            return
        if self._jsonl is not None:
            try:
                self._jsonl[1].write(payload)
            except OSError as exc:
                raise OutputError(f"cannot write {self.paths[0]}: {exc.strerror or exc}") from exc
        elif self._tables is not None:
            self._tables.add_rows(payload)

    def commit(self) -> None:
        if self._jsonl is not None:
            tmp, fh = self._jsonl
            try:
                fh.close()
                os.replace(tmp, self.paths[0])
            except OSError as exc:
                Path(tmp).unlink(missing_ok=True)
                raise OutputError(f"cannot write {self.paths[0]}: {exc.strerror or exc}") from exc
            self._jsonl = None
        elif self._tables is not None:
            self._tables.commit()
            self._tables = None

    def abort(self) -> None:
        if self._jsonl is not None:
            tmp, fh = self._jsonl
            fh.close()
            Path(tmp).unlink(missing_ok=True)
            self._jsonl = None
        elif self._tables is not None:
            self._tables.abort()
            self._tables = None


# --------------------------------------------------------------------------- #
# The driver
# --------------------------------------------------------------------------- #


def default_jobs() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _chunks(items: Sequence[tuple[str, str | None]], jobs: int) -> list[Sequence[tuple[str, str | None]]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (jobs * 4))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def convert_folder(
    input_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    *,
    fmt: str = "json",
    globs: Sequence[str] = DEFAULT_GLOBS,
    jobs: int | None = None,
    encoding: str | None = None,
    script: str = "simplified",
    inline_items: bool = False,
    skip_existing: bool = False,
    report: str | os.PathLike[str] | None = None,
    bom: bool = False,
    progress: Callable[[FileReport, int, int], None] | None = None,
) -> BatchSummary:
    """Convert every file under ``input_dir`` matching ``globs`` into ``output_dir``.

    :param fmt: ``json`` or ``yaml`` (one file per input, mirroring the tree),
        ``jsonl`` (one ``documents.jsonl``) or ``csv`` (the tables of
        :data:`planparse.export.TABLES`).
    :param globs: file name patterns, matched case-insensitively against the name
        (or against the relative path when the pattern holds a ``/``).
    :param jobs: worker processes; ``None`` uses every core, ``1`` works in this process.
    :param encoding: decode every input with this encoding instead of detecting it.
    :param script: script of the output strings (see :func:`planparse.parse_text`).
    :param inline_items: make inline enumerations ("一是…二是…") sub-sections.
    :param skip_existing: (json/yaml) leave an input alone when its output exists and
        records the same source SHA-256, schema version and script (other options,
        such as ``inline_items``, are not recorded in an output: use a fresh folder).
    :param report: where to write the failure report (default
        ``output_dir/failures.jsonl``); it is always written, empty when nothing failed.
    :param bom: (csv) start each table with a UTF-8 byte-order mark, for Excel.
    :param progress: called in this process after each file with
        ``(report, files_done, files_total)``.
    :returns: a :class:`BatchSummary`; failed files are in ``summary.failures``.
    :raises InputError: when ``input_dir`` is not a folder.
    :raises OutputError: when ``output_dir`` is unsafe (the input folder, or holds it)
        or cannot be written.
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if script not in ("simplified", "traditional", "original"):
        raise OutputError(f"unknown script {script!r}")
    if skip_existing and fmt not in ("json", "yaml"):
        raise OutputError("--skip-existing needs one output per input: use --format json or yaml")
    if not globs:
        raise InputError("no file name patterns given")
    if encoding is not None:
        try:  # an unknown encoding is one error, not one per file
            codecs.lookup(encoding.strip())
        except LookupError:
            raise InputError(f"unknown encoding: {encoding}") from None
    src_dir, out_dir = Path(input_dir), Path(output_dir)
    if not src_dir.is_dir():
        raise InputError(f"{src_dir} is not a folder" if src_dir.exists() else f"no such folder: {src_dir}")
    _check_folders(src_dir, out_dir)
    rels = find_inputs(src_dir, globs, exclude=[out_dir])
    report_path = Path(report) if report is not None else out_dir / REPORT_NAME
    inputs_real = {os.path.realpath(src_dir.joinpath(*r.split("/"))) for r in rels}
    if os.path.realpath(report_path) in inputs_real:
        raise OutputError(f"the report {report_path} would overwrite an input")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out_dir}: {exc.strerror or exc}") from exc
    out_real = os.path.realpath(out_dir)

    # Plan: the output of each input, refusing unsafe ones up front.
    reports: list[FileReport] = []
    todo: list[tuple[str, str | None]] = []
    names = _output_names(rels, f".{fmt}") if fmt in ("json", "yaml") else {}
    for rel in rels:
        if fmt in ("json", "yaml"):
            target, problem = _safe_target(out_real, out_dir, names[rel], inputs_real)
            if problem:
                reports.append(FileReport(rel, "failed", error=problem, error_type="OutputError"))
                if progress is not None:
                    progress(reports[-1], len(reports), len(rels))
                continue
            todo.append((rel, str(target)))
        else:
            todo.append((rel, None))
    for path in (out_dir / JSONL_NAME,) if fmt == "jsonl" else ():
        if os.path.realpath(path) in inputs_real:
            raise OutputError(f"the output {path} would overwrite an input")

    n_jobs = max(1, min(jobs or default_jobs(), len(todo) or 1))
    job = _Job(str(src_dir), fmt, encoding, script, skip_existing, inline_items)  # type: ignore[arg-type]
    sink = _Sink(fmt, out_dir, bom)  # type: ignore[arg-type]
    total = len(rels)
    done = len(reports)
    try:
        for outcome in _run(job, todo, n_jobs):
            sink.add(outcome.payload)
            reports.append(outcome.report)
            done += 1
            if progress is not None:
                progress(outcome.report, done, total)
        sink.commit()
    except BaseException:
        sink.abort()
        raise

    failures = sorted((r for r in reports if r.status == "failed"), key=lambda r: r.file)
    from .export import write_atomic

    try:
        report_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {report_path.parent}: {exc.strerror or exc}") from exc
    write_atomic(report_path, "".join(json.dumps(f.record(src_dir), ensure_ascii=False) + "\n" for f in failures))
    counts = {k: sum(getattr(r, k) for r in reports) for k in ("documents", *_COUNTED)}
    return BatchSummary(
        input_dir=src_dir,
        output_dir=out_dir,
        format=fmt,
        files=total,
        converted=sum(r.status == "converted" for r in reports),
        skipped=sum(r.status == "skipped" for r in reports),
        failed=len(failures),
        seconds=time.perf_counter() - started,
        jobs=n_jobs,
        failures=tuple(failures),
        report=report_path,
        outputs=sink.paths,
        **counts,
    )


def _run(job: _Job, todo: Sequence[tuple[str, str | None]], jobs: int) -> Iterable[_Outcome]:
    """The outcomes in the order of ``todo``, computed in ``jobs`` processes."""
    if jobs <= 1:
        _warm_up()
        for rel, target in todo:
            yield _convert_one(job, rel, target)
        return
    chunks = _chunks(todo, jobs)
    window = jobs * 4
    pending: deque[tuple[Sequence[tuple[str, str | None]], Future[list[_Outcome]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        queue = iter(chunks)
        try:
            for chunk in queue:
                pending.append((chunk, pool.submit(_convert_chunk, job, chunk)))
                if len(pending) >= window:
                    break
            while pending:
                chunk, fut = pending.popleft()
                try:
                    outcomes = fut.result()
                except BrokenProcessPool as exc:
                    outcomes = [_crashed(rel, exc) for rel, _ in chunk]
                yield from outcomes
                nxt = next(queue, None)
                if nxt is not None:
                    try:
                        pending.append((nxt, pool.submit(_convert_chunk, job, nxt)))
                    except BrokenProcessPool as exc:
                        yield from (_crashed(rel, exc) for rel, _ in nxt)
                        for rest in queue:
                            yield from (_crashed(rel, exc) for rel, _ in rest)
        except BaseException:
            for _, fut in pending:
                fut.cancel()
            raise


def _crashed(rel: str, exc: BaseException) -> _Outcome:
    return _Outcome(FileReport(rel, "failed", error=f"a worker process died ({exc})", error_type=type(exc).__name__))


_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return _SPACE.sub(" ", text).strip()
