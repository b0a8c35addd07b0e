"""The interface's message catalogues: extract, update, compile (`make messages`).

    python scripts/messages.py           extract the words of templates, overrides, the core
                                         and mkdocs.yml into hooks/micic/locales/messages.pot,
                                         update each language's messages.po from it (new words
                                         come in empty, for a translator), and compile each one
                                         to check it, printing how complete it is
    python scripts/messages.py --check   exit 1 when a catalogue is stale or incomplete

The languages are the site's (vocabulary.yml, `site_languages`), the default one excepted: its
words are the source. A fifth language is a line there, then `make messages`, then its
translations in hooks/micic/locales/<code>/LC_MESSAGES/messages.po. The build reads the .po
files themselves (micic.languages compiles them in memory), so no compiled file is kept.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from micic import languages

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = languages.LOCALES / "messages.pot"
KEYWORDS = ["-k", "N_", "-k", "gettext", "-k", "ngettext:1,2"]


def pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *arguments])


def extract(output: Path) -> None:
    pybabel("extract", "-F", str(ROOT / "babel.cfg"), *KEYWORDS, "--no-location", "--sort-output",
            "--omit-header", "-o", str(output), str(ROOT))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only say whether the catalogues are up to date")
    args = parser.parse_args(argv)
    if args.check:
        problems = languages.catalogue_problems(ROOT)
        print("\n".join(problems) or "every message catalogue is up to date and complete")
        return 1 if problems else 0
    extract(TEMPLATE)
    for language in languages.languages():
        if language.default:
            continue
        po = languages.catalogue_path(language.code)
        if po.is_file():
            pybabel("update", "-i", str(TEMPLATE), "-o", str(po), "-l", language.code, "--no-fuzzy-matching",
                    "--ignore-obsolete", "--width", "1000")  # fmt: skip
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            pybabel("init", "-i", str(TEMPLATE), "-o", str(po), "-l", language.code)
        with tempfile.TemporaryDirectory() as scratch:
            pybabel("compile", "-i", str(po), "-o", str(Path(scratch) / "messages.mo"), "-l", language.code,
                    "--statistics")  # fmt: skip
    problems = languages.catalogue_problems(ROOT)
    print("\n".join(problems) or "every message catalogue is up to date and complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
