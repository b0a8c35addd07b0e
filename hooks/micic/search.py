"""Search: Pagefind indexes the built site into <site>/pagefind/.

Pagefind splits the index into small fragments that the browser fetches only when a reader
searches, unlike a single search index that every first page view would download. Only the
parts of pages marked `data-pagefind-body` (record pages and hand-written pages, see
overrides/main.html) are indexed, so the generated lists do not drown the results.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # folder of the search bundle, inside the site


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class SearchIndex:
    folder: Path
    pages: int  # pages indexed
    files: int  # files in the bundle
    bytes: int  # their total size on disk (index fragments are already compressed)


def index_site(site_dir: Path) -> SearchIndex:
    """Run Pagefind (the binary shipped in PyPI's pagefind[bin]) over a built site."""
    site_dir = Path(site_dir)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    found = re.search(r"Indexed (\d+) pages?", run.stdout)
    folder = site_dir / BUNDLE
    files = [f for f in folder.rglob("*") if f.is_file()]
    return SearchIndex(
        folder=folder,
        pages=int(found.group(1)) if found else 0,
        files=len(files),
        bytes=sum(f.stat().st_size for f in files),
    )
