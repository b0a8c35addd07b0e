"""The "Submit a practice" issue form: the form itself, and an issue's answers → a practice file.

The form (.github/ISSUE_TEMPLATE/submit-practice.yml, written by scripts/generate.py) and the
converter are derived from the same declarations, so they always agree on the headings and
the options. The conversion is a pure function:

    convert(body: str, today: date | None = None) -> Conversion(filename, text, problems)

It never raises on any text, never reads or writes the repository, and checks the result with
the validator's own rules; micic.authoring.conflicts adds the checks against the existing
records (file name taken, title used). scripts/issue_to_practice.py is its command line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from . import gate
from . import vocabulary as vocab
from .authoring import ASKED, SECTIONS, check_answer, is_empty, needed, practice_text, raw_value, slug_for
from .check import PRACTICE, check_text
from .fields import Choice, Country, Field, Group, ListOf, conditional
from .problems import Problem

MAX_BODY_CHARS = 65_536  # GitHub's own limit for an issue body
NO_RESPONSE = "_No response_"
FORM_FILE = ".github/ISSUE_TEMPLATE/submit-practice.yml"

# The headings GitHub writes in the issue body, one per front-matter field. date_added and
# last_reviewed are set on conversion (the day a maintainer accepts the submission), and
# aliases only matter when an existing file is renamed, so the form does not ask for them.
LABELS = {
    "title": "Title",
    "summary": "Summary",
    "countries": "Countries",
    "scope": "Scope",
    "crisis_types": "Crisis types",
    "phases": "Crisis phases",
    "guidelines": "MICIC guidelines",
    "action_plan_points": "Points of the 8-point Plan of Action",
    "stakeholders": "Stakeholders",
    "start_year": "Start year",
    "end_year": "End year",
    "sources": "Sources",
    "language": "Language of the submission",
}
SECTION_LABELS = {s.key: s.heading for s in SECTIONS}
CONFIRMATIONS_LABEL = "Before you submit"  # ticked by the contributor; ends the last answer
SET_ON_CONVERSION = ("date_added", "last_reviewed")


# --- The form ------------------------------------------------------------------------------


def option_label(term: vocab.Term, described: bool = False) -> str:
    """How a term is shown as an option of the form (and read back by the converter):
    its label ("13. Relocate and evacuate…"); a dropdown's few options with their description."""
    if described and term.description and not isinstance(term.id, int):
        return f"{term.name} — {term.description}"
    return term.label


def _options(field: Field) -> dict[str, str | int]:
    """Option label → term id, for a field shown as a dropdown or as checkboxes."""
    kind = field.type
    item = kind.item if isinstance(kind, ListOf) else kind
    assert isinstance(item, Choice)
    described = _kind_of(field) == "dropdown"
    return {option_label(t, described): t.id for t in item.terms(vocab.load())}


def _kind_of(field: Field) -> str:
    """The form element for a field: dropdown, checkboxes, textarea or input."""
    kind = field.type
    if isinstance(kind, Choice):
        return "dropdown"
    if isinstance(kind, ListOf) and isinstance(kind.item, Choice):
        return "input" if isinstance(kind.item, Country) else "checkboxes"
    if isinstance(kind, ListOf) and isinstance(kind.item, Group) or field.name == "summary":
        return "textarea"
    return "input"


def _description(field: Field) -> str:
    vocabulary = vocab.load()
    kind = field.type
    text = field.description
    if rule := conditional(field, PRACTICE.rules):
        text += f" Required unless {rule.other} is {rule.value}."
    if isinstance(kind, ListOf) and isinstance(kind.item, Country):
        return f"{text} Write country names or two-letter codes, separated by commas, like: Philippines, LB."
    if isinstance(kind, ListOf) and isinstance(kind.item, Group):
        group = kind.item
        shape = " | ".join(f.name for f in group.fields)
        text += f" One {group.noun} per line, written `{shape}`."
        for f in group.fields:
            if isinstance(f.type, Choice):
                names = ", ".join(f"`{t.id}` ({t.name})" for t in f.type.terms(vocabulary))
                text += f" The {f.name} is one of: {names}."
    elif _kind_of(field) == "checkboxes" and not field.required:
        text += " None is fine."
    elif _kind_of(field) == "input" and not isinstance(kind, ListOf):
        text += f" ({field.explain(vocabulary)[0].upper()}{field.explain(vocabulary)[1:]}.)"
    return text


