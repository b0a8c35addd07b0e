"""Cross-file duplicates: two records of a kind may not share a slug (aliases included) or a
title, compared as a reader sees them."""

from __future__ import annotations

from . import gate
from .problems import Problem
from .read import RecordFile
from .records import Record


def duplicates(records: list[Record], record_files: dict[str, RecordFile], last: str = "") -> list[Problem]:
    """Two records of a kind may not share a slug (aliases included) or a title, compared as
    a reader sees them: look-alike letters, case and invisible characters do not count."""
    problems = []
    seen_slug: dict[tuple[str, str], Record] = {}
    seen_title: dict[tuple[str, str], Record] = {}
    # The record at `last` (one being checked from its text) is taken last, so that a clash
    # is reported on it rather than on the file that was there first.
    for record in sorted(records, key=lambda r: (r.path == last, r.path)):
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
