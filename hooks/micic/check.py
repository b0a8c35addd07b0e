"""Check: find the record files, apply every rule, and build records from the valid ones.

All problems of all files are collected in one pass; nothing here raises for anything a
contributor can write.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import vocabulary as vocab
from .fields import CONSULTATION_FIELDS, PRACTICE_FIELDS, SLUG, Checker, Field, check_fields
from .problems import Problem
from .read import INVALID, RecordFile, read_file
from .records import Consultation, GovernmentConsultation, OutcomeDocument, Practice, Record, Source, Stakeholder

Rule = Callable[[dict, Checker], None]


def _practice_rules(values: dict, checker: Checker) -> None:
    scope_id = getattr(values.get("scope"), "id", "global")  # unknown scope: reported already
    if scope_id != "global" and checker.record_file.data.get("countries") in (None, [], ""):
        checker.report(
            ("countries",) if "countries" in checker.record_file.data else (),
            f"a practice with scope '{scope_id}' needs 'countries'",
            "list the countries as ISO codes, like countries: [PH, LB], or set scope: global",
        )
    start, end = values.get("start_year"), values.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        checker.report(("end_year",), f"end_year {end} is before start_year {start}", "correct one of the two years")


def _consultation_rules(values: dict, checker: Checker) -> None:
    kind, region, country = values.get("kind"), values.get("region"), values.get("country")
    is_global = getattr(kind, "id", None) == "global-civil-society"
    if kind not in (None, INVALID):
        if is_global and region not in (None, INVALID):
            checker.report(("region",), "a global consultation has no region", "remove the region line")
        elif not is_global and region is None and "region" not in checker.record_file.data:
            checker.report(
                (), "missing required field 'region'", "add 'region:' with the region the consultation covered"
            )
    if region not in (None, INVALID) and country not in (None, INVALID) and country.group != region.id:
        checker.report(
            ("country",),
            f"{country.id} ({country.name}) is not in the region {region.id}",
            "correct the country or the region",
        )
    for where, group in (((), values), (("government_consultation",), values.get("government_consultation"))):
        if isinstance(group, dict):
            start, end = group.get("start_date"), group.get("end_date")
            if start not in (None, INVALID) and end not in (None, INVALID) and end < start:
                checker.report(
                    (*where, "end_date"), f"end_date {end} is before start_date {start}", "correct one of the two dates"
                )


def _practice(file: RecordFile, slug: str, v: dict, vocabulary: vocab.Vocabulary) -> Practice:
    countries = v.get("countries", ())
    scope = v["scope"]
    regions = () if scope.id == "global" else tuple(dict.fromkeys(vocabulary.regions[c.group] for c in countries))
    return Practice(
        path=file.path,
        slug=slug,
        title=v["title"],
        summary=v["summary"],
        scope=scope,
        countries=countries,
        regions=tuple(sorted(regions, key=lambda r: vocabulary.regions.ids.index(r.id))),
        crisis_types=v["crisis_types"],
        phases=v["phases"],
        guidelines=tuple(sorted(v.get("guidelines", ()), key=lambda t: t.id)),
        action_plan_points=tuple(sorted(v.get("action_plan_points", ()), key=lambda t: t.id)),
        stakeholders=tuple(Stakeholder(s["name"], s["type"]) for s in v["stakeholders"]),
        start_year=v["start_year"],
        end_year=v.get("end_year"),
        sources=tuple(Source(s["title"], s["url"]) for s in v["sources"]),
        date_added=v["date_added"],
        last_reviewed=v["last_reviewed"],
        aliases=v.get("aliases", ()),
        body=file.body,
    )


def _consultation(file: RecordFile, slug: str, v: dict, vocabulary: vocab.Vocabulary) -> Consultation:
    government = v.get("government_consultation")
    return Consultation(
        path=file.path,
        slug=slug,
        title=v["title"],
        summary=v["summary"],
        kind_term=v["kind"],
        region=v.get("region"),
        city=v["city"],
        country=v["country"],
        start_date=v["start_date"],
        end_date=v["end_date"],
        organizers=v["organizers"],
        participants=v.get("participants"),
        government_consultation=GovernmentConsultation(**government) if government else None,
        action_plan_points=tuple(sorted(v.get("action_plan_points", ()), key=lambda t: t.id)),
        sources=tuple(Source(s["title"], s["url"]) for s in v["sources"]),
        documents=tuple(OutcomeDocument(d["title"], d["url"], d["language"]) for d in v.get("documents", ())),
        aliases=v.get("aliases", ()),
        body=file.body,
    )


@dataclass(frozen=True)
class Kind:
    """A kind of record: the folder its files live in, its fields, its rules, its record."""

    name: str
    folder: str
    fields: tuple[Field, ...]
    rules: Rule
    build: Callable[[RecordFile, str, dict, vocab.Vocabulary], Record]


PRACTICE = Kind("practice", "practices", PRACTICE_FIELDS, _practice_rules, _practice)
CONSULTATION = Kind("consultation", "consultations", CONSULTATION_FIELDS, _consultation_rules, _consultation)
KINDS = (PRACTICE, CONSULTATION)


# Where a body can name an address: Markdown links and images, reference definitions,
# autolinks, and HTML or attribute-list attributes that browsers follow or load.
_BODY_ADDRESS = re.compile(
    r"""\]\(\s*<?(?P<inline>[^\s)>]+)
    | ^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<reference>[^\s>]+)
    | <(?P<autolink>[a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>
    | \b(?:href|src|srcset|action|formaction|poster|background|cite|data|xlink:href)\s*=\s*
      (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>]+))""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
_FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")
# What a browser ignores in an address: control characters, spaces and backslashes.
_IGNORED_IN_ADDRESS = {**dict.fromkeys(range(0x21)), ord("\\"): None}

# Python-Markdown recurses once per nested list, quote or <div markdown> (a few hundred
# levels raise RecursionError) and slows quadratically with the links and lines of one
# block (4,000 '[' on a line take seconds): these limits keep every body's rendering
# well under a second, far above what a page of text needs (the longest body has ~100 lines).
MAX_BODY_LINES = 2000
MAX_BODY_MARKUP = 1000  # '[' and '<': links, images and HTML tags
MAX_BODY_NESTING = 10
_CONTAINER = re.compile(r"(?: {4}|\t|[ ]{0,3}(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)[ ]?)")
_MARKDOWN_HTML_OPEN = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bmarkdown\b", re.IGNORECASE)


_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]|<img\b", re.IGNORECASE)


def body_problems(record_file: RecordFile) -> list[Problem]:
    """What in the body would hang or crash the page's rendering, run in a browser, or be
    silently dropped from the page."""
    shape = _body_shape(record_file)
    if shape:
        return shape
    links = _body_links(record_file)
    flagged = {p.line for p in links}  # a data: image is one problem, said once
    return links + [p for p in _body_images(record_file) if p.line not in flagged]


def _body_images(record_file: RecordFile) -> list[Problem]:
    """Images are dropped from record pages (sanitize.py: an image from another site tells
    that site who reads the page), so say so rather than lose them without a word."""
    body = record_file.body
    if "![" not in body and "<img" not in body.lower():
        return []
    return [
        Problem(
            record_file.path,
            record_file.body_line + body.count("\n", 0, match.start()),
            "body",
            "images are not shown on practice and consultation pages",
            "describe what the image shows in words, or link to it: [what it shows](https://…)",
        )
        for match in _IMAGE.finditer(body)
    ]


