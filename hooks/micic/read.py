"""Read: bytes → text → front matter (values with line numbers) + Markdown body.

The YAML is parsed event by event (with libyaml where available) rather than loaded, so
that every value keeps its line, and so that duplicate keys, anchors and aliases, explicit
tags, deep nesting, huge lists and YAML 1.1 surprises become located problems instead of
silent changes, exceptions or exhausted memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import gate, scalars
from .problems import Problem
from .scalars import INVALID

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits: generous for real practices, small enough that a hostile file fails in milliseconds.
MAX_FILE_BYTES = 256 * 1024
MAX_FRONT_MATTER_BYTES = 32 * 1024
MAX_DEPTH = 4  # document → stakeholders → item → name
MAX_ITEMS = 100  # entries in one list or mapping
MAX_SCALAR_CHARS = 2000

FieldPath = tuple[str | int, ...]
_BOUNDARY = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*")
# Characters that break a line for libyaml but not for a reviewer's eyes, or that libyaml
# refuses outright: found in the raw text first, so that every later line number is right.
_LINE_BREAKING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass(frozen=True)
class RecordFile:
    """A record file as read: its front matter, with the line of every value, and its body."""

    path: str  # relative to the repository root, with forward slashes
    data: dict
    lines: dict[FieldPath, int] = field(repr=False)
    body: str = field(repr=False)
    body_line: int = 0

    def line_of(self, path: FieldPath) -> int:
        """The line of a value, or of its nearest located parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def describe(path: FieldPath) -> str:
    return ".".join(str(p) for p in path)


def read_bytes(path: str, raw: bytes) -> tuple[RecordFile | None, list[Problem]]:
    """Turn a file's bytes into a RecordFile, or into the problems that stop us reading it."""

    def fail(message: str, hint: str, line: int = 0) -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, "", message, hint)]

    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(path, len(raw))]
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():
        return fail("file is empty", "start from the template in CONTRIBUTING.md")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(
            "file is UTF-16 text, not UTF-8",
            "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
            1,
        )
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as error:
        if b"\x00" in raw:  # text with a NUL in it is read on: the gate names its line
            return fail("file is binary, not text", "save the file as plain UTF-8 text (.md)")
        line = raw[: error.start].count(b"\n") + 1
        return fail(
            f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read)",
            "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
            line,
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows line ends are fine
    return read_text(path, text)


def read_text(path: str, text: str) -> tuple[RecordFile | None, list[Problem]]:
    """Read a record from its text (line ends already "\\n"): the gate first, then the YAML."""
    if _LINE_BREAKING.search(text):
        return None, _raw_refusals(path, text)
    lines = text.split("\n")
    if not _BOUNDARY.fullmatch(lines[0]):
        return None, [
            Problem(
                path,
                1,
                "",
                "missing front matter: the file must start with a line '---'",
                "put the fields between two lines of three dashes (---) at the very top of the file",
            )
        ]
    closing = next((i for i in range(1, len(lines)) if _CLOSING.fullmatch(lines[i])), None)
    if closing is None:
        return None, [
            Problem(
                path,
                1,
                "",
                "unterminated front matter: no closing '---' line",
                "add a line of three dashes (---) after the last field",
            )
        ]
    source = "\n".join(lines[1:closing])
    if not source.strip():
        return None, [Problem(path, 1, "", "empty front matter", "fill in the fields between the two '---' lines")]
    if len(source.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return None, [
            Problem(
                path,
                2,
                "",
                f"front matter is longer than {MAX_FRONT_MATTER_BYTES:,} bytes",
                "keep the fields short and put the description in the body, below the second '---'",
            )
        ]
    data, where, problems = parse_front_matter(path, source, first_line=2)
    problems = [_with_tab_hint(problem, lines) for problem in problems]
    if data is None:
        return None, problems
    body = "\n".join(lines[closing + 1 :])
    problems += _body_refusals(path, body, closing + 2)
    return RecordFile(path, data, where, gate.normalise(body), body_line=closing + 2), problems


def _raw_refusals(path: str, text: str) -> list[Problem]:
    """Each line with a control character or a hidden line break, said once."""
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if _CLOSING.fullmatch(lines[i])), len(lines))
    problems = []
    for match in _LINE_BREAKING.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if problems and problems[-1].line == line:
            continue
        found = gate.refusal(match.group())
        in_body = line > closing + 1
        where = "the body" if in_body else "the front matter"
        problems.append(
            Problem(path, line, "body" if in_body else "", f"{where} {gate.describe(found)}", gate.hint(found))
        )
        if len(problems) == 20:
            break
    return problems


