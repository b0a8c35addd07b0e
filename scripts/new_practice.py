"""Start a new practice: answer a few questions, get practices/<slug>.md ready to edit.

    python scripts/new_practice.py              asks for each field, listing the choices
    python scripts/new_practice.py --title "…" --summary "…" --scope national \\
        --countries "Philippines, LB" --crisis-types conflict --phases emergency-response \\
        --stakeholder "Department of Foreign Affairs | state" \\
        --source "A public report | https://example.org/report" --start-year 2011 --no-input

Every field has a flag (below); the questions ask only for what the flags did not give.
Choices can be given by id or by name; countries by name or ISO code (converted to the
two-letter code). The file gets the three body sections of a good practice (Context, What
was done, Results and lessons) to fill in. It never overwrites a file, and what it writes
passes the validator (scripts/validate.py). Exit status: 0 written, 1 not written because
of a problem, 2 on a usage error (a missing answer with --no-input, input ended early).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from micic import vocabulary as vocab
from micic.authoring import (
    ASKED,
    DATED_TODAY,
    FIELDS,
    SECTIONS,
    check_answer,
    conflicts,
    needed,
    practice_text,
    raw_value,
    skipped,
    slug_for,
    write_new,
)
from micic.fields import SLUG, Choice, Country, Field, Group, ListOf, suggest_slug
from micic.kinds import PRACTICE
from micic.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
WRITTEN, NOT_WRITTEN, USAGE = 0, 1, 2


# --- Flags and questions ---------------------------------------------------------------------


def flag_of(field: Field) -> str:
    """--title, --crisis-types, …; list-of-group fields take one flag per entry: --source."""
    if isinstance(field.type, ListOf) and isinstance(field.type.item, Group):
        return "--" + field.type.item.noun
    return "--" + field.name.replace("_", "-")


def help_of(field: Field) -> str:
    """A flag's help: the field's description and the shape of its value, with its choices."""
    vocabulary = vocab.load()
    kind = field.type
    item = kind.item if isinstance(kind, ListOf) else kind
    parts = [field.description, f"Value: {field.explain(vocabulary)}."]
    if isinstance(item, Choice):
        if isinstance(kind, ListOf):
            parts.append("Separate several with commas.")
        parts.append("Ids or names are accepted" + (", country names too." if isinstance(item, Country) else "."))
    elif isinstance(item, Group):
        names = " | ".join(f.name.upper() for f in item.fields)
        parts.append(f"Repeat the flag for each {item.noun}, written '{names}'.")
        parts.extend(f"{f.name}: {f.explain(vocabulary)}." for f in item.fields if isinstance(f.type, Choice))
    if field.name in DATED_TODAY:
        parts.append("Default: today.")
    return " ".join(parts).replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="new_practice.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    fields = parser.add_argument_group("fields (the questions ask for those not given)")
    for field in ASKED:
        repeatable = isinstance(field.type, ListOf) and isinstance(field.type.item, Group)
        fields.add_argument(
            flag_of(field),
            dest=field.name,
            action="append" if repeatable else "store",
            metavar="TEXT",
            help=help_of(field),
        )
    body = parser.add_argument_group("body sections (left as TODO lines when not given)")
    for section in SECTIONS:
        body.add_argument(f"--{section.key.replace('_', '-')}", dest=section.key, metavar="TEXT", help=section.guidance)
    parser.add_argument("--slug", help="the file name without .md (default: made from the title)")
    parser.add_argument("--no-input", action="store_true", help="never ask: fail when a required field is missing")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    return parser


class InputEnded(Exception):
    """Standard input ended before every question was answered."""


Ask = Callable[[str], str]


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError as error:
        raise InputEnded from error


def _show_choices(terms: vocab.Terms, say: Callable[[str], None]) -> None:
    if len(terms) > 20:
        return
    width = max(len(str(t.id)) for t in terms)
    for term in terms:
        say(f"    {str(term.id):<{width}}  {term.name}")


def question(field: Field, ask: Ask, say: Callable[[str], None], required: bool) -> object:
    """Ask for one field until the answer passes its check; list the allowed choices."""
    vocabulary = vocab.load()
    kind = field.type
    item = kind.item if isinstance(kind, ListOf) else kind
    optional = "" if required else " (optional: press Enter to skip)"
    say(f"\n{field.name} — {field.description}{optional}")
    if isinstance(item, Choice):
        terms = item.terms(vocabulary)
        many = isinstance(kind, ListOf)
        if isinstance(item, Country):
            say("    Type country names or two-letter ISO codes, separated by commas, like: Philippines, LB")
        else:
            say(f"    Choose {'one or more, separated by commas' if many else 'one'} (id or name):")
            _show_choices(terms, say)
    while True:
        answer = _entries(item, ask, say) if isinstance(item, Group) else ask("  > ")
        value = raw_value(field, answer)
        problems = check_answer(field, value, required)
        if not problems:
            if isinstance(item, Choice) and isinstance(kind, ListOf) and value:
                terms = item.terms(vocabulary)
                say("    → " + ", ".join(f"{v} ({terms[v].name})" for v in value))
            return value
        for problem in problems:
            say(f"    ✗ {problem.message}" + (f" — {problem.hint}" if problem.hint else ""))


def _entries(group: Group, ask: Ask, say: Callable[[str], None]) -> list[str]:
    first, second = group.fields[0], group.fields[1]
    if isinstance(second.type, Choice):
        say(f"    {second.name} is one of:")
        _show_choices(second.type.terms(vocab.load()), say)
    entries = []
    while True:
        number = len(entries) + 1
        left = ask(f"  {group.noun} {number}, {first.name} (press Enter when done): ").strip()
        if not left:
            return entries
        right = ask(f"  {group.noun} {number}, {second.name}: ").strip()
        entries.append(f"{left} | {right}")


def collect(args: argparse.Namespace, ask: Ask | None, say: Callable[[str], None]) -> tuple[dict, list[Problem]]:
    """Front-matter values from the flags, then from questions (when ask is given)."""
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for field in ASKED:
        required = needed(field, values)  # countries: unless the practice is global (the contract's rule)
        given = getattr(args, field.name)
        if given is not None:
            value = raw_value(field, given)
            field_problems = check_answer(field, value, required)
            if not field_problems:
                values[field.name] = value
                continue
            if ask is None or field.name in DATED_TODAY:
                problems.extend(field_problems)
                continue
            for p in field_problems:
                say(f"{flag_of(field)}: {p.message}" + (f" — {p.hint}" if p.hint else ""))
        elif field.name in DATED_TODAY:
            values[field.name] = dt.date.today()
            continue
        elif skipped(field, values):
            continue  # a global practice lists no countries: do not ask
        if ask is not None:
            values[field.name] = question(field, ask, say, required)
        elif required:
            problems.append(Problem("", 0, field.name, f"missing {flag_of(field)}", help_of(field)))
    return values, problems


def main(argv: list[str] | None = None, ask: Ask | None = None) -> int:
    args = build_parser().parse_args(argv)
    say = print
    interactive = not args.no_input
    try:
        values, problems = collect(args, (ask or _ask) if interactive else None, say)
    except (InputEnded, KeyboardInterrupt):
        print("\nStopped before every question was answered: nothing was written.", file=sys.stderr)
        return USAGE
    if problems:
        for p in problems:
            where = flag_of(FIELDS[p.field.split(".")[0]]) if p.field else ""
            print(
                f"new_practice.py: {where}: {p.message}" + (f"\n    fix: {p.hint}" if p.hint else ""), file=sys.stderr
            )
        return USAGE
    slug = args.slug or slug_for(str(values["title"]))
    if not SLUG.fullmatch(slug):
        print(f"new_practice.py: --slug: '{slug}' is not a lowercase slug, like {suggest_slug(slug)}", file=sys.stderr)
        return USAGE
    sections = {s.key: getattr(args, s.key) or "" for s in SECTIONS}
    text = practice_text(values, sections)
    root = args.root.resolve()
    relative = f"{PRACTICE.folder}/{slug}.md"
    problems = conflicts(root, relative, text)  # the validator's own rules, in memory, among the others
    clash = None if problems else write_new(root, relative, text)
    if problems or clash:
        print("Nothing was written:", file=sys.stderr)
        for p in problems or [clash]:
            print(f"  {p}", file=sys.stderr)
        return NOT_WRITTEN
    print(f"\nWrote {relative}.")
    print("Next: replace the TODO lines with what the sources say, then run `make validate`")
    print("and open a pull request (see CONTRIBUTING.md).")
    return WRITTEN


if __name__ == "__main__":
    sys.exit(main())
