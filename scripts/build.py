"""Build the site in every language into one folder (`make build`).

    python scripts/build.py                     every language: site/, site/fr/, site/es/, site/ar/
    python scripts/build.py --language fr       one language (into site/fr/)
    python scripts/build.py --site-dir DIR      another folder

One MkDocs build per language (theme.language, which mkdocs.yml takes from SITE_LANGUAGE), all
in this process, so that the repository is checked and its catalogue built once
(micic.prepare) and every record body rendered once, for all of them. The default language
is built first: its build empties the folder (after the check, so that invalid records never
destroy the last good site), and each other language then writes its own subfolder.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
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
    started = time.monotonic()
    for code in chosen:
        try:
            build_language(code, args.site_dir.resolve(), args.config_file.resolve())
        except (Abort, MkDocsException) as error:
            print(f"the {code} build failed: {error}", file=sys.stderr)
            return 1
    print(f"built {', '.join(chosen)} in {time.monotonic() - started:.1f} s into {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
