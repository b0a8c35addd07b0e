"""Translations: a record's title, summary and (optionally) body in another of the site's
languages, in `<slug>.<language>.md` beside the record.

The contract: only `title`, `summary` and `translation: {method, date, by?}`, and an optional
body; every other field comes from the record. Refused, each with its file and line: a
translation whose record does not exist, a language the site is not published in (or the
record's own), a field a translation may not carry, a missing `translation` block. Noted
without failing: a translation dated before the record's last review (the page says so too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from . import vocabulary as vocab
from .body import body_problems, relative_links
from .fields import TRANSLATION_FIELDS, Checker, check_fields
from .problems import Problem
from .read import read_bytes, read_file
from .records import Record, Translation, same
from .scalars import INVALID

# practices/<slug>.<language>.md: a slug, a dot, two or three lowercase letters.
NAME = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2,3})\.md")


@dataclasses.dataclass(frozen=True)
class Checked:
    path: str
    folder: str
    slug: str
    translation: Translation | None
    problems: list[Problem]
    date_line: int = 0
    links: tuple[tuple[int, str, str], ...] = ()  # its body's links to the site's pages (body.relative_links)


def check(root: Path, file: Path, vocabulary: vocab.Vocabulary, today: dt.date | None, raw: bytes | None) -> Checked:
    """Read and check one translation file on its own (its record is checked by `attach`)."""
    shown = file.relative_to(root).as_posix()
    folder, name = shown.rpartition("/")[0], file.name
    match = NAME.fullmatch(name)
    record_file, problems = read_file(root, file) if raw is None else read_bytes(shown, raw)
    language = match.group("language")
    allowed = vocabulary.site_languages
    if language not in allowed:
        problems.append(
            Problem(
                shown,
                0,
                "",
                f"'{language}' is not a language of the site",
                f"name the file {match.group('slug')}.<language>.md with one of: {', '.join(map(str, allowed.ids[1:]))}",
            )
        )
    if record_file is None:
        return Checked(shown, folder, match.group("slug"), None, problems)
    checker = Checker(record_file, vocabulary, today)
    carried = {k: v for k, v in record_file.data.items() if k in {f.name for f in TRANSLATION_FIELDS}}
    for key in record_file.data:
        if key not in carried:
            checker.report(
                (key,),
                f"a translation cannot carry '{key}'",
                f"remove it: a translation has only title, summary and translation; "
                f"every other field comes from {folder}/{match.group('slug')}.md",
            )
    values = check_fields(carried, TRANSLATION_FIELDS, checker)
    problems += checker.problems + body_problems(record_file)
    if problems or values is INVALID or language not in allowed:
        return Checked(shown, folder, match.group("slug"), None, problems)
    translation = Translation(
        path=shown,
        language=allowed[language],
        title=values["title"],
        summary=values["summary"],
        method=values["translation"]["method"],
        date=values["translation"]["date"],
        by=values["translation"].get("by"),
        body=record_file.body if record_file.body.strip() else "",
    )
    date_line = record_file.line_of(("translation", "date"))
    return Checked(shown, folder, match.group("slug"), translation, problems, date_line, relative_links(record_file))


def attach(
    records: list[Record], checked: list[Checked], root: Path | None = None, joined: dict | None = None
) -> tuple[list, list, list]:
    """Each translation joined to its record: (records with their translations, problems, notes).

    `joined` keeps the joined records from one call to the next, by path (the check's cache,
    see check.check_repository): while a record and its translations are the same objects, so
    is the joined record, and a rebuild while serving sees that its pages are unchanged.

    A translation checked without its record (the validator given only that file, as
    pre-commit does) is not refused when the record's file is there."""
    by_page = {(r.folder, r.slug): r for r in records}
    problems: list[Problem] = []
    notes: list[Problem] = []
    found: dict[tuple[str, str], list[Translation]] = {}
    for item in checked:
        record = by_page.get((item.folder, item.slug))
        if record is None and root is not None and (root / item.folder / f"{item.slug}.md").is_file():
            continue  # its record was not among the files checked
        if record is None:
            if not item.problems:  # a file that could not be read says so already
                problems.append(
                    Problem(
                        item.path,
                        0,
                        "",
                        f"there is no {item.folder}/{item.slug}.md for this file to translate",
                        f"name it after the record it translates: {item.folder}/<slug>.<language>.md",
                    )
                )
            continue
        translation = item.translation
        if translation is None:
            continue
        written_in = record.language or vocab.load().site_languages.terms[0]
        if translation.language.id == written_in.id:
            problems.append(
                Problem(
                    item.path,
                    0,
                    "",
                    f"{record.path} is itself written in {translation.language.name}",
                    "translate it into another of the site's languages",
                )
            )
            continue
        reviewed = getattr(record, "last_reviewed", None)
        if reviewed is not None and translation.date < reviewed:
            notes.append(
                Problem(
                    item.path,
                    item.date_line,
                    "translation.date",
                    f"the translation ({translation.date.isoformat()}) is older than the record's last review "
                    f"({reviewed.isoformat()})",
                    f"check it against {record.path} and update translation.date; the page tells readers meanwhile",
                )
            )
        found.setdefault((record.folder, record.slug), []).append(translation)
    previous, now = (joined or {}), {}
    for r in records:
        if (r.folder, r.slug) in found:
            translations = tuple(sorted(found[(r.folder, r.slug)], key=lambda t: t.language.id))
            kept = previous.get(r.path)
            if kept is None or not same(kept[:2], (r, translations)):
                kept = (r, translations, dataclasses.replace(r, translations=translations))
            now[r.path] = kept
    if joined is not None:
        joined.clear()
        joined.update(now)
    return [now[r.path][2] if r.path in now else r for r in records], problems, notes