def _body_refusals(path: str, body: str, first_line: int) -> list[Problem]:
    problems = []
    for number, line in enumerate(body.split("\n"), start=first_line) if not body.isascii() else ():
        if found := gate.refusal(line):
            problems.append(Problem(path, number, "body", f"the body {gate.describe(found)}", gate.hint(found)))
    return problems[:20]


def _with_tab_hint(problem: Problem, lines: list[str]) -> Problem:
    """libyaml does not say when a tab is the trouble; the offending line does."""
    if problem.message.startswith("YAML syntax error") and "\t" in lines[problem.line - 1]:
        return Problem(problem.path, problem.line, problem.field, problem.message, "indent with spaces, not tabs")
    return problem


def parse_front_matter(path: str, source: str, first_line: int):
    """Build plain values from YAML events; returns (data or None, lines, problems)."""
    builder = _Builder(path, first_line)
    try:
        for event in yaml.parse(source, Loader=Loader):
            builder.feed(event)
            if builder.stopped:
                break
    except yaml.MarkedYAMLError as error:
        return None, {}, [_syntax_problem(path, error, first_line)]
    except yaml.reader.ReaderError as error:  # a character YAML refuses, before any parsing
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        line = source.count("\n", 0, error.position) + first_line
        return (
            None,
            {},
            [
                Problem(
                    path,
                    line,
                    "",
                    f"the front matter contains an invisible control character (U+{code:04X})",
                    "delete it and retype the text around it (it comes with text copied from PDFs and word processors)",
                )
            ],
        )
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives marks
        return None, {}, [Problem(path, first_line, "", f"YAML error: {error}", "check the YAML syntax")]
    if builder.stopped:
        return None, {}, builder.problems
    if not isinstance(builder.root, dict):
        return (
            None,
            {},
            [
                Problem(
                    path,
                    first_line,
                    "",
                    "front matter is not a list of 'field: value' lines",
                    "write one field per line, like 'title: My practice'",
                )
            ],
        )
    return builder.root, builder.lines, builder.problems


def _syntax_problem(path: str, error: yaml.MarkedYAMLError, first_line: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + first_line) if mark else first_line
    what = error.problem or "invalid YAML"
    context = f" ({error.context})" if error.context else ""
    if "mapping values are not allowed" in what:
        hint = "a value that contains ': ' must be put in quotes, like title: \"Lebanon: a mapping\""
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        hint = "check the indentation, and that every field is written as 'name: value'"
    elif "found undefined alias" in what or "found unknown escape" in what:
        hint = "put the value in quotes"
    else:
        hint = "check the indentation, quotes and colons on this line and the one before"
    return Problem(path, line, "", f"YAML syntax error: {what}{context}", hint)


