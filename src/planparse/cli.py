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

FORMATS = ["json", "yaml", "jsonl"]
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


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Output format; jsonl gives one document per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically) instead of stdout.")
@click.option("--script", type=click.Choice(SCRIPTS), default="simplified", show_default=True,
              help="Script of the output strings; 'original' follows the input.")
@click.option("--encoding", help="Decode the input with this encoding instead of detecting it (e.g. gb18030).")
@friendly_errors
def extract(file: str, fmt: str, output: str | None, script: str, encoding: str | None) -> None:
    """Extract the documents, sections, phases, targets, tasks and people of FILE.

    FILE is a plan as text (UTF-8, GB18030, Big5, UTF-16), HTML or .docx; "-" reads stdin.

    Example: planparse extract plan.txt --format yaml
    """
    from .api import parse_file
    from .export import render

    result = parse_file(file, encoding=encoding, script=script)  # type: ignore[arg-type]
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