def _body_shape(record_file: RecordFile) -> list[Problem]:
    body, first = record_file.body, record_file.body_line

    def problem(line: int, message: str, hint: str) -> list[Problem]:
        return [Problem(record_file.path, line, "body", message, hint)]

    lines = body.split("\n")
    if len(lines) > MAX_BODY_LINES:
        return problem(
            first + MAX_BODY_LINES,
            f"the body has {len(lines):,} lines, more than {MAX_BODY_LINES:,}",
            "a practice is a page of text: shorten it and link long documents in sources",
        )
    markup = 0
    open_html: list[str] = []
    for number, line in enumerate(lines, start=first):
        markup += line.count("[") + line.count("<")
        if markup > MAX_BODY_MARKUP:
            return problem(
                number,
                f"the body has more than {MAX_BODY_MARKUP:,} links and tags ('[' and '<')",
                "shorten it: a page of text needs far fewer, and long lists of documents belong in sources",
            )
        depth, position = 0, 0
        while (container := _CONTAINER.match(line, position)) and container.end() > position:
            depth, position = depth + 1, container.end()
        if "<" in line:  # most lines have no tag: skip both searches
            open_html += [m.group(1).lower() for m in _MARKDOWN_HTML_OPEN.finditer(line)]
            while open_html and f"</{open_html[-1]}" in line.lower():
                open_html.pop()
        if depth + len(open_html) > MAX_BODY_NESTING:
            return problem(
                number,
                f"lists, quotes, indentation or HTML blocks are nested more than {MAX_BODY_NESTING} levels deep",
                "flatten the structure: use headings and short lists",
            )
    return []


def _body_links(record_file: RecordFile) -> list[Problem]:
    """Links in the body that would run code or smuggle a document: a located problem each.

    Browsers decode entities and ignore tabs, newlines and case in a scheme, so the address
    is compared as a browser would read it (the page's sanitiser drops them too)."""
    # Fast path: a body that, read as a browser reads an address, names none of these
    # schemes anywhere cannot link to one (searching every address costs ten times more).
    readable = html.unescape(record_file.body).translate(_IGNORED_IN_ADDRESS).lower()
    if not any(f"{scheme}:" in readable for scheme in _FORBIDDEN_SCHEMES):
        return []
    problems = []
    for match in _BODY_ADDRESS.finditer(record_file.body):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        address = re.sub(r"[\x00-\x20\\]", "", html.unescape(match.group(group))).lower()
        scheme = address.partition(":")[0]
        if ":" in address and scheme in _FORBIDDEN_SCHEMES:
            line = record_file.body_line + record_file.body.count("\n", 0, match.start(group))
            problems.append(
                Problem(
                    record_file.path,
                    line,
                    "body",
                    f"links to '{scheme}:' addresses are not allowed",
                    "link only to web pages (https://…) or to other pages of this site",
                )
            )
    return problems


def suggest_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "my-practice"


def check_file(root: Path, file: Path, kind: Kind, vocabulary: vocab.Vocabulary) -> tuple[Record | None, list[Problem]]:
    """Read and check one file of a kind; a record only when it has no problem."""
    record_file, problems = read_file(root, file)
    slug = file.name[: -len(".md")]
    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                file.relative_to(root).as_posix(),
                0,
                "",
                f"file name '{file.name}' is not a lowercase slug",
                f"rename it to {suggest_slug(slug)}.md (lowercase letters, digits and hyphens)",
            )
        )
    if record_file is None:
        return None, problems
    other = _kind_by_fields(record_file, kind)
    if other is not None:  # one clear problem instead of a dozen unknown and missing fields
        problems.append(
            Problem(
                record_file.path,
                1,
                "",
                f"this file describes a {other.name}, but it is in {kind.folder}/",
                f"move it to {other.folder}/{file.name}",
            )
        )
        return None, problems
    checker = Checker(record_file, vocabulary)
    values = check_fields(record_file.data, kind.fields, checker)
    kind.rules(values if isinstance(values, dict) else _partial(record_file, kind, checker), checker)
    problems.extend(checker.problems)
    problems.extend(body_problems(record_file))
    if problems or values is INVALID:
        return None, problems
    return kind.build(record_file, slug, values, vocabulary), problems


def _kind_by_fields(record_file: RecordFile, kind: Kind) -> Kind | None:
    """The other kind, when only its fields would make this file valid."""
    names = set(record_file.data)
    if names <= {f.name for f in kind.fields}:
        return None
    return next((k for k in KINDS if k is not kind and names <= {f.name for f in k.fields}), None)


def _partial(record_file: RecordFile, kind: Kind, checker: Checker) -> dict:
    """The fields that did convert, so cross-field rules still run on an invalid file."""
    quiet = Checker(record_file, checker.vocabulary)
    result = {}
    for f in kind.fields:
        raw = record_file.data.get(f.name)
        if raw not in (None, "", []) and raw is not INVALID:
            result[f.name] = f.type.check(raw, quiet, (f.name,))
    return result


