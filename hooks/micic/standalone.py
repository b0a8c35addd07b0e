"""Standalone: the whole docs folder the site is built from, without MkDocs.

The hand-written pages of docs/ (with their <!-- catalogue:NAME --> markers filled) and every
generated page, at the paths the MkDocs hooks give them, for a static-site generator without
a plugin API (Material for MkDocs' successor) and for the benchmark's plain build.
scripts/render_pages.py is its command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from . import catalogue as catalogue_
from . import vocabulary
from .check import check_repository
from .paths import inside, page_url
from .render import fill_snippets, pages
from .site import Site


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, as far as the pages need: `!ENV [NAME, default]`."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
# Python objects (`!!python/name:` for Markdown extensions) do not matter to the pages.
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    with (root / "mkdocs.yml").open(encoding="utf-8") as file:
        return yaml.load(file, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass


def site_of(config: dict) -> Site:
    return Site(name=config["site_name"], url=config.get("site_url") or "", repo_url=config.get("repo_url") or "")


def docs_pages(root: Path, config: dict) -> dict[str, str | bytes]:
    """The hand-written docs folder: path → text for Markdown pages, bytes for the rest."""
    docs = root / config.get("docs_dir", "docs")
    out: dict[str, str | bytes] = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            relative = path.relative_to(docs).as_posix()
            out[relative] = path.read_text(encoding="utf-8") if path.suffix == ".md" else path.read_bytes()
    return out


def site_files(root: Path) -> tuple[dict[str, str | bytes], list[str]]:
    """Every file of the docs folder MkDocs would build from, or the problems that stop it."""
    result = check_repository(root)
    if result.problems:
        return {}, [str(problem) for problem in result.problems]
    config = read_config(root)
    site = site_of(config)
    catalogue = catalogue_.build(vocabulary.load(), result.practices, result.consultations)
    files = docs_pages(root, config)
    for src_uri, content in files.items():
        if isinstance(content, str) and "<!--" in content:
            root_of_docs, root_of_site = "../" * src_uri.count("/"), "../" * page_url(src_uri).count("/")
            files[src_uri] = fill_snippets(content, catalogue, site, root_of_docs, root_of_site)
    for src_uri, markdown in pages(catalogue, site).items():
        files.setdefault(src_uri, markdown.source)  # a hand-written page wins, as in the hooks
    return files, []


def write_files(out: Path, files: dict[str, str | bytes]) -> None:
    for src_uri, content in files.items():
        target = inside(out, src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
