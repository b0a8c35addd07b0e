"""Write the whole site's Markdown into a folder, without MkDocs: the core as a standalone step.

    python scripts/render_pages.py --out build/docs           a complete docs folder
    python scripts/render_pages.py --out build/docs --force   replace what is there

The folder gets the hand-written pages of docs/ (with their <!-- catalogue:NAME --> markers
filled) and every generated page (practices, consultations, index and term pages), at the
paths the MkDocs hooks give them. A static-site generator without a plugin API (such as
Material for MkDocs' successor, which reads mkdocs.yml) can build the site from it with
`docs_dir` pointed there and no hooks. Invalid records stop it, as they stop the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from micic import catalogue as catalogue_  # noqa: E402
from micic import vocabulary  # noqa: E402
from micic.check import check_repository  # noqa: E402
from micic.paths import inside  # noqa: E402
from micic.render import Site, fill_snippets, pages  # noqa: E402


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


def page_url(src_uri: str) -> str:
    """The page's URL as MkDocs gives it with directory URLs: about.md → about/,
    regions/index.md → regions/, index.md → "" (the hooks read it from MkDocs' Page)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


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
        files.setdefault(src_uri, markdown)  # a hand-written page wins, as in the hooks
    return files, []


def write_files(out: Path, files: dict[str, str | bytes]) -> None:
    for src_uri, content in files.items():
        target = inside(out, src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the pages into")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this one)")
    parser.add_argument("--force", action="store_true", help="empty the folder first when it is not empty")
    args = parser.parse_args(argv)
    root, out = args.root.resolve(), args.out.resolve()
    if out in (root, root / "docs", *root.parents) or any(out == root / folder for folder in ("hooks", "practices")):
        parser.error(f"{args.out} holds the repository's own files: choose another folder")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{args.out} is not empty: choose an empty folder, or add --force to replace its content")
        shutil.rmtree(out)
    files, problems = site_files(root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): nothing written (run `make validate` for details)", file=sys.stderr)
        return 1
    write_files(out, files)
    print(f"wrote {len(files)} files into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
