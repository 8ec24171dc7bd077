"""The command line: a thin layer over the library API.

Errors the user can fix are printed as one line (``planparse: error: …``) with exit
code 1 (2 for usage errors, from click); progress and messages go to stderr so
that stdout carries only data.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import PlanParseError

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ["json", "yaml", "jsonl", "csv"]
BATCH_FORMATS = ["json", "yaml", "jsonl", "csv"]
SCRIPTS = ["simplified", "traditional", "original"]


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"planparse: error: {message}", err=True)
    sys.exit(code)


def friendly_errors(fn: F) -> F:
    """Turn planparse's errors (and any bug) into one line on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanParseError as exc:
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:  # `planparse extract … | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("PLANPARSE_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set PLANPARSE_DEBUG=1 for a traceback)", 3)
        return None

    return wrapper  # type: ignore[return-value]


def _emit(text: str, output: str | None) -> None:
    if output and output != "-":
        from .export import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="planparse")
def main() -> None:
    """Turn Chinese government implementation plans (实施方案, 工作方案, 行动计划)
    into normalised, source-grounded JSON or YAML."""


INLINE_ITEMS = click.option("--inline-items", is_flag=True,
                            help='Make inline enumerations ("一是…二是…") sub-sections.')


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Output format; jsonl gives one document per line; csv writes tables into the folder -o DIR.")
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="Write to this file (atomically) instead of stdout; for csv, the folder of the tables.")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Script of the output strings; 'original' follows the input.")
@click.option("--encoding", help="Decode the input with this encoding instead of detecting it (e.g. gb18030).")
@INLINE_ITEMS
@click.option("--bom", is_flag=True, help="csv: start each table with a UTF-8 byte-order mark (for Excel).")
@friendly_errors
def extract(
    file: str, fmt: str, output: str | None, script: str, encoding: str | None, inline_items: bool, bom: bool
) -> None:
    """Extract the documents, sections, phases, targets, tasks and people of FILE.

    FILE is a plan as text (UTF-8, GB18030, Big5, UTF-16), HTML or .docx; "-" reads stdin.

    Example: planparse extract plan.txt --format yaml

    Example: planparse extract plan.txt --format csv -o tables/
    """
    if fmt == "csv":
        if not output or output == "-":
            _fail("csv writes several tables (documents.csv, sections.csv, ...): pass -o DIR")
        elif os.path.exists(output) and not os.path.isdir(output):
            _fail(f"{output} is not a folder; csv writes several tables into the folder -o DIR")
    elif output and output != "-" and os.path.isdir(output):
        raise click.BadParameter(f"{output} is a directory; it must be a file for --format {fmt}",
                                 param_hint="'-o' / '--output'")
    from .api import parse_file

    result = parse_file(file, encoding=encoding, script=script, inline_items=inline_items)  # type: ignore[arg-type]
    for warning in result.warnings:
        click.echo(f"planparse: warning: {warning}", err=True)
    if fmt == "csv":
        from .export import write_csv_tables

        assert output is not None
        write_csv_tables([result], output, bom=bom)
        return
    from .export import render

    _emit(render(result, fmt), output)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to this file.")
@click.option("--encoding", help="Decode the input with this encoding instead of detecting it.")
@friendly_errors
def normalize(file: str, output: str | None, encoding: str | None) -> None:
    """Print the repaired working text of FILE: Simplified script, half-width
    punctuation, lost quotation marks restored, broken lines joined.

    Example: planparse normalize plan.txt | grep 责任单位
    """
    from .loading import read_source
    from .normalize import normalize as run

    text = run(read_source(file, encoding=encoding).text).text
    _emit(text if text.endswith("\n") else text + "\n", output)


@main.command()
@friendly_errors
def schema() -> None:
    """Print the JSON Schema of planparse's output.

    Example: planparse schema > planparse.schema.json
    """
    from .models import PlanResult

    click.echo(json.dumps(PlanResult.model_json_schema(), ensure_ascii=False, indent=2))


class _Progress:
    """A rich progress bar on stderr (only when stderr is a terminal), and failures as they happen."""

    def __init__(self, show_bar: bool) -> None:
        self.show_bar = show_bar
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, report: Any, done: int, total: int) -> None:
        if self.show_bar and self._bar is None:
            # Started on the first result, after the worker processes exist: no fork while its thread runs.
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("convert", total=total)
        if report.status == "failed":
            from .batch import one_line

            message = f"planparse: failed: {report.file}: {one_line(report.error or '')}"
            if self._bar is not None:
                self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(message, err=True)
        if self._bar is not None:
            self._bar.update(self._task, completed=done)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@main.command()
@click.argument("input_dir", type=click.Path())
@click.option("-o", "--output", "output_dir", required=True, type=click.Path(),
              help="Folder of the outputs (created); it must not be, or hold, INPUT_DIR.")
@click.option("-f", "--format", "fmt", type=click.Choice(BATCH_FORMATS), default="json", show_default=True,
              help="json/yaml: one file per input, mirroring the tree; jsonl: one documents.jsonl; "
                   "csv: documents.csv, sections.csv, phases.csv, targets.csv, tasks.csv, people.csv.")
@click.option("-g", "--glob", "globs", multiple=True, metavar="PATTERN",
              help="File name pattern to convert (repeatable; case-insensitive). "
                   "[default: *.txt *.htm *.html *.docx]")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores; 1 works in-process).")
@click.option("--skip-existing", is_flag=True,
              help="json/yaml: skip inputs whose output exists and records the same source SHA-256.")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write the failure report (JSON Lines) here instead of OUTPUT/failures.jsonl.")
@click.option("--bom", is_flag=True, help="csv: start each table with a UTF-8 byte-order mark (for Excel).")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Script of the output strings; 'original' follows each input.")
@click.option("--encoding", help="Decode every input with this encoding instead of detecting it.")
@INLINE_ITEMS
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line (failures are still listed).")
@friendly_errors
def batch(input_dir: str, output_dir: str, fmt: str, globs: tuple[str, ...], jobs: int | None,
          skip_existing: bool, report: str | None, bom: bool, script: str, encoding: str | None,
          inline_items: bool, quiet: bool) -> None:
    """Convert every plan under INPUT_DIR (recursively) into OUTPUT, in parallel.

    Files that cannot be read or parsed are listed on stderr and in
    OUTPUT/failures.jsonl; the exit code is 1 if any failed.

    Example: planparse batch plans/ -o out/ --format csv -j 4
    """
    from .batch import DEFAULT_GLOBS, convert_folder

    if skip_existing and fmt not in ("json", "yaml"):
        raise click.BadParameter("needs one output per input: use --format json or yaml",
                                 param_hint="'--skip-existing'")
    show = _Progress(show_bar=not quiet and sys.stderr.isatty())
    try:
        summary = convert_folder(input_dir, output_dir, fmt=fmt, globs=globs or DEFAULT_GLOBS, jobs=jobs,
                                 encoding=encoding, script=script, inline_items=inline_items,
                                 skip_existing=skip_existing, report=report, bom=bom, progress=show)
    finally:
        show.stop()
    if summary.files == 0:
        click.echo(f"planparse: warning: no files matching {' '.join(globs or DEFAULT_GLOBS)} under {input_dir}",
                   err=True)
    if not quiet:
        click.echo(f"planparse: {summary.line()}", err=True)
        if summary.failed:
            click.echo(f"planparse: failures are listed in {summary.report}", err=True)
    if summary.failed:
        sys.exit(1)
