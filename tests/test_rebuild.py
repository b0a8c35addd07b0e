"""A rebuild while serving does again only what an edit changed, and gets what a fresh build gets.

`make serve` runs `mkdocs serve --dirty`: the check keeps each unchanged file's result
(micic.prepare), the unchanged practices' pages are not rendered again (micic.render), and
MkDocs writes only the pages whose content changed (their change marks, in build/serve/).
Each of these is compared here with doing the work from nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import VALID_PRACTICE, page, write

from micic import catalogue as catalogue_
from micic import prepare, render, synthetic, vocabulary
from micic.check import check_repository
from micic.site import Site

MKDOCS = [sys.executable, "-m", "mkdocs"]


def _fresh(root: Path):
    """The check and the pages from nothing, in a new process's state."""
    result = check_repository(root)
    catalogue = catalogue_.build(vocabulary.load(), result.practices, result.consultations)
    return result, catalogue


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a new modification time, as an editor's save gives
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_prepare_after_edits_gives_what_a_check_from_nothing_gives(tmp_path: Path):
    root = synthetic.write_catalogue(tmp_path / "repo", 30)
    files = sorted((root / "practices").glob("*.md"))
    prepared = prepare.prepare(root)
    assert prepared.result.ok
    edits = [
        (files[3], "## Context", "## Context\n\nA sentence added while serving."),  # a body
        (files[5], "scope: ", "scope: nowhere-"),  # an error: the check must report it
    ]
    for path, old, new in edits:
        _edit(path, old, new)
        again = prepare.prepare(root)
        fresh, _ = _fresh(root)
        assert again.result.problems == fresh.problems
        assert [p.body for p in again.result.practices] == [p.body for p in fresh.practices]
    assert any(p.path == files[5].relative_to(root).as_posix() for p in again.result.problems)
    _edit(files[5], "scope: nowhere-", "scope: ")  # fixed again
    assert prepare.prepare(root).result.ok


def test_unchanged_practices_are_the_same_objects_and_their_pages_are_not_rendered_again(tmp_path: Path):
    root = synthetic.write_catalogue(tmp_path / "repo", 30)
    site = Site("Test")
    first = prepare.prepare(root).catalogue
    before = render.pages(first, site)
    edited = sorted((root / "practices").glob("*.md"))[7]
    _edit(edited, "## Context", "## Context\n\nEdited while serving.")
    second = prepare.prepare(root).catalogue
    kept = {p.slug for p in first.practices} & {p.slug for p in second.practices}
    same = {p.slug for p in second.practices if any(p is q for q in first.practices)}
    assert same == kept - {edited.stem}
    after = render.pages(second, site)
    _, catalogue = _fresh(root)
    fresh = render.pages(catalogue, site)
    assert {k: v.html for k, v in after.items()} == {k: v.html for k, v in fresh.items()}
    changed = {k for k in after if after[k].html != before[k].html}
    assert changed == {f"practices/{edited.stem}.md"}
    # A practice's page shows its related practices: a page that shows the edited one is
    # rendered again (to the same HTML); one that does not is the same page, not rendered again.
    shows_edited = {p.src_uri for p in second.practices if edited.stem in {r.slug for r in second.related[p.slug]}}
    unchanged = next(k for k in after if k.startswith("practices/") and k not in changed | shows_edited)
    assert after[unchanged] is before[unchanged]
    assert all(after[k] is not before[k] for k in shows_edited)
    # A summary shows in the lists of the practice's terms: those pages are rendered again,
    # as a fresh render has them, and no other term page is.
    settled = render.pages(second, site)  # what the rebuild keeps (the fresh render above replaced it)
    _edit(edited, "summary: A synthetic", "summary: An edited synthetic")
    third = render.pages(prepare.prepare(root).catalogue, site)
    _, catalogue = _fresh(root)
    assert {k: v.html for k, v in third.items()} == {k: v.html for k, v in render.pages(catalogue, site).items()}
    practice = next(p for p in catalogue.practices if p.slug == edited.stem)
    terms = {render.term_url(t.id, term): t for t in catalogue.taxonomies for term in t.of(practice)}
    term_pages = [
        path
        for t in catalogue.taxonomies
        for path in third
        if path.startswith(f"{t.id}/") and path != f"{t.id}/index.md"
    ]
    assert set(terms) <= set(term_pages)
    assert {path for path in term_pages if third[path] is not settled[path]} == set(terms)
    # A consultation's title shows on its region's and country's pages, and in the lists of
    # recommendations: the pages are what a fresh render makes.
    consultation = next(p for p in sorted((root / "consultations").glob("*.md")) if p.name.count(".") == 1)
    _edit(consultation, "title: ", "title: Edited ")
    fourth = render.pages(prepare.prepare(root).catalogue, site)
    _, catalogue = _fresh(root)
    assert {k: v.html for k, v in fourth.items()} == {k: v.html for k, v in render.pages(catalogue, site).items()}
    assert any("Edited " in v.html for k, v in fourth.items() if k.startswith("regions/"))