class _Builder:
    """Turns a stream of YAML events into dicts, lists and scalars, with a line for each."""

    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.root: object = None
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.stopped = False
        # Each frame: [container, path, pending key or None]
        self.stack: list[list] = []

    def stop(self, line: int, field: FieldPath, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, line, describe(field), message, hint))
        self.stopped = True

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + self.first_line if event.start_mark else self.first_line
        if type(event) is yaml.ScalarEvent and event.anchor is None and (event.tag is None or any(event.implicit)):
            # Most events are values with no anchor and no tag: skip the checks below.
            value = self._scalar(event, line, self._path_of_next())
            if not self.stopped:
                self._place(value, line)
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        if isinstance(event, yaml.DocumentStartEvent):
            if self.root is not None:
                self.stop(
                    line,
                    (),
                    "more than one YAML document in the front matter",
                    "keep only one block of fields between the two '---' lines",
                )
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            return
        where = self._path_of_next()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.stop(
                line, where, "YAML anchors and aliases (&name, *name) are not allowed", "write the value out in full"
            )
            return
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", (True, True))
        explicit_tag = tag not in (None, "!") and not (
            isinstance(event, yaml.ScalarEvent) and (implicit[0] or implicit[1])
        )
        if explicit_tag:
            written = tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.stop(
                line,
                where,
                f"YAML tags such as '{written}' are not allowed",
                f"remove '{written}' and write the plain value",
            )
            return
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event, line, where)
            if self.stopped:
                return
            self._place(value, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self.stop(
                    line,
                    where,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "use the flat structure shown in the template",
                )
                return
            container = {} if isinstance(event, yaml.MappingStartEvent) else []
            self._place(container, line)
            if not self.stopped:
                self.stack.append([container, where if self.stack else (), None])

    def _path_of_next(self) -> FieldPath:
        if not self.stack:
            return ()
        container, path, key = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        return (*path, key) if key is not None else path

    def _place(self, value: object, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container, path, key = frame
        if isinstance(container, list):
            if len(container) >= MAX_ITEMS:
                self.stop(line, path, f"list has more than {MAX_ITEMS} entries", "keep only the entries that matter")
                return
            self.lines[(*path, len(container))] = line
            container.append(value)
        elif key is None:  # this value is a key
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                self.stop(line, path, "a field name must be plain text", "write each field as 'name: value'")
                return
            name = value
            if name in container:
                first = self.lines.get((*path, name), line)
                self.stop(
                    line,
                    (*path, name),
                    f"duplicate key '{name}' (first given on line {first})",
                    f"keep one '{name}' and delete the other",
                )
                return
            if len(container) >= MAX_ITEMS:
                self.stop(line, path, f"more than {MAX_ITEMS} fields", "keep only the fields in the template")
                return
            self.lines[(*path, name)] = line
            frame[2] = name
        else:
            container[key] = value
            frame[2] = None

    def _scalar(self, event: yaml.ScalarEvent, line: int, where: FieldPath) -> object:
        text = event.value
        if len(text) > MAX_SCALAR_CHARS:
            self.stop(
                line,
                where,
                f"value is longer than {MAX_SCALAR_CHARS:,} characters",
                "shorten it; long text belongs in the body, below the second '---'",
            )
            return None
        if found := gate.refusal(text):  # the value as YAML decoded it: escapes included
            self.problems.append(Problem(self.path, line, describe(where), gate.describe(found), gate.hint(found)))
            frame = self.stack[-1] if self.stack else None
            if not (frame and isinstance(frame[0], dict) and frame[2] is None):
                return INVALID
            # A key: read on under the name it shows, so its value is still checked once.
            text = "".join(c for c in text if not gate.refusal(c))
        value, issue = scalars.resolve(gate.normalise(text), plain=event.implicit[0])
        if issue is not None:
            if issue.stop:
                self.stop(line, where, issue.message, issue.hint)
                return None
            self.problems.append(Problem(self.path, line, describe(where), issue.message, issue.hint))
        return value


def _too_large(path: str, size: int) -> Problem:
    return Problem(
        path,
        0,
        "",
        f"file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
        "a practice is a page of text: shorten it and link long documents in sources",
    )


def read_file(root: Path, file: Path) -> tuple[RecordFile | None, list[Problem]]:
    """Read one record file below root; never raises for anything the file contains."""
    path = file.relative_to(root).as_posix()
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading megabytes into memory
            return None, [_too_large(path, size)]
        raw = file.read_bytes()
    except OSError as error:
        return None, [
            Problem(path, 0, "", f"cannot read the file ({error.strerror})", "check the file exists and is readable")
        ]
    return read_bytes(path, raw)