def _element(field: Field) -> dict:
    kind = _kind_of(field)
    element: dict = {"type": kind, "id": field.name, "attributes": {"label": LABELS[field.name]}}
    attributes = element["attributes"]
    attributes["description"] = _description(field)
    if kind == "dropdown":
        attributes["options"] = list(_options(field))
    elif kind == "checkboxes":
        attributes["options"] = [{"label": label} for label in _options(field)]
    elif field.example is not None and not isinstance(field.example, (list, dict)):
        attributes["placeholder"] = str(field.example)
    elif field.name == "stakeholders":
        attributes["placeholder"] = "Department of Foreign Affairs (Philippines) | state"
    elif field.name == "sources":
        attributes["placeholder"] = "Title of a public report | https://example.org/report"
    # checkboxes are validated per option on GitHub; the converter checks "at least one" itself
    if kind != "checkboxes":
        element["validations"] = {"required": field.required}
    return element


def form() -> dict:
    """The issue form, as data: one element per front-matter field and per body section."""
    body: list[dict] = [
        {
            "type": "markdown",
            "attributes": {
                "value": (
                    "Thank you for sharing a practice. Describe something that was really done to protect "
                    "migrants in a crisis, and list the public pages (reports, news, evaluations) that "
                    "document it: every fact must be traceable to one of them. A maintainer reviews the "
                    "submission; when it is accepted, a pull request adding the practice is opened "
                    "automatically and linked here, and the practice is dated that day. The field "
                    "reference on the site explains every field."
                )
            },
        }
    ]
    body.extend(_element(f) for f in ASKED if f.name in LABELS)
    for section in SECTIONS:
        body.append(
            {
                "type": "textarea",
                "id": section.key,
                "attributes": {"label": section.heading, "description": section.guidance},
                "validations": {"required": True},
            }
        )
    body.append(
        {
            "type": "checkboxes",
            "id": "confirmations",
            "attributes": {
                "label": CONFIRMATIONS_LABEL,
                "options": [
                    {"label": "Every fact above can be checked in the sources listed.", "required": True},
                    {
                        "label": "The text may be published under CC BY 4.0, like the rest of the catalogue.",
                        "required": True,
                    },
                ],
            },
        }
    )
    return {
        "name": "Submit a practice",
        "description": "Propose a practice protecting migrants in a crisis, without using git.",
        "title": "Practice: ",
        "labels": ["submission"],
        "body": body,
    }


def issue_form() -> str:
    """The form's YAML file, with a header saying where it comes from."""
    header = (
        "# Generated by scripts/generate.py from hooks/micic/fields.py and hooks/micic/vocabulary.yml:\n"
        "# do not edit; run `make generate` after changing either.\n"
    )
    return header + yaml.safe_dump(form(), sort_keys=False, allow_unicode=True, width=100)


# --- Issue body → answers ------------------------------------------------------------------

_HEADING = re.compile(r"###[ \t]+(.+?)[ \t#]*")
_CHECKBOX = re.compile(r"[-*][ \t]+\[([ xX])\][ \t]+(.*)")


def answers(body: str) -> dict[str, str]:
    """The answer under each known heading, by label; the first heading of a label wins.

    Only the form's own labels start an answer, so a contributor's '### …' lines inside a
    long answer stay part of it."""
    labels = {*LABELS.values(), *SECTION_LABELS.values(), CONFIRMATIONS_LABEL}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.split("\n"):
        heading = _HEADING.fullmatch(line.strip())
        if heading and heading.group(1) in labels and heading.group(1) not in found:
            current = found[heading.group(1)] = []
        elif current is not None:
            current.append(line)
    result = {}
    for label, lines in found.items():
        text = "\n".join(lines).strip()
        result[label] = "" if text == NO_RESPONSE else text
    return result


def _ticked(text: str, options: dict[str, str | int], terms: vocab.Terms) -> list[str | int]:
    """The ids of the ticked checkboxes; an option not in the form is read as an id or name."""
    ids: list[str | int] = []
    for line in text.split("\n"):
        box = _CHECKBOX.fullmatch(line.strip())
        if box and box.group(1) in "xX":
            label = box.group(2).strip()
            number = re.match(r"(\d+)\.\s", label)
            ids.append(options.get(label, int(number.group(1)) if number else terms.resolve(label) or label))
    return ids


def _value(field: Field, text: str) -> object:
    kind = _kind_of(field)
    if kind == "checkboxes":
        return _ticked(text, _options(field), field.type.item.terms(vocab.load()))
    if kind == "dropdown":
        return _options(field).get(text.strip()) or raw_value(field, text)
    return raw_value(field, text)


# --- Conversion ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """What an issue body becomes: a file name and text, or the problems that stop it."""

    filename: str | None  # practices/<slug>.md, or None when there is not even a title
    text: str | None  # the practice file, or None when there are problems
    problems: tuple[Problem, ...]
    title: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.text is not None