def _build(root: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [*MKDOCS, "build", "--strict", "--dirty", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.slow
def test_a_dirty_rebuild_writes_only_the_pages_an_edit_changed(repo: Path, tmp_path: Path):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    other = VALID_PRACTICE.replace("Test practice about evacuation", "Another test practice")
    write(repo, "practices/another-practice.md", other)
    site = tmp_path / "site"
    _build(repo, site)
    written = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    time.sleep(0.05)
    _edit(repo / "practices" / "test-practice.md", "Synthetic body text.", "Synthetic body text, edited.")
    _build(repo, site)
    rewritten = {p.relative_to(site).as_posix() for p, t in written.items() if p.stat().st_mtime_ns != t}
    assert "practices/test-practice/index.html" in rewritten
    assert "practices/another-practice/index.html" not in rewritten
    assert "regions/asia-pacific/index.html" not in rewritten  # lists the practice, whose summary is the same
    assert "index.html" in rewritten  # a new process remembers no lists: the home page is written again
    assert "Synthetic body text, edited." in page(site, "practices/test-practice/")
    # A summary lists the practice elsewhere: those pages are written again too.
    _edit(repo / "practices" / "test-practice.md", "A synthetic practice", "An edited synthetic practice")
    _build(repo, site)
    assert "An edited synthetic practice" in page(site, "regions/asia-pacific/")
    assert "An edited synthetic practice" in page(site, "practices/")


def _serve_build(root: Path, site: Path, first: bool) -> None:
    """A build as `mkdocs serve --dirty` makes it: the configuration loaded again for every
    rebuild, in one process that keeps the hooks' state (MkDocs loads them once)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


@pytest.mark.slow
def test_while_serving_a_hand_written_page_is_written_again_only_when_its_lists_change(repo: Path, tmp_path: Path):
    write(repo, "practices/test-practice.md", VALID_PRACTICE)
    site = tmp_path / "site"
    _serve_build(repo, site, first=True)
    home = site / "index.html"
    assert "Test practice about evacuation" in page(site, "regions/asia-pacific/")
    before = home.stat().st_mtime_ns
    time.sleep(0.05)
    _edit(repo / "practices" / "test-practice.md", "Synthetic body text.", "Synthetic body text, edited.")
    _serve_build(repo, site, first=False)
    assert "Synthetic body text, edited." in page(site, "practices/test-practice/")
    assert home.stat().st_mtime_ns == before  # its lists count practices: the same counts
    # A second practice changes the counts on the home page: it is written again, with them.
    other = VALID_PRACTICE.replace("Test practice about evacuation", "Another test practice")
    write(repo, "practices/another-practice.md", other)
    _serve_build(repo, site, first=False)
    assert home.stat().st_mtime_ns != before
    assert "Asia and the Pacific</a> (2)" in home.read_text(encoding="utf-8")
    assert "Another test practice" in page(site, "regions/asia-pacific/")


def test_the_open_data_after_an_edit_is_what_a_fresh_catalogue_gives(tmp_path: Path):
    from micic import exports

    root = synthetic.write_catalogue(tmp_path / "repo", 30)
    site = Site("Test", url="https://example.org/")
    before = {e.path: e.text for e in exports.exports(prepare.prepare(root).catalogue, site)}
    edited = sorted((root / "practices").glob("*.md"))[4]
    _edit(edited, "summary: A synthetic", "summary: An edited synthetic")
    after = {e.path: e.text for e in exports.exports(prepare.prepare(root).catalogue, site)}
    _, catalogue = _fresh(root)
    exports._EXPORTED.clear()  # nothing kept: as a new process makes it
    assert after == {e.path: e.text for e in exports.exports(catalogue, site)}
    assert (
        "An edited synthetic" in after["data/practices.json"] and "An edited synthetic" in after["data/practices.csv"]
    )
    assert after["data/practices.json"] != before["data/practices.json"]
