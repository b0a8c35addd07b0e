"""Check: find the record files, apply every rule, and build records from the valid ones.

All problems of all files are collected in one pass; nothing here raises for anything a
contributor can write.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import gate
from . import vocabulary as vocab
from .body import body_problems, relative_links
from .body import render as render_body
from .fields import (
    CONSULTATION_FIELDS,
    PRACTICE_FIELDS,
    RESERVED_SLUGS,
    SLUG,
    Checker,
    Field,
    check_fields,
    suggest_slug,
)
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
    if isinstance(start, int) and start > checker.today.year:
        checker.report(
            ("start_year",),
            f"start_year {start} has not come yet",
            "the catalogue records practices that have begun: add it once it starts",
        )
    _reviewed_after_added(values, checker)


def _reviewed_after_added(values: dict, checker: Checker) -> None:
    added, reviewed = values.get("date_added"), values.get("last_reviewed")
    if isinstance(added, dt.date) and isinstance(reviewed, dt.date) and reviewed < added:
        checker.report(
            ("last_reviewed",),
            f"last_reviewed {reviewed.isoformat()} is before date_added {added.isoformat()}",
            f"a record is reviewed when it is added at the earliest: write {added.isoformat()} or later",
        )


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


def check_file(
    root: Path, file: Path, kind: Kind, vocabulary: vocab.Vocabulary, today: dt.date | None = None
) -> tuple[Record | None, list[Problem]]:
    """Read and check one file of a kind; a record only when it has no problem."""
    checked = _check_file(root, file, kind, vocabulary, today)
    return checked.record, checked.problems


@dataclass(frozen=True)
class Checked:
    """One file, checked: what was read, the record if valid, its problems and its notes."""

    record_file: RecordFile | None
    record: Record | None
    problems: list[Problem]
    notes: tuple[Problem, ...] = ()


def _check_file(root: Path, file: Path, kind: Kind, vocabulary: vocab.Vocabulary, today: dt.date | None) -> Checked:
    record_file, problems = read_file(root, file)
    slug = file.name[: -len(".md")]
    shown = file.relative_to(root).as_posix()
    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                shown,
                0,
                "",
                f"file name '{gate.printable(file.name)}' is not a lowercase slug",
                f"rename it to {suggest_slug(slug)}.md (lowercase letters, digits and hyphens)",
            )
        )
    elif slug in RESERVED_SLUGS:
        problems.append(
            Problem(
                shown,
                0,
                "",
                f"'{slug}' is the name of a page of the site, so no {kind.name} can have it",
                f"rename the file to a name that says what the {kind.name} is, like {slug}-<what-where-when>.md",
            )
        )
    if record_file is None:
        return Checked(None, None, problems)
    aliases = record_file.data.get("aliases")
    for i, alias in enumerate(aliases if isinstance(aliases, list) else ()):
        where = record_file.line_of(("aliases", i))
        if alias == slug:
            problems.append(
                Problem(shown, where, f"aliases.{i}", "an alias cannot be the file's own name", "remove it")
            )
        elif (
            isinstance(alias, str) and SLUG.fullmatch(alias) and (root / "docs" / kind.folder / f"{alias}.md").exists()
        ):
            problems.append(
                Problem(
                    shown,
                    where,
                    f"aliases.{i}",
                    f"'{alias}' is the name of a page that exists (docs/{kind.folder}/{alias}.md)",
                    "remove the alias: it would replace that page",
                )
            )
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
        return Checked(record_file, None, problems)
    checker = Checker(record_file, vocabulary, today)
    values = check_fields(record_file.data, kind.fields, checker)
    kind.rules(values if isinstance(values, dict) else _partial(record_file, kind, checker), checker)
    problems.extend(checker.problems)
    problems.extend(body_problems(record_file))
    notes = tuple(checker.notes)
    if problems or values is INVALID:
        return Checked(record_file, None, problems, notes)
    return Checked(record_file, kind.build(record_file, slug, values, vocabulary), problems, notes)


def _kind_by_fields(record_file: RecordFile, kind: Kind) -> Kind | None:
    """The other kind, when only its fields would make this file valid."""
    names = set(record_file.data)
    if names <= {f.name for f in kind.fields}:
        return None
    return next((k for k in KINDS if k is not kind and names <= {f.name for f in k.fields}), None)


def _partial(record_file: RecordFile, kind: Kind, checker: Checker) -> dict:
    """The fields that did convert, so cross-field rules still run on an invalid file."""
    quiet = Checker(record_file, checker.vocabulary, checker.today)
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
    notes: tuple[Problem, ...] = ()  # worth a look, but no reason to refuse the change

    @property
    def ok(self) -> bool:
        return not self.problems


def check_repository(root: Path, paths: Iterable[Path] | None = None, today: dt.date | None = None) -> Result:
    """Check the whole repository (or the files named) and build the records."""
    vocabulary = vocab.load()
    files, problems = discover(root, paths)
    if paths is None:
        problems.extend(tree_problems(root))
    records: list[Record] = []
    record_files: dict[str, RecordFile] = {}
    notes: list[Problem] = []
    for kind, file in files:
        checked = _check_file(root, file, kind, vocabulary, today)
        problems.extend(checked.problems)
        notes.extend(checked.notes)
        if checked.record is not None:
            records.append(checked.record)
            record_files[checked.record.path] = checked.record_file
    problems.extend(_duplicates(records, record_files))
    practices = tuple(sorted((r for r in records if isinstance(r, Practice)), key=lambda p: p.title.lower()))
    consultations = tuple(sorted((r for r in records if isinstance(r, Consultation)), key=lambda c: c.start_date))
    problems.extend(link_problems(root, vocabulary, practices, consultations, record_files))
    return Result(practices, consultations, tuple(sorted(set(problems))), len(files), tuple(sorted(set(notes))))


# The folders a build reads besides the records: a symbolic link in them could publish any file
# of the machine that builds the site (CI included).
PUBLISHED_FOLDERS = ("docs", "overrides", "hooks")


def tree_problems(root: Path) -> list[Problem]:
    """Symbolic links in what the build reads, unless they stay inside the repository (and
    out of its hidden folders, such as .git)."""
    problems = []
    top = root.resolve()
    for folder in PUBLISHED_FOLDERS:
        base = root / folder
        links = [base] if base.is_symlink() else []
        if base.is_dir() and not base.is_symlink():
            for parent, folders, names in os.walk(base):
                links += [Path(parent) / n for n in (*folders, *names) if (Path(parent) / n).is_symlink()]
        for link in links:
            target = link.resolve()
            inside = (
                target.is_relative_to(top) and not any(part.startswith(".") for part in target.relative_to(top).parts)
                if target.is_relative_to(top)
                else False
            )
            if not inside:
                problems.append(
                    Problem(
                        gate.printable(link.relative_to(root).as_posix()),
                        0,
                        "",
                        "symbolic link to a file outside the repository",
                        "replace the link with the file itself, or remove it",
                    )
                )
    return problems


def _duplicates(records: list[Record], record_files: dict[str, RecordFile]) -> list[Problem]:
    """Two records of a kind may not share a slug (aliases included) or a title, compared as
    a reader sees them: look-alike letters, case and invisible characters do not count."""
    problems = []
    seen_slug: dict[tuple[str, str], Record] = {}
    seen_title: dict[tuple[str, str], Record] = {}
    for record in sorted(records, key=lambda r: r.path):
        lines = record_files[record.path]
        for i, slug in enumerate((record.slug, *record.aliases)):
            first = seen_slug.setdefault((record.folder, slug), record)
            if first is not record:
                problems.append(
                    Problem(
                        record.path,
                        lines.line_of(("aliases", i - 1)) if i else 0,
                        f"aliases.{i - 1}" if i else "",
                        f"the slug '{slug}' is already used by {first.path}",
                        "choose another file name or remove the alias",
                    )
                )
        first = seen_title.setdefault((record.folder, gate.same_key(record.title)), record)
        if first is not record:
            problems.append(
                Problem(
                    record.path,
                    lines.line_of(("title",)),
                    "title",
                    f"the title is already used by {first.path}"
                    + ("" if first.title == record.title else f" (which reads the same: '{first.title}')"),
                    f"give each {record.kind} its own title, or merge the two files",
                )
            )
    return problems


def link_problems(
    root: Path,
    vocabulary: vocab.Vocabulary,
    practices: tuple[Practice, ...],
    consultations: tuple[Consultation, ...],
    record_files: dict[str, RecordFile],
) -> list[Problem]:
    """A body's links to other pages of the site must lead to a page the build makes (or a
    file in docs/), as MkDocs' strict build requires; fragments only to the page's own headings."""
    links = {path: list(relative_links(f)) for path, f in record_files.items()}
    if not any(links.values()):
        return []  # the usual case: no body links inside the site, no catalogue needed
    from . import catalogue as catalogue_  # the page list needs the catalogue; most checks do not
    from .render import page_paths

    pages = set(page_paths(catalogue_.build(vocabulary, practices, consultations)))
    docs = root / "docs"
    pages |= {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else set()
    problems = []
    for record in (*practices, *consultations):
        own = f"{record.folder}/{record.slug}.md"
        headings = None
        for line, path, fragment in links.get(record.path, ()):
            if not path:
                if headings is None:
                    rendered = render_body(record.body)
                    headings = {h[1] for h in rendered.headings} if not isinstance(rendered, BaseException) else set()
                    headings |= {"sources"}
                if fragment not in headings:
                    problems.append(
                        Problem(
                            record.path,
                            line,
                            "body",
                            f"the link '#{gate.printable(fragment)[:60]}' leads to no heading of this page",
                            "link to a heading of this page by its id, or remove the link",
                        )
                    )
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(own), urllib.parse.unquote(path)))
            if target not in pages:
                problems.append(
                    Problem(
                        record.path,
                        line,
                        "body",
                        f"the link '{gate.printable(path)[:80]}' leads to no page of this site",
                        "link to another page by its file, like ../regions/asia-pacific.md, or use its full https:// address",
                    )
                )
            elif fragment:
                problems.append(
                    Problem(
                        record.path,
                        line,
                        "body",
                        "links into another page's sections (#…) cannot be checked",
                        f"link to the page itself: {gate.printable(path)[:80]}",
                    )
                )
    return problems
