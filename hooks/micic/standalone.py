"""Standalone: the whole docs folder the site is built from in one language, without MkDocs.

The hand-written pages of docs/ in the language (their translation, or the original with a
note; their <!-- catalogue:NAME --> markers filled) and every generated page, at the paths the
MkDocs hooks give them, for a static-site generator without a plugin API (Material for MkDocs'
successor, Zensical, which reads mkdocs.yml but runs no hooks) and for the benchmark's plain
build; and the configuration such a generator builds them with (`stage_config`).
scripts/render_pages.py is its command line; scripts/build.py --engine zensical uses both.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path

import yaml

from . import languages
from .languages import Language
from .paths import inside, page_url
from .prepare import prepare
from .render import fill_snippets, in_language, pages
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


def site_of(config: dict, language: Language | None = None) -> Site:
    language = language or languages.default()
    return Site(
        name=language.gettext(config["site_name"]),
        url=_root_url(config),
        repo_url=config.get("repo_url") or "",
        prefix=language.prefix,
    )


def _root_url(config: dict) -> str:
    url = config.get("site_url") or ""
    return url if not url or url.endswith("/") else f"{url}/"


def docs_pages(root: Path, config: dict) -> dict[str, str | bytes]:
    """The hand-written docs folder: path → text for Markdown pages, bytes for the rest."""
    docs = root / config.get("docs_dir", "docs")
    out: dict[str, str | bytes] = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            relative = path.relative_to(docs).as_posix()
            out[relative] = path.read_text(encoding="utf-8") if path.suffix == ".md" else path.read_bytes()
    return out


def site_files(root: Path, language: Language | None = None) -> tuple[dict[str, str | bytes], list[str]]:
    """Every file of the docs folder one language's site is built from, or the problems that stop it."""
    files, _, problems = staged_site(root, language)
    return files, problems


def staged_site(
    root: Path, language: Language | None = None
) -> tuple[dict[str, str | bytes], dict[str, tuple], list[str]]:
    """The docs folder of one language's site (path → content), the tables of contents of its
    generated HTML pages (src_uri → Python-Markdown's toc_tokens: an engine reading the
    staged files sees no heading inside their HTML), and the problems that stop it."""
    language = language or languages.default()
    prepared = prepare(root)
    if prepared.result.problems:
        return {}, {}, [str(problem) for problem in prepared.result.problems]
    catalogue = prepared.catalogue
    config = read_config(root)
    site = site_of(config, language)
    files: dict[str, str | bytes] = {}
    translated: dict[str, str | bytes] = {}
    for src_uri, content in docs_pages(root, config).items():
        of = languages.page_translation_of(src_uri)
        if of is None:
            files[src_uri] = content
        elif of[1] == language.code:
            translated[of[0]] = content
    for src_uri, content in files.items():
        if not src_uri.endswith(".md"):
            continue
        text = translated.get(src_uri, content)
        assert isinstance(text, str)
        front, body = _split(text)
        if "<!--" in body:
            root_of_docs, root_of_site = "../" * src_uri.count("/"), "../" * page_url(src_uri).count("/")
            body = fill_snippets(body, catalogue, site, root_of_docs, root_of_site, language)
        translation = (yaml.safe_load(front) or {}).get("translation") if src_uri in translated else None
        files[src_uri] = f"---\n{front}---\n{in_language(body, language, translation, catalogue.vocabulary)}"
    tocs: dict[str, tuple] = {}
    for src_uri, page in pages(catalogue, site, language).items():
        if src_uri in files:
            continue  # a hand-written page wins, as in the hooks
        if page.html:
            files[src_uri] = f"{page.front_matter}\n{page.html}"
            tocs[src_uri] = page.toc
        else:
            files[src_uri] = f"{page.front_matter}\n{in_language(page.markdown, language, None, catalogue.vocabulary)}"
    return files, tocs, []


# An address in raw HTML that is relative (no scheme, not from the root, not only a fragment).
_NOSCRIPT = re.compile(r"(<noscript\b.*?</noscript>)", re.DOTALL | re.IGNORECASE)
_RELATIVE_HREF = re.compile(r'(\shref=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)([^"]*)(")')


def links_from_sources(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The pages with every relative link of their HTML written from the page's source file
    (../practices/x.md), as an engine that reads Markdown files resolves them, instead of from
    its address (../../practices/x/), as the core writes them for the MkDocs hooks, which put
    the HTML in place after Markdown. Zensical rewrites the links of raw HTML this way."""
    by_url = {page_url(src): src for src in files if src.endswith(".md")}
    out: dict[str, str | bytes] = {}
    for src_uri, content in files.items():
        if not isinstance(content, str) or not src_uri.endswith(".md") or "href=" not in content:
            out[src_uri] = content
            continue
        here, folder = page_url(src_uri), posixpath.dirname(src_uri)

        def from_source(match: re.Match[str], here: str = here, folder: str = folder) -> str:
            path, hash_, fragment = html.unescape(match.group(2)).partition("#")
            if not path:
                return match.group(0)
            target = posixpath.normpath(posixpath.join(here or ".", path))
            target = "" if target == "." else target
            source = by_url.get(f"{target}/" if target else "") if path.endswith("/") or not target else None
            relative = posixpath.relpath(source or target or ".", folder or ".")
            return f"{match.group(1)}{html.escape(relative + hash_ + fragment)}{match.group(3)}"

        # Inside <noscript>, which is text to an HTML parser until scripts are off, Zensical
        # leaves links alone: so does this.
        parts = _NOSCRIPT.split(content)
        out[src_uri] = "".join(p if p.startswith("<noscript") else _RELATIVE_HREF.sub(from_source, p) for p in parts)
    return out


def _split(text: str) -> tuple[str, str]:
    """A page's front matter (YAML, without its --- lines) and its body."""
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
        return f"{front}\n", body
    return "", text


def stage_config(
    root: Path, language: Language, docs_dir: str = "docs", site_dir: str = "site", search_bundles: list[str] = ()
) -> dict:
    """mkdocs.yml as a build of `language` from a staged docs folder needs it, for an engine
    that runs no hooks: what the hooks' on_config and on_pre_build set (mkdocs_adapter), written
    out; `search_bundles` are the search bundles merged into the first (search.merged)."""
    config = read_config(root)
    config.pop("hooks", None)
    root_url = _root_url(config)
    config["docs_dir"] = docs_dir
    config["site_dir"] = site_dir
    settings = languages.build_settings(
        language, config["site_name"], config.get("site_description") or "", config.get("nav"), root_url
    )
    config.update({key: value for key, value in settings.items() if key != "extra"})
    if not config.get("repo_url"):
        config.pop("repo_url", None)
        config["edit_uri"] = ""
    config["theme"] = {
        **config["theme"],
        "language": language.code,
        "custom_dir": str(root / config["theme"]["custom_dir"]),
    }
    config["extra"] = {
        **(config.get("extra") or {}),
        **settings["extra"],
        "search_from_first_build": False,
        "search_bundles": list(search_bundles),
    }
    config["markdown_extensions"] = [
        {"toc": {**extension["toc"], "permalink_title": language.gettext("Permanent link")}}
        if isinstance(extension, dict) and "toc" in extension
        else extension
        for extension in config.get("markdown_extensions") or ()
    ]
    config["extra_css"] = list(config.get("extra_css") or [])
    return config


def write_files(out: Path, files: dict[str, str | bytes]) -> None:
    for src_uri, content in files.items():
        target = inside(out, src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
