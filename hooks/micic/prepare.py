"""Prepare: the checked records and their catalogue, computed once and shared by every build
in the process (one per language, and each rebuild while serving) until a file changes.

What a build of any language needs from the repository is the same: reading, checking, the
catalogue, facets and related practices (and the body HTML, cached in render.py). A build of
the four languages therefore checks the repository once, not four times; a rebuild while
serving checks again only when a file it reads has changed, and then only the record files
that changed (with every rule between files), as long as nothing else it reads has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import catalogue as catalogue_
from . import vocabulary
from .check import KINDS, Result, check_repository

# What the check reads: the records, and the folders whose files its link and tree checks see.
WATCHED = (*(kind.folder for kind in KINDS), "docs", "overrides", "hooks")


@dataclass(frozen=True)
class Prepared:
    result: Result
    catalogue: catalogue_.Catalogue | None  # None when there are problems


_cache: dict[Path, tuple[tuple, Prepared]] = {}
# Each record file's own check, by root, kept while nothing else the check reads changes.
_files: dict[Path, tuple[tuple, dict]] = {}
RECORD_FOLDERS = tuple(f"{kind.folder}/" for kind in KINDS)


def fingerprint(root: Path) -> tuple:
    """Every watched file's path, size and modification time, and today's date (dates are
    checked against it): equal fingerprints, equal results."""
    entries = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if "__pycache__" in path.parts:
                continue
            stat = path.lstat()
            entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return (dt.date.today(), tuple(entries))


def prepare(root: Path) -> Prepared:
    """The repository checked, and its catalogue when it has no problem: from the cache when
    nothing watched has changed since the last call."""
    root = Path(root).resolve()
    key = fingerprint(root)
    cached = _cache.get(root)
    if cached is not None and cached[0] == key:
        return cached[1]
    date, entries = key
    rest = (date, tuple(e for e in entries if not e[0].startswith(RECORD_FOLDERS)))
    kept = _files.get(root)
    files = kept[1] if kept is not None and kept[0] == rest else {}
    _files[root] = (rest, files)
    result = check_repository(root, cache=files)
    catalogue = None if result.problems else catalogue_.build(vocabulary.load(), result.practices, result.consultations)
    prepared = Prepared(result, catalogue)
    _cache[root] = (key, prepared)
    return prepared
