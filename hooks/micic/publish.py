"""Publish: what follows an engine's build of one language, whichever engine it was.

The record pages' HTML reduced to the allow-list again, table of contents included
(sanitize.clean_built_record_page); the open data and the language's feed (exports.py); and
Pagefind's index of the language's pages (search.py). The MkDocs hooks run it in
on_post_build; scripts/build.py runs it after Zensical.
"""

from __future__ import annotations

from pathlib import Path

from . import exports, sanitize, search
from .catalogue import Catalogue
from .languages import Language
from .paths import inside, page_url
from .site import Site


def clean_record_pages(site_dir: Path, catalogue: Catalogue) -> int:
    """Every record page of a built site, cleaned again in place; how many there were."""
    cleaned = 0
    for record in catalogue.records:
        path = inside(site_dir, f"{page_url(record.src_uri)}index.html")
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(sanitize.clean_built_record_page(text), encoding="utf-8")
            cleaned += 1
    return cleaned


def finish(
    site_dir: Path, catalogue: Catalogue, site: Site, language: Language, index: bool = True
) -> search.SearchIndex | None:
    """Clean the record pages, write the exports, then (unless told not to) index for search."""
    site_dir = Path(site_dir)
    clean_record_pages(site_dir, catalogue)
    exports.write(site_dir, catalogue, site, language)
    return search.index_site(site_dir) if index else None