def _in_form_words(field: Field, problem: Problem) -> Problem:
    """A problem with a stakeholder or source line, with a hint about lines, not YAML."""
    kind = field.type
    if isinstance(kind, ListOf) and isinstance(kind.item, Group) and "." in problem.field:
        line = int(problem.field.split(".")[1]) + 1
        shape = " | ".join(f.name for f in kind.item.fields)
        hint = problem.hint
        if problem.message.startswith(("missing required field", "each ")):
            hint = f"write each {kind.item.noun} on its own line, as `{shape}`"
        return Problem("", 0, field.name, f"line {line}: {problem.message}", hint)
    return problem


def _label_of(problem: Problem) -> str:
    name = problem.field.split(".")[0]
    if name in LABELS:
        return LABELS[name]
    if name == "body":
        return "The description (Context, What was done, Results and lessons)"
    return "The submission"


def convert(body: str, today: dt.date | None = None) -> Conversion:
    """An issue-form body → the practice file it describes, or the problems to fix.

    Pure: reads nothing but the vocabulary, writes nothing, and never raises on odd input
    (not text, empty, huge, control characters, headings inside answers, hostile text)."""
    today = today or dt.date.today()
    if not isinstance(body, str):
        body = ""
    if len(body) > MAX_BODY_CHARS:
        problem = Problem("", 0, "", f"the submission is longer than {MAX_BODY_CHARS:,} characters", "shorten it")
        return Conversion(None, None, (problem,))
    body = body.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    given = answers(body)
    values: dict[str, object] = {}
    problems: list[Problem] = []
    # The one gate for contributor text (micic.gate), answer by answer, so that the comment
    # names the question: a refused character is reported, never silently dropped.
    named = {**{label: name for name, label in LABELS.items()}, **{label: key for key, label in SECTION_LABELS.items()}}
    refused = set()
    for label, text in given.items():
        if found := gate.refusal(text):
            problems.append(Problem("", 0, named.get(label, ""), gate.describe(found), gate.hint(found)))
            refused.add(label)
    given = {label: "" if label in refused else text for label, text in given.items()}
    for field in (f for f in ASKED if f.name in LABELS):  # scope before countries
        name, label = field.name, LABELS[field.name]
        value = _value(field, given.get(label, ""))
        values[name] = value
        required = needed(field, values)
        if is_empty(value):
            if required and label not in refused:
                ticks = _kind_of(field) == "checkboxes"
                message = "needs at least one ticked box" if ticks else "is empty"
                if rule := conditional(field, PRACTICE.rules):  # say why, in the form's words
                    message += f": a practice with {rule.other} '{values.get(rule.other)}' needs its {rule.field}"
                problems.append(Problem("", 0, name, message, f"fill in '{label}' in the form"))
            continue
        problems.extend(_in_form_words(field, p) for p in check_answer(field, value, required))
    for name in SET_ON_CONVERSION:
        values[name] = today
    sections = {key: given.get(label, "") for key, label in SECTION_LABELS.items()}
    for key, label in SECTION_LABELS.items():
        if not sections[key] and label not in refused:
            problems.append(Problem("", 0, key, "is empty", f"write the '{label}' section"))
    title = values.get("title")
    slug = slug_for(title) if isinstance(title, str) and title.strip() else None
    if slug is None:
        return Conversion(None, None, tuple(problems))
    filename = f"{PRACTICE.folder}/{slug}.md"
    text = practice_text(values, sections)
    # The whole file's rules (countries for the scope, years in order, links in the body)
    # run even when some answers are wrong, so that one comment lists everything to fix.
    reported = {p.field.split(".")[0] for p in problems}
    # (A problem without a field is an answer already reported, seen as a missing key.)
    own = check_text(None, filename, text).problems
    problems.extend(p for p in own if p.field and p.field.split(".")[0] not in reported)
    title = " ".join(title.split())
    return Conversion(filename, None if problems else text, tuple(problems), title)


# --- The comment -----------------------------------------------------------------------------


def comment(problems: tuple[Problem, ...] | list[Problem], issue_url: str = "") -> str:
    """A Markdown comment for the contributor listing what to fix.

    The problems quote the contributor's own text, so they go in a code block, where
    nothing renders: no mention notifies anyone, no link or image is followed."""
    lines = []
    for p in list(problems)[:50]:
        part = _label_of(p) if p.field else "The submission"
        section = SECTION_LABELS.get(p.field.split(".")[0]) if p.field else None
        lines.append(f"{section or part}: {p.message}")
        if p.hint:
            lines.append(f"    fix: {p.hint}")
    block = "\n".join(lines)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", block)), default=0))
    more = f"\n\n…and {len(problems) - 50} more." if len(problems) > 50 else ""
    return (
        "Thank you for this submission. It cannot become a practice page yet: please edit the "
        "issue (the ··· menu at the top of it, then *Edit*) to fix the following, and a maintainer "
        "will convert it again.\n\n"
        f"{fence}text\n{block}\n{fence}{more}\n\n"
        "The *Field reference* page of the site explains every field.\n"
    )
