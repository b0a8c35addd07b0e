"""Links inside the site: a body's links to other pages must lead to a page the build makes."""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from pathlib import Path

from . import gate
from . import vocabulary as vocab
from .paths import page_url
from .problems import Problem
from .records import Consultation, Practice


def link_problems(
    root: Path,
    vocabulary: vocab.Vocabulary,
    practices: tuple[Practice, ...],
    consultations: tuple[Consultation, ...],
    links: dict[str, tuple[tuple[int, str, str], ...]],
) -> list[Problem]:
    """A body's links to other pages of the site must lead to a page the build makes (or a
    file in docs/), as MkDocs' strict build requires; the same for a translation's body, shown
    at its record's address. `links` holds each record's and translation's body links
    (body.relative_links), by the file's path; links to a page's own headings are checked
    with its body (body.py)."""
    if not any(links.values()):
        return []  # the usual case: no body links inside the site, no catalogue needed
    from . import catalogue as catalogue_  # the page list needs the catalogue; most checks do not
    from .render import page_paths

    pages = set(page_paths(catalogue_.build(vocabulary, practices, consultations, related=False)))
    docs = root / "docs"
    pages |= {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else set()
    problems = []
    # A record's body, and each translation's, shown at the record's own address.
    bodies = [
        (record, text_path)
        for record in (*practices, *consultations)
        for text_path in (record.path, *(t.path for t in record.translations if t.body))
    ]
    for record, text_path in bodies:
        own = record.src_uri
        for line, path, fragment in links.get(text_path, ()):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(own), urllib.parse.unquote(path)))
            if target not in pages:
                problems.append(
                    Problem(
                        text_path,
                        line,
                        "body",
                        f"the link '{gate.printable(path)[:80]}' leads to no page of this site",
                        "link to another page by its file, like ../regions/asia-pacific.md, or use its full https:// address",
                    )
                )
            elif fragment:
                problems.append(
                    Problem(
                        text_path,
                        line,
                        "body",
                        "links into another page's sections (#…) cannot be checked",
                        f"link to the page itself: {gate.printable(path)[:80]}",
                    )
                )
    return problems


_ANCHOR = re.compile(r'\bid="([^"]+)"')
_INTERNAL = re.compile(r'<a\b[^>]*?\shref="(?![a-z][a-z0-9+.-]*:|//|#)([^"]*)"', re.IGNORECASE)


def anchors(page_html: str) -> list[str]:
    """The ids in a page: what a link to page#id can reach."""
    return _ANCHOR.findall(page_html)


def generated_link_problems(pages: dict, other_files: set[str]) -> list[str]:
    """Every link between pages that the core wrote as HTML (MkDocs checks only Markdown's)
    must lead to a page of the site: a generated one, or a file of docs/ (other_files, by
    src_uri). Returns "page → link" for each that does not. A page found good is not read
    again while it is the same page and the site has the same pages (a rebuild while serving)."""
    urls = {page_url(src) for src in (*pages, *other_files) if src.endswith(".md")}
    assets = {src for src in other_files if not src.endswith(".md")}
    good = _GOOD[1] if _GOOD[0] == (urls, assets) else {}
    broken, now_good = [], {}
    for src_uri, page in pages.items():
        if not page.html:
            continue
        if good.get(src_uri) is page:
            now_good[src_uri] = page
            continue
        here = page_url(src_uri)
        found = len(broken)
        for link in _INTERNAL.findall(page.html):
            path = html.unescape(link).partition("#")[0]
            target = posixpath.normpath(posixpath.join(here, path)) if path else here.rstrip("/")
            target = "" if target == "." else target
            if path.endswith("/") or not path:
                target = f"{target}/" if target else ""
            if target not in urls and target not in assets:
                broken.append(f"{src_uri} → {link}")
        if len(broken) == found:
            now_good[src_uri] = page
    _GOOD[:] = [(urls, assets), now_good]
    return broken


_GOOD: list = [None, {}]  # the last check's pages and files, and the pages it found good
