"""Authoring: a contributor's answers (scaffold questions, issue-form answers) → a practice file.

The scaffold (scripts/new_practice.py) and the issue-form converter (micic.issue_form) share
everything here: how typed answers become front-matter values (terms by id, name or synonym,
countries by any ISO code or name), whether a field is needed given the others (the contract's
rules), the file's front matter and body sections, and the checks against the repository (the
validator's own, in memory).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import vocabulary as vocab
from .check import PRACTICE, check_text
from .fields import Checker, Choice, Field, Group, Integer, ListOf, Url, conditional, required, suggest_slug
from .problems import Problem
from .read import RecordFile

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
ASKED: tuple[Field, ...] = tuple(
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
        "language",
    )
)
DATED_TODAY = ("date_added", "last_reviewed")


# --- Answers → front-matter values ------------------------------------------------------


def needed(field: Field, values: dict) -> bool:
    """Whether a field must be answered, given the answers so far (countries: unless global)."""
    return required(field, PRACTICE.rules, values)


def skipped(field: Field, values: dict) -> bool:
    """A field whose rule makes it unneeded is not asked at all (a global practice's countries)."""
    return conditional(field, PRACTICE.rules) is not None and not needed(field, values)


def resolve(field_type: Choice, text: str) -> str | int:
    return field_type.resolve(text, vocab.load())


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
        entry[second.name] = resolve(second.type, right) if isinstance(second.type, Choice) else right
    return entry


def raw_value(field: Field, answer: str | list[str]) -> object:
    """What a contributor typed (one text, or one text per entry) → a front-matter value,
    as YAML would have read it from a hand-written file. The field's type then checks it."""
    kind = field.type
    if isinstance(kind, ListOf) and isinstance(kind.item, Group):
        entries = answer if isinstance(answer, list) else [line for line in answer.split("\n") if line.strip()]
        return [split_entry(entry, kind.item) for entry in entries]
    text = " ".join(answer) if isinstance(answer, list) else answer
    if isinstance(kind, ListOf) and isinstance(kind.item, Choice):
        return [resolve(kind.item, part) for part in split_list(text)]
    text = " ".join(text.split())
    if isinstance(kind, Choice):
        return resolve(kind, text)
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


def conflicts(root: Path, path: str, text: str) -> list[Problem]:
    """What stops a new practice being added next to the existing ones: its file exists, or
    the validator's rules refuse it there (its own, and the duplicate checks against every
    other record: title taken, slug used as another's alias)."""
    target = root / path
    if target.exists() or target.is_symlink():
        return [Problem(path, 0, "", "a practice with this file name already exists", "choose another title or slug")]
    return list(check_text(root, path, text).problems)


def write_new(root: Path, path: str, text: str) -> Problem | None:
    """Write a new file, never over an existing one (even in a race): a problem if it exists."""
    try:
        with (root / path).open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        return Problem(path, 0, "", "a practice with this file name already exists", "choose another title or slug")
    return None
