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
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import pycountry  # noqa: E402
import yaml  # noqa: E402

from micic import vocabulary as vocab  # noqa: E402
from micic.check import PRACTICE, check_file, check_repository, suggest_slug  # noqa: E402
from micic.fields import SLUG, Checker, Choice, Field, Group, Integer, ListOf, Url  # noqa: E402
from micic.problems import Problem  # noqa: E402
from micic.read import RecordFile  # noqa: E402

WRITTEN, NOT_WRITTEN, USAGE = 0, 1, 2
MAX_SLUG_LENGTH = 60


@dataclass(frozen=True)
class Section:
    """A section of a practice's body, with what a contributor should write in it."""

    key: str
    heading: str
    guidance: str


SECTIONS = (
    Section(
        "context",
        "Context",
        "The crisis and the migrants it affected: where, when, who and how many, as the sources say.",
    ),
    Section(
        "what_was_done",
        "What was done",
        "Who did what, for whom, with which means: concrete steps, in the order they happened.",
    ),
    Section(
        "results",
        "Results and lessons",
        "What worked and what did not, with figures where the sources give them, and what others can learn.",
    ),
)

FIELDS = {f.name: f for f in PRACTICE.fields}
# The order of the questions: scope comes before countries, which a global practice skips.
# aliases are left out: they keep old links working after a rename, and a new file has none.
ASKED = tuple(
    FIELDS[name]
    for name in (
        "title",
        "summary",
        "scope",
        "countries",
        "crisis_types",
        "phases",
        "guidelines",
        "action_plan_points",
        "stakeholders",
        "start_year",
        "end_year",
        "sources",
        "date_added",
        "last_reviewed",
    )
)
DATED_TODAY = ("date_added", "last_reviewed")


# --- Answers → front-matter values ------------------------------------------------------


def resolve_term(terms: vocab.Terms, text: str) -> str | int:
    """The id a contributor means by an id, a name or, for countries, any ISO code or name.

    Unknown text comes back unchanged, so that the field's own check reports it with the
    nearest allowed term as a suggestion."""
    text = " ".join(str(text).split())
    if terms.name == "country code" and text:
        try:
            code = pycountry.countries.lookup(text).alpha_2
        except LookupError:
            code = None
        if code in terms:
            return code
    folded = text.casefold()
    for term in terms:
        if folded in (str(term.id).casefold(), term.name.casefold()):
            return term.id
    if terms.ids and isinstance(terms.ids[0], int) and text.isdigit():
        return int(text)
    return text


def split_list(text: str) -> list[str]:
    """A list answer: items separated by commas, semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


_URL = re.compile(r"https?://\S+", re.IGNORECASE)


def split_entry(text: str, group: Group) -> dict:
    """One stakeholder or source written on one line: 'left | right'.

    A source line without '|' is read as a title followed (or preceded) by its address."""
    first, second = group.fields[0], group.fields[1]
    text = " ".join(text.split())
    if "|" in text:
        left, right = (part.strip() for part in text.rsplit("|", 1))
    elif isinstance(second.type, Url) and (match := _URL.search(text)):
        right = match.group(0).rstrip(").,;>")
        left = (text[: match.start()] + text[match.end() :]).strip(" -–—:|()<>")
    else:
        left, right = text, ""
    entry: dict = {first.name: left}
    if right:
        entry[second.name] = (
            resolve_term(second.type.terms(vocab.load()), right) if isinstance(second.type, Choice) else right
        )
    return entry


def raw_value(field: Field, answer: str | list[str]) -> object:
    """What a contributor typed (one text, or one text per entry) → a front-matter value,
    as YAML would have read it from a hand-written file. The field's type then checks it."""
    kind = field.type
    vocabulary = vocab.load()
    if isinstance(kind, ListOf) and isinstance(kind.item, Group):
        entries = answer if isinstance(answer, list) else [line for line in answer.split("\n") if line.strip()]
        return [split_entry(entry, kind.item) for entry in entries]
    text = " ".join(answer) if isinstance(answer, list) else answer
    if isinstance(kind, ListOf) and isinstance(kind.item, Choice):
        return [resolve_term(kind.item.terms(vocabulary), part) for part in split_list(text)]
    text = " ".join(text.split())
    if isinstance(kind, Choice):
        return resolve_term(kind.terms(vocabulary), text)
    if isinstance(kind, Integer) and re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text)
    return text


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == []


def check_answer(field: Field, value: object, required: bool) -> list[Problem]:
    """The problems of one answer, in the words the validator would use."""
    if is_empty(value):
        return [Problem("", 0, field.name, "is required", f"write {field.explain(vocab.load())}")] if required else []
    checker = Checker(RecordFile("", {}, {}, ""), vocab.load())
    field.type.check(value, checker, (field.name,))
    return checker.problems


# --- The file ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Front matter in the style of the hand-written files: [PH, LB] lists, indented entries."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: object) -> bool:
        return True  # the same date twice must be written twice: the reader refuses aliases


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(item, (str, int)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _single_line(value: object) -> object:
    # Front-matter text is read as one line anyway (the Text type joins whitespace);
    # writing it so keeps every value on its own line of the file.
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_single_line(v) for v in value]
    if isinstance(value, dict):
        return {k: _single_line(v) for k, v in value.items()}
    return value


def practice_text(front_matter: dict, sections: dict[str, str]) -> str:
    """The practice file: front matter in field order, then the body sections.

    A section left empty gets a TODO line saying what belongs there."""
    ordered = {f.name: _single_line(front_matter[f.name]) for f in PRACTICE.fields if f.name in front_matter}
    ordered = {k: v for k, v in ordered.items() if not is_empty(v)}
    yaml_text = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    body = []
    for section in SECTIONS:
        text = "\n".join(line.rstrip() for line in sections.get(section.key, "").strip().splitlines())
        body.append(f"## {section.heading}\n\n{text or 'TODO: ' + section.guidance}\n")
    return f"---\n{yaml_text}---\n\n" + "\n".join(body)


def slug_for(title: str) -> str:
    """A file name from a title: lowercase ASCII words joined by hyphens, cut at a word."""
    slug = suggest_slug(title)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def check_text(slug: str, text: str) -> list[Problem]:
    """Check a practice file's text exactly as the validator checks a file in practices/."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / PRACTICE.folder
        folder.mkdir()
        path = folder / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        _, problems = check_file(Path(scratch), path, PRACTICE, vocab.load())
    return problems


def conflicts(root: Path, slug: str, title: str) -> list[Problem]:
    """What stops a new practice being added next to the existing ones: its file exists, or
    another practice has its title (the validator's duplicate rules, asked beforehand)."""
    path = f"{PRACTICE.folder}/{slug}.md"
    target = root / path
    if target.exists() or target.is_symlink():
        return [Problem(path, 0, "", "a practice with this file name already exists", "choose another title or slug")]
    wanted = " ".join(title.lower().split())
    for practice in check_repository(root).practices:
        if wanted == " ".join(practice.title.lower().split()) or slug in practice.aliases:
            return [
                Problem(
                    path,
                    0,
                    "title",
                    f"the title is already used by {practice.path}",
                    "give the practice its own title, or improve the existing file instead",
                )
            ]
    return []


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
        parts.append("Ids or names are accepted" + (", country names too." if field.name == "countries" else "."))
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
        if terms.name == "country code":
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
        # countries are required unless the practice is global (the validator's rule)
        required = field.required or (field.name == "countries" and values.get("scope") != "global")
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
        elif field.name == "countries" and not required:
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
    problems = check_text(slug, text) + conflicts(root, slug, str(values["title"]))
    if problems:
        print("Nothing was written:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return NOT_WRITTEN
    path = root / PRACTICE.folder / f"{slug}.md"
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
            file.write(text)
    except FileExistsError:
        print(f"{path.relative_to(root)} already exists: nothing was written.", file=sys.stderr)
        return NOT_WRITTEN
    relative = path.relative_to(root).as_posix()
    print(f"\nWrote {relative}.")
    print("Next: replace the TODO lines with what the sources say, then run `make validate`")
    print("and open a pull request (see CONTRIBUTING.md).")
    return WRITTEN


if __name__ == "__main__":
    sys.exit(main())