def discover(root: Path, paths: Iterable[Path] | None = None) -> tuple[list[tuple[Kind, Path]], list[Problem]]:
    """The record files to check: every .md in practices/ and consultations/, or those named."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Problem] = []
    folders = {kind.folder: kind for kind in KINDS}
    if paths is None:
        candidates = []
        for kind in KINDS:
            folder = root / kind.folder
            if folder.is_symlink():  # never walk (or publish) whatever a link points to
                problems.append(Problem(kind.folder, 0, "", "symbolic links are not accepted", "make it a real folder"))
            elif folder.is_dir():
                candidates.extend(sorted(folder.rglob("*")))
    else:
        candidates = []
        for path in paths:
            path = path if path.is_absolute() else Path.cwd() / path
            candidates.extend(sorted(path.rglob("*")) if path.is_dir() and not path.is_symlink() else [path])
    for path in candidates:
        try:
            relative = path.absolute().relative_to(root.absolute())
        except ValueError:
            problems.append(Problem(str(path), 0, "", "file is outside the repository", "check the path"))
            continue
        shown = relative.as_posix()
        if any(part.startswith(".") for part in relative.parts) or (path.is_dir() and not path.is_symlink()):
            continue
        kind = folders.get(relative.parts[0]) if len(relative.parts) > 1 else None
        if path.is_symlink():
            problems.append(
                Problem(shown, 0, "", "symbolic links are not accepted", "replace the link with the file itself")
            )
        elif kind is None:
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "this file is not in practices/ or consultations/",
                    f"move it to practices/{path.name} (or consultations/{path.name})",
                )
            )
        elif len(relative.parts) > 2:
            problems.append(
                Problem(shown, 0, "", f"{kind.folder}/ has no subfolders", f"move it to {kind.folder}/{path.name}")
            )
        elif path.suffix != ".md":
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "not a Markdown file",
                    f"rename it to {suggest_slug(path.stem)}.md, or remove it from {kind.folder}/",
                )
            )
        elif not path.exists():
            problems.append(Problem(shown, 0, "", "file does not exist", "check the path"))
        else:
            found.append((kind, path))
    return found, problems


@dataclass(frozen=True)
class Result:
    practices: tuple[Practice, ...]
    consultations: tuple[Consultation, ...]
    problems: tuple[Problem, ...]
    files_checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


def check_repository(root: Path, paths: Iterable[Path] | None = None) -> Result:
    """Check the whole repository (or the files named) and build the records."""
    vocabulary = vocab.load()
    files, problems = discover(root, paths)
    records: list[Record] = []
    for kind, file in files:
        record, file_problems = check_file(root, file, kind, vocabulary)
        problems.extend(file_problems)
        if record is not None:
            records.append(record)
    problems.extend(_duplicates(records))
    practices = tuple(sorted((r for r in records if isinstance(r, Practice)), key=lambda p: p.title.lower()))
    consultations = tuple(sorted((r for r in records if isinstance(r, Consultation)), key=lambda c: c.start_date))
    return Result(practices, consultations, tuple(sorted(set(problems))), len(files))


def _duplicates(records: list[Record]) -> list[Problem]:
    """Two records of a kind may not share a slug (aliases included) or a title."""
    problems = []
    seen_slug: dict[tuple[str, str], Record] = {}
    seen_title: dict[tuple[str, str], Record] = defaultdict()
    for record in sorted(records, key=lambda r: r.path):
        for slug in (record.slug, *record.aliases):
            first = seen_slug.setdefault((record.folder, slug), record)
            if first is not record:
                problems.append(
                    Problem(
                        record.path,
                        0,
                        "aliases" if slug != record.slug else "",
                        f"the slug '{slug}' is already used by {first.path}",
                        "choose another file name or remove the alias",
                    )
                )
        title = " ".join(record.title.lower().split())
        first = seen_title.setdefault((record.folder, title), record)
        if first is not record:
            problems.append(
                Problem(
                    record.path,
                    1,
                    "title",
                    f"the title is already used by {first.path}",
                    "give each practice its own title, or merge the two files",
                )
            )
    return problems
