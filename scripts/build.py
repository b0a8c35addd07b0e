"""Build the site in every language into one folder (`make build`).

    python scripts/build.py                     every language: site/, site/fr/, site/es/, site/ar/
    python scripts/build.py --language fr       one language (into site/fr/)
    python scripts/build.py --site-dir DIR      another folder

One MkDocs build per language (theme.language, which mkdocs.yml takes from SITE_LANGUAGE), over
one check of the repository: the default language is built first, in this process, which
checks the records and builds the catalogue once (micic.prepare) and renders every record body
once; its build empties the folder (after the check, so that invalid records never destroy the
last good site). The other languages are then built side by side, one process per processor
(at most), forked from this one so that they inherit the checked catalogue and the rendered
bodies instead of computing them again; each writes its own subfolder.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from micic import languages

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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs.plugins").setLevel(logging.WARNING)
    chosen = [code for code in codes if code in (args.language or codes)]
    site_dir, config_file = args.site_dir.resolve(), args.config_file.resolve()
    started = time.monotonic()
    first, rest = chosen[0], chosen[1:]
    failed = _build(first, site_dir, config_file)
    if failed or not rest:
        return _report(failed, chosen, started, args.site_dir)
    workers = min(len(rest), os.cpu_count() or 1)
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


def _report(failed: str, chosen: list[str], started: float, site_dir: Path) -> int:
    if failed:
        print(failed, file=sys.stderr)
        return 1
    print(f"built {', '.join(chosen)} in {time.monotonic() - started:.1f} s into {site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
