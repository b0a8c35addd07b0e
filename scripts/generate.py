"""Write (or check) the committed files that are generated from the vocabulary.

python scripts/generate.py          rewrite them
python scripts/generate.py --check  exit 1, naming them, when any is out of date
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from micic import vocabulary
from micic.check import CONSULTATION, PRACTICE
from micic.issue_form import FORM_FILE, issue_form
from micic.schema import recommendations_schema_json, schema_json, translation_schema_json

ROOT = Path(__file__).resolve().parent.parent


def generated_files() -> dict[str, Callable[[], str]]:
    """Repository path → a function giving its current content."""
    v = vocabulary.load()
    return {
        "docs/schema/practice.schema.json": lambda: schema_json(PRACTICE, v),
        "docs/schema/consultation.schema.json": lambda: schema_json(CONSULTATION, v),
        "docs/schema/translation.schema.json": lambda: translation_schema_json(v),
        "docs/schema/recommendations.schema.json": lambda: recommendations_schema_json(v),
        FORM_FILE: issue_form,
    }


def stale_files(root: Path = ROOT) -> list[str]:
    stale = []
    for path, content in generated_files().items():
        target = root / path
        if not target.exists() or target.read_text(encoding="utf-8") != content():
            stale.append(path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"{path} is out of date: run `make generate` and commit the result")
        return 1 if stale else 0
    for path, content in generated_files().items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content(), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
