"""Paths: everything a generated file's path can become is decided here, once.

A record's slug and aliases are slugs by contract (fields.py), but a path is only written
when it is checked again at the point of writing: made of slugs, and inside its folder.
"""

from __future__ import annotations

import functools
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


def page_url(src_uri: str) -> str:
    """A page's URL as MkDocs gives it with directory URLs: about.md → about/,
    regions/index.md → regions/, index.md → ""."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@functools.lru_cache(maxsize=1 << 16)
def relative_href(target: str, page: str) -> str:
    """The link from the page whose source is `page` to `target`: a page's source (.md,
    with an optional #fragment), or another file of the site (assets/site.css). Remembered:
    the same links are written again in every language and every rebuild."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return f"#{fragment}"
    url = page_url(path) if path.endswith(".md") else path
    here_url = page_url(page)
    there = url.removesuffix("/").split("/") if url else []
    here = here_url.removesuffix("/").split("/") if here_url else []
    common = 0
    while common < min(len(there), len(here)) and there[common] == here[common]:
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:])
    if url.endswith("/") or not url:
        link = f"{link}/" if link else "./"
    return f"{link or '.'}{hash_}{fragment}"
