"""Build the site in every language into one folder (`make build`).

    python scripts/build.py                     every language: site/, site/fr/, site/es/, site/ar/
    python scripts/build.py --language fr       one language (into site/fr/)
    python scripts/build.py --site-dir DIR      another folder
    python scripts/build.py --engine zensical   the same site, built by Zensical (see below)
    python scripts/build.py --engine zensical --language fr --stage-only
                                                only write build/stage/fr/ (for `zensical serve`)

One MkDocs build per language (theme.language, which mkdocs.yml takes from SITE_LANGUAGE), over
one check of the repository: the default language is built first, in this process, which
checks the records and builds the catalogue once (micic.prepare) and renders every record body
once; its build empties the folder (after the check, so that invalid records never destroy the
last good site). The other languages are then built side by side, all at once on a machine of
two processors or more (three builds on two cores end sooner than two and then one: each
waits at times, and Pagefind spreads over the cores), forked from this one so that they
inherit the checked catalogue and the rendered bodies instead of computing them again; each
writes its own subfolder.

With --engine zensical (Material for MkDocs' successor, which reads mkdocs.yml but runs no
hooks), the pipeline is the same without MkDocs: the check (micic.prepare), then for each
language the core writes the docs folder it is built from and its configuration into
build/stage/<language>/ (micic.standalone), Zensical builds it, and the steps that follow any
engine run on its output (micic.publish: record pages cleaned again, open data, feed,
Pagefind). The site is assembled in a new folder and put in place only when every language
has built, so a failure leaves the last good site as it was.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from micic import languages, publish, search, standalone
from micic.prepare import prepare

ROOT = Path(__file__).resolve().parent.parent


def build_language(code: str, site_dir: Path, config_file: Path = ROOT / "mkdocs.yml") -> None:
    os.environ["SITE_LANGUAGE"] = code
    config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
    build(config)


def main(argv: list[str] | None = None) -> int:
    codes = [language.code for language in languages.languages()]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", action="append", choices=codes, help="build only this language (repeatable)")
    parser.add_argument(
        "--site-dir", type=Path, default=ROOT / "site", help="the folder to build into (default: site/)"
    )
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="the static-site generator")
    parser.add_argument(
        "--stage-only", action="store_true", help="with --engine zensical: write the staged folders only"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs.plugins").setLevel(logging.WARNING)
    chosen = [code for code in codes if code in (args.language or codes)]
    site_dir, config_file = args.site_dir.resolve(), args.config_file.resolve()
    started = time.monotonic()
    if args.engine == "zensical":
        failed = build_with_zensical(chosen, site_dir, config_file.parent, stage_only=args.stage_only)
        return _report(failed, chosen, started, args.site_dir)
    first, rest = chosen[0], chosen[1:]
    failed = _build(first, site_dir, config_file)
    if failed or not rest:
        return _report(failed, chosen, started, args.site_dir)
    workers = len(rest) if (os.cpu_count() or 1) > 1 else 1
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        failed = next(filter(None, (_build(code, site_dir, config_file) for code in rest)), "")
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            failed = next(filter(None, pool.map(_build, rest, [site_dir] * len(rest), [config_file] * len(rest))), "")
    return _report(failed, chosen, started, args.site_dir)


def _build(code: str, site_dir: Path, config_file: Path) -> str:
    """Build one language; "" when it succeeded, else why it failed."""
    try:
        build_language(code, site_dir, config_file)
    except (Abort, MkDocsException) as error:
        return f"the {code} build failed: {error}"
    return ""


def build_with_zensical(codes: list[str], site_dir: Path, root: Path, stage_only: bool = False) -> str:
    """Every language built by Zensical from staged folders; "" when it succeeded, else why not."""
    prepared = prepare(root)
    if prepared.result.problems:
        return "\n".join(map(str, prepared.result.problems)) + "\nnothing built: fix the problems above"
    assembled = site_dir.with_name(f"{site_dir.name}.new")
    shutil.rmtree(assembled, ignore_errors=True)
    config = standalone.read_config(root)
    try:
        per_bundle = search.practices_per_bundle(config.get("extra"))
    except ValueError as error:
        return str(error)
    for code in codes:
        language = languages.language(code)
        stage = root / "build" / "stage" / code
        shutil.rmtree(stage, ignore_errors=True)
        files, tocs, problems = standalone.staged_site(root, language)
        if problems:
            return "\n".join(problems)
        standalone.write_files(stage / "docs", standalone.links_from_sources(files))
        staged = standalone.stage_config(
            root, language, search_bundles=search.merged(prepared.catalogue.practices, per_bundle)
        )
        (stage / "mkdocs.yml").write_text(yaml.safe_dump(staged, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if stage_only:
            print(f"{code}: staged into {stage}")
            continue
        run = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(stage / "mkdocs.yml")],
            cwd=stage,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if run.returncode != 0:
            return f"Zensical failed on the {code} site:\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
        target = assembled / language.prefix
        # Zensical's own search index: this site searches with Pagefind (micic.publish).
        (stage / "site" / "search.json").unlink(missing_ok=True)
        shutil.copytree(stage / "site", target, dirs_exist_ok=True)
        site = standalone.site_of(config, language)
        index = publish.finish(target, prepared.catalogue, site, language, tocs=tocs, per_bundle=per_bundle)
        print(f"{code}: Zensical built {target}; Pagefind indexed {index.pages} pages")
    if stage_only:
        return ""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    assembled.rename(site_dir)
    return ""


def _report(failed: str, chosen: list[str], started: float, site_dir: Path) -> int:
    if failed:
        print(failed, file=sys.stderr)
        return 1
    print(f"built {', '.join(chosen)} in {time.monotonic() - started:.1f} s into {site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
