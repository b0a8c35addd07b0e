"""Links inside the site: a body's links to other pages must lead to a page the build makes."""

from __future__ import annotations

import posixpath
import urllib.parse
from pathlib import Path

from . import gate
from . import vocabulary as vocab
from .body import relative_links
from .body import render as render_body
from .problems import Problem
from .read import RecordFile
from .records import Consultation, Practice


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
        own = record.src_uri
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
