"""Shared fixtures: the real repository, a scratch repository, and a real MkDocs build."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from micic import synthetic

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

# A valid practice, for tests only: synthetic, and never written into practices/.
VALID_PRACTICE = """\
---
title: Test practice about evacuation
summary: A synthetic practice used by the tests.
countries: [PH, LB]
scope: national
crisis_types: [conflict]
phases: [emergency-response]
guidelines: [13]
action_plan_points: [3]
stakeholders:
  - name: Test ministry
    type: state
start_year: 2006
end_year: 2006
sources:
  - title: Test source
    url: https://example.org/source
date_added: 2026-11-30
last_reviewed: 2026-11-30
---

## Context

Synthetic body text.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch copy of the site's machinery (config, docs, hooks, overrides) with no records."""
    return synthetic.scaffold(tmp_path / "repo", consultations=False)


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def mkdocs_build(root: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict` of the repository at root into site_dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def zensical_build(root: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Build the repository at root in every language with Zensical (scripts/build.py --engine zensical)."""
    command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--engine", "zensical"]
    return subprocess.run(
        [*command, "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        timeout=1200,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real repository's site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("real-site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


MULTILINGUAL_SITE_URL = "https://example.org/micic/"


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory) -> Path:
    """The real repository's site in every language (scripts/build.py, as `make build`), with
    a public address so that hreflang links and the sitemap are absolute, as when deployed."""
    site = tmp_path_factory.mktemp("multilingual-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": MULTILINGUAL_SITE_URL}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real repository's site in every language, built by Zensical, with the same public
    address as multilingual_site, so that the two can be compared page by page."""
    site = tmp_path_factory.mktemp("zensical-site") / "site"
    result = zensical_build(ROOT, site, SITE_URL=MULTILINGUAL_SITE_URL)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def links(html: str) -> list[tuple[str, str]]:
    """Every link of an HTML page as (href, visible text)."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def page(site: Path, url: str) -> str:
    """The HTML of the page at a site URL such as 'regions/asia-pacific/'."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def iter_pages(site: Path, folder: str) -> Iterator[str]:
    """Site URLs of the pages under a folder, such as 'practices/<slug>/'."""
    for index in sorted((site / folder).glob("*/index.html")):
        yield f"{folder}/{index.parent.name}/"


RENAMED = VALID_PRACTICE.replace("last_reviewed: 2026-11-30\n", "last_reviewed: 2026-11-30\naliases: [old-name]\n")


def build_renamed(repo: Path, engine: str = "mkdocs") -> Path:
    """A site whose one practice was renamed: practices/new-name.md, once old-name.md."""
    assert "aliases" in RENAMED
    write(repo, "practices/new-name.md", RENAMED)
    site = repo / "site"
    result = mkdocs_build(repo, site) if engine == "mkdocs" else zensical_build(repo, site)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


def record_files(folder: str, root: Path = ROOT) -> list[Path]:
    """The records of a folder (practices, consultations), without their translations (x.fr.md)."""
    return sorted(p for p in (root / folder).glob("*.md") if "." not in p.stem)


def translation_files(folder: str, root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / folder).glob("*.md") if "." in p.stem)
