"""Publish: what follows an engine's build of one language, whichever engine it was.

The generated pages' tables of contents where the engine could not make them; the record
pages' HTML reduced to the allow-list again, table of contents included
(sanitize.clean_built_record_page); the open data and the language's feed (exports.py); and
Pagefind's index of the language's pages (search.py). The MkDocs hooks run it in
on_post_build; scripts/build.py runs it after Zensical.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import exports, sanitize, search
from .catalogue import Catalogue
from .languages import Language
from .paths import inside, page_url
from .site import Site


def clean_record_pages(site_dir: Path, catalogue: Catalogue, only: set[str] | None = None) -> int:
    """Every record page of a built site (or those of `only`, by source path: the pages a
    partial rebuild wrote), cleaned again in place; how many there were."""
    cleaned = 0
    for record in (*catalogue.records, *catalogue.recommendations):
        if only is not None and record.src_uri not in only:
            continue
        path = inside(site_dir, f"{page_url(record.src_uri)}index.html")
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            clean = sanitize.clean_built_record_page(text)
            if clean != text:  # a page left as it was keeps its time, for a partial rebuild
                path.write_text(clean, encoding="utf-8")
            cleaned += 1
    return cleaned


_EMPTY_TOC = re.compile(r'(<nav class="md-nav md-nav--secondary" aria-label="([^"]*)">)\s*(</nav>)')


def _toc_items(tokens) -> str:
    items = []
    for token in tokens:
        name = html.escape(sanitize.plain_text(token["name"]))
        item = f'<li class="md-nav__item"><a href="#{html.escape(sanitize.anchor(token["id"]))}" class="md-nav__link"><span class="md-ellipsis">{name}</span></a>'
        if token["children"]:
            item += f'<nav class="md-nav" aria-label="{name}"><ul class="md-nav__list">{_toc_items(token["children"])}</ul></nav>'
        items.append(f"{item}</li>")
    return "".join(items)


def fill_tables_of_contents(site_dir: Path, tocs: dict[str, tuple]) -> int:
    """The generated pages' tables of contents, where the engine left them empty (one that
    reads the staged files sees no heading inside their HTML), written from the core's own
    (as the MkDocs hooks give them to Material), in the theme's markup; how many were filled."""
    filled = 0
    for src_uri, tokens in tocs.items():
        top = list(tokens)
        if len(top) == 1 and top[0]["level"] == 1:
            top = top[0]["children"]  # as the theme does: the page's title is not listed
        path = inside(Path(site_dir), f"{page_url(src_uri)}index.html")
        if not top or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        entries = _toc_items(top)

        def fill(found: re.Match[str], entries: str = entries) -> str:
            return (
                f'{found.group(1)}<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>'
                f'{found.group(2)}</label><ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>'
                f"{entries}</ul>{found.group(3)}"
            )

        # every copy: the theme prints it beside the page and, for a page in the navigation, in it
        text, count = _EMPTY_TOC.subn(fill, text)
        if count:
            path.write_text(text, encoding="utf-8")
            filled += 1
    return filled


def finish(
    site_dir: Path,
    catalogue: Catalogue,
    site: Site,
    language: Language,
    index: bool = True,
    tocs: dict[str, tuple] | None = None,
    written: set[str] | None = None,
    per_bundle: int = search.PRACTICES_PER_BUNDLE,
) -> search.SearchIndex | None:
    """Fill the tables of contents an engine left empty (tocs), clean the record pages (those
    `written`, when a rebuild wrote only some), write the exports, then (unless told not to)
    index for search (in bundles of `per_bundle` practices, search.bundles)."""
    site_dir = Path(site_dir)
    if tocs:
        fill_tables_of_contents(site_dir, tocs)
    clean_record_pages(site_dir, catalogue, written)
    exports.write(site_dir, catalogue, site, language)
    return search.index_site(site_dir, catalogue.practices, per_bundle) if index else None
