"""Turn a "Submit a practice" issue into a practice file, or into a comment saying what to fix.

    python scripts/issue_to_practice.py BODY_FILE [--comment FILE] [--outputs FILE]

BODY_FILE holds the issue's body as GitHub writes it for the issue form
.github/ISSUE_TEMPLATE/submit-practice.yml (`-` reads standard input). When the answers make
a valid practice, the file practices/<slug>.md is written (never over an existing file) and
its path printed. Otherwise nothing is written, and the problems are printed (and written to
--comment FILE) as a Markdown comment for the contributor. --outputs FILE appends
`valid=true|false` and `path=…` lines, as GitHub Actions' $GITHUB_OUTPUT expects.
Exit status: 0 written, 1 problems, 2 usage error. The conversion itself is micic.issue_form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from micic.authoring import conflicts, write_new
from micic.issue_form import comment, convert

ROOT = Path(__file__).resolve().parent.parent
WRITTEN, PROBLEMS, USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="issue_to_practice.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("body_file", metavar="BODY_FILE", help="the issue body (- for standard input)")
    parser.add_argument("--comment", type=Path, metavar="FILE", help="write the Markdown comment here on problems")
    parser.add_argument("--outputs", type=Path, metavar="FILE", help="append valid=… and path=… lines here")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="the date_added to use (default: today)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        raw = sys.stdin.buffer.read() if args.body_file == "-" else Path(args.body_file).read_bytes()
    except OSError as error:
        print(f"issue_to_practice.py: cannot read {args.body_file}: {error.strerror}", file=sys.stderr)
        return USAGE
    root = args.root.resolve()
    result = convert(raw.decode("utf-8", errors="replace"), args.today)
    problems = list(result.problems)
    if result.ok and result.filename:
        problems += conflicts(root, result.filename, result.text)
    if not problems and result.ok and result.filename:
        clash = write_new(root, result.filename, result.text)
        if clash is None:
            print(result.filename)
            _outputs(args.outputs, valid=True, written=result.filename)
            return WRITTEN
        problems.append(clash)
    text = comment(problems)
    print(text)
    if args.comment:
        args.comment.write_text(text, encoding="utf-8")
    _outputs(args.outputs, valid=False, written="")
    return PROBLEMS


def _outputs(path: Path | None, valid: bool, written: str) -> None:
    """Step outputs for GitHub Actions; the path is a slug, so it cannot break the format."""
    if path is not None:
        with path.open("a", encoding="utf-8") as file:
            file.write(f"valid={'true' if valid else 'false'}\npath={written}\n")


if __name__ == "__main__":
    sys.exit(main())
