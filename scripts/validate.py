"""Check practices and consultations without building the site.

    python scripts/validate.py                      the whole repository
    python scripts/validate.py practices/x.md ...   only the files (or folders) named
    python scripts/validate.py --format github      annotations for a GitHub pull request
    python scripts/validate.py --format json        a list of problems, for other tools
    python scripts/validate.py - --path practices/x.md   standard input, checked as that file
                                                    (for editors and pre-commit: nothing is saved)

It runs the same checks as the site build (hooks/micic), never imports MkDocs and never
changes a file. Many files are checked by as many processes as the machine has cores. Duplicate slugs and titles are checked across all the files checked; a text
read from standard input is checked against every other record of the repository.

Exit status: 0 when everything is valid, 1 when there are problems, 2 on a usage error
(an unknown option, or a path that does not exist or is outside the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from micic.check import check_repository, check_text
from micic.problems import Problem

ROOT = Path(__file__).resolve().parent.parent

VALID, PROBLEMS, USAGE = 0, 1, 2


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: Iterable[Problem], files_checked: int) -> str:
    problems = list(problems)
    if not problems:
        return f"✓ {_plural(files_checked, 'file')} checked: no problems."
    files = len({p.path for p in problems})
    return (
        f"✗ {_plural(len(problems), 'problem')} in {_plural(files, 'file')} "
        f"({files_checked} checked): fix them and run the validator again."
    )


def format_text(
    problems: Iterable[Problem], files_checked: int, colour: bool = False, notes: Iterable[Problem] = ()
) -> str:
    """Problems grouped by file, one line each with its fix below it; then the notes, which
    ask for a look but do not fail the check."""

    def paint(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    def grouped(items: Iterable[Problem], colour_code: str, label: str) -> list[str]:
        out: list[str] = []
        by_file: dict[str, list[Problem]] = {}
        for problem in items:
            by_file.setdefault(problem.path, []).append(problem)
        for path, file_problems in by_file.items():
            out.append(paint(colour_code, path))
            for p in file_problems:
                where = f"line {p.line}" if p.line else "file"
                field = f" {paint('1', p.field)}:" if p.field else ""
                out.append(f"  {where}:{field} {label}{p.message}")
                if p.hint:
                    out.append(f"      {paint('32', 'fix:')} {p.hint}")
            out.append("")
        return out

    problems, notes = list(problems), list(notes)
    out = grouped(problems, "1;31", "") + grouped(notes, "1;33", "note: ")
    out.append(summary(problems, files_checked))
    if notes:
        out.append(f"{_plural(len(notes), 'note')} (not errors): worth a look before the change is merged.")
    return "\n".join(out) + "\n"


def _escape_data(text: str) -> str:
    # GitHub workflow-command escaping: without it a newline in a message would end the
    # command, and contributor text could start a command of its own.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem], files_checked: int, notes: Iterable[Problem] = ()) -> str:
    """GitHub Actions `::error` commands (and `::warning` for notes), so each shows on the
    pull request's diff."""
    out = []
    problems = list(problems)
    for command, items in (("error", problems), ("warning", notes)):
        for p in items:
            properties = [f"file={_escape_property(p.path)}"]
            if p.line:
                properties.append(f"line={p.line}")
            properties.append(f"title={_escape_property(p.field or 'file')}")
            message = f"{p.message}\nfix: {p.hint}" if p.hint else p.message
            out.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    out.append(summary(problems, files_checked))
    return "\n".join(out) + "\n"


def format_json(problems: Iterable[Problem], files_checked: int, notes: Iterable[Problem] = ()) -> str:
    """A list of {path, line, field, message, hint, level}: level "error" fails the check, "note" does not."""
    items = [{**p.as_dict(), "level": "error"} for p in problems] + [{**p.as_dict(), "level": "note"} for p in notes]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": format_text, "github": format_github, "json": format_json}


def _wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(stream, "isatty") and stream.isatty())


def _usage_error(root: Path, paths: list[Path]) -> str | None:
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not absolute.exists() and not absolute.is_symlink():
            return f"{path}: no such file or folder"
        try:
            absolute.absolute().relative_to(root.absolute())
        except ValueError:
            return f"{path}: not inside the repository {root}"
    return None


def _stdin_usage_error(path: str | None) -> str | None:
    if not path:
        return "- reads standard input: name the file it stands for with --path practices/<slug>.md"
    parts = Path(path).parts
    if Path(path).is_absolute() or ".." in parts or len(parts) != 2 or parts[0] not in ("practices", "consultations"):
        return f"{path}: --path names a file in practices/ or consultations/, like practices/my-practice.md"
    return None


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    parser = argparse.ArgumentParser(
        prog="validate.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: all)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="how to print problems (default: text)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to check (default: this one)")
    parser.add_argument("--path", metavar="PATH", help="with -, the file standard input stands for (practices/x.md)")
    args = parser.parse_args(argv)  # exits 2 on an unknown option, as usage errors should

    root = args.root.resolve()
    from_stdin = [str(p) for p in args.paths] == ["-"]
    error = _stdin_usage_error(args.path) if from_stdin else _usage_error(root, args.paths)
    if error is None and args.path and not from_stdin:
        error = "--path goes with -, to name the file that standard input stands for"
    if error:
        parser.print_usage(sys.stderr)
        print(f"validate.py: error: {error}", file=sys.stderr)
        return USAGE
    if from_stdin:
        result = check_text(root, args.path, sys.stdin.buffer.read())
    else:
        result = check_repository(root, args.paths or None, workers=len(os.sched_getaffinity(0)))
    if args.format == "text":
        stdout.write(format_text(result.problems, result.files_checked, _wants_colour(stdout), result.notes))
    else:
        stdout.write(FORMATS[args.format](result.problems, result.files_checked, notes=result.notes))
    return PROBLEMS if result.problems else VALID


if __name__ == "__main__":
    sys.exit(main())
