"""Check: read each record file, apply every rule, and build records from the valid ones.

The stages, each in its own module: discovery (discover.py) → reading and the gate (read.py,
gate.py) → field types and the rules between fields (fields.py) → body rules (body.py) →
records (records.py) → cross-file duplicates (duplicates.py) and links inside the site
(links.py). All problems of all files are collected in one pass; nothing here raises for
anything a contributor can write. `check_text` checks a record from its text, in memory.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import gate, translations
from . import vocabulary as vocab
from .body import body_problems, relative_links
from .discover import discover, tree_problems
from .duplicates import duplicates
from .fields import RESERVED_SLUGS, SLUG, Checker, check_fields, suggest_slug
from .kinds import CONSULTATION, KINDS, PRACTICE, Kind
from .links import link_problems
from .problems import Problem
from .read import RecordFile, read_bytes, read_file
from .records import Consultation, Practice, Record
from .scalars import INVALID

__all__ = ["CONSULTATION", "KINDS", "PRACTICE", "Kind", "Result", "check_file", "check_repository", "check_text"]


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
    links: tuple[tuple[int, str, str], ...] = ()  # the body's links to the site's pages, for the link check


def _check_file(
    root: Path,
    file: Path,
    kind: Kind,
    vocabulary: vocab.Vocabulary,
    today: dt.date | None,
    raw: bytes | None = None,
) -> Checked:
    """Check one file, read from disk, or from `raw` when its text is given (nothing is read then)."""
    record_file, problems = read_file(root, file) if raw is None else read_bytes(file.relative_to(root).as_posix(), raw)
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
    known = values if isinstance(values, dict) else _partial(record_file, kind, checker)
    for rule in kind.rules:
        rule.check(known, checker)
    problems.extend(checker.problems)
    problems.extend(body_problems(record_file))
    notes = tuple(checker.notes)
    if problems or values is INVALID:
        return Checked(record_file, None, problems, notes)
    record = kind.build(record_file, slug, values, vocabulary)
    return Checked(record_file, record, problems, notes, relative_links(record_file))


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


def check_repository(
    root: Path,
    paths: Iterable[Path] | None = None,
    today: dt.date | None = None,
    texts: dict[str, bytes] | None = None,
    cache: dict | None = None,
    workers: int = 1,
) -> Result:
    """Check the whole repository (or the files named) and build the records.

    `texts` gives some files' contents instead of reading them (repository-relative path →
    bytes), for a file not saved yet: it is checked as if it were on disk.

    `cache` keeps each file's own check from one call to the next, by its path, size and
    modification time (a rebuild while serving checks again only the files that changed), and
    the records joined to their translations (translations.attach); the rules between files
    always run. Its owner empties it when anything else the check reads changes (micic.prepare).

    `workers` > 1 shares the files' own checks among that many processes when there are many
    (the validator over a large catalogue); the rules between files run in this one."""
    vocabulary = vocab.load()
    texts = texts or {}
    files, problems = discover(root, paths)
    if paths is None:
        problems.extend(tree_problems(root))
    known = {file.relative_to(root).as_posix() for _, file in files}
    by_folder = {kind.folder: kind for kind in KINDS}
    for path in texts:
        if path not in known:
            kind = by_folder.get(path.partition("/")[0])
            if kind is None or path.count("/") != 1:
                problems.append(
                    Problem(path, 0, "", "this file is not in practices/ or consultations/", "check the path")
                )
            else:
                files.append((kind, root / path))
    records: list[Record] = []
    record_files: dict[str, RecordFile] = {}
    notes: list[Problem] = []
    translated: list[translations.Checked] = []
    body_links: dict[str, tuple] = {}
    kept: dict = {}
    keys = []
    for kind, file in files:
        relative, key = file.relative_to(root).as_posix(), None
        if cache is not None and relative not in texts:
            stat = file.lstat()
            key = (relative, kind.name, stat.st_size, stat.st_mtime_ns, today)
        keys.append(key)
    to_check = [(kind, file) for (kind, file), key in zip(files, keys, strict=True) if not (key and key in cache)]
    fresh = iter(_check_files(root, to_check, today, texts, workers))
    for key in keys:
        checked = cache[key] if key and key in cache else next(fresh)
        if key:
            kept[key] = checked
        if isinstance(checked, translations.Checked):
            translated.append(checked)
            problems.extend(checked.problems)
            if checked.translation:
                body_links[checked.path] = checked.links
            continue
        problems.extend(checked.problems)
        notes.extend(checked.notes)
        if checked.record is not None:
            records.append(checked.record)
            record_files[checked.record.path] = checked.record_file
            body_links[checked.record.path] = checked.links
    joined = kept["joined"] = cache.get("joined", {}) if cache is not None else {}
    if cache is not None:  # what this call saw, and nothing older
        cache.clear()
        cache.update(kept)
    problems.extend(duplicates(records, record_files, last=next(iter(texts), "")))
    records, unmatched, stale = translations.attach(records, translated, root, joined)
    problems.extend(unmatched)
    notes.extend(stale)
    practices = tuple(sorted((r for r in records if isinstance(r, Practice)), key=lambda p: p.title.lower()))
    consultations = tuple(sorted((r for r in records if isinstance(r, Consultation)), key=lambda c: c.start_date))
    problems.extend(link_problems(root, vocabulary, practices, consultations, body_links))
    return Result(practices, consultations, tuple(sorted(set(problems))), len(files), tuple(sorted(set(notes))))


# From how many files sharing them among processes pays for starting the processes.
SHARED_FROM = 200


def _check_files(
    root: Path, files: list[tuple[Kind, Path]], today: dt.date | None, texts: dict[str, bytes], workers: int
) -> list:
    """Each file's own check (a record's or a translation's), in the order given: in this
    process, or shared among `workers` forked processes when there are many files."""
    jobs = [(root, kind.name, file, today, texts.get(file.relative_to(root).as_posix())) for kind, file in files]
    if workers <= 1 or len(jobs) < SHARED_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_check_one(*job) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_check_one, *zip(*jobs, strict=True), chunksize=max(1, len(jobs) // (workers * 8))))


def _check_one(root: Path, kind_name: str, file: Path, today: dt.date | None, raw: bytes | None):
    vocabulary = vocab.load()
    if translations.NAME.fullmatch(file.name):
        return translations.check(root, file, vocabulary, today, raw)
    return _check_file(root, file, next(k for k in KINDS if k.name == kind_name), vocabulary, today, raw)


def check_text(root: Path | None, path: str, text: str | bytes, today: dt.date | None = None) -> Result:
    """Check a record from its text, in memory, as the file `path` (like "practices/x.md")
    of the repository at `root`: its own rules, and the cross-file rules (duplicates, links)
    against the repository's other records. The result holds only this file's problems.

    With no root, the record is checked on its own (the issue-form converter's pure step)."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if root is None:
        kind = next((k for k in KINDS if path.startswith(f"{k.folder}/")), PRACTICE)
        checked = _check_file(Path("/"), Path("/") / path, kind, vocab.load(), today, raw)
        record = checked.record
        return Result(
            (record,) if isinstance(record, Practice) else (),
            (record,) if isinstance(record, Consultation) else (),
            tuple(sorted(set(checked.problems))),
            1,
            tuple(sorted(set(checked.notes))),
        )
    everything = check_repository(root, today=today, texts={path: raw})
    return Result(
        tuple(p for p in everything.practices if p.path == path),
        tuple(c for c in everything.consultations if c.path == path),
        tuple(p for p in everything.problems if p.path == path),
        1,
        tuple(n for n in everything.notes if n.path == path),
    )
