"""Paths: everything a generated file's path can become is decided here, once.

A record's slug and aliases are slugs by contract (fields.py), but a path is only written
when it is checked again at the point of writing: made of slugs, and inside its folder.
"""

from __future__ import annotations

import re
from pathlib import Path


class UnsafePath(ValueError):
    """A path that could leave its folder, or name what it should not: never written."""


# A generated page: slug-like folders and a slug-like file name, relative, in docs/.
_PAGE_PATH = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md")


def page_path(path: str) -> str:
    """The path of a generated page, if it is made of slugs; UnsafePath otherwise."""
    if not _PAGE_PATH.fullmatch(path):
        raise UnsafePath(f"refusing to generate a page at {path!r}: not a path made of slugs")
    return path


def inside(folder: Path, relative: str) -> Path:
    """folder/relative, if it stays inside folder once every link and '..' is resolved."""
    base = Path(folder).resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise UnsafePath(f"refusing to write {relative!r}: it is not inside {folder}")
    return target
